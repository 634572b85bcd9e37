import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './paths';

/** A running `@seer/api` child process. */
export interface APIServer {
  /** E.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Everything it printed so far, stdout and stderr, for failure messages. */
  output(): string;
  /** Ends the process (SIGTERM, then SIGKILL after 5 s) and waits for it. */
  stop(): Promise<void>;
}

// Configuration the developer's shell may hold: a test decides its own models.
const inheritedConfig = /^(SEER_|DASHSCOPE_|OPENAI_|OPENROUTER_|VITEST)/;

const listeningLine = /Seer API listening on (http:\/\/\S+)/;

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
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
 * playground at `/`), on a free loopback port, with `env` added to a clean environment. Resolves once it
 * prints `Seer API listening on <url>`.
 *
 * @example
 * const api = await startAPIServer({ SEER_BASE_URL: mock.url, SEER_API_KEY: 'test', SEER_MODEL: 'm' });
 * await page.goto(api.url);
 * await api.stop();
 */
export async function startAPIServer(
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<APIServer> {
  const baseEnv = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !inheritedConfig.test(key)),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('apps', 'api', 'src', 'main.ts')], {
    cwd: repoRoot,
    // One test drives more requests a minute from one address than the default limit allows.
    env: { ...baseEnv, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', SEER_RATE_LIMIT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
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
      child.stdout.on('data', (text: string) => {
        output += text;
        const match = listeningLine.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`The API exited (${signal ?? `code ${code}`}) before it was listening.`));
      });
    });
    return { url, output: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- API output ---\n${output}`);
  }
}
