import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type APIServer, findSystemTool, HEIF_ENCODER, startAPIServer } from '@seer/test-setup';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOutcome, HOSTILE_CEILINGS, type HostileOutcome, runHostile } from '../test/hostile-support';
import { dataURL } from '../test/test-images';

let api: APIServer;
/** 16000×16000, white with a black bar: a diagram just under the pixel limit, under a megabyte as PNG. */
let hugeDiagram: Buffer;
/** 8000×6000 JPEG of smoothly enlarged noise: a large photo of about ten megabytes. */
let largePhoto: Buffer;
/** 4000×3000 HEIC, as a phone takes them: decoded by WebAssembly, not by libvips. */
let largeHEIC: Buffer;

async function makeHEIC(width: number, height: number): Promise<Buffer> {
  const folder = await mkdtemp(join(tmpdir(), 'seer-hostile-heic-'));
  try {
    await sharp({
      create: {
        width: width / 10,
        height: height / 10,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 40 },
      },
    })
      .resize(width, height, { kernel: 'cubic' })
      .png({ compressionLevel: 1 })
      .toFile(join(folder, 'in.png'));
    await promisify(execFile)(findSystemTool(HEIF_ENCODER) ?? 'heif-enc', [
      '-q',
      '50',
      '-o',
      join(folder, 'photo.heic'),
      join(folder, 'in.png'),
    ]);
    return await readFile(join(folder, 'photo.heic'));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  const bar = await sharp({ create: { width: 2000, height: 300, channels: 3, background: '#000000' } })
    .png()
    .toBuffer();
  const noise = await sharp({
    create: {
      width: 1000,
      height: 750,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .png()
    .toBuffer();
  [api, hugeDiagram, largePhoto, largeHEIC] = await Promise.all([
    startAPIServer({ NODE_ENV: 'test' }),
    sharp({ create: { width: 16000, height: 16000, channels: 3, background: '#ffffff' } })
      .composite([{ input: bar, left: 1000, top: 1000 }])
      .png({ compressionLevel: 6, adaptiveFiltering: false })
      .toBuffer(),
    sharp(noise).resize(8000, 6000, { kernel: 'cubic' }).jpeg({ quality: 90 }).toBuffer(),
    makeHEIC(4000, 3000),
  ]);
}, 60_000);

afterAll(async () => {
  await api?.stop();
}, 60_000);

function preprocessDataURL(image: Buffer): Promise<Response> {
  return fetch(`${api.url}/v1/preprocess`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'demo', media: [{ type: 'image', url: dataURL(image) }] }),
  });
}

function preprocessUpload(image: Buffer, name: string): Promise<Response> {
  const form = new FormData();
  form.set('request', JSON.stringify({ model: 'demo', media: [{ type: 'image', file: 'image' }] }));
  form.set('image', new Blob([new Uint8Array(image)]), name);
  return fetch(`${api.url}/v1/preprocess`, { method: 'POST', body: form });
}

function expectWithinCeilings(outcome: HostileOutcome, status: number): void {
  const message = describeOutcome(outcome);
  expect(outcome.status, message).toBe(status);
  expect(outcome.slowestHealthzMs, message).toBeLessThanOrEqual(HOSTILE_CEILINGS.healthzMs);
  expect(outcome.peakRSSDeltaMB, message).toBeLessThanOrEqual(HOSTILE_CEILINGS.peakRSSMB);
  expect(outcome.settledRSSDeltaMB, message).toBeLessThanOrEqual(HOSTILE_CEILINGS.settledRSSMB);
}

describe('hostile images against a real API process', () => {
  it('prepares a 16000×16000 PNG without blocking /healthz or holding its pixels, and keeps it PNG', async () => {
    const outcome = await runHostile(api, () => preprocessDataURL(hugeDiagram));
    expectWithinCeilings(outcome, 200);
    expect(JSON.parse(outcome.body).media[0]).toMatchObject({
      mime: 'image/png',
      originalWidth: 16000,
      originalHeight: 16000,
    });
  });

  it('prepares two 16000×16000 PNGs at once within the same ceilings', async () => {
    let second: Response | undefined;
    const outcome = await runHostile(api, async () => {
      const [first, other] = await Promise.all([
        preprocessDataURL(hugeDiagram),
        preprocessUpload(hugeDiagram, 'diagram.png'),
      ]);
      second = other;
      return first;
    });
    expectWithinCeilings(outcome, 200);
    expect(second?.status, describeOutcome(outcome)).toBe(200);
    expect((await second!.json()).media[0].mime).toBe('image/png');
  });

  it('decodes a 4000×3000 HEIC off the event loop and gives its memory back', async () => {
    const outcome = await runHostile(api, () => preprocessUpload(largeHEIC, 'photo.heic'));
    expectWithinCeilings(outcome, 200);
    expect(JSON.parse(outcome.body).media[0]).toMatchObject({
      mime: 'image/jpeg',
      originalWidth: 4000,
      originalHeight: 3000,
    });
  });

  it('still prepares a large photo (8000×6000 JPEG) as JPEG', async () => {
    const outcome = await runHostile(api, () => preprocessUpload(largePhoto, 'photo.jpg'));
    expectWithinCeilings(outcome, 200);
    expect(JSON.parse(outcome.body).media[0]).toMatchObject({
      mime: 'image/jpeg',
      originalWidth: 8000,
      originalHeight: 6000,
    });
  });
});
