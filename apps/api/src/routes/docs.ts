import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { APIApp } from '../context';
import { VERSION } from '../version';

const swaggerFolder = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Seer API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>`;

// Kept in a file of its own, not inline, so the page works under `script-src 'self'`.
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs', deepLinking: true });`;

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

/**
 * Serves the API's description: `/openapi.json`, made from the routes' declarations, and `/docs`,
 * Swagger UI rendering it from the `swagger-ui-dist` package on this machine (no CDN: Seer works
 * offline and under a strict Content-Security-Policy).
 */
export function mountDocs(app: APIApp): void {
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Seer API',
      version: VERSION,
      description:
        'Visual reasoning with thinking models: stream the thinking and the answer about photos and video.',
    },
  });
  const cache = new Map<string, string>();
  const read = (name: string) => {
    let text = cache.get(name);
    if (text === undefined) {
      text = readFileSync(join(swaggerFolder, name), 'utf8');
      cache.set(name, text);
    }
    return text;
  };
  app.get('/docs', (c) => c.html(DOCS_PAGE));
  // One route for every file under /docs: a fixed path beside `:asset` would make Hono fall back from
  // its one-regex router to a slower one for every request, the analyses included.
  app.get('/docs/:asset', (c) => {
    const name = c.req.param('asset');
    if (name === 'init.js') {
      return c.body(INIT_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' });
    }
    const type = ASSETS[name];
    if (!type) return c.notFound();
    return c.body(read(name), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
}
