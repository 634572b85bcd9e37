import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root, the working directory of the API process. */
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** A running `@seer/api` child process. */
export interface APIServer {
  /** E.g. `http://127.0.0.1:40123`. */
  url: string;
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr, for failure messages. */
  output(): string;
  /** What it wrote to stdout so far: its JSON log, one line per entry. */
  stdout(): string;
  /** Ends the process (SIGTERM, then SIGKILL after 5 s) and waits for it. */
  stop(): Promise<void>;
}

// Configuration the developer's shell may hold: a test decides its own models.
const inheritedConfig = /^(SEER_|DASHSCOPE_|OPENAI_|OPENROUTER_|VITEST)/;

const listeningLine = /Seer API listening on (http:\/\/\S+)/;

/** Options of {@link startAPIServer}. */
export interface StartAPIServerOptions {
  /**
   * Write the JSON log to this file instead of a pipe to this process. Benchmarks use it so that
   * reading the log does not run on the clock of the process that measures (and serves the mock).
   */
  logFile?: string;
  /** Run the built server (`apps/api/dist/main.js`, as `pnpm start` does) instead of the sources through tsx. */
  built?: boolean;
}

/** Resolves `true` once the process has exited, or `false` after `timeoutMs`. */
export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts the real API the way production runs it (`NODE_ENV=production`, so it serves the built
 * playground at `/`), on a free loopback port, with `env` added to a clean environment and the rate
 * limit off unless `env` sets one. Resolves once it prints `Seer API listening on <url>`.
 *
 * @example
 * const api = await startAPIServer({ SEER_BASE_URL: mock.url, SEER_API_KEY: 'test', SEER_MODEL: 'm' });
 * await page.goto(api.url);
 * await api.stop();
 */
export async function startAPIServer(
  env: Record<string, string> = {},
  timeoutMs = 60_000,
  options: StartAPIServerOptions = {},
): Promise<APIServer> {
  const baseEnv = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !inheritedConfig.test(key)),
  );
  const logFD = options.logFile === undefined ? undefined : openSync(options.logFile, 'w');
  const program = options.built
    ? [path.join('apps', 'api', 'dist', 'main.js')]
    : ['--import', 'tsx', path.join('apps', 'api', 'src', 'main.ts')];
  const child = spawn(process.execPath, program, {
    cwd: repoRoot,
    // MALLOC_ARENA_MAX as `pnpm start` sets it: glibc then gives memory back after a burst.
    env: {
      ...baseEnv,
      NODE_ENV: 'production',
      MALLOC_ARENA_MAX: '2',
      HOST: '127.0.0.1',
      PORT: '0',
      SEER_RATE_LIMIT: '0',
      ...env,
    },
    stdio: ['ignore', logFD ?? 'pipe', 'pipe'],
  });
  if (logFD !== undefined) closeSync(logFD);
  let output = '';
  let stdout = '';
  child.stderr!.setEncoding('utf8');
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (text: string) => {
    output += text;
    stdout += text;
  });
  const readStdout = () => (options.logFile === undefined ? stdout : readFileSync(options.logFile, 'utf8'));
  child.stderr!.on('data', (text: string) => {
    output += text;
  });

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (await waitForExit(child, 5000)) return;
    child.kill('SIGKILL');
    await waitForExit(child, 5000);
  };

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`The API did not say it was listening within ${timeoutMs} ms.`)),
        timeoutMs,
      );
      const onData = () => {
        const match = listeningLine.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`The API exited (${signal ?? `code ${code}`}) before it was listening.`));
      });
    });
    return { url, child, output: () => output, stdout: readStdout, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- API output ---\n${output}`);
  }
}
