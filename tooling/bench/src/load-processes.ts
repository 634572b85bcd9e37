import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A process's resident memory and CPU time so far. */
export interface ProcessReading {
  residentBytes: number;
  cpuSeconds: number;
}

/** A process's resident memory in bytes and CPU time in seconds (Linux `/proc`), or undefined without it. */
export function readProcess(pid: number): ProcessReading | undefined {
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
export function mostAtOnce(spans: { receivedAt: number; closedAt?: number }[]): number {
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
export async function startPassThrough(upstream: string): Promise<{ url: string; child: ChildProcess }> {
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

/** `155 MB` */
export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}
