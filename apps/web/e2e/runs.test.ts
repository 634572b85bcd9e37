import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { regions, screenshot, textOf } from './playground-page';
import { usePlaygroundServers } from './playground-servers';
import { createPNG } from './png';

const servers = usePlaygroundServers({ cutConnections: true });

/** A long thinking, without line breaks, so that its text in the page is exactly this. */
const reasoning = Array.from(
  { length: 40 },
  (_, step) => `Step ${step + 1}: the numbers grow by seven, so the next one adds seven again. `,
).join('');
/** One Markdown paragraph, so that the rendered text is exactly this. */
const answer = Array.from(
  { length: 30 },
  (_, line) => `Sentence ${line + 1} of the answer says the next number is 10.`,
).join(' ');

/** A stream that takes some seconds: time to cut the connection, or reload, in the middle. */
function scriptSlowRun(options: { delayMs: number }) {
  servers.mock.script({
    kind: 'stream',
    dialect: 'reasoning_content',
    reasoning,
    answer,
    chunkChars: 8,
    delayMs: options.delayMs,
  });
}

async function startPuzzle(page: Page) {
  const ui = regions(page);
  await page.getByRole('radio', { name: 'Math patterns' }).check();
  await ui.addMedia.setInputFiles({ name: 'puzzle.png', mimeType: 'image/png', buffer: createPNG(64, 48) });
  await page.getByRole('img', { name: 'puzzle.png' }).waitFor();
  await ui.analyze.click();
}

/** Waits until the run has ended with its usage shown, then gives its thinking and answer texts. */
async function finishedTexts(page: Page) {
  const ui = regions(page);
  await ui.answer.getByText('Input', { exact: true }).waitFor({ timeout: 60_000 });
  return { thinking: (await textOf(ui.thinkingText)).trim(), answer: (await textOf(ui.answerText)).trim() };
}

describe('runs that outlive their connection', () => {
  test('the network drops mid-thinking: the page reconnects and ends with exactly the streamed texts', async () => {
    const { page, problems } = await servers.openPlayground();
    const ui = regions(page);
    const proxy = servers.cuttingProxy!;
    scriptSlowRun({ delayMs: 25 });
    await startPuzzle(page);

    await expect
      .poll(async () => (await textOf(ui.thinkingText)).length, { timeout: 30_000 })
      .toBeGreaterThan(200);
    const cutAt = (await textOf(ui.thinkingText)).length;
    expect(cutAt).toBeLessThan(reasoning.length);
    const before = proxy.connections;
    expect(proxy.cutAll()).toBeGreaterThan(0);

    expect(await finishedTexts(page)).toEqual({ thinking: reasoning.trim(), answer: answer.trim() });
    // It read on over a new connection, and says so, quietly: a status, not an alert.
    expect(proxy.connections).toBeGreaterThan(before);
    const note = ui.answer.getByText('Reconnected', { exact: false });
    expect(await note.isVisible()).toBe(true);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await ui.thinkingToggle.textContent()).toMatch(/^Thought for \d+\.\d s/);
    // A desktop picks photos from its files; the camera control is a phone's.
    expect(await page.getByText('Take a photo', { exact: true }).isVisible()).toBe(false);
    await screenshot(page, 'seer-runs-reconnected.png');
    expect(problems).toEqual([]);
  });

  test('the page reloads mid-answer: it finds the run and shows it complete, exactly once', async () => {
    const { page, problems } = await servers.openPlayground();
    const ui = regions(page);
    scriptSlowRun({ delayMs: 15 });
    await startPuzzle(page);

    await expect
      .poll(async () => (await textOf(ui.answerText)).length, { timeout: 30_000 })
      .toBeGreaterThan(40);
    expect((await textOf(ui.answerText)).length).toBeLessThan(answer.length);
    await page.reload();
    await page.getByRole('radio').first().waitFor();

    expect(await finishedTexts(page)).toEqual({ thinking: reasoning.trim(), answer: answer.trim() });
    await ui.answer.getByText('Picked up again after the page reloaded.').waitFor();
    // One run went to the provider: the reload read the same run again rather than starting another.
    expect(servers.mock.requests).toHaveLength(1);
    const history = page.getByRole('region', { name: 'History' });
    await history.getByText(/· finished$/).waitFor();
    expect(await history.getByRole('listitem').count()).toBe(1);
    expect(problems).toEqual([]);
  });

  test('a run the server no longer has is shown as interrupted after a reload', async () => {
    const { page, problems } = await servers.openPlayground();
    await page.getByRole('region', { name: 'History' }).waitFor();
    // What a page that went away mid-run left in this browser's history, for a run long forgotten.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('seer', 1);
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const transaction = request.result.transaction('runs', 'readwrite');
            transaction.objectStore('runs').put({
              version: 1,
              id: 'an_forgotten',
              createdAt: Date.now(),
              template: { id: 'math-pattern', title: { en: 'Math patterns', zh: '数字规律' } },
              model: { id: 'qvq-max', label: 'QVQ-Max' },
              locale: 'en',
              media: [],
              status: 'running',
              reasoning: '',
              answer: '',
            });
            transaction.oncomplete = () => resolve();
            transaction.onerror = () => reject(transaction.error);
          };
        }),
    );
    await page.reload();

    await page.getByText('Interrupted: the page closed during the run', { exact: false }).waitFor();
    const history = page.getByRole('region', { name: 'History' });
    await history.getByText(/· interrupted$/).waitFor();
    expect(problems).toEqual([]);
  });

  test('Stop cancels the run on the server, not only the page’s reading', async () => {
    const { page, problems } = await servers.openPlayground();
    const ui = regions(page);
    scriptSlowRun({ delayMs: 25 });
    await startPuzzle(page);
    await expect
      .poll(async () => (await textOf(ui.thinkingText)).length, { timeout: 30_000 })
      .toBeGreaterThan(40);

    const [cancel] = await Promise.all([
      page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith('/cancel'), {
        timeout: 10_000,
      }),
      ui.stop.click(),
    ]);
    const id = /\/v1\/analyses\/([^/]+)\/cancel$/.exec(new URL(cancel.url()).pathname)?.[1];
    expect(id).toMatch(/^an_/);
    await ui.answer.getByText('Stopped. What arrived so far is kept.').waitFor({ timeout: 10_000 });
    await expect
      .poll(
        async () => {
          const response = await fetch(`${servers.api.url}/v1/analyses/${id}`);
          return ((await response.json()) as { status?: string }).status;
        },
        { timeout: 5_000 },
      )
      .toBe('cancelled');
    expect(problems).toEqual([]);
  });
});

