import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

// biome-ignore lint/suspicious/noExplicitAny: any app, whatever its environment and routes.
type AnyApp = Hono<any, any, any>;

import { secureHeaders } from 'hono/secure-headers';

/** The Content-Security-Policy of the playground: scripts from Seer itself only. */
export const PLAYGROUND_CSP = {
  defaultSrc: ["'self'"],
  // WebAssembly compilation only (the HEIC decoder), not eval.
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Serves the built playground at `/` with security headers; paths that are not files get `index.html`,
 * so the app's own routes survive a reload. API paths are left to the API.
 */
export function mountPlayground(app: AnyApp, webDist: string): void {
  const indexPath = join(webDist, 'index.html');
  if (!existsSync(indexPath)) {
    throw new Error(
      `The playground is not built: ${indexPath} is missing. Run "pnpm --filter @seer/web build".`,
    );
  }
  const indexHTML = readFileSync(indexPath, 'utf8');
  const root = relative(process.cwd(), webDist) || '.';
  const isAPIPath = (path: string) =>
    path.startsWith('/v1/') || path === '/healthz' || path === '/openapi.json' || path.startsWith('/docs');

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: PLAYGROUND_CSP,
      referrerPolicy: 'strict-origin-when-cross-origin',
      xContentTypeOptions: 'nosniff',
      xFrameOptions: 'DENY',
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(
    '/assets/*',
    serveStatic({
      root,
      onFound: (_path, c) => c.header('cache-control', 'public, max-age=31536000, immutable'),
    }),
  );
  app.use('*', async (c, next) => {
    if (c.req.method !== 'GET' || isAPIPath(c.req.path)) return next();
    return serveStatic({ root })(c, next);
  });
  app.get('*', (c, next) => (isAPIPath(c.req.path) ? next() : c.html(indexHTML)));
}
