import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { APIServer } from '@seer/test-setup';

/** The ceilings every hostile case is held to. */
export const HOSTILE_CEILINGS = {
  /** `/healthz` must answer within this while a hostile request is in flight. */
  healthzMs: 250,
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
 * Sends one hostile request to a real API process and measures what it does to the server: `/healthz`
 * is timed back to back for as long as the request is in flight, and the process's resident memory is
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
  let slowest = 0;
  let samples = 0;
  const sampleMemory = (async () => {
    while (isRunning) {
      peakMB = Math.max(peakMB, await residentMB(pid));
      await sleep(20);
    }
  })();
  const pollHealth = (async () => {
    // Let the hostile request reach the server before the clock starts.
    await sleep(10);
    while (isRunning) {
      // A /healthz sent while the request ran counts even if it is answered after: it is the one the
      // blocked event loop kept waiting.
      const took = await timeHealthz(api.url);
      slowest = Math.max(slowest, took);
      samples++;
      await sleep(5);
    }
  })();
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
  await Promise.all([sampleMemory, pollHealth]);
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
