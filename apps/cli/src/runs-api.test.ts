import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import { type APIServer, type CuttingProxy, startAPIServer, startCuttingProxy } from '@seer/test-setup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFolder, runSeer, type SeerRun, startSeer, writePuzzle } from '../test/test-support';

// The real seer against the real API through a TCP proxy that drops the connection mid-thinking, as a
// network does: the output must be the same as an unbroken run's (docs/runs.md).

const REASONING = Array.from(
  { length: 40 },
  (_, index) => `Step ${index + 1}: row one is 3 + 7 = 10 and row two is 4 + 5 = 9, so the rule holds. `,
).join('');
const ANSWER = 'Rule: the third number is the sum of the first two.\n\\boxed{10}';
const ARGS = ['analyze', 'puzzle.png', '--task', 'math-pattern', '--model', 'qvq-max'];

let mock: MockUpstream;
let api: APIServer;
let proxy: CuttingProxy;
let folder: string;
let puzzle: Buffer;

beforeAll(async () => {
  mock = await startMockUpstream();
  mock.setDefault({
    kind: 'stream',
    dialect: 'reasoning_content',
    reasoning: REASONING,
    answer: ANSWER,
    chunkChars: 16,
    delayMs: 5,
  });
  api = await startAPIServer({ DASHSCOPE_API_KEY: 'test', DASHSCOPE_BASE_URL: mock.url });
  proxy = await startCuttingProxy(api.url);
  folder = await makeFolder();
  puzzle = await writePuzzle(folder);
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await api?.stop();
  await mock?.close();
});

function env(): Record<string, string> {
  return { SEER_SERVER_URL: proxy.url };
}

/** The output with the times of the footer left out: they differ from one run to the next. */
function withoutTimes(stdout: string): string {
  return stdout.replace(/\d+(\.\d+)? s\b/g, '… s');
}

/** A `--json` document without what differs from one run to the next: its id and times. */
function withoutIdAndTimes(stdout: string): unknown {
  const { id: _id, timing: _timing, ...rest } = JSON.parse(stdout) as Record<string, unknown>;
  return rest;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('seer analyze --server through a connection that drops', () => {
  it('prints the same thinking and answer as an unbroken run when the stream is cut mid-thinking', async () => {
    const whole = await runSeer(ARGS, { cwd: folder, env: env() });
    expect(whole.stderr).toBe('');
    expect(whole.code).toBe(0);
    expect(whole.stdout).toContain(REASONING);

    const { child, result } = startSeer(ARGS, { cwd: folder, env: env() });
    let printed = '';
    let cuts = 0;
    child.stdout?.on('data', (text: string) => {
      printed += text;
      // Once a good part of the thinking is out, but long before its end.
      if (cuts === 0 && printed.includes('Step 5:')) cuts = proxy.cutAll();
    });
    const cut: SeerRun = await result;
    expect(cuts).toBeGreaterThan(0);
    expect(cut.stderr).toMatch(/^seer: reconnected \(after event \d+\)\n$/);
    expect(cut.code).toBe(0);
    expect(withoutTimes(cut.stdout)).toBe(withoutTimes(whole.stdout));
  });

  it('prints the same --json document as an unbroken run, which seer runs show then prints', async () => {
    const whole = await runSeer([...ARGS, '--json'], { cwd: folder, env: env() });
    expect(whole.code).toBe(0);

    const connectionsBefore = proxy.connections;
    // Headers, start, media and a few pieces of thinking: the cut lands inside the thinking.
    proxy.cutAfterBytes(3000);
    const { result } = startSeer([...ARGS, '--json'], { cwd: folder, env: env() });
    // The setting holds for connections opened while it is on: the reconnect's is not cut.
    await until(() => proxy.connections > connectionsBefore, 'the analysis to connect');
    proxy.cutAfterBytes(undefined);
    const cut = await result;
    expect(cut.stderr).toMatch(/^seer: reconnected \(after event \d+\)\n$/);
    expect(cut.code).toBe(0);
    expect(withoutIdAndTimes(cut.stdout)).toEqual(withoutIdAndTimes(whole.stdout));
    const document = JSON.parse(cut.stdout) as { id: string; reasoning: string; text: string };
    expect(document.reasoning).toBe(REASONING);
    expect(document.text).toBe(ANSWER);

    const status = await runSeer(['runs', 'show', document.id, '--json'], { cwd: folder, env: env() });
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      id: document.id,
      object: 'analysis.run',
      status: 'finished',
      model: 'qvq-max',
      template: 'math-pattern',
      analysis: JSON.parse(cut.stdout),
    });

    const shown = await runSeer(['runs', 'show', document.id], { cwd: folder, env: env() });
    expect(shown.stderr).toBe('');
    expect(shown.code).toBe(0);
    const plain = await runSeer(ARGS, { cwd: folder, env: env() });
    expect(withoutTimes(shown.stdout)).toBe(withoutTimes(plain.stdout));
  });
});