describe('a Seer that needs an access token', () => {
  const guarded = usePlaygroundServers({ cutConnections: true, env: { SEER_AUTH_TOKENS: 'studio-token-1' } });

  test('the reconnection sends the token too, and reads the run to its end', async () => {
    const context = await guarded.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      // The token as the access-token form keeps it for the tab.
      await context.addInitScript(() => sessionStorage.setItem('seer.accessToken', 'studio-token-1'));
      const page = await context.newPage();
      const reconnections: (string | null)[] = [];
      page.on('request', (request) => {
        if (/\/v1\/analyses\/[^/]+\/events$/.test(new URL(request.url()).pathname))
          reconnections.push(request.headers().authorization ?? null);
      });
      await page.goto(guarded.cuttingProxy!.url);
      const ui = regions(page);
      guarded.mock.script({
        kind: 'stream',
        dialect: 'reasoning_content',
        reasoning,
        answer,
        chunkChars: 8,
        delayMs: 10,
      });
      await startPuzzle(page);
      await expect
        .poll(async () => (await textOf(ui.thinkingText)).length, { timeout: 30_000 })
        .toBeGreaterThan(100);
      guarded.cuttingProxy!.cutAll();

      expect(await finishedTexts(page)).toEqual({ thinking: reasoning.trim(), answer: answer.trim() });
      expect(reconnections.length).toBeGreaterThan(0);
      expect(reconnections.every((header) => header === 'Bearer studio-token-1')).toBe(true);
    } finally {
      await context.close();
    }
  });
});

describe('a run longer than the server keeps for replay', () => {
  const small = usePlaygroundServers({ env: { SEER_RUN_MAX_EVENT_KB: '16' } });

  test('after a reload, the notice that the oldest thinking is gone is said quietly; the answer is whole', async () => {
    const { page, problems } = await small.openPlayground();
    const ui = regions(page);
    small.mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning,
      answer,
      chunkChars: 4,
      delayMs: 4,
    });
    await startPuzzle(page);
    await expect
      .poll(async () => (await textOf(ui.answerText)).length, { timeout: 30_000 })
      .toBeGreaterThan(40);
    await page.reload();
    await page.getByRole('radio').first().waitFor();

    const texts = await finishedTexts(page);
    expect(texts.answer).toBe(answer.trim());
    // What is left of the thinking is its end, without a gap or a repeat.
    expect(texts.thinking.length).toBeGreaterThan(0);
    expect(texts.thinking.length).toBeLessThan(reasoning.trim().length);
    expect(reasoning.trim().endsWith(texts.thinking)).toBe(true);
    await ui.answer.getByText('The oldest part of the thinking', { exact: false }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

describe('on a phone', () => {
  test('360 px wide: no sideways scroll, readable thinking and answer, and a camera control', async () => {
    const { page, problems } = await servers.openPlayground({ width: 360, height: 740 });
    const ui = regions(page);
    const camera = page.getByLabel('Take a photo');
    expect(await camera.getAttribute('type')).toBe('file');
    expect(await camera.getAttribute('accept')).toBe('image/*');
    expect(await camera.getAttribute('capture')).toBe('environment');
    expect(await page.getByText('Take a photo', { exact: true }).isVisible()).toBe(true);

    scriptSlowRun({ delayMs: 0 });
    await startPuzzle(page);
    await finishedTexts(page);
    await ui.thinkingToggle.click();

    const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
    expect(scrollWidth).toBeLessThanOrEqual(360);
    for (const region of [ui.thinking, ui.answer]) {
      expect(await region.isVisible()).toBe(true);
      const box = await region.boundingBox();
      expect(box?.width).toBeGreaterThanOrEqual(300);
      expect((box?.x ?? -1) + (box?.width ?? 0)).toBeLessThanOrEqual(360);
    }
    for (const control of [ui.analyze, ui.stop, page.getByText('Take a photo', { exact: true })]) {
      await control.scrollIntoViewIfNeeded();
      const box = await control.boundingBox();
      expect(box?.x).toBeGreaterThanOrEqual(0);
      expect((box?.x ?? 0) + (box?.width ?? 999)).toBeLessThanOrEqual(360);
    }
    await screenshot(page, 'seer-phone-360.png');
    expect(problems).toEqual([]);
  });
});
