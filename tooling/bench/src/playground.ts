import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startMockUpstream } from '@seer/mock-upstream';
import { buildWeb, CHROMIUM, requireSystemTool, startAPIServer, webRoot } from '@seer/test-setup';
import { chromium } from 'playwright-core';
import sharp from 'sharp';

const model = 'qwen2.5-vl-72b-instruct';

/** About 100,000 characters of thinking, in sentences and paragraphs like a model's. */
function makeThinking(length: number): string {
  const sentences = [
    'Let me look at the image again: the first row shows 3, 7 and then a blank.',
    'If the rule were multiplication, 3 times 7 would be 21, which does not fit the second row.',
    'Wait, maybe the rule is the sum of the two numbers before it; 3 plus 7 is 10.',
    'Checking the second row: 2 and 5 give 7, which matches the printed number.',
    'Hmm, but the third row could also be read as a difference, so I should verify both readings.',
  ];
  let text = '';
  for (let index = 0; text.length < length; index++) {
    text += sentences[index % sentences.length];
    text += index % 7 === 6 ? '\n\n' : ' ';
  }
  return text.slice(0, length);
}

/** About 20,000 characters of Markdown answer: headings, lists, code, tables and math. */
function makeAnswer(length: number): string {
  const section = (index: number) =>
    [
      `## Step ${index + 1}: reading row ${index + 1}`,
      '',
      `In row ${index + 1} the numbers are $a_${index} = ${index + 3}$ and $b_${index} = ${index + 7}$, and the rule gives`,
      '',
      '$$',
      `c_{${index}} = a_{${index}} + b_{${index}} = ${2 * index + 10}`,
      '$$',
      '',
      '- **Sum**: the first two numbers added, \\(a + b\\), matches every row so far;',
      '- *Product*: $a \\times b$ fails at once (it costs $5 and $10 to check each);',
      '- `difference`: would need negative entries, which the puzzle never shows.',
      '',
      '```python',
      'def third(a: int, b: int) -> int:',
      '    return a + b',
      '```',
      '',
      '| row | a | b | c |',
      '|-----|---|---|---|',
      `| ${index + 1} | ${index + 3} | ${index + 7} | ${2 * index + 10} |`,
      '',
      `So for this row the answer is \\[ \\boxed{${2 * index + 10}} \\] and 答案是$c=${2 * index + 10}$。`,
      '',
    ].join('\n');
  let text = '# The missing number\n\n';
  for (let index = 0; text.length < length; index++) text += section(index);
  return text;
}

/** The JavaScript `index.html` loads before anything else (its module scripts and preloads), gzipped. */
function initialJavaScriptGzipped(dist: string): { bytes: number; files: string[] } {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [
    ...new Set([...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((match) => match[1]!)),
  ];
  const bytes = files.reduce(
    (sum, file) => sum + gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length,
    0,
  );
  return { bytes, files };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** The longest tasks on the page's main thread (CrRendererMain) in a Chromium trace. */
function describeTrace(trace: { traceEvents: TraceEvent[] }): string {
  // RunTask events (category `toplevel`) on the page's main thread (CrRendererMain) are its tasks;
  // `tdur` is the thread's own CPU time, without the time other processes took the core.
  const mainThreads = new Set(
    trace.traceEvents
      .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  );
  const tasks = trace.traceEvents.filter(
    (event) => event.name === 'RunTask' && event.ph === 'X' && mainThreads.has(`${event.pid}:${event.tid}`),
  );
  const longest = tasks.sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0)).slice(0, 4);
  const describe = (event: TraceEvent) =>
    `${((event.dur ?? 0) / 1000).toFixed(1)} (${((event.tdur ?? 0) / 1000).toFixed(1)} on the CPU)`;
  return `  trace: ${tasks.length.toLocaleString('en-US')} main-thread tasks, longest ${longest
    .map(describe)
    .join(', ')} ms (tracing on)`;
}

