import { type APIServer, startAPIServer } from '@seer/test-setup';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './chromium';
import { createPNG } from './png';

let browser: Browser;
let api: APIServer;

beforeAll(async () => {
  [browser, api] = await Promise.all([
    launchChromium(),
    startAPIServer({ SEER_AUTH_TOKENS: 'studio-token-1' }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

describe('a Seer started with SEER_AUTH_TOKENS', () => {
  test('asks for the access token, refuses a wrong one, and then works with the right one', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const sent: (string | null)[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/v1/'))
          sent.push(request.headers().authorization ?? null);
      });
      await page.goto(api.url);
      await page.getByRole('heading', { name: 'This Seer needs an access token' }).waitFor();

      await page.getByLabel('Access token', { exact: true }).fill('not-the-token');
      await page.getByRole('button', { name: 'Use token' }).click();
      await page.getByRole('alert').getByText('The server did not accept that token.').waitFor();

      await page.getByLabel('Access token', { exact: true }).fill('studio-token-1');
      await page.getByRole('button', { name: 'Use token' }).click();
      await page.getByRole('radio', { name: 'Math patterns' }).check();

      // The token lasts through a reload of this tab.
      await page.reload();
      await page.getByRole('radio', { name: 'Math patterns' }).check();
      await page
        .getByLabel('Add images or video')
        .setInputFiles({ name: 'puzzle.png', mimeType: 'image/png', buffer: createPNG(64, 48) });
      await page.getByRole('img', { name: 'puzzle.png' }).waitFor();
      await page.getByRole('button', { name: 'Analyze', exact: true }).click();
      await page.getByRole('region', { name: 'Answer' }).locator('.run-summary').waitFor({ timeout: 30_000 });

      expect(sent.at(-1)).toBe('Bearer studio-token-1');
      expect(sent).toContain('Bearer not-the-token');
      expect(sent[0]).toBeNull();
    } finally {
      await context.close();
    }
  });
});
