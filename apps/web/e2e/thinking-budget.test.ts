import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { regions, screenshot } from './playground-page';
import { usePlaygroundServers } from './playground-servers';
import { createPNG } from './png';

const servers = usePlaygroundServers();
const { openPlayground } = servers;

const slider = (page: Page) => page.getByRole('slider', { name: 'Thinking budget' });

/** The capability badges listed for the chosen model. */
const badgesOf = (page: Page, model: string) =>
  page
    .getByRole('list', { name: `Capabilities of ${model}` })
    .getByRole('listitem')
    .allTextContents();

async function addPuzzle(page: Page) {
  await page.getByRole('radio', { name: 'Math patterns' }).check();
  await regions(page).addMedia.setInputFiles({
    name: 'puzzle.png',
    mimeType: 'image/png',
    buffer: createPNG(64, 48),
  });
  await page.getByRole('img', { name: 'puzzle.png' }).waitFor();
}

/** The body of the chat request the mock upstream received `index`-th (from 0). */
async function upstreamBody(index: number): Promise<Record<string, unknown>> {
  const requests = await servers.mock.waitForRequests(index + 1, 20_000);
  return requests[index]!.body as Record<string, unknown>;
}

describe('the model picker and the thinking budget', () => {
  test('badges per model; a slider only where a budget is taken; the budget reaches the provider', async () => {
    const { page, problems } = await openPlayground();
    const ui = regions(page);
    const model = page.getByLabel('Model', { exact: true });

    // QVQ-Max, the default: thinks always, takes a (forced) budget, takes video.
    expect(await model.inputValue()).toBe('qvq-max');
    expect(await badgesOf(page, 'QVQ-Max')).toEqual(['Thinks always', 'Budget', 'Video']);
    await slider(page).waitFor();
    expect(await slider(page).getAttribute('min')).toBe('1024');
    expect(await slider(page).getAttribute('max')).toBe('16384');
    expect(await slider(page).getAttribute('step')).toBe('1024');
    // Off by default: no budget is sent.
    expect(await page.getByRole('button', { name: 'Off (default)' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    const presets = page.getByRole('group', { name: 'Budget presets' }).getByRole('button');
    expect(await presets.allTextContents()).toEqual(['Off (default)', '1K', '4K', '8K', '16K']);

    await slider(page).fill('4096');
    expect(await slider(page).getAttribute('aria-valuetext')).toBe('4,096 tokens');
    expect(await page.getByRole('button', { name: '4,096 tokens' }).getAttribute('aria-pressed')).toBe(
      'true',
    );

    // QVQ-Max has no budget parameter: Seer enforces the budget itself, so nothing about it goes upstream.
    await addPuzzle(page);
    await ui.analyze.click();
    await ui.answer.getByText('Input', { exact: true }).waitFor({ timeout: 30_000 });
    const qvqBody = await upstreamBody(0);
    expect(qvqBody.model).toBe('qvq-max');
    expect(qvqBody).not.toHaveProperty('thinking_budget');
    await ui.answer.getByText(/^Thinking budget 4,096 tokens · used /).waitFor();

    // Qwen3-VL-Plus: thinking optional, a native budget, sent as DashScope's parameters.
    await model.selectOption('qwen3-vl-plus');
    expect(await badgesOf(page, 'Qwen3-VL-Plus (thinking)')).toEqual([
      'Thinking optional',
      'Budget',
      'Video',
    ]);
    expect(await slider(page).getAttribute('max')).toBe('81920');
    expect(await slider(page).inputValue()).toBe('4096');
    await ui.analyze.click();
    await ui.answer.getByText('Input', { exact: true }).waitFor({ timeout: 30_000 });
    const qwenBody = await upstreamBody(1);
    expect(qwenBody).toMatchObject({ model: 'qwen3-vl-plus', enable_thinking: true, thinking_budget: 4096 });

    // "Off (default)" asks for no budget: the model's own longest thought is sent, explicitly.
    await page.getByRole('button', { name: 'Off (default)' }).click();
    await ui.analyze.click();
    await ui.answer.getByText('Input', { exact: true }).waitFor({ timeout: 30_000 });
    const offBody = await upstreamBody(2);
    expect(offBody).toMatchObject({ model: 'qwen3-vl-plus', enable_thinking: true, thinking_budget: 81920 });

    // A model without thinking, and the demo model (budget control none): no slider.
    await model.selectOption('qwen-vl-max');
    expect(await badgesOf(page, 'Qwen-VL-Max (no thinking)')).toEqual(['No thinking', 'Video']);
    expect(await slider(page).count()).toBe(0);
    await model.selectOption('demo');
    expect(await slider(page).count()).toBe(0);
    expect(await page.getByRole('group', { name: 'Budget presets' }).count()).toBe(0);

    await model.selectOption('qvq-max');
    await slider(page).waitFor();
    await screenshot(page, 'thinking-budget-1280.png');
    expect(problems).toEqual([]);
  });

  test('"Think longer" re-runs with twice the budget when the budget ran out', async () => {
    const { page, problems } = await openPlayground();
    const ui = regions(page);
    await page.getByRole('button', { name: '1,024 tokens' }).click();
    await addPuzzle(page);
    // A thought far longer than 1,024 tokens: Seer cuts it and asks for the answer.
    const longThought = 'Counting the dots row by row, then checking the diagonal again. '.repeat(300);
    servers.mock.script(
      {
        kind: 'stream',
        dialect: 'reasoning_content',
        reasoning: longThought,
        answer: 'unused',
        chunkChars: 400,
      },
      { kind: 'stream', dialect: 'reasoning_content', reasoning: '', answer: 'Ten.' },
    );
    await ui.analyze.click();
    const thinkLonger = ui.answer.getByRole('button', { name: 'Think longer (2,048)' });
    await thinkLonger.waitFor({ timeout: 30_000 });
    await ui.answer.getByText(/^Thinking budget 1,024 tokens · used /).waitFor();
    await screenshot(page, 'think-longer-1280.png');

    servers.mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'A short thought.',
      answer: 'Ten, surely.',
    });
    const before = servers.mock.requests.length;
    await thinkLonger.click();
    await ui.answer.getByText(/^Thinking budget 2,048 tokens · used /).waitFor({ timeout: 30_000 });
    expect(servers.mock.requests.length).toBe(before + 1);
    // The slider follows the new budget; a thought within it offers no "Think longer".
    expect(await slider(page).inputValue()).toBe('2048');
    expect(await ui.answer.getByRole('button', { name: /^Think longer/ }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  test('the interface in Chinese: the badges, the budget and the Answer region', async () => {
    const { page, problems } = await openPlayground({ width: 390, height: 844 });
    const ui = regions(page);
    await addPuzzle(page);
    await page.getByLabel('Language / 语言').selectOption('zh');
    expect(
      await page.getByRole('list', { name: 'QVQ-Max 的能力' }).getByRole('listitem').allTextContents(),
    ).toEqual(['始终思考', '预算', '视频']);
    await page.getByRole('slider', { name: '思考预算' }).waitFor();
    await page.getByRole('button', { name: '4,096 个 token' }).click();
    await page.getByRole('button', { name: '分析', exact: true }).click();
    const answer = page.getByRole('region', { name: '回答' });
    await answer.getByText('输入', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await ui.answer.count()).toBe(0);
    await answer.getByRole('heading', { name: '回答' }).waitFor();
    await answer.getByRole('button', { name: '复制' }).waitFor();
    await answer.getByText(/^思考预算 4,096 个 token · 已用 /).waitFor();
    await screenshot(page, 'thinking-budget-zh-390.png');

    // Back in English, the region is named "Answer" again.
    await page.getByLabel('Language / 语言').selectOption('en');
    await ui.answer.getByRole('heading', { name: 'Answer' }).waitFor();
    expect(problems).toEqual([]);
  });
});
