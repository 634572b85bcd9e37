import { defineProject } from 'vitest/config';

/** The playground's unit tests (Node, no DOM): the API client and the streaming helpers. */
export default defineProject({ test: { name: 'web', include: ['src/**/*.test.ts'] } });
