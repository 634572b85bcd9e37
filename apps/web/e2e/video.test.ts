import { type PreprocessResponse, PreprocessResponseSchema } from '@seer/core';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatFrameTime,
  formatSize,
  formatUSD,
} from '../src/lib/format';
import { parseMultipart } from './multipart';
import { mediaFacts, regions, screenshot, termsOf } from './playground-page';
import { usePlaygroundServers } from './playground-servers';
import { createPNG } from './png';
import { encodeTestClip, encodeTone } from './test-videos';

/** A chat part as the mock upstream received it. */
type UpstreamPart = { type: string; video?: string[]; image_url?: { url: string }; text?: string };

const servers = usePlaygroundServers({ recordUploads: true });
const { openPlayground } = servers;
let clip: Buffer;
let tone: Buffer;

beforeAll(async () => {
  [clip, tone] = await Promise.all([encodeTestClip(), encodeTone()]);
});

/** Asks the API, directly, what it samples of a video for a model: multipart, as a client uploads it. */
async function preprocessVideo(video: Buffer, name: string, model?: string): Promise<Response> {
  const form = new FormData();
  form.append(
    'request',
    JSON.stringify({ ...(model ? { model } : {}), media: [{ type: 'video', file: 'video0' }] }),
  );
  form.append('video0', new Blob([new Uint8Array(video)]), name);
  return fetch(`${servers.api.url}/v1/preprocess?include=data`, { method: 'POST', body: form });
}

async function expectedSampling(model?: string): Promise<PreprocessResponse> {
  const response = await preprocessVideo(clip, 'clip.mp4', model);
  expect(response.status, await response.clone().text()).toBe(200);
  return PreprocessResponseSchema.parse(await response.json());
}

/** The `POST /v1/analyses` requests that went through the recording proxy. */
const analysesSent = () =>
  servers.proxy!.requests.filter(
    (request) => request.method === 'POST' && request.path.startsWith('/v1/analyses'),
  );

const preprocessSent = () =>
  servers.proxy!.requests.filter(
    (request) => request.method === 'POST' && request.path.startsWith('/v1/preprocess'),
  );

/** The strip of sampled frames of a video, its captions and its pictures. */
function frameStrip(page: Page, name: string) {
  const strip = page.getByRole('list', { name: `Sampled frames of ${name}`, exact: true });
  return {
    strip,
    frames: strip.getByRole('listitem'),
    captions: () => strip.locator('.frame-time').allTextContents(),
    sources: () =>
      strip.locator('img').evaluateAll((images) => images.map((image) => image.getAttribute('src') ?? '')),
  };
}

async function addClip(page: Page) {
  await regions(page).addMedia.setInputFiles({ name: 'clip.mp4', mimeType: 'video/mp4', buffer: clip });
}

