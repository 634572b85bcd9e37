import { describe, expect, test } from 'vitest';
import { regions, screenshot } from './playground-page';
import { usePlaygroundServers } from './playground-servers';
import { createPNG } from './png';

const servers = usePlaygroundServers();
const { openPlayground } = servers;

/** A slow stream (a chunk every 30 ms), so that two runs started together overlap upstream. */
const slowStream = (answer: string) =>
  ({
    kind: 'stream',
    dialect: 'reasoning_content',
    reasoning: `Looking at the dots before answering ${answer}`,
    answer,
    chunkChars: 6,
    delayMs: 30,
  }) as const;

describe('compare mode', () => {
  test('two budgets side by side: both stream at once, each in its own column', async () => {
    const { page, problems } = await openPlayground();
    const ui = regions(page);

    // Single-run controls only, until Compare is on.
    expect(await page.getByLabel('Second model').count()).toBe(0);
    await page.getByLabel('Model', { exact: true }).selectOption('qwen3-vl-plus');
    await page.getByRole('slider', { name: 'Thinking budget' }).fill('4096');
    await page.getByRole('checkbox', { name: 'Compare two runs' }).check();
    const second = page.getByLabel('Second model');
    await second.selectOption('qwen3-vl-plus');
    const secondBudget = page.getByRole('slider', { name: 'Second thinking budget' });
    await secondBudget.fill('8192');
    expect(await secondBudget.getAttribute('aria-valuetext')).toBe('8,192 tokens');

    await page.getByRole('radio', { name: 'Math patterns' }).check();
    await ui.addMedia.setInputFiles({ name: 'puzzle.png', mimeType: 'image/png', buffer: createPNG(64, 48) });
    await page.getByRole('img', { name: 'puzzle.png' }).waitFor();

    // Each request takes the next scripted stream in order of arrival; the default covers any extra.
    servers.mock.script(slowStream('First to arrive: nine.'), slowStream('Second to arrive: ten.'));
    servers.mock.setDefault(slowStream('Another answer.'));
    await ui.analyze.click();

    const columnA = page.getByRole('group', { name: 'Run A' });
    const columnB = page.getByRole('group', { name: 'Run B' });
    const answerA = page.getByRole('region', { name: 'Answer (A)' });
    const answerB = page.getByRole('region', { name: 'Answer (B)' });
    await page.getByRole('region', { name: 'Thinking (A)' }).waitFor();
    await page.getByRole('region', { name: 'Thinking (B)' }).waitFor();
    // The single-run names are not used in compare mode.
    expect(await page.getByRole('region', { name: 'Answer', exact: true }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Thinking', exact: true }).count()).toBe(0);
    expect(await columnA.locator('.compare-setup').textContent()).toBe(
      'Qwen3-VL-Plus (thinking)4,096 tokens',
    );
    expect(await columnB.locator('.compare-setup').textContent()).toBe(
      'Qwen3-VL-Plus (thinking)8,192 tokens',
    );
    // Stop is offered while either runs.
    expect(await ui.stop.isEnabled()).toBe(true);

    await answerA.getByText('Input', { exact: true }).waitFor({ timeout: 30_000 });
    await answerB.getByText('Input', { exact: true }).waitFor({ timeout: 30_000 });

    const requests = await servers.mock.waitForRequests(2, 20_000);
    expect(requests).toHaveLength(2);
    const bodies = requests.map((request) => request.body as Record<string, unknown>);
    expect(bodies.map((body) => body.thinking_budget).sort()).toEqual([4096, 8192]);
    for (const body of bodies) expect(body).toMatchObject({ model: 'qwen3-vl-plus', enable_thinking: true });
    // They overlapped: the second arrived before the first had finished.
    const [first, second_] = requests as [(typeof requests)[0], (typeof requests)[0]];
    expect(first.closedAt).toBeDefined();
    expect(second_.receivedAt).toBeLessThan(first.closedAt!);

    // Each column shows the answer of the request that carried its budget.
    const answers = ['First to arrive: nine.', 'Second to arrive: ten.'];
    const answerOf = (budget: number) =>
      answers[bodies.findIndex((body) => body.thinking_budget === budget)]!;
    expect(await answerA.locator('.answer-text').textContent()).toBe(answerOf(4096));
    expect(await answerB.locator('.answer-text').textContent()).toBe(answerOf(8192));
    // Usage, the budget used, and "Thought for" in each column.
    await answerA.getByText(/^Thinking budget 4,096 tokens · used /).waitFor();
    await answerB.getByText(/^Thinking budget 8,192 tokens · used /).waitFor();
    await page
      .getByRole('region', { name: 'Thinking (A)' })
      .getByText(/^Thought for /)
      .waitFor();
    await page
      .getByRole('region', { name: 'Thinking (B)' })
      .getByText(/^Thought for /)
      .waitFor();
    expect(await ui.stop.isEnabled()).toBe(false);

    // Side by side on a desktop.
    const boxA = await columnA.boundingBox();
    const boxB = await columnB.boundingBox();
    expect(boxB!.x).toBeGreaterThan(boxA!.x + boxA!.width - 1);
    await screenshot(page, 'compare-1280.png');

    // Stacked on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    const phoneA = await columnA.boundingBox();
    const phoneB = await columnB.boundingBox();
    expect(phoneB!.y).toBeGreaterThanOrEqual(phoneA!.y + phoneA!.height - 1);
    await screenshot(page, 'compare-390.png');
    expect(problems).toEqual([]);
  });

  test('Stop stops both runs', async () => {
    const { page, problems } = await openPlayground();
    const ui = regions(page);
    await page.getByRole('checkbox', { name: 'Compare two runs' }).check();
    await page.getByLabel('Second model').selectOption('qwen3-vl-plus');
    await page.getByRole('radio', { name: 'Math patterns' }).check();
    await ui.addMedia.setInputFiles({ name: 'puzzle.png', mimeType: 'image/png', buffer: createPNG(64, 48) });
    await page.getByRole('img', { name: 'puzzle.png' }).waitFor();
    servers.mock.setDefault({
      ...slowStream('A long answer that will not finish. '.repeat(40)),
      delayMs: 100,
    });
    await ui.analyze.click();
    const requests = await servers.mock.waitForRequests(2, 20_000);
    await ui.stop.click();
    const deadline = Date.now() + 5_000;
    while (requests.some((request) => request.closedAt === undefined) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(requests.map((request) => request.abortedByClient)).toEqual([true, true]);
    await page.getByRole('region', { name: 'Answer (A)' }).getByText('Stopped.', { exact: false }).waitFor();
    await page.getByRole('region', { name: 'Answer (B)' }).getByText('Stopped.', { exact: false }).waitFor();
    expect(problems).toEqual([]);
  });
});
