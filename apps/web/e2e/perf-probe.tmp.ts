import { startMockUpstream } from '@seer/mock-upstream';
import { startAPIServer } from './api-server';
import { launchChromium } from './chromium';
import { createPNG } from './png';

const withNewlines = process.argv[2] === 'nl';
const mock = await startMockUpstream();
const api = await startAPIServer({
  SEER_BASE_URL: mock.url,
  SEER_API_KEY: 'test',
  SEER_MODEL: 'qwen2.5-vl-72b-instruct',
});
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    (window as any).__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        (window as any).__long.push({
          d: Math.round(e.duration),
          t: Math.round(e.startTime - ((window as any).__t0 ?? 0)),
          len: document.querySelector('.thinking-text')?.textContent?.length,
          alen: document.querySelector('.answer-text')?.textContent?.length,
        });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(api.url);
  await page.getByRole('radio', { name: 'Math patterns' }).check();
  await page
    .getByLabel('Add images or video')
    .setInputFiles({ name: 'a.png', mimeType: 'image/png', buffer: createPNG(64, 48) });
  await page.getByLabel('Model').selectOption('qwen2.5-vl-72b-instruct');
  const unit = withNewlines
    ? 'Let me think about this step by step, considering each number.\n'
    : 'Let me think about this step by step, considering each number. ';
  const reasoning = unit.repeat(1600).slice(0, 100_000);
  const answer = 'The **answer** is $x = 10$ because the rule holds.\n\n'.repeat(400).slice(0, 20_000);
  mock.script({
    kind: 'stream',
    dialect: 'reasoning_content',
    reasoning,
    answer,
    chunkChars: 50,
    delayMs: 2,
  });
  await page.waitForTimeout(500);
  await page.evaluate(() => {
    (window as any).__long = [];
    (window as any).__t0 = performance.now();
  });
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Analyze' }).click();
  if (process.argv[3] === 'collapse') { await page.locator('.thinking-text').waitFor(); await page.getByRole('region', { name: 'Thinking' }).getByRole('button').click(); }
  await page
    .getByRole('region', { name: 'Answer' })
    .getByText('Input', { exact: true })
    .waitFor({ timeout: 120_000 });
  console.log('run took', Date.now() - t0, 'ms', await page.locator('.thinking-text').evaluate((el) => [...el.children].map((c) => c.textContent?.length).join(',')));
  await page.waitForTimeout(300);
  console.log(JSON.stringify(await page.evaluate(() => (window as any).__long)));
} finally {
  await browser.close();
  await api.stop();
  await mock.close();
}
