import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type StreamScenario, startMockUpstream } from '@seer/mock-upstream';
import { startAPIServer } from '@seer/test-setup';
import { ms, summarize } from './measure';

const model = 'qwen2.5-vl-72b-instruct';
const concurrentStreams = 200;
const firstTokenSamples = 200;
const firstTokenWarmUp = 20;

/** Sentences repeated to `length` characters, so the stream carries text like a model's. */
function makeText(length: number): string {
  const sentences =
    'Let me look at the picture again. The second row adds the two numbers before it, so 3 + 7 = 10. ';
  return sentences.repeat(Math.ceil(length / sentences.length)).slice(0, length);
}

/**
 * Short, so that a sample ends quickly. The pause between chunks makes the first token arrive on its
 * own after the role chunk, as from a model, rather than in one burst with the whole answer.
 */
const firstTokenScenario: StreamScenario = {
  kind: 'stream',
  dialect: 'reasoning_content',
  reasoning: makeText(80),
  answer: makeText(32),
  chunkChars: 16,
  delayMs: 2,
};

/**
 * 4,000 characters in 63 chunks over about 6 s: long enough that the first streams are still open
 * when the API has started the last. The 200 together send about 2,000 chunks a second, enough to keep
 * the API busy (docs/performance.md, load).
 */
const loadScenario: StreamScenario = {
  kind: 'stream',
  dialect: 'reasoning_content',
  reasoning: makeText(3000),
  answer: makeText(1000),
  chunkChars: 64,
  delayMs: 100,
};

/** What the client saw of one streamed response. */
interface StreamOutcome {
  status: number;
  /** From sending the request to the first reasoning or answer text; undefined when none came. */
  firstTokenMs?: number;
  /** The stream ended as it should (the API's `finish` event, the provider's `[DONE]`), with no error. */
  isComplete: boolean;
}

/** How to read one kind of stream: where its first token is, how it ends well, how it fails. */
interface StreamDialect {
  firstToken: RegExp;
  end: string;
  error?: string;
}

const apiEvents: StreamDialect = {
  firstToken: /event: (?:reasoning|text)-delta\n/,
  end: 'event: finish\n',
  error: 'event: error\n',
};
// The role chunk comes first with an empty `content`; the first chunk with text carries `reasoning_content`.
const providerChunks: StreamDialect = { firstToken: /"reasoning_content":"[^"]/, end: 'data: [DONE]' };

/**
 * POSTs JSON and reads the streamed answer, timing its first token. Node's http client rather than
 * fetch: its agent says plainly how many connections it opens, and it costs the API path and the
 * direct path the same.
 */
function postStream(
  agent: http.Agent,
  url: string,
  body: string,
  dialect: StreamDialect,
  onFirstToken: () => void = () => {},
): Promise<StreamOutcome> {
  return new Promise((resolve) => {
    const sentAt = performance.now();
    let firstTokenMs: number | undefined;
    let text = '';
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.setEncoding('utf8');
        response.on('data', (piece: string) => {
          text += piece;
          if (firstTokenMs === undefined && dialect.firstToken.test(text)) {
            firstTokenMs = performance.now() - sentAt;
            onFirstToken();
          }
        });
        response.on('end', () => {
          const isComplete =
            response.statusCode === 200 &&
            text.includes(dialect.end) &&
            !(dialect.error !== undefined && text.includes(dialect.error));
          resolve({
            status: response.statusCode ?? 0,
            isComplete,
            ...(firstTokenMs === undefined ? {} : { firstTokenMs }),
          });
        });
        response.on('error', () => resolve({ status: response.statusCode ?? 0, isComplete: false }));
      },
    );
    request.on('error', () => resolve({ status: 0, isComplete: false }));
    request.setTimeout(60_000, () => request.destroy());
    request.end(body);
  });
}

/** A process's resident memory in bytes and CPU time in seconds (Linux `/proc`), or undefined without it. */
function readProcess(pid: number): { residentBytes: number; cpuSeconds: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const residentKB = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
    // The fields after the command name (which may hold spaces): utime and stime are the 12th and 13th,
    // in clock ticks, which Linux exposes at 100 a second.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticksPerSecond = 100;
    return {
      residentBytes: residentKB * 1024,
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond,
    };
  } catch {
    return undefined;
  }
}

/** The most requests open at the same time, from their arrival and close times. */
function mostAtOnce(spans: { receivedAt: number; closedAt?: number }[]): number {
  const changes = spans.flatMap((span) => [
    { at: span.receivedAt, delta: 1 },
    { at: span.closedAt ?? Number.POSITIVE_INFINITY, delta: -1 },
  ]);
  // At equal times a close counts before an arrival, so that back-to-back requests do not overlap.
  changes.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let open = 0;
  let most = 0;
  for (const change of changes) {
    open += change.delta;
    most = Math.max(most, open);
  }
  return most;
}

/** Starts `pass-through.ts` in front of the provider; resolves with its URL and process. */
async function startPassThrough(upstream: string): Promise<{ url: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL('./pass-through.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, UPSTREAM: upstream },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      output += text;
      const match = /listening on (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`The pass-through exited (code ${code}): ${output}`)));
  });
  return { url, child };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

