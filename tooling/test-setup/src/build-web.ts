import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** The monorepo root. */
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
/** `apps/web`, the playground's sources and its `dist/`. */
export const webRoot = path.join(repoRoot, 'apps', 'web');

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
  await buildWeb();
  return true;
}

/** Runs `work` with NODE_ENV=production: Vitest sets NODE_ENV=test, which would make Vite bundle React's development build. */
async function inProduction(work: () => Promise<unknown>): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await work();
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** Builds the playground into `apps/web/dist` with Vite in production mode, as `pnpm start` serves it. */
export async function buildWeb(): Promise<void> {
  await inProduction(() =>
    build({
      root: webRoot,
      configFile: path.join(webRoot, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
    }),
  );
}

/**
 * Builds a page of a test or benchmark (`root` holds its `index.html`) into `outDir`, in production mode
 * with the playground's own settings, so that the playground's modules it imports, and their workers,
 * are built as in the playground.
 */
export async function buildPage(root: string, outDir: string): Promise<void> {
  await inProduction(() =>
    build({
      root,
      configFile: path.join(webRoot, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    }),
  );
}
