import { fileURLToPath } from 'node:url';

/** `apps/web`, where the playground's sources and `dist/` live. */
export const webRoot = fileURLToPath(new URL('..', import.meta.url));

/** The monorepo root, the working directory of the API process. */
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
