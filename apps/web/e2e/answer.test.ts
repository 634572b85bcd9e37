import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import { type APIServer, startAPIServer } from '@seer/test-setup';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './chromium';
import { openPlayground as openPage, regions, screenshot, textOf } from './playground-page';
import { createPNG } from './png';

const customModel = 'qwen2.5-vl-72b-instruct';

/** An answer with everything the Answer region must render, and the hostile bits it must keep inert. */
const richAnswer = [
  '## Heading',
  '',
  'The pattern, step by step:',
  '',
  '- square the input: $x^2$',
  '- box the result',
  '',
  '\\[ \\boxed{10} \\]',
  '',
  'It costs $5 and $10 in the shop.',
  '',
  '答案是$x=2$。',
  '',
  'An image: <img src=x onerror="window.__pwned=1"> and a [click](javascript:window.__pwned=2) link,',
  'and a [safe one](https://example.com/docs).',
].join('\n');

let browser: Browser;
let context: BrowserContext | undefined;
let mock: MockUpstream;
let api: APIServer;

beforeAll(async () => {
  browser = await launchChromium();
  mock = await startMockUpstream();
  api = await startAPIServer({ SEER_BASE_URL: mock.url, SEER_API_KEY: 'test', SEER_MODEL: customModel });
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await api?.stop();
  await mock?.close();
  await browser?.close();
});

async function runAnalysis(page: Page, answer: string) {
  const ui = regions(page);
  mock.script({
    kind: 'stream',
    dialect: 'reasoning_content',
    reasoning: 'Squaring three gives nine; adding one gives ten. '.repeat(4),
    answer,
    chunkChars: 7,
    delayMs: 2,
  });
  await ui.analyze.click();
  await ui.answer.getByText('Input', { exact: true }).waitFor({ timeout: 30_000 });
}

describe('the Answer region', () => {
  test('renders Markdown and math, keeps model HTML and script links inert, and copies the source', async () => {
    const opened = await openPage(browser, api.url);
    context = opened.context;
    const { page, problems } = opened;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: api.url });
    const ui = regions(page);
    const katexRequests: string[] = [];
    page.on('request', (request) => {
      if (/\/assets\/katex[^/]*\.(js|css)$/.test(request.url())) katexRequests.push(request.url());
    });

    await page.getByLabel('Model').selectOption(customModel);
    await page.getByRole('radio', { name: 'Math patterns' }).check();
    await ui.addMedia.setInputFiles({ name: 'puzzle.png', mimeType: 'image/png', buffer: createPNG(64, 48) });
    await page.getByRole('img', { name: 'puzzle.png' }).waitFor();

    // An answer without math: KaTeX is never fetched.
    await runAnalysis(page, '## Plain\n\nNo math here, only **bold** and a price of $5 and $10.');
    await ui.answer.getByRole('heading', { name: 'Plain' }).waitFor();
    expect(await textOf(ui.answerText)).toBe('PlainNo math here, only bold and a price of $5 and $10.');
    expect(katexRequests).toEqual([]);

    await runAnalysis(page, richAnswer);
    await ui.answer.getByRole('heading', { name: 'Heading', level: 2 }).waitFor();
    expect(await ui.answer.getByRole('listitem').count()).toBe(2);
    // KaTeX arrived on demand, and rendered all four formulas ($x^2$, \[…\], $x=2$).
    await expect.poll(() => ui.answer.locator('.katex').count(), { timeout: 10_000 }).toBe(3);
    expect(katexRequests.length).toBeGreaterThan(0);
    expect(await ui.answer.locator('.katex-display').count()).toBe(1);
    expect(await ui.answer.locator('.katex-display .boxed, .katex-display .fbox').count()).toBeGreaterThan(0);
    expect(await ui.answer.locator('.katex-error').count()).toBe(0);
    // Dollar amounts stay text; CJK next to the delimiters still gets its math.
    const price = ui.answer.getByText('It costs $5 and $10 in the shop.', { exact: true });
    expect(await price.locator('.katex').count()).toBe(0);
    const chinese = ui.answer.locator('p', { hasText: '答案是' });
    expect(await chinese.locator('.katex').count()).toBe(1);
    expect(await chinese.evaluate((element) => element.firstChild?.textContent)).toBe('答案是');

    // The model's <img onerror> is text; its javascript: link is not a link.
    expect(await ui.answer.locator('img').count()).toBe(0);
    await ui.answer.getByText('<img src=x onerror="window.__pwned=1">', { exact: false }).waitFor();
    expect(await ui.answer.locator('a[href^="javascript"]').count()).toBe(0);
    await ui.answer.getByText('click', { exact: true }).click();
    const safeLink = ui.answer.getByRole('link', { name: 'safe one' });
    expect(await safeLink.getAttribute('href')).toBe('https://example.com/docs');
    expect(await safeLink.getAttribute('target')).toBe('_blank');
    expect(await safeLink.getAttribute('rel')).toBe('noopener noreferrer');
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();

    // Copy gives the Markdown source.
    const copy = ui.answer.getByRole('button', { name: 'Copy' });
    await copy.click();
    await ui.answer.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(richAnswer);

    // Still an accessible, polite live region named "Answer".
    expect(await ui.answer.getAttribute('aria-live')).toBe('polite');

    await screenshot(page, 'seer-answer.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'seer-answer-phone.png');
    expect(problems).toEqual([]);
  });
});
