import { readFile } from 'node:fs/promises';
import { type APIServer, startAPIServer } from '@seer/test-setup';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './chromium';
import { openPlayground, regions, screenshot, textOf } from './playground-page';
import { createPNG } from './png';

let browser: Browser;
let api: APIServer;
let context: BrowserContext | undefined;

beforeAll(async () => {
  [browser, api] = await Promise.all([launchChromium(), startAPIServer()]);
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

async function addImage(page: Page, label: string, name = 'puzzle.png') {
  await page.getByLabel(label).setInputFiles({ name, mimeType: 'image/png', buffer: createPNG(64, 48) });
  await page.getByRole('img', { name }).waitFor();
}

/** Runs the chosen task and waits until the answer and its usage are in. */
async function analyze(page: Page, names: { analyze: string; answer: string | RegExp }) {
  await page.getByRole('button', { name: names.analyze, exact: true }).click();
  const answer = page.getByRole('region', { name: names.answer });
  await expect
    .poll(async () => (await textOf(answer.locator('.answer-text'))).trim().length, { timeout: 30_000 })
    .toBeGreaterThan(20);
  await answer.locator('.run-summary').waitFor({ timeout: 30_000 });
  return answer;
}

describe('history (the demo model)', () => {
  test('keeps a run across a reload, reopens, exports and deletes it', async () => {
    const opened = await openPlayground(browser, api.url);
    context = opened.context;
    const { page, problems } = opened;
    const ui = regions(page);

    const history = page.getByRole('region', { name: 'History' });
    await history.getByText('Finished runs are kept here', { exact: false }).waitFor();
    await page.getByRole('radio', { name: 'Math patterns' }).check();
    await addImage(page, 'Add images or video');
    await page.getByLabel('Question').fill('What number comes next?');
    await analyze(page, { analyze: 'Analyze', answer: 'Answer' });
    const answerText = (await textOf(ui.answerText)).trim();
    expect(answerText.length).toBeGreaterThan(20);
    // Saved as running once it started, then as finished once it ended, before any reload.
    await history.getByText(/· finished$/).waitFor();

    await page.reload();
    await page.getByRole('radio').first().waitFor();
    const item = history.getByRole('listitem');
    await item.first().waitFor();
    expect(await item.count()).toBe(1);
    const open = item.getByRole('button', { name: /^Math patterns/ });
    expect(await textOf(open)).toMatch(/Math patterns\d{4}-\d\d-\d\d \d\d:\d\d · .+ · finished/);
    // A small preview of the image was kept, not the image.
    const thumbnail = await item.locator('img').getAttribute('src');
    expect(thumbnail).toMatch(/^data:image\/jpeg;base64,/);
    expect(thumbnail?.length).toBeLessThan(20_000);

    // Nothing shows until the run is reopened; then its thinking and answer fill the regions.
    expect(await ui.answer.count()).toBe(0);
    await open.click();
    await page.getByText(/A saved run from .+: Math patterns with /).waitFor();
    await expect.poll(async () => (await textOf(ui.answerText)).trim()).toBe(answerText);
    expect(await textOf(ui.thinkingToggle)).toMatch(/^Thought for \d+\.\d s/);
    expect(await page.getByRole('img', { name: 'puzzle.png' }).getAttribute('src')).toBe(thumbnail);
    await ui.answer.getByText('Input', { exact: true }).waitFor();
    await screenshot(page, 'seer-history.png');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      history.getByRole('button', { name: /^Export Math patterns .* as Markdown$/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^seer-math-pattern-\d{4}-\d\d-\d\d-\d{4}\.md$/);
    const markdown = await readFile(await download.path(), 'utf8');
    const lines = markdown.split('\n');
    expect(lines[0]).toMatch(/^# Math patterns — .+/);
    expect(markdown).toContain('## Question\n\nWhat number comes next?\n');
    expect(markdown).toMatch(/## Thinking \(\d+\.\d s[^)]*\)\n\n> \S/);
    expect(markdown).toMatch(/## Usage\n\n- Input: [\d,]+ tokens\n- Output: [\d,]+ tokens/);
    expect(markdown).toContain('puzzle.png (image, 64×48');

    const [jsonDownload] = await Promise.all([
      page.waitForEvent('download'),
      history.getByRole('button', { name: /as JSON$/ }).click(),
    ]);
    const saved = JSON.parse(await readFile(await jsonDownload.path(), 'utf8'));
    expect(saved).toMatchObject({
      version: 1,
      template: { id: 'math-pattern' },
      locale: 'en',
      question: 'What number comes next?',
      status: 'finished',
      finishReason: 'stop',
      media: [{ name: 'puzzle.png', kind: 'image', width: 64, height: 48, tokens: 4 }],
    });
    expect(saved.answer.trim().length).toBeGreaterThan(20);
    // The Markdown export holds the answer as the model wrote it.
    expect(markdown).toContain(`## Answer\n\n${saved.answer.trimEnd()}\n`);

    await history.getByRole('button', { name: /^Delete Math patterns/ }).click();
    await expect.poll(() => item.count()).toBe(0);
    // The reopened run closed with it, and it stays gone after a reload.
    expect(await ui.answer.count()).toBe(0);
    await page.reload();
    await page.getByRole('radio').first().waitFor();
    await history.getByText('Finished runs are kept here', { exact: false }).waitFor();
    expect(await item.count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

describe('the Chinese interface', () => {
  test('follows the browser language, answers in Chinese, and switches to English', async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.push(`console: ${message.text()}`);
      }
    });
    await page.goto(api.url);

    const tasks = page.getByRole('radiogroup', { name: '任务' });
    await tasks.waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const titles = await tasks
      .getByRole('radio')
      .evaluateAll((radios) => radios.map((radio) => radio.closest('label')?.textContent ?? ''));
    expect(titles).toContain('手相解读');
    expect(titles).toContain('数字规律');
    expect(titles).not.toContain('Palm reading');
    await page.getByRole('radio', { name: '数字规律' }).check();
    expect(await textOf(tasks.locator('.field-hint'))).toMatch(/[\u4e00-\u9fff]/);
    expect(await page.getByRole('combobox', { name: '模型' }).count()).toBe(1);
    expect(await page.getByRole('textbox', { name: '问题' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '停止', exact: true }).count()).toBe(1);
    await page.getByRole('region', { name: '历史' }).waitFor();

    await addImage(page, '添加图片或视频');
    const answer = await analyze(page, { analyze: '分析', answer: /^(Answer|回答)$/ });
    const answerText = await textOf(answer.locator('.answer-text'));
    // The demo model answers in the request's locale, which follows the interface.
    expect(answerText).toMatch(/[\u4e00-\u9fff]{4}/);
    expect(answerText).toContain('数字规律');
    const thinking = page.getByRole('region', { name: '思考' });
    expect(await textOf(thinking.getByRole('button'))).toMatch(/^思考了 \d+\.\d s/);
    await page
      .getByRole('region', { name: '历史' })
      .getByRole('button', { name: /数字规律/ })
      .first()
      .waitFor();

    await screenshot(page, 'seer-zh.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'seer-zh-phone.png');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('combobox', { name: 'Language / 语言' }).selectOption('en');
    await page.getByRole('radiogroup', { name: 'Task' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('radio', { name: 'Palm reading' }).waitFor();
    await page.getByRole('button', { name: 'Analyze', exact: true }).waitFor();
    await page.getByRole('region', { name: 'Thinking' }).waitFor();

    // The choice is remembered over the browser's language.
    await page.reload();
    await page.getByRole('radiogroup', { name: 'Task' }).waitFor();
    expect(problems).toEqual([]);
  });
});
