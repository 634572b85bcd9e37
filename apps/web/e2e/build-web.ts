import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { repoRoot, webRoot } from './paths';

/** The newest modification time of a file or of any file under a directory, in ms (0 when absent). */
function newestMtime(target: string): number {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(target);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/**
 * Builds the playground into `apps/web/dist` with Vite, unless `dist/index.html` is newer than every
 * input (the web sources, its config, and `@seer/core`, which it bundles). Returns whether it built.
 */
export async function buildWebIfStale(): Promise<boolean> {
  const builtAt = newestMtime(path.join(webRoot, 'dist', 'index.html'));
  const inputs = ['src', 'public', 'index.html', 'vite.config.ts'].map((entry) => path.join(webRoot, entry));
  inputs.push(path.join(repoRoot, 'packages', 'core', 'src'));
  const changedAt = Math.max(...inputs.map(newestMtime));
  if (builtAt > changedAt) return false;
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: webRoot,
      configFile: path.join(webRoot, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return true;
}
