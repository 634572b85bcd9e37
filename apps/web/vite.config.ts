import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `pnpm --filter @seer/api dev` listens. */
const apiTarget = 'http://127.0.0.1:8787';

/**
 * The playground's build: React, output in `dist/` (the API serves it at `/` in production), and in
 * development a proxy that sends the API's paths to a locally running `@seer/api`.
 */
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/v1': apiTarget,
      '/healthz': apiTarget,
      '/openapi.json': apiTarget,
      '/docs': apiTarget,
    },
  },
  // The HEIC decoder's worker is started with `type: 'module'`, so it must be built as one.
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every browser that runs the playground knows `modulepreload`; the polyfill would be dead code.
    modulePreload: { polyfill: false },
    // The HEIC decoder (libheif compiled to WebAssembly, inlined) is about 2 MB; it is its own chunk,
    // fetched only when a HEIC photo arrives. The initial bundle stays far below this.
    chunkSizeWarningLimit: 2100,
  },
});
