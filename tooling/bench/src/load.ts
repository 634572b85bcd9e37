import { rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type StreamScenario, startMockUpstream } from '@seer/mock-upstream';
import { startAPIServer } from '@seer/test-setup';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import {
  analysisEvents,
  chatChunks,
  openAIClient,
  openAIStream,
  postStream,
  type StreamOutcome,
} from './load-clients';
import { describeLoad, loadStreams } from './load-concurrent';
import { timeFirstTokens } from './load-first-token';
import { startPassThrough } from './load-processes';
import { ms, type Timing } from './measure';

const model = 'qwen2.5-vl-72b-instruct';
const question = 'What comes next?';
const concurrentStreams = 200;
const firstTokenSamples = 200;
const firstTokenWarmUp = 20;
/** The target as filed: what each of Seer's routes may add to the median time to first token of a direct call. */
const targetAddedMs = 2;
/**
 * The target that measures Seer: what its own work may add over the floor of its route, the same hop
 * made by a bare pass-through with the same clients (docs/performance.md, time to first token).
 */
const targetOwnWorkMs = 1;
/**
 * The pause before the second route's load: longer than the 5 s after which the mock (a Node http
 * server) closes idle connections, so that the API opens its connections to the provider afresh for
 * each load.
 */
const pauseBetweenLoadsMs = 6_000;

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

const analysisBody = JSON.stringify({ model, template: 'freeform', question });
/**
 * The same question as an OpenAI chat completion. Seer's `freeform` task makes the provider request
 * exactly the one an analysis makes (checked before the samples); `seer` is a field the SDK's types
 * lack, which it sends as written.
 */
const chatRequest = {
  model,
  stream: true,
  messages: [{ role: 'user', content: question }],
  seer: { template: 'freeform' },
} as ChatCompletionCreateParamsStreaming;

/** `7.1 ms (p90 8.0 ms)` */
function medianAndP90(timing: Timing): string {
  return `${ms(timing.median)} (p90 ${ms(timing.p90)})`;
}

/** `+2.04 ms`: to the hundredth, so that a figure just over the target does not print as the target. */
function added(timing: Timing, baseline: Timing): string {
  const difference = timing.median - baseline.median;
  return `${difference < 0 ? '−' : '+'}${Math.abs(difference).toFixed(2)} ms`;
}

/** `0.54 ms (target ≤ 1 ms)`: a route's time over its floor, which is Seer's own work. */
function ownWork(timing: Timing, baseline: Timing, floorMs: number): string {
  const work = timing.median - baseline.median - floorMs;
  const isMet = work <= targetOwnWorkMs;
  return `${Math.max(0, work).toFixed(2)} ms (target ≤ ${targetOwnWorkMs} ms${isMet ? '' : ': not met'})`;
}

/** `+2.04 ms over the direct SDK call (target ≤ +2 ms: not met)` */
function againstTarget(timing: Timing, baseline: Timing): string {
  const isMet = timing.median - baseline.median <= targetAddedMs;
  return `${added(timing, baseline)} over the direct SDK call (target ≤ +${targetAddedMs} ms${isMet ? '' : ': not met'})`;
}

/**
 * The API under load against the mock provider. First the time to first token, in rotation in one run,
 * of the openai SDK calling the provider directly (the baseline, as an application would without
 * Seer), `POST /v1/analyses`, `POST /v1/chat/completions` through the same SDK, and for reference
 * Node's http client calling the provider directly (the client the analyses are read with) and through
 * a bare pass-through process. Then 200 streams opened at once through each of the two routes: errors,
 * wall time, and the API process's resident memory per open stream and CPU time.
 */
