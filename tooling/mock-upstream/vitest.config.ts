import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'mock-upstream', include: ['src/**/*.test.ts'] } });
