import { startMockUpstream } from '@seer/mock-upstream';
import { startAPIServer } from './api-server';
import { launchChromium } from './chromium';
import { createPNG } from './png';

const mock = await startMockUpstream();
const api = await startAPIServer({ SEER_BASE_URL: mock.url, SEER_API_KEY: 'test', SEER_MODEL: 'qwen2.5-vl-72b-instruct' });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    (window as any).__long = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) (window as any).__long.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(api.url);
  await page.getByRole('radio', { name: 'Math patterns' }).check();
  await page.getByLabel('Add images or video').setInputFiles({ name: 'a.png', mimeType: 'image/png', buffer: createPNG(64, 48) });
  await page.getByLabel('Model').selectOption('qwen2.5-vl-72b-instruct');
  const reasoning = 'Let me think about this step by step, considering each number. '.repeat(1600).slice(0, 100_000);
  const answer = 'The **answer** is $x = 10$ because the rule holds.\n\n'.repeat(400).slice(0, 20_000);
  mock.script({ kind: 'stream', dialect: 'reasoning_content', reasoning, answer, chunkChars: 50, delayMs: 2 });
  await page.evaluate(() => { (window as any).__long = []; });
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.getByRole('region', { name: 'Answer' }).getByText('Input', { exact: true }).waitFor({ timeout: 120_000 });
  console.log('run took', Date.now() - t0, 'ms');
  const thinkingLength = await page.locator('.thinking-text').evaluate((el) => el.textContent?.length);
  const answerLength = await page.locator('.answer-text').evaluate((el) => el.textContent?.length);
  console.log({ thinkingLength, answerLength, longTasks: await page.evaluate(() => (window as any).__long) });
} finally {
  await browser.close();
  await api.stop();
  await mock.close();
}
