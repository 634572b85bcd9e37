import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root directory. */
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The real API running as its own Node process, as `pnpm start` runs it. */
export interface APIProcess {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  child: ChildProcess;
  /** Sends SIGTERM and resolves once the process has exited (SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/**
 * Starts `apps/api/src/main.ts` in production mode on a free loopback port, with the given environment
 * over the current one minus every `SEER_`/provider variable, and resolves once it says it listens.
 */
export function startAPI(env: Record<string, string>): Promise<APIProcess> {
  const baseEnv = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(SEER_|DASHSCOPE_|OPENAI_|OPENROUTER_)/.test(key)),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('apps', 'api', 'src', 'main.ts')], {
    cwd: repoRoot,
    // A benchmark drives more requests a minute from one address than the default limit allows.
    env: { ...baseEnv, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', SEER_RATE_LIMIT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.kill('SIGTERM');
    await exited;
    clearTimeout(killer);
  };
  let output = '';
  let isListening = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The API did not start:\n${output}`)), 60_000);
    // Read on after the start, so that the API never blocks on a full pipe, without keeping its log.
    const onData = (text: Buffer) => {
      if (isListening) return;
      output += text.toString();
      const match = /Seer API listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        isListening = true;
        clearTimeout(timer);
        resolve({ url: match[1], child, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The API exited (code ${code}):\n${output}`));
    });
  });
}
