import { defineConfig } from 'vitest/config';

/** One test run across the workspace: each package is a vitest project with its own config. */
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
