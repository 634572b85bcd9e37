#!/usr/bin/env tsx
/**
 * Runs the mock upstream as its own process, for end-to-end tests, benchmarks and people:
 * `tsx src/main.ts [--port 0] [--host 127.0.0.1]`. Script it over HTTP with `/__mock/*`.
 */
import { parseArgs } from 'node:util';
import type { Scenario } from './scenario';
import { startMockUpstream } from './server';

/** Slow enough that a person can watch the thinking and the answer arrive. */
const watchableScenario: Scenario = {
  kind: 'stream',
  dialect: 'reasoning_content',
  reasoning:
    'The user sent a picture and a question. This is the mock upstream, so I will not pretend to look at it; ' +
    'I will answer with a short scripted text instead.',
  answer: 'This answer comes from the Seer mock upstream. Connect a real model to analyse your media.',
  delayMs: 30,
};

const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.1' } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`mock-upstream: --port must be an integer from 0 to 65535, got "${values.port}"`);
  process.exit(2);
}

const upstream = await startMockUpstream({ port, host: values.host, defaultScenario: watchableScenario });
console.log(`mock-upstream listening on ${upstream.url}`);

const shutdown = () => {
  upstream.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
