import { readFile } from 'node:fs/promises';
import type { Download, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import { mediaFacts, regions, screenshot, termsOf, textOf } from './playground-page';
import { usePlaygroundServers } from './playground-servers';
import { createPNG } from './png';
import { encodeTestClip } from './test-videos';

const servers = usePlaygroundServers();
const { openPlayground } = servers;

let clip: Buffer;
beforeAll(async () => {
  clip = await encodeTestClip();
});

/** A scripted answer, streamed quickly. */
const answerScript = (answer: string) =>
  ({
    kind: 'stream',
    dialect: 'reasoning_content',
    reasoning: 'Looking closely first.',
    answer,
    chunkChars: 24,
  }) as const;

/** The box of an element in page coordinates. */
async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('The element is not shown.');
  return box;
}

/** Expects `shape` to cover the fractions `[left, top, right, bottom]` of `picture`, within 2 px. */
async function expectPlaced(shape: Locator, picture: Locator, [left, top, right, bottom]: number[]) {
  const image = await boxOf(picture);
  const placed = await boxOf(shape);
  expect(Math.abs(placed.x - (image.x + left! * image.width))).toBeLessThanOrEqual(2);
  expect(Math.abs(placed.y - (image.y + top! * image.height))).toBeLessThanOrEqual(2);
  expect(Math.abs(placed.x + placed.width - (image.x + right! * image.width))).toBeLessThanOrEqual(2);
  expect(Math.abs(placed.y + placed.height - (image.y + bottom! * image.height))).toBeLessThanOrEqual(2);
}

/** The run's marked pictures, its region list, and one region's drawing by its index in the result. */
function marked(page: Page) {
  const section = page.getByRole('region', { name: 'Marked pictures' });
  return {
    section,
    list: section.getByRole('list', { name: 'Marked places' }),
    region: (index: number) => section.locator(`.region-layer [data-region="${index}"]`),
    shape: (index: number) => section.locator(`.region-layer [data-region="${index}"] .region-shape`),
    toggle: section.getByRole('checkbox', { name: 'Show marks' }),
  };
}

/** Scripts the model's answer, presses Analyze, and waits for the run's marked pictures. */
async function analyzeWithAnswer(page: Page, answer: string) {
  servers.mock.script(answerScript(answer));
  await regions(page).analyze.click();
  const view = marked(page);
  await view.section.waitFor({ timeout: 30_000 });
  return view;
}

/** The marked picture named `name`, once decoded, so that its box on the page is final. */
async function decodedPicture(view: ReturnType<typeof marked>, name: string) {
  const picture = view.section.getByRole('img', { name });
  await picture.evaluate((image: HTMLImageElement) => image.decode());
  return picture;
}

const isHighlighted = (locator: Locator) =>
  locator.evaluate((element) => element.hasAttribute('data-region-highlighted'));

/**
 * Exports the run named by `name` from History as Markdown and gives the Markdown, the annotated PNG
 * downloaded beside it, its size, and its pixels' RGB.
 */
async function exportMarked(page: Page, name: RegExp) {
  const history = page.getByRole('region', { name: 'History' });
  const downloads: Download[] = [];
  const onDownload = (download: Download) => downloads.push(download);
  page.on('download', onDownload);
  await history.getByRole('button', { name }).click();
  await expect.poll(() => downloads.length, { timeout: 10_000 }).toBe(2);
  page.off('download', onDownload);
  const [markdownFile, pngFile] = downloads as [Download, Download];
  const markdown = await readFile(await markdownFile.path(), 'utf8');
  const png = sharp(await readFile(await pngFile.path()));
  const metadata = await png.metadata();
  const { data, info } = await png.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const pixel = (x: number, y: number) => [
    ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
  ];
  return { markdown, fileName: pngFile.suggestedFilename(), metadata, pixel };
}

/** Expects the pixel at `[x, y]` of an export to be the second region's colour (blue), over any picture. */
function expectBlue(pixel: (x: number, y: number) => number[], x: number, y: number) {
  const [red, , blue] = pixel(Math.round(x), Math.round(y));
  expect(blue).toBeGreaterThan(200);
  expect(red).toBeLessThan(60);
}