describe('seer runs show against the API', () => {
  it('prints the server’s message and exits 1 for an id it does not have', async () => {
    const shown = await runSeer(['runs', 'show', 'an_00000000000000000000'], { cwd: folder, env: env() });
    expect(shown.code).toBe(1);
    expect(shown.stdout).toBe('');
    expect(shown.stderr).toMatch(/^seer: .*an_00000000000000000000.*\n$/);
  });
});

describe('seer runs against a run that is still going', () => {
  it('shows a detached run as running, cancels it, then shows what it had said and its error', async () => {
    // Slow enough to be caught running: about 8 s of thinking.
    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: REASONING,
      answer: ANSWER,
      chunkChars: 4,
      delayMs: 10,
    });
    const response = await fetch(`${api.url}/v1/analyses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        template: 'math-pattern',
        model: 'qvq-max',
        detach: true,
        media: [{ type: 'image', url: `data:image/png;base64,${puzzle.toString('base64')}` }],
      }),
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    await mock.waitForRequests(1);

    const running = await runSeer(['runs', 'show', id], { cwd: folder, env: env() });
    expect(running.stderr).toBe('');
    expect(running.code).toBe(0);
    expect(running.stdout).toMatch(
      new RegExp(
        `^${id} is running: qvq-max · math-pattern, started \\S+, \\d+ events? so far\\.\nFollow it with: seer runs follow ${id}\n$`,
      ),
    );

    const cancelled = await runSeer(['runs', 'cancel', id], { cwd: folder, env: env() });
    expect(cancelled.stderr).toBe('');
    expect(cancelled.stdout).toBe(`${id}: cancelled\n`);

    const shown = await runSeer(['runs', 'show', id], { cwd: folder, env: env() });
    expect(shown.code).toBe(1);
    expect(shown.stdout).toMatch(/^qvq-max · math-pattern · cancelled\n\nThinking\nStep 1: /);
    expect(shown.stderr).toMatch(/^seer: .+\n$/);
  });
});

describe('seer analyze --server when the thinking it missed is no longer kept', () => {
  let smallAPI: APIServer;
  let smallProxy: CuttingProxy;

  beforeAll(async () => {
    smallAPI = await startAPIServer({
      DASHSCOPE_API_KEY: 'test',
      DASHSCOPE_BASE_URL: mock.url,
      SEER_RUN_MAX_EVENT_KB: '16',
    });
    smallProxy = await startCuttingProxy(smallAPI.url);
  }, 120_000);

  afterAll(async () => {
    await smallProxy?.close();
    await smallAPI?.stop();
  });

  it('prints the server’s notice on stderr and ends with the whole answer', async () => {
    const long = REASONING.repeat(6);
    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: long,
      answer: ANSWER,
      chunkChars: 8,
      delayMs: 1,
    });
    const { child, result } = startSeer(ARGS, { cwd: folder, env: { SEER_SERVER_URL: smallProxy.url } });
    let printed = '';
    let cuts = 0;
    child.stdout?.on('data', (text: string) => {
      printed += text;
      if (cuts > 0 || !printed.includes('Step 2:')) return;
      cuts = smallProxy.cutAll();
      // Down for a few seconds: the run thinks on, past what the server keeps.
      smallProxy.setRefusing(true);
      setTimeout(() => smallProxy.setRefusing(false), 2500);
    });
    const run = await result;
    expect(cuts).toBeGreaterThan(0);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^seer: reconnected \(after event \d+\)\nseer: note: The oldest part of the thinking \(\d+ events\) is no longer kept for replay; the events after it follow\.\n$/,
    );
    expect(run.stdout).toContain(`Answer\n${ANSWER}\n`);
    expect(run.stdout).toContain(long.slice(-200));
  });
});
