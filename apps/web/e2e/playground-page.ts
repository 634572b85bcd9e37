import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** A page on the playground, with the problems it reported (uncaught errors, console errors). */
export interface PlaygroundPage {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/**
 * Opens the playground served at `url` in a fresh browser context, recording uncaught errors and
 * console errors (CSP violations included), and waits until its tasks are listed.
 */
export async function openPlayground(
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 900 },
): Promise<PlaygroundPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A 4xx answer is logged by Chromium itself; the tests check how the page shows it.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  await page.goto(url);
  await page.getByRole('radio').first().waitFor();
  return { context, page, problems };
}

/** The playground's landmarks and controls, by their accessible names. */
export function regions(page: Page) {
  const thinking = page.getByRole('region', { name: 'Thinking' });
  const answer = page.getByRole('region', { name: 'Answer' });
  return {
    thinking,
    thinkingToggle: thinking.getByRole('button'),
    thinkingText: thinking.locator('.thinking-text'),
    answer,
    answerText: answer.locator('.answer-text'),
    analyze: page.getByRole('button', { name: 'Analyze', exact: true }),
    stop: page.getByRole('button', { name: 'Stop', exact: true }),
    addMedia: page.getByLabel('Add images or video'),
  };
}

/** The text of an element, '' when it has none. */
export const textOf = async (locator: { textContent(): Promise<string | null> }) =>
  (await locator.textContent()) ?? '';

/**
 * The facts listed for one added image or video, by term: `{ Original: '3024×4032 · 4.4 MB', Sent: …,
 * Tokens: …, Cost: … }` (a video adds `Duration` and `Frames`). Waits until the sizes are known.
 */
export async function mediaFacts(page: Page, name: string): Promise<Record<string, string>> {
  const item = page.getByRole('listitem').filter({ has: page.getByRole('img', { name, exact: true }) });
  await item
    .getByRole('term')
    .filter({ hasText: /^Sent$/ })
    .waitFor();
  return termsOf(item.locator('dl'));
}

/** The terms and definitions of a `<dl>` whose pairs are wrapped in `<div>`s, as an object. */
export async function termsOf(list: ReturnType<Page['locator']>): Promise<Record<string, string>> {
  return list.evaluate((element) =>
    Object.fromEntries(
      [...element.querySelectorAll('div')].map((pair) => [
        pair.querySelector('dt')?.textContent ?? '',
        pair.querySelector('dd')?.textContent ?? '',
      ]),
    ),
  );
}

/** Set to a directory to keep screenshots of the page, e.g. `SEER_E2E_SCREENSHOTS=/tmp`. */
const screenshotDirectory = process.env.SEER_E2E_SCREENSHOTS;

/** Saves a full-page screenshot under `SEER_E2E_SCREENSHOTS`, when that is set. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (screenshotDirectory) {
    await page.screenshot({ path: path.join(screenshotDirectory, name), fullPage: true });
  }
}
