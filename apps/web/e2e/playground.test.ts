import path from 'node:path';
import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type APIServer, startAPIServer } from './api-server';
import { launchChromium } from './chromium';
import { createPNG } from './png';

const demoNotice = 'Demo model: connect a real model to analyse your media';
const customModel = 'qwen2.5-vl-72b-instruct';
// Set to a directory to keep screenshots of the page, e.g. SEER_E2E_SCREENSHOTS=/tmp.
const screenshotDirectory = process.env.SEER_E2E_SCREENSHOTS;

let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
});

/** A fresh page on the playground, recording uncaught errors and console errors (CSP violations included). */
async function openPlayground(api: APIServer, viewport = { width: 1280, height: 900 }) {
  context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A 4xx answer is logged by Chromium itself; the tests check how the page shows it.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  await page.goto(api.url);
  await page.getByRole('radio').first().waitFor();
  return { page, problems };
}

function regions(page: Page) {
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
  };
}

async function addImage(page: Page, name = 'puzzle.png') {
  await page.getByLabel('Add images or video').setInputFiles({
    name,
    mimeType: 'image/png',
    buffer: createPNG(64, 48),
  });
  await page.getByRole('img', { name }).waitFor();
}

const textOf = async (locator: { textContent(): Promise<string | null> }) =>
  (await locator.textContent()) ?? '';

async function screenshot(page: Page, name: string) {
  if (screenshotDirectory)
    await page.screenshot({ path: path.join(screenshotDirectory, name), fullPage: true });
}

describe('with nothing configured (the demo model)', () => {
  let api: APIServer;

  beforeAll(async () => {
    api = await startAPIServer();
  });

  afterAll(async () => {
    await api?.stop();
  });

  test('streams the thinking and the answer for an image', async () => {
    const { page, problems } = await openPlayground(api);
    const ui = regions(page);

    await page.getByRole('radio', { name: 'Math patterns' }).check();
    await page.getByText(demoNotice, { exact: true }).waitFor();
    await addImage(page);
    await ui.analyze.click();

    await expect
      .poll(async () => (await textOf(ui.thinkingText)).trim().length, { timeout: 30_000 })
      .toBeGreaterThan(20);
    await expect
      .poll(async () => (await textOf(ui.answerText)).trim().length, { timeout: 30_000 })
      .toBeGreaterThan(20);
    await ui.answer.getByText('Input', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await textOf(ui.thinkingToggle)).toMatch(/^Thought for \d+\.\d s/);
    await page.getByText(/\d+×\d+ · [\d,]+ tokens/).waitFor();
    expect(await page.getByText(demoNotice, { exact: true }).isVisible()).toBe(true);
    expect(await ui.analyze.isEnabled()).toBe(true);
    expect(await ui.stop.isDisabled()).toBe(true);

    // The thinking folded away when the answer began; its header opens it again.
    expect(await ui.thinkingText.isVisible()).toBe(false);
    await ui.thinkingToggle.click();
    expect(await ui.thinkingText.isVisible()).toBe(true);

    await screenshot(page, 'seer-playground.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'seer-playground-phone.png');
    expect(problems).toEqual([]);
  });

  test('shows a clear alert when the request is refused', async () => {
    const { page, problems } = await openPlayground(api);
    const ui = regions(page);

    await page.getByRole('radio', { name: 'Freeform' }).check();
    await ui.analyze.click();

    const alert = page.getByRole('alert');
    await alert.waitFor();
    const message = await textOf(alert.locator('.error-message'));
    expect(message).toMatch(/[A-Za-z]+ [a-z]+.*\w/);
    expect(await ui.analyze.isEnabled()).toBe(true);
    await screenshot(page, 'seer-playground-error.png');
    expect(problems).toEqual([]);
  });
});

describe('through a mock upstream (a custom OpenAI-compatible endpoint)', () => {
  let mock: MockUpstream;
  let api: APIServer;

  beforeAll(async () => {
    mock = await startMockUpstream();
    api = await startAPIServer({ SEER_BASE_URL: mock.url, SEER_API_KEY: 'test', SEER_MODEL: customModel });
  });

  afterAll(async () => {
    await api?.stop();
    await mock?.close();
  });

  test('streams the answer exactly, and Stop aborts the upstream request', async () => {
    const { page, problems } = await openPlayground(api);
    const ui = regions(page);
    const reasoning =
      'The first two numbers are 3 and 7. Their sum is 10, and the puzzle repeats that rule. '.repeat(6);
    const answer = 'The third number is the sum of the first two, so the missing number is **10**.';
    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning,
      answer,
      chunkChars: 8,
      delayMs: 5,
    });

    await page.getByLabel('Model').selectOption(customModel);
    expect(await page.getByText(demoNotice, { exact: true }).count()).toBe(0);
    await page.getByRole('radio', { name: 'Math patterns' }).check();
    await addImage(page);
    await ui.analyze.click();

    await expect.poll(() => textOf(ui.answerText), { timeout: 30_000 }).toBe(answer);
    await ui.answer.getByText('Input', { exact: true }).waitFor();
    expect(await textOf(ui.thinkingText)).toBe(reasoning);
    expect(mock.requests).toHaveLength(1);
    const upstreamBody = mock.requests[0]?.body as { model?: string } | undefined;
    expect(upstreamBody?.model).toBe(customModel);

    // A slow second run: stop it while it thinks.
    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'Let me look at each number in turn and compare it with its neighbours. '.repeat(40),
      answer: 'A long answer that should never arrive. '.repeat(40),
      chunkChars: 8,
      delayMs: 200,
    });
    await ui.analyze.click();
    await expect.poll(() => mock.requests.length).toBe(2);
    await expect
      .poll(async () => (await textOf(ui.thinkingText)).length, { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(await textOf(ui.thinkingToggle)).toContain('Thinking…');
    await ui.stop.click();

    await page.getByText('Stopped. What arrived so far is kept.').waitFor();
    expect(await ui.analyze.isEnabled()).toBe(true);
    expect(await ui.stop.isDisabled()).toBe(true);
    const thinkingAtStop = await textOf(ui.thinkingText);
    expect(thinkingAtStop.length).toBeGreaterThan(0);
    await expect
      .poll(() => mock.requests.at(-1)?.abortedByClient, { timeout: 3000, interval: 50 })
      .toBe(true);
    await page.waitForTimeout(1000);
    expect(await textOf(ui.thinkingText)).toBe(thinkingAtStop);
    expect(await textOf(ui.answerText)).toBe('');
    expect(problems).toEqual([]);
  });
});
