import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { APIServer } from '@seer/test-setup';

/** The ceilings every hostile case is held to. */
export const HOSTILE_CEILINGS = {
  /**
   * `/healthz` must answer within this while a hostile request is in flight. The target is half of it;
   * the rest is room for a test machine busy with other work, so that only a blocked event loop (the
   * seconds these inputs once cost) fails the suite.
   */
  healthzMs: 500,
  /** Resident memory may rise at most this much above its start during a case. */
  peakRSSMB: 300,
  /** And must be back within this much of its start five seconds after. */
  settledRSSMB: 200,
};

/** What one hostile request did, and what it did to the server. */
export interface HostileOutcome {
  /** The status the hostile request got; 0 when the connection was cut without one. */
  status: number;
  /** The start of its body (for the error code and message). */
  body: string;
  /** The longest `/healthz` took to answer while the hostile request was in flight. */
  slowestHealthzMs: number;
  /** How many `/healthz` answers were timed. */
  healthzSamples: number;
  /** The highest resident memory above the start, in MB, while it ran. */
  peakRSSDeltaMB: number;
  /** Resident memory above the start five seconds after it ended (or sooner once within the ceiling). */
  settledRSSDeltaMB: number;
}

/** The resident memory of a process in MB, from `/proc/<pid>/status`. */
export async function residentMB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
  return kilobytes / 1024;
}

/** One `/healthz` round trip on a fresh connection, in milliseconds. */
function timeHealthz(url: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const call = request(`${url}/healthz`, { agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(performance.now() - started));
    });
    call.on('error', reject);
    call.end();
  });
}

/**
 * Times `/healthz` back to back in a thread of its own until told to stop, then reports the slowest
 * round trip and how many there were. A thread of its own, because the test's main thread may itself be
 * busy sending the hostile request (or serving it, as the mock provider): timed there, its own delays
 * would be blamed on the server.
 */
const HEALTH_POLLER = `
const { parentPort, workerData } = require('node:worker_threads');
const { request } = require('node:http');
let isRunning = true;
let slowest = 0;
let samples = 0;
parentPort.on('message', () => { isRunning = false; });
const once = () => new Promise((resolve) => {
  const started = performance.now();
  const call = request(workerData.url + '/healthz', { agent: false }, (response) => {
    response.resume();
    response.on('end', () => resolve(performance.now() - started));
  });
  call.on('error', () => resolve(performance.now() - started));
  call.end();
});
(async () => {
  await new Promise((resolve) => setTimeout(resolve, 10));
  while (isRunning) {
    // A /healthz sent while the request ran counts even if it is answered after: it is the one the
    // blocked event loop kept waiting.
    slowest = Math.max(slowest, await once());
    samples++;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  parentPort.postMessage({ slowest, samples });
})();
`;

/**
 * Sends one hostile request to a real API process and measures what it does to the server: `/healthz`
 * is timed back to back, in a thread of its own, for as long as the request is in flight, and the process's resident memory is
 * read from `/proc` every 20 ms, then for up to five seconds after the request ended, until it is back
 * within the settled ceiling.
 *
 * @param send sends the hostile request and resolves with its response (or rejects if the server cut it).
 */
export async function runHostile(api: APIServer, send: () => Promise<Response>): Promise<HostileOutcome> {
  const pid = api.child.pid;
  if (pid === undefined) throw new Error('The API process has no pid.');
  // A first /healthz warms the route, so the first timed one measures the server, not its start.
  await timeHealthz(api.url);
  const startMB = await residentMB(pid);
  let isRunning = true;
  let peakMB = startMB;
  const sampleMemory = (async () => {
    while (isRunning) {
      peakMB = Math.max(peakMB, await residentMB(pid));
      await sleep(20);
    }
  })();
  const poller = new Worker(HEALTH_POLLER, { eval: true, workerData: { url: api.url } });
  const polled = once(poller, 'message') as Promise<[{ slowest: number; samples: number }]>;
  let status = 0;
  let body = '';
  try {
    const response = await send();
    status = response.status;
    body = (await response.text()).slice(0, 2000);
  } catch {
    status = 0;
  }
  isRunning = false;
  poller.postMessage('stop');
  const [[{ slowest, samples }]] = await Promise.all([polled, sampleMemory]);
  await poller.terminate();
  let settledMB = await residentMB(pid);
  const deadline = Date.now() + 5000;
  while (settledMB - startMB > HOSTILE_CEILINGS.settledRSSMB && Date.now() < deadline) {
    await sleep(100);
    settledMB = await residentMB(pid);
  }
  return {
    status,
    body,
    slowestHealthzMs: Math.round(slowest),
    healthzSamples: samples,
    peakRSSDeltaMB: Math.round(peakMB - startMB),
    settledRSSDeltaMB: Math.round(settledMB - startMB),
  };
}

/** Asserts the ceilings, with the figures in the message so a failure says how far off it was. */
export function describeOutcome(outcome: HostileOutcome): string {
  return `status ${outcome.status}, /healthz at most ${outcome.slowestHealthzMs} ms over ${outcome.healthzSamples} samples, memory +${outcome.peakRSSDeltaMB} MB at peak and +${outcome.settledRSSDeltaMB} MB after: ${outcome.body.slice(0, 200)}`;
}