/**
 * The playground streaming a 100,000-character thinking and a 20,000-character Markdown answer (with
 * math) at about 400 chunks per second, in Chromium: the longest main-thread task while it streams (from
 * a Chromium trace), and the initial JavaScript gzipped.
 */
export async function benchPlayground(): Promise<string[]> {
  await buildWeb();
  const initial = initialJavaScriptGzipped(path.join(webRoot, 'dist'));

  const thinking = makeThinking(100_000);
  const answer = makeAnswer(20_000);
  const chunkChars = 40;
  const mock = await startMockUpstream();
  const api = await startAPIServer({ SEER_BASE_URL: mock.url, SEER_API_KEY: 'bench', SEER_MODEL: model });
  const browser = await chromium.launch({
    executablePath: requireSystemTool(CHROMIUM),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // A second opinion beside the trace: the browser's own long-task reports (tasks over 50 ms).
    await page.addInitScript(() => {
      const longTasks: { duration: number; startTime: number }[] = [];
      (window as { __longTasks?: unknown[] }).__longTasks = longTasks;
      new PerformanceObserver((list) => {
        for (const { duration, startTime } of list.getEntries()) longTasks.push({ duration, startTime });
      }).observe({ type: 'longtask', buffered: true });
      // What ran in the long frames (Long Animation Frames API), printed with SEER_BENCH_FRAMES=1.
      const longFrames: string[] = [];
      (window as { __longFrames?: string[] }).__longFrames = longFrames;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & {
          blockingDuration: number;
          styleAndLayoutStart: number;
          scripts: { invoker: string; duration: number; sourceFunctionName: string }[];
        })[]) {
          if (entry.blockingDuration === 0) continue;
          const layout = entry.styleAndLayoutStart
            ? entry.startTime + entry.duration - entry.styleAndLayoutStart
            : 0;
          const scripts = entry.scripts
            .filter((script) => script.duration > 5)
            .map(
              (script) => `${script.invoker} ${script.sourceFunctionName} ${Math.round(script.duration)} ms`,
            );
          longFrames.push(
            `  frame at ${Math.round(entry.startTime)} ms: ${Math.round(entry.duration)} ms, style and layout ${Math.round(layout)} ms; ${scripts.join('; ')}`,
          );
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    });
    await page.goto(api.url);
    await page.getByRole('radio').first().waitFor();
    await page.getByLabel('Model').selectOption(model);
    await page.getByRole('radio', { name: 'Math patterns' }).check();
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#7a8' } })
      .png()
      .toBuffer();
    await page
      .getByLabel('Add images or video')
      .setInputFiles({ name: 'puzzle.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('img', { name: 'puzzle.png' }).waitFor();

    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: thinking,
      answer,
      chunkChars,
      delayMs: 2,
    });
    // Playwright's first waitForFunction compiles its injected script into the page, which costs the
    // page's CPU: done here, before the measurement, it is not counted as the page's work.
    await page.waitForFunction(() => true);
    await page.evaluate(() => {
      (window as { __longTasks?: unknown[] }).__longTasks!.length = 0;
      (window as { __longFrames?: string[] }).__longFrames!.length = 0;
    });
    // Tracing slows the page down; it runs only when asked for (SEER_BENCH_TRACE=/tmp/trace.json).
    const traceFile = process.env.SEER_BENCH_TRACE;
    if (traceFile)
      await browser.startTracing(page, {
        categories: ['devtools.timeline', 'toplevel', 'disabled-by-default-devtools.timeline'],
      });
    // A CPU profile of the page while it streams, for DevTools (SEER_BENCH_PROFILE=/tmp/page.cpuprofile).
    const profileFile = process.env.SEER_BENCH_PROFILE;
    const profiler = profileFile ? await page.context().newCDPSession(page) : undefined;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.send('Profiler.start');
    }
    const started = performance.now();
    // Waiting on the network, not by polling the DOM: Playwright's locators scan the DOM on the page's
    // main thread, and over a 120,000-character page that scanning would be counted as the page's work.
    // The page's own resource timing says when the analysis response ended; reading it is a tiny task.
    // (Playwright's `response.finished()` sometimes never resolves for a streamed fetch.)
    await page.getByRole('button', { name: 'Analyze', exact: true }).click();
    await page.waitForFunction(
      () =>
        performance
          .getEntriesByType('resource')
          .some(
            (entry) =>
              entry.name.endsWith('/v1/analyses') && (entry as PerformanceResourceTiming).responseEnd > 0,
          ),
      undefined,
      { polling: 250, timeout: 120_000 },
    );
    const seconds = (performance.now() - started) / 1000;
    // Formulas still rendering after the last event count too; the long tasks are read before any
    // locator looks at the page.
    await page.waitForTimeout(1000);
    const longTasks = await page.evaluate(
      () => (window as { __longTasks?: { duration: number; startTime: number }[] }).__longTasks ?? [],
    );
    // When the stream began, and when KaTeX was fetched (the answer's first formula): the long tasks'
    // times are told from these, to say which phase of the run they fell in.
    const phases = await page.evaluate(() => {
      const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const stream = entries.find((entry) => entry.name.endsWith('/v1/analyses'));
      const katex = entries.find((entry) => /\/assets\/katex[^/]*\.js$/.test(entry.name));
      return { streamStart: stream?.responseStart ?? 0, katexStart: katex?.startTime };
    });
    const longFrames = await page.evaluate(() => (window as { __longFrames?: string[] }).__longFrames ?? []);
    if (profiler && profileFile) {
      const { profile } = await profiler.send('Profiler.stop');
      writeFileSync(profileFile, JSON.stringify(profile));
    }
    let traceLine = '';
    if (traceFile) {
      const traceBytes = await browser.stopTracing();
      writeFileSync(traceFile, traceBytes);
      traceLine = describeTrace(JSON.parse(traceBytes.toString('utf8')) as { traceEvents: TraceEvent[] });
    }
    const answerRegion = page.getByRole('region', { name: 'Answer' });
    await answerRegion.getByText('Input', { exact: true }).waitFor({ timeout: 30_000 });
    const katexCount = await answerRegion.locator('.katex').count();
    const shownAnswer = await page.evaluate(
      () => document.querySelector('.answer-text')?.textContent?.length ?? 0,
    );

    const chunks = Math.ceil(thinking.length / chunkChars) + Math.ceil(answer.length / chunkChars);
    const longest = Math.max(0, ...longTasks.map((task) => task.duration));
    const intoStream = (ms: number) => `${((ms - phases.streamStart) / 1000).toFixed(2)} s`;
    const whenLong = longTasks
      .map((task) => `${task.duration.toFixed(0)} ms at ${intoStream(task.startTime)}`)
      .join(', ');
    const answerStart =
      phases.katexStart === undefined ? '' : `; KaTeX fetched at ${intoStream(phases.katexStart)}`;
    return [
      `playground: ${thinking.length.toLocaleString('en-US')}-character thinking + ${answer.length.toLocaleString('en-US')}-character Markdown answer (${katexCount} formulas), ${chunks.toLocaleString('en-US')} chunks of ${chunkChars} in ${seconds.toFixed(1)} s (${Math.round(chunks / seconds)} chunks/s)`,
      longest === 0
        ? '  longest main-thread task ≤ 50 ms while streaming: the page reported no long task (target ≤ 50)'
        : `  longest main-thread task ${longest.toFixed(1)} ms while streaming (target ≤ 50); ${longTasks.length} long tasks (over 50 ms): ${whenLong} into the stream${answerStart}`,
      ...(traceLine ? [traceLine] : []),
      ...(process.env.SEER_BENCH_FRAMES ? longFrames : []),
      `  initial JavaScript ${(initial.bytes / 1024).toFixed(1)} KB gzipped (target ≤ 250): ${initial.files.join(', ')}; answer shown: ${shownAnswer.toLocaleString('en-US')} characters`,
    ];
  } finally {
    await browser.close();
    await api.stop();
    await mock.close();
  }
}
