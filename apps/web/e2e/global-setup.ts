import { buildWebIfStale } from '@seer/test-setup';
import { ensureChromium } from './chromium';

/** Once per e2e run: a current build of the playground (the API serves it) and a Chromium to drive. */
export default async function setup(): Promise<void> {
  const started = Date.now();
  if (await buildWebIfStale()) console.log(`e2e: built the playground in ${Date.now() - started} ms`);
  ensureChromium();
}
