import { type PreprocessResponse, PreprocessResponseSchema } from '@seer/core';
import { decodeRGB, psnr, type RGBPixels } from '@seer/test-setup';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { formatBytes, formatCount, formatSize, formatUSD } from '../src/lib/format';
import { parseMultipart } from './multipart';
import { mediaFacts, regions, screenshot, termsOf } from './playground-page';
import { usePlaygroundServers } from './playground-servers';
import { createHEIC, createRotatedPhoto, TOP_MARK } from './test-photos';

/** Makes a test file once per run: a 12-megapixel JPEG takes a second or two to encode. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

// An iPhone portrait: stored 4032×3024 with EXIF orientation 6, displayed 3024×4032.
const iPhonePortrait = once(() => createRotatedPhoto(3024, 4032));
const heicPhoto = once(() => createHEIC(1200, 900));

const servers = usePlaygroundServers({ recordUploads: true });
const { openPlayground } = servers;

/** Asks the API what it would send for one file, exactly as a client uploads it (multipart). */
async function preprocess(
  file: Buffer,
  name: string,
  type: string,
  model?: string,
  query = '',
): Promise<PreprocessResponse> {
  const form = new FormData();
  form.append(
    'request',
    JSON.stringify({ ...(model ? { model } : {}), media: [{ type: 'image', file: 'photo' }] }),
  );
  form.append('photo', new Blob([new Uint8Array(file)], { type }), name);
  const response = await fetch(`${servers.api.url}/v1/preprocess${query}`, { method: 'POST', body: form });
  expect(response.status, await response.clone().text()).toBe(200);
  return PreprocessResponseSchema.parse(await response.json());
}

/** The image the server would send the model for one file (its default model), decoded to RGB. */
async function serverPixels(file: Buffer, name: string, type: string): Promise<RGBPixels> {
  const url = (await preprocess(file, name, type, undefined, '?include=data')).media[0]!.urls![0]!;
  return decodeRGB(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
}

/** The facts of an image once it is resized in the browser (the sent size then shows its bytes). */
async function resizedFacts(page: Page, name: string): Promise<Record<string, string>> {
  await expect.poll(async () => (await mediaFacts(page, name)).Sent, { timeout: 30_000 }).toContain(' · ');
  return mediaFacts(page, name);
}

/** Collects the paths of the HEIC decoder's scripts as the page requests them. */
function watchDecoderRequests(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (/heic/i.test(pathname) && pathname.endsWith('.js')) paths.push(pathname);
  });
  return paths;
}

/** The `POST /v1/analyses` requests that went through the recording proxy. */
const analysesSent = () =>
  servers.proxy!.requests.filter(
    (request) => request.method === 'POST' && request.path.startsWith('/v1/analyses'),
  );

/** The mean colour of the top `rows` rows of an image. */
async function topColour(image: Buffer, rows: number): Promise<{ r: number; g: number; b: number }> {
  const { width } = await sharp(image).metadata();
  const { data, info } = await sharp(image)
    .extract({ left: 0, top: 0, width: width!, height: rows })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const sums = [0, 0, 0];
  for (let offset = 0; offset < data.length; offset += info.channels) {
    for (let channel = 0; channel < 3; channel++) sums[channel]! += data[offset + channel]!;
  }
  const count = data.length / info.channels;
  return { r: sums[0]! / count, g: sums[1]! / count, b: sums[2]! / count };
}

function expectClose(actual: { r: number; g: number; b: number }, expected: typeof TOP_MARK) {
  expect(Math.abs(actual.r - expected.r)).toBeLessThan(20);
  expect(Math.abs(actual.g - expected.g)).toBeLessThan(20);
  expect(Math.abs(actual.b - expected.b)).toBeLessThan(20);
}

/** The image data URL of the last chat request that reached the mock upstream, decoded. */
function lastUpstreamImage(): Buffer {
  const body = servers.mock.requests.at(-1)?.body as {
    messages: { content: string | { type: string; image_url?: { url: string } }[] }[];
  };
  const parts = body.messages.flatMap((message) => (Array.isArray(message.content) ? message.content : []));
  const url = parts.find((part) => part.type === 'image_url')?.image_url?.url ?? '';
  expect(url).toMatch(/^data:image\/(jpeg|png);base64,/);
  return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
}

