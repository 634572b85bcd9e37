import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { hasOnlyDemo, SeerError } from '@seer/core';
import type { SeerConfiguration } from '@seer/core/node';
import { createApp } from './app';
import { isProduction, readAPIConfiguration } from './env';

const webDist = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../web/dist');

function start(): void {
  let configuration: SeerConfiguration;
  try {
    configuration = readAPIConfiguration();
  } catch (error) {
    console.error(SeerError.isInstance(error) ? error.message : error);
    process.exit(1);
  }
  const { config, templates } = configuration;
  const app = createApp({ config, templates, ...(isProduction() ? { webDist } : {}) });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const url = `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`;
    console.log(`Seer API listening on ${url}`);
    if (hasOnlyDemo(config)) {
      console.log('No model is configured: only the demo model is available. See the README to connect one.');
    } else {
      console.log(`Models: ${config.models.map((endpoint) => endpoint.preset.id).join(', ')}`);
    }
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

start();
