import { defineProject } from 'vitest/config';

/**
 * End-to-end tests: the built playground, served by the real API in a child process, driven in Debian's
 * Chromium through playwright-core. One file at a time, because each starts servers and a browser.
 */
export default defineProject({
  test: {
    name: 'e2e',
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['./e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