/**
 * The API under load against the mock provider. First the time to first token through the API, from
 * the provider directly, and through a bare pass-through process, in rotation in one run: what the API
 * adds, beside what any process in between adds on this machine. Then 200 streams opened at
 * once through the API: errors, wall time, and the API process's resident memory per open stream.
 */
export async function benchLoad(): Promise<string[]> {
  const mock = await startMockUpstream({ defaultScenario: firstTokenScenario });
  const logFile = path.join(tmpdir(), `seer-bench-load-${process.pid}.log`);
  // The API's log goes to a file: read through a pipe, it would wake this process, which also runs the
  // mock and the client, in the middle of the samples it times.
  const api = await startAPIServer(
    { SEER_BASE_URL: mock.url, SEER_API_KEY: 'bench', SEER_MODEL: model },
    60_000,
    {
      logFile,
    },
  );
  const apiPid = api.child.pid!;
  const passThrough = await startPassThrough(mock.url);
  // Keep-alive on both paths, as the API keeps its connections to the provider: no sample pays for a
  // TCP handshake. No socket limit, so that the 200 streams really are open at once.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const analysesURL = `${api.url}/v1/analyses`;
  const providerURL = `${mock.url}/chat/completions`;
  const analysisBody = JSON.stringify({ model, template: 'freeform', question: 'What comes next?' });
  try {
    const warmUp = await postStream(agent, analysesURL, analysisBody, apiEvents);
    if (!warmUp.isComplete) throw new Error(`The API did not stream an analysis (status ${warmUp.status}).`);
    // The direct requests send exactly the body the API sent the provider for that analysis.
    const providerBody = JSON.stringify(mock.requests.at(-1)!.body);

    const throughAPI: number[] = [];
    const direct: number[] = [];
    const throughPassThrough: number[] = [];
    let firstTokenErrors = 0;
    for (let sample = -firstTokenWarmUp; sample < firstTokenSamples; sample++) {
      const viaProvider = await postStream(agent, providerURL, providerBody, providerChunks);
      const viaAPI = await postStream(agent, analysesURL, analysisBody, apiEvents);
      const viaPassThrough = await postStream(agent, passThrough.url, providerBody, providerChunks);
      if (!viaProvider.isComplete || !viaAPI.isComplete || !viaPassThrough.isComplete) firstTokenErrors++;
      if (
        sample < 0 ||
        viaProvider.firstTokenMs === undefined ||
        viaAPI.firstTokenMs === undefined ||
        viaPassThrough.firstTokenMs === undefined
      ) {
        continue;
      }
      direct.push(viaProvider.firstTokenMs);
      throughAPI.push(viaAPI.firstTokenMs);
      throughPassThrough.push(viaPassThrough.firstTokenMs);
    }
    const apiTiming = summarize(throughAPI);
    const directTiming = summarize(direct);
    const passThroughTiming = summarize(throughPassThrough);

    mock.setDefault(loadScenario);
    const upstreamBefore = mock.requests.length;
    const before = readProcess(apiPid);
    let peakBytes = before?.residentBytes ?? 0;
    const samplePeak = () => {
      peakBytes = Math.max(peakBytes, readProcess(apiPid)?.residentBytes ?? 0);
    };
    const sampler = setInterval(samplePeak, 20);
    let streaming = 0;
    let mostStreaming = 0;
    let allStreamingAfterMs: number | undefined;
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: concurrentStreams }, () =>
        postStream(agent, analysesURL, analysisBody, apiEvents, () => {
          streaming++;
          mostStreaming = Math.max(mostStreaming, streaming);
          if (streaming === concurrentStreams) {
            allStreamingAfterMs = performance.now() - started;
            samplePeak();
          }
        }).then((outcome) => {
          if (outcome.firstTokenMs !== undefined) streaming--;
          return outcome;
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const after = readProcess(apiPid);
    const loadErrors = outcomes.filter((outcome) => !outcome.isComplete).length;
    const upstreamAtOnce = mostAtOnce(mock.requests.slice(upstreamBefore));
    const allStreaming =
      allStreamingAfterMs === undefined
        ? `at most ${mostStreaming} streaming at once`
        : `all streaming at once ${(allStreamingAfterMs / 1000).toFixed(1)} s after the start`;
    const memory =
      before === undefined || after === undefined
        ? 'API memory and CPU not measured (no /proc)'
        : `API memory ${megabytes(before.residentBytes)} → ${megabytes(peakBytes)} at peak (${(
            (peakBytes - before.residentBytes) / concurrentStreams / 1024 / 1024
          ).toFixed(2)} MB per stream), API CPU ${(after.cpuSeconds - before.cpuSeconds).toFixed(1)} s`;

    return [
      `load: ${concurrentStreams} concurrent streams through the API: ${loadErrors} errors, ${seconds.toFixed(1)} s (${allStreaming}; ${upstreamAtOnce} open upstream at most); ${memory}`,
      `  time to first token: API ${ms(apiTiming.median)}, upstream directly ${ms(directTiming.median)} (median of ${apiTiming.runs} each, alternating; ${firstTokenErrors} errors): the API adds ${ms(apiTiming.median - directTiming.median)} (target ≤ 2); a bare node:http pass-through process, timed in the same rotation, adds ${ms(passThroughTiming.median - directTiming.median)}`,
    ];
  } finally {
    passThrough.child.kill();
    agent.destroy();
    await api.stop();
    rmSync(logFile, { force: true });
    await mock.close();
  }
}
