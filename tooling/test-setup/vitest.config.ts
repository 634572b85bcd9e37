import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'test-setup', include: ['src/**/*.test.ts'] } });
