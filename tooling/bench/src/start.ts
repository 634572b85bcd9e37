import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { megabytes, readProcess } from './load-processes';
import { compare, ms } from './measure';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cliLauncher = `${repoRoot}apps/cli/bin/seer.js`;
const builtAPI = `${repoRoot}apps/api/dist/main.js`;
/** The targets: what a person waits for before the command answers, and before the API serves. */
const targetCLIStartMs = 200;
const targetAPIStartMs = 500;

/** Runs `node <args>` to its end, its output thrown away. */
function runNode(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'ignore', cwd: repoRoot });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`node ${args.join(' ')}: ${code}`)),
    );
  });
}

/** Polls `url` until it answers 200. */
async function untilHealthy(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error('The API exited before it was healthy.');
    const answered = await fetch(url).then(
      (response) => response.status === 200,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A free port: the API is given one, so that the clock runs to a health check, not to a log line. */
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the built API as `pnpm start` runs it (`node apps/api/dist/main.js`, production, the
 * playground served), and times the start to its first healthy `/healthz`; then reads its resident
 * memory and stops it.
 */
async function startBuiltAPI(): Promise<{ ms: number; residentBytes: number | undefined }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [builtAPI], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      MALLOC_ARENA_MAX: '2',
      PORT: String(port),
      SEER_CHECK_MODELS: '0',
    },
    stdio: 'ignore',
  });
  try {
    await untilHealthy(`http://127.0.0.1:${port}/healthz`, child);
    const elapsed = performance.now() - started;
    return { ms: elapsed, residentBytes: readProcess(child.pid!)?.residentBytes };
  } finally {
    child.kill('SIGKILL');
  }
}

/**
 * How long people wait for the built programs, as they run them: `seer --help` with node straight on
 * the bundle (median of 10, alternating with a bare `node -e 0`, the floor of any Node program here),
 * and the built API from its start to a healthy `/healthz` (median of 5), with its resident memory then.
 */
export async function benchStart(): Promise<string[]> {
  if (!existsSync(`${repoRoot}apps/cli/dist/main.js`) || !existsSync(builtAPI)) {
    throw new Error('The programs are not built: run "pnpm build" first (pnpm bench does).');
  }
  const cli = await compare(
    () => runNode([cliLauncher, '--help']),
    () => runNode(['-e', '0']),
    10,
  );
  const apiStarts: number[] = [];
  const memories: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = await startBuiltAPI();
    apiStarts.push(start.ms);
    if (start.residentBytes !== undefined) memories.push(start.residentBytes);
  }
  apiStarts.sort((a, b) => a - b);
  memories.sort((a, b) => a - b);
  const apiMedian = apiStarts[2]!;
  const met = (value: number, target: number) => (value <= target ? '' : ': not met');
  return [
    `seer --help, node on the bundle: ${ms(cli.candidate.median)} median of 10 (target ≤ ${targetCLIStartMs} ms${met(cli.candidate.median, targetCLIStartMs)}); a bare node -e 0: ${ms(cli.baseline.median)}`,
    `API start to a healthy /healthz (node apps/api/dist/main.js): ${ms(apiMedian)} median of 5 (target ≤ ${targetAPIStartMs} ms${met(apiMedian, targetAPIStartMs)}); resident memory then ${memories.length > 0 ? megabytes(memories[Math.floor(memories.length / 2)]!) : 'unknown'}`,
  ];
}
