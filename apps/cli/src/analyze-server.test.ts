import type { AnalysisEvent, AnalysisResponse } from '@seer/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeRunsServer,
  formatEvent,
  sampleEvents,
  startFakeRunsServer,
} from '../test/fake-runs-server';
import { makeFolder, runSeer, startSeer, writePuzzle } from '../test/test-support';

// The CLI against a small server of the test's own that speaks the runs routes (docs/runs.md) and cuts
// the first stream where the test says; the same against the real API is in runs-api.test.ts.

const REASONING = Array.from(
  { length: 12 },
  (_, index) => `Step ${index + 1}: check row ${index % 2 ? 'two' : 'one'}. `,
);
const ANSWER = ['Rule: the third number ', 'is the sum of the first two.\n', '\\boxed{10}'];
const ARGS = ['analyze', 'puzzle.png', '--task', 'math-pattern'];

let fake: FakeRunsServer;
let folder: string;
let events: AnalysisEvent[];

beforeAll(async () => {
  folder = await makeFolder();
  await writePuzzle(folder);
  fake = await startFakeRunsServer({ events: [] });
  events = sampleEvents(fake.runId, REASONING, ANSWER);
  fake.plan.events = events;
});

afterAll(async () => {
  await fake.close();
});

function seer(args: readonly string[]) {
  return runSeer(args, { cwd: folder, env: { SEER_SERVER_URL: fake.url, SEER_TOKEN: 'secret' } });
}

/** The run as `GET /v1/analyses/{id}` answers it once it finished. */
function finishedStatus(): unknown {
  const start = events[0] as Extract<AnalysisEvent, { type: 'start' }>;
  const finish = events.at(-1) as Extract<AnalysisEvent, { type: 'finish' }>;
  const media = events.flatMap((event) => (event.type === 'media' ? [event.item] : []));
  const analysis: AnalysisResponse = {
    id: start.id,
    model: start.model,
    template: start.template,
    locale: start.locale,
    media,
    reasoning: REASONING.join(''),
    text: ANSWER.join(''),
    finishReason: finish.finishReason,
    usage: finish.usage,
    timing: finish.timing,
    ...(finish.result ? { result: finish.result } : {}),
  };
  return {
    id: start.id,
    object: 'analysis.run',
    status: 'finished',
    model: start.model,
    template: start.template,
    createdAt: '2026-12-07T10:00:00.000Z',
    lastEventId: events.length - 1,
    detached: false,
    analysis,
  };
}

