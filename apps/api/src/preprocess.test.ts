import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { findSystemTool, HEIF_ENCODER, photoLikeJPEG } from '@seer/test-setup';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataURL, QUADRANTS, quadrantColours, quadrantPicture, withOrientation } from '../test/test-images';
import {
  bytesOfDataURL,
  postAnalysis,
  readEvents,
  startAPI,
  useAPIWithMockUpstream,
} from '../test/test-support';

const servers = useAPIWithMockUpstream((mockURL) => ({
  DASHSCOPE_API_KEY: 'sk-test',
  DASHSCOPE_BASE_URL: mockURL,
}));

interface PreparedItem {
  index: number;
  type: string;
  mime: string;
  width: number;
  height: number;
  tokens: number;
  bytes: number;
  originalWidth: number;
  originalHeight: number;
  originalBytes: number;
  urls?: string[];
}

// biome-ignore lint/suspicious/noExplicitAny: tests read whichever body the status implies.
async function preprocess(body: unknown, query = ''): Promise<{ status: number; json: any }> {
  const response = await fetch(`${servers.api.url}/v1/preprocess${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

/** Rewrites a PNG's IHDR to claim another size, with a valid checksum, as a crafted bomb would. */
function claimSize(png: Buffer, width: number, height: number): void {
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
}

const solidPNG = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#4080c0' } })
    .png({ compressionLevel: 1 })
    .toBuffer();

describe('smartResize through /v1/preprocess on real encoded images', () => {
  const shared = fileURLToPath(
    new URL('../../../../shared/fixtures/qwen-vl/smart-resize.json', import.meta.url),
  );
  type Expected = { out?: [number, number]; llm_tokens?: number } | 'error';
  const vectors: { height: number; width: number; f28: Expected; f32: Expected }[] = [
    { height: 10, width: 10, f28: { out: [56, 56], llm_tokens: 4 }, f32: { out: [64, 64], llm_tokens: 4 } },
    {
      height: 1080,
      width: 1920,
      f28: { out: [1092, 1932], llm_tokens: 2691 },
      f32: { out: [1088, 1920], llm_tokens: 2040 },
    },
    { height: 42, width: 70, f28: { out: [56, 56], llm_tokens: 4 }, f32: { out: [64, 96], llm_tokens: 6 } },
    {
      height: 4111,
      width: 4111,
      f28: { out: [3556, 3556], llm_tokens: 16129 },
      f32: { out: [4096, 4096], llm_tokens: 16384 },
    },
    { height: 1, width: 200, f28: { out: [28, 196], llm_tokens: 7 }, f32: { out: [32, 192], llm_tokens: 6 } },
    { height: 1, width: 201, f28: 'error', f32: 'error' },
  ];
  if (existsSync(shared)) {
    for (const vector of JSON.parse(readFileSync(shared, 'utf8')).vectors) {
      const read = (entry: { out?: [number, number]; llm_tokens?: number; error?: string }): Expected =>
        entry.error !== undefined || !entry.out ? 'error' : entry;
      vectors.push({
        height: vector.height,
        width: vector.width,
        f28: read(vector.qwen25_f28),
        f32: read(vector.qwen3_f32),
      });
    }
  }

  it.each(vectors)(
    '$height x $width matches qwen-vl-utils for factors 28 (qvq-max) and 32 (qwen3-vl-plus)',
    async (vector) => {
      const isOverPixelLimit = vector.width * vector.height > 268_402_689;
      const png = isOverPixelLimit
        ? await sharp({ create: { width: 64, height: 64, channels: 3, background: '#fff' } })
            .png()
            .toBuffer()
        : await solidPNG(vector.width, vector.height);
      if (isOverPixelLimit) {
        // Too large to build here: a real PNG whose header claims the size stands in for it.
        claimSize(png, vector.width, vector.height);
      }
      for (const [model, expected] of [
        ['qvq-max', vector.f28],
        ['qwen3-vl-plus', vector.f32],
      ] as const) {
        // qwen-vl-utils' own lower bound of 4 cells: DashScope's Qwen3-VL would otherwise lift a small
        // image to its documented 65,536 pixels, which the vectors do not.
        const minPixels = model === 'qvq-max' ? 4 * 28 * 28 : 4 * 32 * 32;
        const { status, json } = await preprocess(
          { model, media: [{ type: 'image', url: dataURL(png), detail: 'high', minPixels }] },
          '?include=data',
        );
        if (isOverPixelLimit) {
          expect(status).toBe(413);
          expect(json.error.code).toBe('media_too_large');
          continue;
        }
        if (expected === 'error') {
          expect(status).toBe(422);
          expect(json.error.message).toMatch(/aspect ratio/);
          continue;
        }
        expect(status, JSON.stringify(json)).toBe(200);
        const [item] = json.media as PreparedItem[];
        expect([item!.height, item!.width, item!.tokens]).toEqual([...expected.out!, expected.llm_tokens]);
        const sent = await sharp(bytesOfDataURL(item!.urls![0]!)).metadata();
        expect([sent.height, sent.width]).toEqual(expected.out);
      }
    },
  );
});

describe('what reaches the model', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'a photo with EXIF orientation %i arrives upright, with no EXIF or GPS',
    async (orientation) => {
      const upright = await quadrantPicture(120, 60);
      const photo = await withOrientation(upright, orientation);
      const { status, json } = await preprocess(
        { model: 'qvq-max', media: [{ type: 'image', url: dataURL(photo) }] },
        '?include=data',
      );
      expect(status).toBe(200);
      const [item] = json.media as PreparedItem[];
      expect([item!.originalWidth, item!.originalHeight]).toEqual([120, 60]);
      expect(item!.width).toBeGreaterThan(item!.height);
      const sent = bytesOfDataURL(item!.urls![0]!);
      const colours = await quadrantColours(sent);
      for (const [quadrant, colour] of Object.entries(QUADRANTS)) {
        const seen = colours[quadrant as keyof typeof QUADRANTS];
        for (const [index, channel] of seen.entries()) {
          expect(Math.abs(channel - colour[index]!), quadrant).toBeLessThan(40);
        }
      }
      const metadata = await sharp(sent).metadata();
      expect(metadata.exif).toBeUndefined();
      expect(metadata.orientation).toBeUndefined();
      expect(sent.includes(Buffer.from('SeerTestCamera'))).toBe(false);
      expect(sent.includes(Buffer.from('Exif'))).toBe(false);
    },
  );

  it('flattens a transparent PNG onto white', async () => {
    const transparent = await sharp({
      create: { width: 100, height: 100, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const { json } = await preprocess(
      { model: 'qvq-max', media: [{ type: 'image', url: dataURL(transparent) }] },
      '?include=data',
    );
    const sent = bytesOfDataURL(json.media[0].urls[0]);
    const { data, info } = await sharp(sent).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(3);
    expect([data[0], data[1], data[2]]).toEqual([255, 255, 255]);
  });

  it('keeps a few-colour puzzle lossless as PNG and turns a photo into JPEG', async () => {
    const puzzle = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#ffffff' } })
      .composite([
        {
          input: Buffer.from(
            '<svg width="300" height="200"><text x="20" y="100" font-size="60">3 7 ?</text></svg>',
          ),
          left: 0,
          top: 0,
        },
      ])
      .png()
      .toBuffer();
    const photo = await photoLikeJPEG(640, 480);
    const { json } = await preprocess({
      model: 'qvq-max',
      media: [
        { type: 'image', url: dataURL(puzzle) },
        { type: 'image', url: dataURL(photo) },
      ],
    });
    expect(json.media.map((item: PreparedItem) => item.mime)).toEqual(['image/png', 'image/jpeg']);
  });

  it('accepts a HEIC photo and converts it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'seer-heic-'));
    writeFileSync(join(folder, 'in.png'), await quadrantPicture(160, 120));
    execFileSync(findSystemTool(HEIF_ENCODER) ?? 'heif-enc', [
      '-q',
      '80',
      '-o',
      join(folder, 'photo.heic'),
      join(folder, 'in.png'),
    ]);
    const heic = readFileSync(join(folder, 'photo.heic'));
    const { status, json } = await preprocess(
      { model: 'qvq-max', media: [{ type: 'image', url: dataURL(heic) }] },
      '?include=data',
    );
    expect(status, JSON.stringify(json)).toBe(200);
    const [item] = json.media as PreparedItem[];
    expect(item).toMatchObject({ originalWidth: 160, originalHeight: 120, mime: 'image/jpeg' });
    const colours = await quadrantColours(bytesOfDataURL(item!.urls![0]!));
    expect(colours.topLeft[0]).toBeGreaterThan(200);
    expect(colours.bottomRight[2]).toBeLessThan(80);
  });

  describe('a 12-megapixel photo for qvq-max', () => {
    let photo: Buffer;
    beforeAll(async () => {
      photo = await photoLikeJPEG(4032, 3024);
    });

    it('at detail auto reaches the provider at the planned size (the 1,280-token cap), at least 10 times smaller', async () => {
      servers.mock.script({ kind: 'stream', dialect: 'reasoning_content', reasoning: 'r', answer: 'a' });
      const log = await readEvents(
        await postAnalysis(servers.api, {
          template: 'palm-reading',
          model: 'qvq-max',
          media: [{ type: 'image', url: dataURL(photo) }],
        }),
      );
      const media = log.events.find((event) => event.type === 'media');
      expect(media).toMatchObject({
        item: { width: 1148, height: 840, tokens: 1230, originalWidth: 4032, originalHeight: 3024 },
      });
      const body = servers.mock.requests[0]!.body as {
        messages: { content: { type: string; image_url?: { url: string } }[] }[];
        vl_high_resolution_images?: boolean;
      };
      const sent = bytesOfDataURL(body.messages[0]!.content[0]!.image_url!.url);
      const metadata = await sharp(sent).metadata();
      expect([metadata.width, metadata.height]).toEqual([1148, 840]);
      expect(sent.length * 10).toBeLessThanOrEqual(photo.length);
      expect(body.vl_high_resolution_images).toBeUndefined();
    });

    it('at detail high goes at its full planned size with its own max_pixels, the form QVQ honours', async () => {
      servers.mock.script({ kind: 'stream', dialect: 'reasoning_content', reasoning: 'r', answer: 'a' });
      await readEvents(
        await postAnalysis(servers.api, {
          template: 'palm-reading',
          model: 'qvq-max',
          media: [{ type: 'image', url: dataURL(photo), detail: 'high' }],
        }),
      );
      const body = servers.mock.requests[0]!.body as {
        messages: { content: { image_url?: { url: string }; max_pixels?: number }[] }[];
        vl_high_resolution_images?: boolean;
      };
      const part = body.messages[0]!.content[0]!;
      const metadata = await sharp(bytesOfDataURL(part.image_url!.url)).metadata();
      expect([metadata.width, metadata.height]).toEqual([4032, 3024]);
      expect(part.max_pixels).toBe(4032 * 3024);
      // One of DashScope's pages lists the request-wide switch as not supported for QVQ.
      expect(body.vl_high_resolution_images).toBeUndefined();
    });

    it('at detail high on Qwen3-VL asks for vl_high_resolution_images, which that model honours', async () => {
      servers.mock.script({ kind: 'stream', dialect: 'reasoning_content', reasoning: 'r', answer: 'a' });
      await readEvents(
        await postAnalysis(servers.api, {
          template: 'palm-reading',
          model: 'qwen3-vl-plus',
          media: [{ type: 'image', url: dataURL(photo), detail: 'high' }],
        }),
      );
      const body = servers.mock.requests[0]!.body as {
        messages: { content: { max_pixels?: number }[] }[];
        vl_high_resolution_images?: boolean;
      };
      expect(body.vl_high_resolution_images).toBe(true);
      expect(body.messages[0]!.content[0]!.max_pixels).toBeUndefined();
    });

    it('costs what the preset prices say', async () => {
      const { json } = await preprocess({
        model: 'qvq-max',
        media: [{ type: 'image', url: dataURL(photo) }],
      });
      expect(json.totalTokens).toBe(1230);
      expect(json.estimatedCost.inputUSD).toBeCloseTo((1230 / 1e6) * 1.2, 8);
    });
  });

  it('takes uploads as multipart, with the JSON in a `request` field', async () => {
    const form = new FormData();
    form.set(
      'request',
      JSON.stringify({ model: 'qwen3-vl-plus', media: [{ type: 'image', file: 'photo' }] }),
    );
    form.set('photo', new Blob([new Uint8Array(await solidPNG(1920, 1080))]), 'photo.png');
    const response = await fetch(`${servers.api.url}/v1/preprocess`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    const json = await response.json();
    expect(json.media[0]).toMatchObject({ width: 1920, height: 1088, tokens: 2040, originalWidth: 1920 });
  });

  it('says what is missing from a multipart form without a `request` field, or with one that is not JSON', async () => {
    const withoutRequest = new FormData();
    withoutRequest.set('photo', new Blob([new Uint8Array(await solidPNG(64, 64))]), 'photo.png');
    const missing = await fetch(`${servers.api.url}/v1/preprocess`, { method: 'POST', body: withoutRequest });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.message).toContain('"request" field');

    const notJSON = new FormData();
    notJSON.set('request', '{model: qvq-max');
    const broken = await fetch(`${servers.api.url}/v1/preprocess`, { method: 'POST', body: notJSON });
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.message).toContain('not valid JSON');
  });
});

describe('bad media', () => {
  const png = () => solidPNG(64, 64);
  const cases: { name: string; bytes: () => Promise<Buffer>; status: number; code: string }[] = [
    {
      name: 'random bytes',
      bytes: async () => Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 251)),
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: 'a truncated JPEG',
      bytes: async () => {
        const jpeg = await photoLikeJPEG(400, 300);
        return jpeg.subarray(0, Math.floor(jpeg.length / 2));
      },
      status: 422,
      code: 'unreadable_media',
    },
    {
      name: 'a PNG whose header claims 100,000 x 100,000 pixels',
      bytes: async () => {
        const header = await png();
        claimSize(header, 100_000, 100_000);
        return header;
      },
      status: 413,
      code: 'media_too_large',
    },
    {
      name: 'an SVG',
      bytes: async () =>
        Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
        ),
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: 'a text file',
      bytes: async () => Buffer.from('This is not a picture of a palm.\n'.repeat(50)),
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: 'a 40 MB image',
      bytes: async () => Buffer.concat([await png(), Buffer.alloc(40 * 1024 * 1024)]),
      status: 413,
      code: 'media_too_large',
    },
  ];

  it.each(cases)(
    '$name gets $status $code within two seconds, and the server stays healthy',
    async ({ bytes, status, code }) => {
      const payload = await bytes();
      const form = new FormData();
      form.set('request', JSON.stringify({ model: 'qvq-max', media: [{ type: 'image', file: 'upload' }] }));
      form.set('upload', new Blob([new Uint8Array(payload)]), 'upload.jpg');
      const started = Date.now();
      const response = await fetch(`${servers.api.url}/v1/preprocess`, { method: 'POST', body: form });
      const json = await response.json();
      expect(Date.now() - started).toBeLessThan(2000);
      expect(response.status).toBe(status);
      expect(json.error.code).toBe(code);
      expect(json.error.message.length).toBeGreaterThan(20);
      expect((await fetch(`${servers.api.url}/healthz`)).status).toBe(200);
    },
  );
});

describe('media from URLs', () => {
  it('refuses a loopback URL by default, and fetches it with SEER_ALLOW_PRIVATE_URLS=1', async () => {
    const { createServer } = await import('node:http');
    const picture = await solidPNG(300, 200);
    let hits = 0;
    const server = createServer((_request, response) => {
      hits++;
      response.writeHead(200, { 'content-type': 'image/png' }).end(picture);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/picture.png`;
    const permissive = await startAPI({
      DASHSCOPE_API_KEY: 'k',
      DASHSCOPE_BASE_URL: servers.mock.url,
      SEER_ALLOW_PRIVATE_URLS: '1',
    });
    try {
      const refused = await preprocess({ model: 'qvq-max', media: [{ type: 'image', url }] });
      expect(refused.status).toBe(422);
      expect(refused.json.error.code).toBe('url_not_allowed');
      expect(hits).toBe(0);

      const response = await fetch(`${permissive.url}/v1/preprocess`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'qvq-max', media: [{ type: 'image', url }] }),
      });
      expect(response.status).toBe(200);
      expect((await response.json()).media[0]).toMatchObject({
        originalWidth: 300,
        originalHeight: 200,
        originalBytes: picture.length,
      });
      expect(hits).toBe(1);
    } finally {
      await permissive.close();
      server.close();
    }
  });
});