describe('the places a model marks, on the person’s picture', () => {
  test('a palm reading: a line as a path and a box, placed where the model put them, linked to their sentences both ways', async () => {
    const { page, problems } = await openPlayground();
    const ui = regions(page);
    await page.getByRole('radio', { name: 'Palm reading' }).check();
    // 560×420 is a multiple of 28 within QVQ-Max's pixel range: sent as it is, so its pixels are the
    // coordinates the model answers in.
    await ui.addMedia.setInputFiles({ name: 'palm.png', mimeType: 'image/png', buffer: createPNG(560, 420) });
    expect((await mediaFacts(page, 'palm.png')).Sent).toMatch(/^560×420/);

    const answer = [
      'What a lively palm!',
      'Heart line: long and curved, rising toward the index finger. It speaks of warmth.',
      'Life line: a wide arc around the thumb.',
      'Traits: warm, steady',
      '',
      '```json',
      JSON.stringify([
        {
          points_2d: [
            [56, 84],
            [168, 105],
            [280, 126],
            [420, 147],
          ],
          label: 'heart line',
        },
        { bbox_2d: [84, 210, 280, 378], label: 'life line' },
      ]),
      '```',
    ].join('\n');
    const view = await analyzeWithAnswer(page, answer);
    const picture = await decodedPicture(view, 'palm.png');

    // The path through its points, and the box, at the fractions of the picture the script put them.
    await expectPlaced(view.shape(0), picture, [56 / 560, 84 / 420, 420 / 560, 147 / 420]);
    await expectPlaced(view.shape(1), picture, [84 / 560, 210 / 420, 280 / 560, 378 / 420]);
    expect(await view.region(0).locator('polyline.region-shape').getAttribute('points')).toBe(
      '56,84 168,105 280,126 420,147',
    );
    // Each in its own colour.
    const colours = await view.section
      .locator('.region-layer .region')
      .evaluateAll((groups) => groups.map((group) => getComputedStyle(group).color));
    expect(new Set(colours).size).toBe(2);

    // Listed as text, in order, each focusable.
    expect(await view.list.getByRole('button').allTextContents()).toEqual([
      'heart line: picture 1 (palm.png), line at top centre',
      'life line: picture 1 (palm.png), box at bottom left',
    ]);

    // The fenced block of marks is folded away, not shown as code.
    const marksBlock = ui.answer.locator('details.marks-block');
    expect(await marksBlock.locator('summary').textContent()).toBe('Marks (2)');
    expect(await marksBlock.evaluate((details: HTMLDetailsElement) => details.open)).toBe(false);

    // Hovering a region highlights the sentence naming it, and only that one.
    const heartSentence = ui.answerText.locator('.region-sentence', {
      hasText: 'Heart line: long and curved',
    });
    const lifeSentence = ui.answerText.locator('.region-sentence', { hasText: 'Life line: a wide arc' });
    await view.shape(1).hover();
    expect(await isHighlighted(lifeSentence)).toBe(true);
    expect(await isHighlighted(heartSentence)).toBe(false);
    expect(await isHighlighted(view.region(1))).toBe(true);
    // The sentence after it ("It speaks of warmth.") names no region: not wrapped.
    expect(await ui.answerText.locator('.region-sentence', { hasText: 'warmth' }).count()).toBe(0);

    // Hovering a sentence highlights its region.
    await heartSentence.hover();
    expect(await isHighlighted(view.region(0))).toBe(true);
    expect(await isHighlighted(view.region(1))).toBe(false);
    await page.mouse.move(0, 0);
    expect(await isHighlighted(view.region(0))).toBe(false);

    // Focusing a listed region highlights it and its sentence, from the keyboard.
    await view.list.getByRole('button').first().focus();
    expect(await isHighlighted(view.region(0))).toBe(true);
    expect(await isHighlighted(heartSentence)).toBe(true);

    // The card beside the photo: the lines and traits.
    const card = view.section.getByRole('region', { name: 'Palm reading' });
    expect(await card.locator('dt').allTextContents()).toEqual(['Heart line', 'Life line']);
    expect(await card.locator('.traits li').allTextContents()).toEqual(['warm', 'steady']);
    // The raw result stays one click away, folded.
    const raw = ui.answer.locator('details.result');
    expect(await raw.evaluate((details: HTMLDetailsElement) => details.open)).toBe(false);

    // One switch hides the marks, and shows them again.
    await view.toggle.uncheck();
    expect(await view.section.locator('.region-layer').count()).toBe(0);
    expect(await view.section.locator('.region-chip').count()).toBe(0);
    await view.toggle.check();
    expect(await view.section.locator('.region-layer .region').count()).toBe(2);

    await screenshot(page, 'seer-regions-palm.png');

    // The export: the Markdown names an annotated PNG of the photo, downloaded beside it, drawn on the
    // picture as uploaded (560×420, scaled up to 640 px so the marks stay legible).
    const history = page.getByRole('region', { name: 'History' });
    const exported = await exportMarked(page, /^Export Palm reading .* as Markdown$/);
    expect(exported.markdown).toContain(`## Marked pictures\n\n![palm.png, marked](${exported.fileName})`);
    expect(exported.fileName).toMatch(/^seer-palm-reading-.*-picture-1\.png$/);
    expect(exported.metadata).toMatchObject({ format: 'png', width: 640, height: 480 });
    // The life line's box (the second region: blue) is drawn at its fractions of the picture.
    expectBlue(exported.pixel, (84 / 560) * 640, (294 / 420) * 480);

    // Reopened from History, the saved run draws its regions on its preview, in the same places.
    await history.getByRole('button', { name: /^Palm reading/ }).click();
    await page.getByText(/A saved run from .+: Palm reading with /).waitFor();
    const preview = view.section.getByRole('img', { name: 'palm.png' });
    await preview.evaluate((image: HTMLImageElement) => image.decode());
    await expectPlaced(view.shape(1), preview, [84 / 560, 210 / 420, 280 / 560, 378 / 420]);

    expect(problems).toEqual([]);
  });

  test('Find and mark on the 0–1000 grid: boxes where the script put them, the count and the list of found things', async () => {
    const { page, problems } = await openPlayground();
    const ui = regions(page);
    await page.getByLabel('Model', { exact: true }).selectOption('qwen3-vl-plus');
    await page.getByRole('radio', { name: 'Find and mark' }).check();
    await page.getByLabel('Question').fill('boats');
    await ui.addMedia.setInputFiles({
      name: 'harbour.png',
      mimeType: 'image/png',
      buffer: createPNG(800, 500),
    });
    await page.getByRole('img', { name: 'harbour.png' }).waitFor();

    const answer = [
      'A red boat sits at the left of the harbour.',
      'A white boat is moored on the right.',
      'Count: 2',
      '',
      '```json',
      JSON.stringify([
        { bbox_2d: [100, 200, 400, 600], label: 'red boat' },
        { bbox_2d: [600, 250, 900, 700], label: 'white boat' },
      ]),
      '```',
    ].join('\n');
    const view = await analyzeWithAnswer(page, answer);
    const picture = await decodedPicture(view, 'harbour.png');

    await expectPlaced(view.shape(0), picture, [0.1, 0.2, 0.4, 0.6]);
    await expectPlaced(view.shape(1), picture, [0.6, 0.25, 0.9, 0.7]);
    // Labels on chips, over the picture.
    expect(await view.section.locator('.region-chip').allTextContents()).toEqual(['red boat', 'white boat']);

    const card = view.section.getByRole('region', { name: 'Found' });
    expect(await card.locator('.locate-count').textContent()).toBe('Count: 2');
    expect(await card.locator('.found-list li').allTextContents()).toEqual(['red boat', 'white boat']);

    const whiteSentence = ui.answerText.locator('.region-sentence', { hasText: 'A white boat is moored' });
    await whiteSentence.hover();
    expect(await isHighlighted(view.region(1))).toBe(true);
    expect(await isHighlighted(view.region(0))).toBe(false);
    await view.list.getByRole('button', { name: /^red boat/ }).hover();
    expect(
      await isHighlighted(ui.answerText.locator('.region-sentence', { hasText: 'A red boat sits' })),
    ).toBe(true);
    expect(await isHighlighted(whiteSentence)).toBe(false);

    await view.toggle.uncheck();
    expect(await view.section.locator('.region-layer').count()).toBe(0);
    expect(await view.list.getByRole('button').count()).toBe(2);
    await view.toggle.check();

    await screenshot(page, 'seer-regions-locate.png');

    // The live run's export is drawn on the picture as uploaded, at its own size, not on the 160 px
    // preview history keeps: the white boat's left edge (blue) at its fraction of the full picture.
    const uploaded = await picture.evaluate((image: HTMLImageElement) => ({
      width: image.naturalWidth,
      height: image.naturalHeight,
    }));
    // What the playground uploaded for this model (resized to its grid): far above the 160 px preview.
    expect(uploaded.width).toBe(800);
    expect(uploaded.height).toBeGreaterThanOrEqual(480);
    const exported = await exportMarked(page, /^Export Find and mark .* as Markdown$/);
    expect(exported.metadata).toMatchObject({ format: 'png', ...uploaded });
    expectBlue(exported.pixel, 0.6 * uploaded.width, 0.475 * uploaded.height);
    expectBlue(exported.pixel, 0.85 * uploaded.width, 0.25 * uploaded.height);

    // In Chinese, the marked pictures, their switch and the list of places speak Chinese.
    await page.getByLabel('Language / 语言').selectOption('zh');
    const chinese = page.getByRole('region', { name: '标记后的图片' });
    await chinese.waitFor();
    expect(await chinese.getByRole('checkbox', { name: '显示标记' }).isChecked()).toBe(true);
    expect(
      await chinese.getByRole('list', { name: '标出的位置' }).getByRole('button').allTextContents(),
    ).toEqual([
      'red boat：第 1 张（harbour.png），左侧中部的框',
      'white boat：第 1 张（harbour.png），右侧中部的框',
    ]);
    await chinese.getByRole('checkbox', { name: '显示标记' }).uncheck();
    expect(await chinese.locator('.region-layer').count()).toBe(0);
    await page.getByLabel('Language / 语言').selectOption('en');
    expect(problems).toEqual([]);
  });

  test('a narration: each beat on its own line, a timeline with frames, and a time shows its frame with its box', async () => {
    const { page, problems } = await openPlayground();
    const ui = regions(page);
    await page.getByRole('radio', { name: 'Video narration' }).check();
    await ui.addMedia.setInputFiles({ name: 'clip.mp4', mimeType: 'video/mp4', buffer: clip });
    const facts = await mediaFacts(page, 'clip.mp4');
    // QVQ-Max answers in the pixels of the frames as sent.
    expect(facts.Sent).toMatch(/^644×476/);

    const beats = [
      '[00:00.0] A colour test pattern fills the frame.',
      '[00:01.0] The counter ticks to one.',
      '[00:05.0] Halfway through, the counter reads five.',
    ];
    const answer = [
      ...beats,
      '',
      '```json',
      JSON.stringify([{ bbox_2d: [161, 119, 483, 357], label: 'counter', frame: 3 }]),
      '```',
    ].join('\n');
    const view = await analyzeWithAnswer(page, answer);

    // Three lines, not one paragraph run together.
    const paragraph = ui.answerText.locator('p').first();
    expect(await paragraph.locator('br').count()).toBe(2);
    // biome-ignore lint/performance/useDomNodeTextContent: the lines as laid out are what is checked.
    expect((await paragraph.innerText()).split('\n')).toEqual(beats);

    // The timeline: a beat per line, each with its frame's thumbnail and a button for its time.
    const timeline = view.section.getByRole('region', { name: 'Timeline' });
    const items = timeline.getByRole('listitem');
    expect(await items.count()).toBe(3);
    expect(await items.locator('.timeline-text').allTextContents()).toEqual([
      'A colour test pattern fills the frame.',
      'The counter ticks to one.',
      'Halfway through, the counter reads five.',
    ]);
    expect(await items.locator('img.timeline-frame').count()).toBe(3);
    const tops = await items.evaluateAll((elements) =>
      elements.map((element) => element.getBoundingClientRect().top),
    );
    expect(tops[1]).toBeGreaterThan(tops[0]!);
    expect(tops[2]).toBeGreaterThan(tops[1]!);

    // The marked frame (the 3rd, about 1 s in) shows first, with its box at its fractions.
    const frame = view.section.getByRole('img', { name: /^Frame at 00:01\.\d of clip\.mp4$/ });
    await frame.evaluate((image: HTMLImageElement) => image.decode());
    await expectPlaced(view.shape(0), frame, [0.25, 0.25, 0.75, 0.75]);

    // Choosing another beat's time shows its nearest sampled frame, without the box of frame 3.
    await timeline.getByRole('button', { name: 'Show the frame at 00:05.0' }).click();
    await view.section.getByRole('img', { name: /^Frame at 00:0[45]\.\d of clip\.mp4$/ }).waitFor();
    expect(await view.section.locator('.region-layer .region').count()).toBe(0);
    // And the listed region brings its frame back.
    await view.list.getByRole('button', { name: /^counter: picture 1 \(clip\.mp4\) at 00:01\.\d/ }).click();
    await frame.waitFor();
    expect(await view.section.locator('.region-layer .region').count()).toBe(1);

    await screenshot(page, 'seer-regions-narration.png');
    expect(problems).toEqual([]);
  });
  test('a run picked up after a reload draws its marks on the previews history saved', async () => {
    const { page, problems } = await openPlayground();
    const ui = regions(page);
    await page.getByRole('radio', { name: 'Find and mark' }).check();
    await page.getByLabel('Question').fill('boats');
    await ui.addMedia.setInputFiles({
      name: 'harbour.png',
      mimeType: 'image/png',
      buffer: createPNG(560, 420),
    });
    expect((await mediaFacts(page, 'harbour.png')).Sent).toMatch(/^560×420/);

    // Prose long enough, streamed slowly enough, to reload in the middle of it.
    const prose = Array.from({ length: 30 }, (_, line) => `Line ${line + 1} looks over the harbour.`);
    const answer = [
      'A red boat sits at the left of the harbour.',
      'A white boat is moored on the right.',
      ...prose,
      'Count: 2',
      '',
      '```json',
      JSON.stringify([
        { bbox_2d: [56, 84, 224, 252], label: 'red boat' },
        { bbox_2d: [336, 105, 504, 294], label: 'white boat' },
      ]),
      '```',
    ].join('\n');
    servers.mock.script({ ...answerScript(answer), chunkChars: 8, delayMs: 15 });
    await ui.analyze.click();
    await expect
      .poll(async () => (await textOf(ui.answerText)).length, { timeout: 30_000 })
      .toBeGreaterThan(40);
    expect(await marked(page).section.count()).toBe(0);
    await page.reload();
    await page.getByRole('radio').first().waitFor();

    const view = marked(page);
    await view.section.waitFor({ timeout: 60_000 });
    await ui.answer.getByText('Picked up again after the page reloaded.').waitFor();
    // Drawn on the saved preview (a small JPEG kept in history), at the fractions of the picture sent.
    const preview = view.section.getByRole('img', { name: 'harbour.png' });
    expect(await preview.getAttribute('src')).toMatch(/^data:image\/jpeg;/);
    await preview.evaluate((image: HTMLImageElement) => image.decode());
    await expectPlaced(view.shape(0), preview, [56 / 560, 84 / 420, 224 / 560, 252 / 420]);
    await expectPlaced(view.shape(1), preview, [336 / 560, 105 / 420, 504 / 560, 294 / 420]);
    expect(await view.list.getByRole('button').count()).toBe(2);
    expect(
      await view.section.getByRole('region', { name: 'Found' }).locator('.locate-count').textContent(),
    ).toBe('Count: 2');

    // The pictures as uploaded went with the old page: the export falls back to the preview, scaled up.
    const history = page.getByRole('region', { name: 'History' });
    await history.getByText(/· finished$/).waitFor();
    const exported = await exportMarked(page, /^Export Find and mark .* as Markdown$/);
    expect(exported.metadata).toMatchObject({ format: 'png', width: 640, height: 480 });
    expectBlue(exported.pixel, (336 / 560) * 640, (200 / 420) * 480);
    expect(servers.mock.requests).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  test('a comparison marks a thing in each picture, and a difference naming one lights it up', async () => {
    const { page, problems } = await openPlayground();
    const ui = regions(page);
    await page.getByRole('radio', { name: 'Multi-image comparison' }).check();
    // Both multiples of 28 within QVQ-Max's range: each sent as it is, so the marks are in its pixels.
    await ui.addMedia.setInputFiles([
      { name: 'before.png', mimeType: 'image/png', buffer: createPNG(560, 420) },
      { name: 'after.png', mimeType: 'image/png', buffer: createPNG(336, 448) },
    ]);
    expect((await mediaFacts(page, 'before.png')).Sent).toMatch(/^560×420/);
    expect((await mediaFacts(page, 'after.png')).Sent).toMatch(/^336×448/);

    const answer = [
      'Image 1: A beach at noon with a red kite over the water.',
      'Image 2: The same beach at dusk with a blue kite.',
      'Differences:',
      '- The red kite of the first picture is gone.',
      '- A blue kite flies in the second picture.',
      '- The light has turned golden.',
      '',
      '```json',
      JSON.stringify([
        { bbox_2d: [56, 42, 280, 210], label: 'red kite', image: 1 },
        { bbox_2d: [168, 224, 308, 420], label: 'blue kite', image: 2 },
      ]),
      '```',
    ].join('\n');
    const view = await analyzeWithAnswer(page, answer);

    // Each box on its own picture, at its fractions of that picture.
    const figure = (name: string) =>
      view.section.locator('figure', { has: page.getByRole('img', { name, exact: true }) });
    for (const [name, index, fractions] of [
      ['before.png', 0, [56 / 560, 42 / 420, 280 / 560, 210 / 420]],
      ['after.png', 1, [168 / 336, 224 / 448, 308 / 336, 420 / 448]],
    ] as const) {
      const picture = figure(name).getByRole('img', { name, exact: true });
      await picture.evaluate((image: HTMLImageElement) => image.decode());
      expect(await figure(name).locator('.region-layer .region').count()).toBe(1);
      await expectPlaced(figure(name).locator(`[data-region="${index}"] .region-shape`), picture, [
        ...fractions,
      ]);
    }

    // The differences, listed; hovering one that names a region highlights that region only.
    const card = view.section.getByRole('region', { name: 'Differences' });
    const differences = card.getByRole('listitem');
    expect(await differences.allTextContents()).toEqual([
      'The red kite of the first picture is gone.',
      'A blue kite flies in the second picture.',
      'The light has turned golden.',
    ]);
    await differences.nth(1).hover();
    expect(await isHighlighted(view.region(1))).toBe(true);
    expect(await isHighlighted(view.region(0))).toBe(false);
    await differences.nth(0).hover();
    expect(await isHighlighted(view.region(0))).toBe(true);
    expect(await isHighlighted(view.region(1))).toBe(false);
    // A difference naming no region links to none.
    expect(await differences.nth(2).getAttribute('data-regions')).toBeNull();

    await screenshot(page, 'seer-regions-compare.png');
    expect(problems).toEqual([]);
  });

  test('a math pattern: the answer and its rule on the card, the blank boxed', async () => {
    const { page, problems } = await openPlayground();
    const ui = regions(page);
    await page.getByRole('radio', { name: 'Math patterns' }).check();
    await ui.addMedia.setInputFiles({
      name: 'puzzle.png',
      mimeType: 'image/png',
      buffer: createPNG(560, 420),
    });
    expect((await mediaFacts(page, 'puzzle.png')).Sent).toMatch(/^560×420/);

    const answer = [
      'Each number is seven more than the one before: 3, 10, 17, 24.',
      'Rule: add seven to the previous number.',
      '\\boxed{31}',
      '',
      '```json',
      JSON.stringify([{ bbox_2d: [392, 168, 504, 252], label: 'the blank' }]),
      '```',
    ].join('\n');
    const view = await analyzeWithAnswer(page, answer);

    const card = view.section.getByRole('region', { name: 'Solution' });
    expect(await termsOf(card.locator('dl'))).toEqual({
      Answer: '31',
      Rule: 'add seven to the previous number.',
    });
    const picture = view.section.getByRole('img', { name: 'puzzle.png' });
    await picture.evaluate((image: HTMLImageElement) => image.decode());
    await expectPlaced(view.shape(0), picture, [392 / 560, 168 / 420, 504 / 560, 252 / 420]);
    expect(await view.section.locator('.region-chip').allTextContents()).toEqual(['the blank']);
    expect(await view.list.getByRole('button').allTextContents()).toEqual([
      'the blank: picture 1 (puzzle.png), box at middle right',
    ]);

    await screenshot(page, 'seer-regions-math.png');
    expect(problems).toEqual([]);
  });
});