describe('seer analyze --server', () => {
  it('prints the same thinking and answer when the stream drops mid-thinking as when it does not', async () => {
    fake.plan = { events };
    const whole = await seer(ARGS);
    expect(whole.stderr).toBe('');
    expect(whole.code).toBe(0);
    expect(whole.stdout).toContain(REASONING.join(''));

    fake.plan = { events, cutAfterEvent: 6, repeatsLast: true };
    fake.requests.length = 0;
    const cut = await seer(ARGS);
    expect(cut.stderr).toBe('seer: reconnected (after event 5)\n');
    expect(cut.code).toBe(0);
    expect(cut.stdout).toBe(whole.stdout);
    expect(
      fake.requests.map(({ method, path, lastEventId, authorization }) => ({
        method,
        path,
        lastEventId,
        authorization,
      })),
    ).toEqual([
      { method: 'POST', path: '/v1/analyses', lastEventId: undefined, authorization: 'Bearer secret' },
      {
        method: 'GET',
        path: `/v1/analyses/${fake.runId}/events`,
        lastEventId: '5',
        authorization: 'Bearer secret',
      },
    ]);
  });

  it('prints the same --json document when the stream drops as when it does not', async () => {
    fake.plan = { events };
    const whole = await seer([...ARGS, '--json']);
    fake.plan = { events, cutAfterEvent: 9 };
    const cut = await seer([...ARGS, '--json']);
    expect(cut.code).toBe(0);
    expect(cut.stdout).toBe(whole.stdout);
    expect(JSON.parse(cut.stdout)).toMatchObject({
      id: fake.runId,
      reasoning: REASONING.join(''),
      text: ANSWER.join(''),
    });
    expect(cut.stderr).toBe('seer: reconnected (after event 8)\n');
  });

  it('prints notices on stderr and skips event types it does not know', async () => {
    fake.plan = { events };
    const whole = await seer(ARGS);
    const preamble = `${formatEvent(
      { type: 'notice', code: 'thinking_dropped', message: '3 events of thinking were dropped.' },
      undefined,
    )}event: progress-from-the-future\ndata: {"percent":50}\n\n`;
    fake.plan = { events, cutAfterEvent: 3, preamble };
    const cut = await seer(ARGS);
    expect(cut.code).toBe(0);
    expect(cut.stderr).toBe(
      'seer: reconnected (after event 2)\nseer: note: 3 events of thinking were dropped.\n',
    );
    expect(cut.stdout).toBe(whole.stdout);
  });

  it('cancels the run on the server on Ctrl-C', async () => {
    fake.plan = { events, stallAfterEvent: 6 };
    fake.requests.length = 0;
    const { child, result } = startSeer(ARGS, {
      cwd: folder,
      env: { SEER_SERVER_URL: fake.url, SEER_TOKEN: 'secret' },
    });
    child.stdout?.on('data', (text: string) => {
      if (text.includes('Step 3')) child.kill('SIGINT');
    });
    const run = await result;
    expect(run.code).toBe(130);
    expect(run.stderr).toBe('seer: Interrupted.\n');
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: `/v1/analyses/${fake.runId}/cancel`,
      authorization: 'Bearer secret',
    });
  });

  it('says so and exits 1 when the run is gone on reconnecting', async () => {
    const gone = { status: 404, code: 'unknown_analysis', message: 'There is no analysis here.' };
    fake.plan = { events, cutAfterEvent: 6, refusals: [gone] };
    const cut = await seer(ARGS);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toBe(
      `seer: The connection dropped, and reconnecting to ${fake.runId} failed: There is no analysis here.\n`,
    );
    expect(cut.stdout).toContain('Step 3');
  });
});

describe('seer runs show', () => {
  it('prints a finished run as seer analyze printed it, and --json the status document', async () => {
    fake.plan = { events, status: finishedStatus() };
    const analyzed = await seer(ARGS);
    const shown = await seer(['runs', 'show', fake.runId]);
    expect(shown.stderr).toBe('');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(analyzed.stdout);
    const json = await seer(['runs', 'show', fake.runId, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(finishedStatus());
  });

  it('prints a running run’s status and how to follow it', async () => {
    const status = {
      ...(finishedStatus() as object),
      status: 'running',
      lastEventId: 41,
      analysis: undefined,
    };
    fake.plan = { events, status };
    const shown = await seer(['runs', 'show', fake.runId]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(
      `${fake.runId} is running: qvq-max · math-pattern, started 2026-12-07T10:00:00.000Z, 42 events so far.\n` +
        `Follow it with: seer runs follow ${fake.runId}\n`,
    );
  });

  it('prints a cancelled run’s partial thinking and answer, then its error, and exits 1', async () => {
    const status = {
      ...(finishedStatus() as object),
      status: 'cancelled',
      analysis: undefined,
      error: { code: 'cancelled', message: 'The analysis was cancelled.', retryable: false },
      partial: { reasoning: 'Row one: 3 + 7', text: '' },
    };
    fake.plan = { events, status };
    const shown = await seer(['runs', 'show', fake.runId]);
    expect(shown.code).toBe(1);
    expect(shown.stdout).toBe('qvq-max · math-pattern · cancelled\n\nThinking\nRow one: 3 + 7\n');
    expect(shown.stderr).toBe('seer: The analysis was cancelled.\n');
  });

  it('prints the server’s message and exits 1 for an id it does not have', async () => {
    const shown = await seer(['runs', 'show', 'an_nope']);
    expect(shown.code).toBe(1);
    expect(shown.stdout).toBe('');
    expect(shown.stderr).toBe('seer: There is no analysis here at /v1/analyses/an_nope.\n');
  });
});

describe('seer runs follow', () => {
  it('prints a run from its first event as seer analyze does', async () => {
    fake.plan = { events };
    const analyzed = await seer(ARGS);
    const followed = await seer(['runs', 'follow', fake.runId]);
    expect(followed.code).toBe(0);
    expect(followed.stdout).toBe(analyzed.stdout);
  });
});