export async function benchLoad(): Promise<string[]> {
  const mock = await startMockUpstream({ defaultScenario: firstTokenScenario });
  const logFile = path.join(tmpdir(), `seer-bench-load-${process.pid}.log`);
  // The API's log goes to a file: read through a pipe, it would wake this process, which also runs the
  // mock and the client, in the middle of the samples it times.
  const api = await startAPIServer(
    { SEER_BASE_URL: mock.url, SEER_API_KEY: 'bench', SEER_MODEL: model },
    60_000,
    { logFile },
  );
  const apiPid = api.child.pid!;
  const passThrough = await startPassThrough(mock.url);
  // Keep-alive on every path, as the API and the SDK keep their connections: no sample pays for a TCP
  // handshake. No socket limit, so that the 200 streams really are open at once.
  const agentOptions: http.AgentOptions = { keepAlive: true, maxSockets: Number.POSITIVE_INFINITY };
  const agent = new http.Agent(agentOptions);
  const providerSDK = openAIClient(mock.url);
  const seerSDK = openAIClient(`${api.url}/v1`);
  const analysesURL = `${api.url}/v1/analyses`;
  const chatURL = `${api.url}/v1/chat/completions`;
  const chatBody = JSON.stringify(chatRequest);
  try {
    // One stream through each route first; the direct calls send exactly the request both sent.
    const warmUp = await postStream(agent, analysesURL, analysisBody, analysisEvents);
    if (!warmUp.isComplete) throw new Error(`The API did not stream an analysis (status ${warmUp.status}).`);
    const providerBody = JSON.stringify(mock.requests.at(-1)!.body);
    const chatWarmUp = await openAIStream(seerSDK, chatRequest);
    if (!chatWarmUp.isComplete) {
      throw new Error(`The API did not stream a chat completion (status ${chatWarmUp.status}).`);
    }
    const providerBodyOfChat = JSON.stringify(mock.requests.at(-1)!.body);
    if (providerBodyOfChat !== providerBody) {
      throw new Error(
        `The two routes asked the provider differently:\n${providerBody}\n${providerBodyOfChat}`,
      );
    }
    const providerRequest = JSON.parse(providerBody) as ChatCompletionCreateParamsStreaming;

    const rotation: { label: string; open: () => Promise<StreamOutcome> }[] = [
      { label: 'openai SDK → provider', open: () => openAIStream(providerSDK, providerRequest) },
      {
        label: '/v1/analyses (node:http client)',
        open: () => postStream(agent, analysesURL, analysisBody, analysisEvents),
      },
      { label: '/v1/chat/completions (openai SDK)', open: () => openAIStream(seerSDK, chatRequest) },
      {
        label: 'node:http → provider',
        open: () => postStream(agent, `${mock.url}/chat/completions`, providerBody, chatChunks),
      },
      {
        label: 'node:http → bare pass-through → provider',
        open: () => postStream(agent, passThrough.url, providerBody, chatChunks),
      },
    ];
    const firstTokens = await timeFirstTokens(rotation, firstTokenSamples, firstTokenWarmUp);
    const [sdk, analyses, chat, nodeHTTP, passingThrough] = firstTokens.timings as [
      Timing,
      Timing,
      Timing,
      Timing,
      Timing,
    ];
    const label = (index: number) => rotation[index]!.label;
    // What a route costs with no work of Seer's in it. A bare pass-through adds one hop to node:http's
    // call. /v1/analyses is read with node:http and calls the provider with the SDK, as the direct call
    // does, so its floor over that call is the hop. /v1/chat/completions has the SDK at both ends: the
    // hop, and one SDK call more than node:http makes.
    const hopMs = passingThrough.median - nodeHTTP.median;
    const sdkCallMs = sdk.median - nodeHTTP.median;
    const floors = { analyses: hopMs, chat: hopMs + sdkCallMs };
    const lines = [
      `time to first token, median of ${sdk.runs} each, ${rotation.length} paths in rotation (${firstTokens.errors} errors):`,
      `  ${label(0)}: ${medianAndP90(sdk)}`,
      `  ${label(1)}: ${medianAndP90(analyses)}: ${againstTarget(analyses, sdk)}; ${added(analyses, nodeHTTP)} over node:http → provider`,
      `  ${label(2)}: ${medianAndP90(chat)}: ${againstTarget(chat, sdk)}`,
      `  ${label(3)}: ${medianAndP90(nodeHTTP)}: the SDK call takes ${added(sdk, nodeHTTP)} more`,
      `  ${label(4)}: ${medianAndP90(passingThrough)}: ${added(passingThrough, nodeHTTP)} over node:http → provider`,
      `  floor of each route over the direct SDK call, from the two above: /v1/analyses +${floors.analyses.toFixed(2)} ms (the hop), /v1/chat/completions +${floors.chat.toFixed(2)} ms (the hop and an SDK call)`,
      `  Seer's own work, over the floor: /v1/analyses ${ownWork(analyses, sdk, floors.analyses)}, /v1/chat/completions ${ownWork(chat, sdk, floors.chat)}`,
    ];

    mock.setDefault(loadScenario);
    // Both routes are read with Node's http client under load, each with a fresh agent: the same cost
    // on this process, which also runs the mock, and no connection left open by the other route.
    const routes = [
      { route: '/v1/analyses', url: analysesURL, body: analysisBody, dialect: analysisEvents },
      { route: '/v1/chat/completions', url: chatURL, body: chatBody, dialect: chatChunks },
    ];
    for (const [index, { route, url, body, dialect }] of routes.entries()) {
      if (index > 0) await sleep(pauseBetweenLoadsMs);
      const loadAgent = new http.Agent(agentOptions);
      try {
        const result = await loadStreams({
          count: concurrentStreams,
          open: (onFirstToken) => postStream(loadAgent, url, body, dialect, onFirstToken),
          apiPid,
          upstreamRequests: mock.requests,
        });
        lines.push(describeLoad(route, result));
      } finally {
        loadAgent.destroy();
      }
    }
    return lines;
  } finally {
    passThrough.child.kill();
    agent.destroy();
    await api.stop();
    rmSync(logFile, { force: true });
    await mock.close();
  }
}
