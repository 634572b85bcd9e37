import { defineConfig } from 'vitest/config';

/**
 * Every package's tests in one vitest run, for editors and `pnpm exec vitest` at the root. `pnpm test`
 * does not use it: turbo runs each package's own config as a task of its own, so that each is cached.
 */
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      'apps/web/vitest.e2e.config.ts',
      'tooling/*/vitest.config.ts',
    ],
  },
});
