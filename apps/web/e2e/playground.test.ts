import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import { type APIServer, startAPIServer } from '@seer/test-setup';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './chromium';
import {
  mediaFacts,
  openPlayground as openPage,
  regions,
  screenshot,
  termsOf,
  textOf,
} from './playground-page';
import { createPNG } from './png';

const demoNotice = 'Demo model: connect a real model to analyse your media';
const customModel = 'qwen2.5-vl-72b-instruct';

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

/** A fresh page on the playground; its context is closed after the test. */
async function openPlayground(api: APIServer, viewport?: { width: number; height: number }) {
  const opened = await openPage(browser, api.url, viewport);
  context = opened.context;
  return opened;
}

async function addImage(page: Page, name = 'puzzle.png') {
  await regions(page).addMedia.setInputFiles({
    name,
    mimeType: 'image/png',
    buffer: createPNG(64, 48),
  });
  await page.getByRole('img', { name }).waitFor();
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
    // The demo model plans like any other: a 64×48 picture is sent on its 28-pixel grid.
    const facts = await mediaFacts(page, 'puzzle.png');
    expect(facts).toEqual({
      Original: expect.stringMatching(/^64×48 · [\d.]+ K?B$/),
      Sent: expect.stringMatching(/^56×56 · [\d.]+ K?B$/),
      Tokens: '4',
    });
    expect(await termsOf(page.getByLabel('Total for all media'))).toEqual({
      Tokens: '4',
      Upload: facts.Sent!.split(' · ')[1],
    });
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

    // The answer renders as Markdown: `**10**` shows as bold 10.
    await expect.poll(() => textOf(ui.answerText), { timeout: 30_000 }).toBe(answer.replaceAll('**', ''));
    expect(await ui.answerText.locator('strong').textContent()).toBe('10');
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
    const stoppedAt = Date.now();
    await ui.stop.click();

    await page.getByText('Stopped. What arrived so far is kept.').waitFor();
    expect(await ui.analyze.isEnabled()).toBe(true);
    expect(await ui.stop.isDisabled()).toBe(true);
    const thinkingAtStop = await textOf(ui.thinkingText);
    expect(thinkingAtStop.length).toBeGreaterThan(0);
    await expect
      .poll(() => mock.requests.at(-1)?.abortedByClient, { timeout: 3000, interval: 50 })
      .toBe(true);
    // The provider's connection closed within a second of the click.
    expect(mock.requests.at(-1)!.closedAt! - stoppedAt).toBeLessThan(1000);
    await page.waitForTimeout(1000);
    expect(await textOf(ui.thinkingText)).toBe(thinkingAtStop);
    expect(await textOf(ui.answerText)).toBe('');
    expect(problems).toEqual([]);
  });

  test('the thinking keeps its end in view as it streams, until the reader scrolls up', async () => {
    const { page, problems } = await openPlayground(api);
    const ui = regions(page);
    const lines = Array.from({ length: 600 }, (_, index) => `Step ${index + 1}: compare the next pair.\n`);
    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: lines.join(''),
      answer: 'Ten.',
      chunkChars: 40,
      delayMs: 25,
    });
    await page.getByLabel('Model').selectOption(customModel);
    await page.getByRole('radio', { name: 'Math patterns' }).check();
    await addImage(page);
    await ui.analyze.click();

    /** How far the thinking box is scrolled from its end, and how much it holds. */
    const position = () =>
      ui.thinkingText.evaluate((element) => ({
        fromEnd: element.scrollHeight - element.scrollTop - element.clientHeight,
        scrollHeight: element.scrollHeight,
        clientHeight: element.clientHeight,
      }));
    // Well past one box of text, the end is still in view.
    await expect
      .poll(async () => (await position()).scrollHeight > 3 * (await position()).clientHeight, {
        timeout: 15_000,
      })
      .toBe(true);
    await expect.poll(async () => (await position()).fromEnd, { timeout: 2000 }).toBeLessThan(30);

    // The reader scrolls to the top: the text goes on arriving, and the view stays where they put it.
    const shownLength = async () => (await textOf(ui.thinkingText)).length;
    await ui.thinkingText.evaluate((element) => element.scrollTo({ top: 0 }));
    const lengthWhenScrolledUp = await shownLength();
    await expect.poll(shownLength, { timeout: 10_000 }).toBeGreaterThan(lengthWhenScrolledUp + 400);
    expect(await ui.thinkingText.evaluate((element) => element.scrollTop)).toBe(0);

    // Back at the end, it follows again.
    await ui.thinkingText.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    const lengthAtEnd = await shownLength();
    await expect.poll(shownLength, { timeout: 10_000 }).toBeGreaterThan(lengthAtEnd + 400);
    await expect.poll(async () => (await position()).fromEnd, { timeout: 2000 }).toBeLessThan(30);
    expect(await textOf(ui.thinkingToggle)).toContain('Thinking…');
    expect(problems).toEqual([]);
  });
});
