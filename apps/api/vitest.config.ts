import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'api',
    include: ['src/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    // Some suites make their media first (a 12-megapixel photo, a HEIC through heif-enc), which takes
    // seconds on a loaded 2-core machine.
    hookTimeout: 60_000,
  },
});