describe('a video in the playground, with QVQ-Max on DashScope (a mock upstream)', () => {
  test('shows the duration, the sampled frames, their size and cost as the server plans them, and uploads the file as it is', async () => {
    const expected = await expectedSampling();
    const sampled = expected.media[0]!;
    expect(expected.model).toBe('qvq-max');
    expect(sampled).toMatchObject({ width: 644, height: 476, tokens: 3910, durationSeconds: 10 });
    expect(sampled.frames).toHaveLength(20);
    expect(expected.estimatedCost).toBeDefined();

    const { page, problems } = await openPlayground();
    const ui = regions(page);
    await page.getByRole('radio', { name: 'Video narration' }).check();
    expect(await ui.addMedia.getAttribute('accept')).toMatch(/(^|,)video\/\*(,|$)/);

    // The upload to /v1/preprocess is held until the page has shown that it is sampling.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/v1/preprocess*', async (route) => {
      await held;
      await route.continue();
    });
    const preprocessBefore = preprocessSent().length;
    await addClip(page);
    await page.getByText(/^Sampling frames… · /).waitFor();
    await screenshot(page, 'seer-video-sampling.png');
    expect(await page.getByRole('listitem').filter({ hasText: 'clip.mp4' }).getAttribute('aria-busy')).toBe(
      'true',
    );
    release();

    const facts = await mediaFacts(page, 'clip.mp4');
    expect(facts).toEqual({
      Original: `${formatSize(sampled.originalWidth!, sampled.originalHeight!)} · ${formatBytes(clip.length)}`,
      Sent: `${formatSize(sampled.width, sampled.height)} · ${formatBytes(sampled.bytes)}`,
      Duration: formatDuration(sampled.durationSeconds!),
      Frames: formatCount(sampled.frames!.length),
      Tokens: formatCount(sampled.tokens),
      Cost: formatUSD(expected.estimatedCost!.inputUSD),
    });
    expect(facts).toMatchObject({ Duration: '0:10.0', Frames: '20', Tokens: '3,910' });
    expect(facts.Original).toMatch(/^640×480 · /);
    expect(facts.Sent).toMatch(/^644×476 · /);
    expect(facts.Cost).toBe('$0.0047');

    // The strip: every sampled frame, as the server sampled it, captioned with its time.
    const strip = frameStrip(page, 'clip.mp4');
    expect(await strip.frames.count()).toBe(20);
    const captions = await strip.captions();
    expect(captions).toEqual(sampled.frames!.map((frame) => formatFrameTime(frame.timestamp)));
    expect(captions[0]).toBe('00:00.0');
    expect(captions.at(-1)).toBe('00:10.0');
    const sources = await strip.sources();
    expect(sources).toEqual(sampled.urls);
    const firstFrame = Buffer.from(sources[0]!.slice(sources[0]!.indexOf(',') + 1), 'base64');
    expect(await sharp(firstFrame).metadata()).toMatchObject({ format: 'jpeg', width: 644, height: 476 });
    // It scrolls sideways rather than widening the page.
    const overflow = await strip.strip.evaluate((element) => ({
      scrolls: element.scrollWidth > element.clientWidth,
      pageWidth: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(overflow.scrolls).toBe(true);
    expect(overflow.pageWidth).toBeLessThanOrEqual(overflow.viewport);

    expect(await page.getByText('Total · 1 video', { exact: true }).isVisible()).toBe(true);
    expect(await termsOf(page.getByLabel('Total for all media'))).toEqual({
      Tokens: formatCount(expected.totalTokens),
      Cost: formatUSD(expected.estimatedCost!.inputUSD),
      Upload: formatBytes(clip.length),
    });
    // One upload to sample it, multipart with the video's bytes as they are.
    expect(preprocessSent()).toHaveLength(preprocessBefore + 1);
    const sampling = preprocessSent().at(-1)!;
    expect(sampling.path).toBe('/v1/preprocess?include=data');
    const samplingParts = parseMultipart(sampling.body, sampling.headers['content-type']!);
    expect(JSON.parse(samplingParts.find((part) => part.name === 'request')!.data.toString('utf8'))).toEqual({
      model: 'qvq-max',
      media: [{ type: 'video', file: 'video0' }],
    });
    expect(samplingParts.find((part) => part.name === 'video0')!.data.equals(clip)).toBe(true);
    expect(await page.getByText(/needs exactly one video/).count()).toBe(0);

    await screenshot(page, 'seer-video-added.png');
    await page.setViewportSize({ width: 390, height: 844 });
    const phoneOverflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(phoneOverflow).toBeLessThanOrEqual(390);
    await screenshot(page, 'seer-video-added-phone.png');
    await page.setViewportSize({ width: 1280, height: 900 });

    const narration = [
      '[00:00.0] A colour test pattern fills the frame, with a counter in the middle.',
      '[00:01.0] The counter ticks to one; the gradient bar slides along.',
      '[00:05.0] Halfway through, the counter reads five.',
      '[00:10.0] The pattern ends on nine.',
    ].join('\n');
    servers.mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'Twenty frames half a second apart; the counter in the middle counts the seconds.',
      answer: narration,
      chunkChars: 16,
    });
    const analysesBefore = analysesSent().length;
    const upstreamBefore = servers.mock.requests.length;
    await ui.analyze.click();
    await expect.poll(async () => ui.answerText.textContent(), { timeout: 30_000 }).toBe(narration);

    // The analysis went as multipart: the request names the file, and the file is the video unchanged.
    expect(analysesSent()).toHaveLength(analysesBefore + 1);
    const upload = analysesSent().at(-1)!;
    expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const parts = parseMultipart(upload.body, upload.headers['content-type']!);
    expect(parts.map((part) => part.name).sort()).toEqual(['request', 'video0']);
    const requestText = parts.find((part) => part.name === 'request')!.data.toString('utf8');
    expect(requestText).not.toContain('base64');
    expect(JSON.parse(requestText)).toEqual({
      template: 'video-narration',
      locale: 'en',
      media: [{ type: 'video', file: 'video0' }],
      model: 'qvq-max',
    });
    const video = parts.find((part) => part.name === 'video0')!;
    expect(video.filename).toBe('clip.mp4');
    expect(video.data.equals(clip)).toBe(true);
    expect(upload.body.length).toBeLessThan(clip.length + 2048);

    // DashScope received the frame list: the 20 frames the page showed.
    expect(servers.mock.requests).toHaveLength(upstreamBefore + 1);
    const body = servers.mock.requests.at(-1)!.body as { messages: { content: string | UpstreamPart[] }[] };
    const upstreamParts = body.messages.flatMap((message) =>
      Array.isArray(message.content) ? message.content : [],
    );
    const frameList = upstreamParts.find((part) => part.type === 'video');
    expect(frameList?.video).toHaveLength(20);
    expect(frameList!.video!.every((url) => url.startsWith('data:image/jpeg;base64,'))).toBe(true);
    expect(frameList!.video).toEqual(sampled.urls);
    expect(upstreamParts.filter((part) => part.type === 'image_url')).toEqual([]);
    await ui.answer.getByText('Input', { exact: true }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'seer-video-narrated.png');
    expect(problems).toEqual([]);
  });

  test('another model samples the video again, as the server would for it', async () => {
    const { page, problems } = await openPlayground();
    const models = await page
      .getByLabel('Model')
      .locator('option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    const qwen3 = models.find((id) => id.startsWith('qwen3-vl'));
    expect(qwen3).toBeDefined();
    const expected = (await expectedSampling(qwen3)).media[0]!;

    await addClip(page);
    expect((await mediaFacts(page, 'clip.mp4')).Sent).toMatch(/^644×476 · /);
    await page.getByLabel('Model').selectOption(qwen3!);
    const size = formatSize(expected.width, expected.height);
    expect(size).not.toBe('644×476');
    await expect
      .poll(async () => (await mediaFacts(page, 'clip.mp4')).Sent, { timeout: 30_000 })
      .toBe(`${size} · ${formatBytes(expected.bytes)}`);
    expect((await mediaFacts(page, 'clip.mp4')).Tokens).toBe(formatCount(expected.tokens));
    expect(await frameStrip(page, 'clip.mp4').captions()).toEqual(
      expected.frames!.map((frame) => formatFrameTime(frame.timestamp)),
    );
    const sampling = preprocessSent().at(-1)!;
    const request = parseMultipart(sampling.body, sampling.headers['content-type']!).find(
      (part) => part.name === 'request',
    )!;
    expect(JSON.parse(request.data.toString('utf8')).model).toBe(qwen3);

    // Back to QVQ-Max: its frames were kept, so nothing is uploaded again.
    const uploads = preprocessSent().length;
    await page.getByLabel('Model').selectOption('qvq-max');
    await expect.poll(async () => (await mediaFacts(page, 'clip.mp4')).Sent).toMatch(/^644×476 · /);
    expect(preprocessSent()).toHaveLength(uploads);
    expect(problems).toEqual([]);
  });

  test("an audio-only file shows the server's reason for refusing it", async () => {
    const refused = await preprocessVideo(tone, 'tone.m4a');
    expect(refused.status).toBe(415);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('unsupported_media_type');

    const { page, problems } = await openPlayground();
    await regions(page).addMedia.setInputFiles({ name: 'tone.m4a', mimeType: 'audio/mp4', buffer: tone });
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toBe(`tone.m4a: ${error.message}`);
    expect(await page.getByRole('listitem').filter({ hasText: 'tone.m4a' }).count()).toBe(0);
    await screenshot(page, 'seer-video-refused.png');
    expect(problems).toEqual([]);
  });

  test('Video narration says it needs exactly one video, and sends nothing until it has one', async () => {
    const { page, problems } = await openPlayground();
    const ui = regions(page);
    await page.getByRole('radio', { name: 'Video narration' }).check();
    await ui.addMedia.setInputFiles({ name: 'puzzle.png', mimeType: 'image/png', buffer: createPNG(64, 48) });
    await page.getByRole('img', { name: 'puzzle.png' }).waitFor();
    const problem = 'Video narration needs exactly one video and no images (added: 1 image).';
    await page.getByText(problem, { exact: true }).waitFor();

    const before = analysesSent().length;
    await ui.analyze.click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.locator('.error-message').textContent()).toBe(problem);
    await page.waitForTimeout(300);
    expect(analysesSent()).toHaveLength(before);
    await screenshot(page, 'seer-video-needs-one.png');

    await page.getByRole('button', { name: 'Remove puzzle.png' }).click();
    await addClip(page);
    await mediaFacts(page, 'clip.mp4');
    expect(await page.getByText(/needs exactly one video/).count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