describe('with QVQ-Max on DashScope (a mock upstream)', () => {
  test('a 12-megapixel phone photo is planned in the browser as the server plans it, and uploaded resized', async () => {
    const photo = await iPhonePortrait();
    const expected = await preprocess(photo, 'IMG_0001.jpg', 'image/jpeg');
    const prepared = expected.media[0]!;
    expect(expected.model).toBe('qvq-max');
    expect(prepared).toMatchObject({ originalWidth: 3024, originalHeight: 4032, width: 840, height: 1148 });
    expect(expected.estimatedCost).toBeDefined();

    const { page, problems } = await openPlayground();
    const ui = regions(page);
    expect(await page.getByLabel('Model').inputValue()).toBe('qvq-max');
    await ui.addMedia.setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });

    const facts = await resizedFacts(page, 'IMG_0001.jpg');
    expect(facts).toEqual({
      Original: `${formatSize(prepared.originalWidth!, prepared.originalHeight!)} · ${formatBytes(photo.length)}`,
      Sent: expect.stringMatching(
        new RegExp(`^${formatSize(prepared.width, prepared.height)} · [\\d.]+ KB$`),
      ),
      Tokens: formatCount(prepared.tokens),
      Cost: formatUSD(expected.estimatedCost!.inputUSD),
    });
    expect(facts.Original).toBe('3024×4032 · 4.4 MB');
    expect(facts.Tokens).toBe('1,230');
    expect(facts.Cost).toBe('$0.0015');
    expect(await page.getByText('Total · 1 image', { exact: true }).isVisible()).toBe(true);
    expect(await termsOf(page.getByLabel('Total for all media'))).toEqual({
      Tokens: formatCount(expected.totalTokens),
      Cost: formatUSD(expected.estimatedCost!.inputUSD),
      Upload: facts.Sent!.split(' · ')[1],
    });
    await screenshot(page, 'seer-photo-added.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'seer-photo-added-phone.png');
    await page.setViewportSize({ width: 1280, height: 900 });

    const analysesBefore = analysesSent().length;
    await page.getByRole('radio', { name: 'Freeform' }).check();
    await page.getByLabel('Question').fill('What colour is the band along the top?');
    await ui.analyze.click();
    await expect
      .poll(async () => ui.answerText.textContent(), { timeout: 30_000 })
      .toBe('Hello from the mock upstream.');

    // The upload is multipart, and its image is the resized one, not the 4 MB original.
    expect(analysesSent()).toHaveLength(analysesBefore + 1);
    const upload = analysesSent().at(-1)!;
    const parts = parseMultipart(upload.body, upload.headers['content-type']!);
    const request = JSON.parse(parts.find((part) => part.name === 'request')!.data.toString('utf8'));
    expect(request).toMatchObject({ model: 'qvq-max', media: [{ type: 'image', file: 'image0' }] });
    const image = parts.find((part) => part.name === 'image0')!;
    expect(image).toMatchObject({ filename: 'IMG_0001.jpg', contentType: 'image/jpeg' });
    expect(image.data.length * 10).toBeLessThanOrEqual(photo.length);
    expect(formatBytes(image.data.length)).toBe(facts.Sent!.split(' · ')[1]);
    const uploaded = await sharp(image.data).metadata();
    expect(uploaded).toMatchObject({ format: 'jpeg', width: prepared.width, height: prepared.height });
    // Upright, and nothing of the original's EXIF left.
    expect(uploaded.orientation).toBeUndefined();
    expect(uploaded.exif).toBeUndefined();
    expectClose(await topColour(image.data, 20), TOP_MARK);
    // Resampled as the server resamples (Lanczos-3): what the model sees is what the server would make.
    expect(
      psnr(await decodeRGB(image.data), await serverPixels(photo, 'IMG_0001.jpg', 'image/jpeg')),
    ).toBeGreaterThanOrEqual(38);

    // The server prepared it again, idempotently: the model got exactly the planned size.
    const upstream = lastUpstreamImage();
    expect(await sharp(upstream).metadata()).toMatchObject({
      width: prepared.width,
      height: prepared.height,
    });
    expectClose(await topColour(upstream, 20), TOP_MARK);
    expect(problems).toEqual([]);
  });

  test('a few-colour puzzle stays PNG, a photo becomes JPEG, and the total counts both', async () => {
    // Black strokes on white, like the digits of a number puzzle: two colours.
    const width = 900;
    const height = 600;
    const pixels = Buffer.alloc(width * height * 3, 255);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if ((x % 150 < 20 && y % 200 < 150) || (y % 200 < 20 && x % 150 < 100))
          pixels.fill(0, (y * width + x) * 3, (y * width + x) * 3 + 3);
      }
    }
    const puzzle = await sharp(pixels, { raw: { width, height, channels: 3 } })
      .png()
      .toBuffer();
    const expectedPuzzle = (await preprocess(puzzle, 'puzzle.png', 'image/png')).media[0]!;
    expect(expectedPuzzle.mime).toBe('image/png');
    const photo = await iPhonePortrait();

    const { page, problems } = await openPlayground();
    await regions(page).addMedia.setInputFiles([
      { name: 'puzzle.png', mimeType: 'image/png', buffer: puzzle },
      { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo },
    ]);
    const puzzleFacts = await resizedFacts(page, 'puzzle.png');
    const photoFacts = await resizedFacts(page, 'IMG_0001.jpg');
    expect(puzzleFacts.Sent).toMatch(
      new RegExp(`^${formatSize(expectedPuzzle.width, expectedPuzzle.height)} · `),
    );
    expect(await page.getByText('Total · 2 images', { exact: true }).isVisible()).toBe(true);
    const tokens = expectedPuzzle.tokens + 1230;
    expect(await termsOf(page.getByLabel('Total for all media'))).toMatchObject({
      Tokens: formatCount(tokens),
    });

    const before = analysesSent().length;
    await page.getByRole('radio', { name: 'Freeform' }).check();
    await page.getByLabel('Question').fill('Which number is missing?');
    await regions(page).analyze.click();
    await regions(page).answerText.getByText('Hello from the mock upstream.').waitFor({ timeout: 30_000 });
    expect(analysesSent()).toHaveLength(before + 1);
    const upload = analysesSent().at(-1)!;
    const parts = parseMultipart(upload.body, upload.headers['content-type']!);
    const request = JSON.parse(parts.find((part) => part.name === 'request')!.data.toString('utf8'));
    expect(request.media).toEqual([
      { type: 'image', file: 'image0' },
      { type: 'image', file: 'image1' },
    ]);
    const [sentPuzzle, sentPhoto] = ['image0', 'image1'].map(
      (name) => parts.find((part) => part.name === name)!,
    );
    expect(sentPuzzle).toMatchObject({ filename: 'puzzle.png', contentType: 'image/png' });
    expect(sentPhoto).toMatchObject({ filename: 'IMG_0001.jpg', contentType: 'image/jpeg' });
    expect(formatBytes(sentPuzzle!.data.length)).toBe(puzzleFacts.Sent!.split(' · ')[1]);
    expect(formatBytes(sentPhoto!.data.length)).toBe(photoFacts.Sent!.split(' · ')[1]);
    const decodedPuzzle = await sharp(sentPuzzle!.data).raw().toBuffer({ resolveWithObject: true });
    expect(decodedPuzzle.info).toMatchObject({ width: expectedPuzzle.width, height: expectedPuzzle.height });
    expect(problems).toEqual([]);
  });

  test('a screenshot of small text is resized as the server resizes it', async () => {
    const { page, problems } = await openPlayground();
    // A screenshot from a high-density screen: the playground's own text drawn at twice its size.
    await page.setViewportSize({ width: 2560, height: 1800 });
    await page.evaluate(() => document.documentElement.style.setProperty('zoom', '2'));
    const screenshotPNG = await page.screenshot({ type: 'png' });
    await page.evaluate(() => document.documentElement.style.removeProperty('zoom'));
    await page.setViewportSize({ width: 1280, height: 900 });

    await regions(page).addMedia.setInputFiles({
      name: 'screen.png',
      mimeType: 'image/png',
      buffer: screenshotPNG,
    });
    await resizedFacts(page, 'screen.png');
    const before = analysesSent().length;
    await page.getByRole('radio', { name: 'Freeform' }).check();
    await page.getByLabel('Question').fill('What does the page say?');
    await regions(page).analyze.click();
    await regions(page).answerText.getByText('Hello from the mock upstream.').waitFor({ timeout: 30_000 });
    expect(analysesSent()).toHaveLength(before + 1);
    const upload = analysesSent().at(-1)!;
    const sent = parseMultipart(upload.body, upload.headers['content-type']!).find(
      (part) => part.name === 'image0',
    )!;
    // Thin strokes are where resampling filters differ most: the canvas's own filter stays far below
    // this, Lanczos-3 as the server's is all but identical.
    expect(
      psnr(await decodeRGB(sent.data), await serverPixels(screenshotPNG, 'screen.png', 'image/png')),
    ).toBeGreaterThanOrEqual(50);
    expect(problems).toEqual([]);
  });

  test('a different model plans again, as the server would for it', async () => {
    const photo = await iPhonePortrait();
    const { page, problems } = await openPlayground();
    const models = await page
      .getByLabel('Model')
      .locator('option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    const qwen3 = models.find((id) => id.startsWith('qwen3-vl'));
    expect(qwen3).toBeDefined();
    const expected = await preprocess(photo, 'IMG_0001.jpg', 'image/jpeg', qwen3);
    const prepared = expected.media[0]!;

    await regions(page).addMedia.setInputFiles({
      name: 'IMG_0001.jpg',
      mimeType: 'image/jpeg',
      buffer: photo,
    });
    expect((await resizedFacts(page, 'IMG_0001.jpg')).Sent).toMatch(/^840×1148 · /);
    await page.getByLabel('Model').selectOption(qwen3!);

    const size = formatSize(prepared.width, prepared.height);
    await expect
      .poll(async () => (await mediaFacts(page, 'IMG_0001.jpg')).Sent, { timeout: 30_000 })
      .toMatch(new RegExp(`^${size} · `));
    const facts = await mediaFacts(page, 'IMG_0001.jpg');
    expect(facts.Tokens).toBe(formatCount(prepared.tokens));
    expect(facts.Cost).toBe(expected.estimatedCost ? formatUSD(expected.estimatedCost.inputUSD) : undefined);
    expect(problems).toEqual([]);
  });

  test('a HEIC photo from an iPhone is read, with its decoder fetched only then', async () => {
    const heic = await heicPhoto();
    const expected = await preprocess(heic, 'IMG_0002.HEIC', 'image/heic');
    const prepared = expected.media[0]!;
    expect(prepared).toMatchObject({ originalWidth: 1200, originalHeight: 900 });

    const { page, problems } = await openPlayground();
    const decoderRequests = watchDecoderRequests(page);
    // Nothing of the decoder is in the page until a HEIC arrives: a JPEG does not fetch it either.
    const photo = await createRotatedPhoto(600, 800);
    await regions(page).addMedia.setInputFiles({ name: 'small.jpg', mimeType: 'image/jpeg', buffer: photo });
    await resizedFacts(page, 'small.jpg');
    const loaded = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => entry.name),
    );
    expect(loaded.filter((name) => /heic/i.test(name))).toEqual([]);
    expect(decoderRequests).toEqual([]);

    await regions(page).addMedia.setInputFiles({
      name: 'IMG_0002.HEIC',
      mimeType: 'image/heic',
      buffer: heic,
    });
    const facts = await mediaFacts(page, 'IMG_0002.HEIC');
    expect(decoderRequests).toHaveLength(1);
    expect(facts).toMatchObject({
      Original: `${formatSize(1200, 900)} · ${formatBytes(heic.length)}`,
      Sent: expect.stringMatching(new RegExp(`^${formatSize(prepared.width, prepared.height)}( · |$)`)),
      Tokens: formatCount(prepared.tokens),
      Cost: formatUSD(expected.estimatedCost!.inputUSD),
    });
    await screenshot(page, 'seer-heic-added.png');

    // The browser decoded and resized the HEIC itself: its preview is a blob made here.
    expect(await page.getByRole('img', { name: 'IMG_0002.HEIC' }).getAttribute('src')).toMatch(/^blob:/);
    await page.getByRole('button', { name: 'Remove small.jpg' }).click();
    const before = analysesSent().length;
    await page.getByRole('radio', { name: 'Freeform' }).check();
    await page.getByLabel('Question').fill('What is in this photo?');
    await regions(page).analyze.click();
    await expect.poll(() => analysesSent().length, { timeout: 30_000 }).toBe(before + 1);
    const upload = analysesSent().at(-1)!;
    const image = parseMultipart(upload.body, upload.headers['content-type']!).find(
      (part) => part.name === 'image0',
    )!;
    expect(await sharp(image.data).metadata()).toMatchObject({
      format: 'jpeg',
      width: prepared.width,
      height: prepared.height,
    });
    await regions(page).answerText.getByText('Hello from the mock upstream.').waitFor({ timeout: 30_000 });
    expect(await sharp(lastUpstreamImage()).metadata()).toMatchObject({
      width: prepared.width,
      height: prepared.height,
    });
    expect(problems).toEqual([]);
  });
});
