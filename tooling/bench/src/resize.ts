import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DASHSCOPE_PRESETS } from '@seer/core';
import { prepareImage } from '@seer/core/node';
import {
  buildPage,
  CHROMIUM,
  detailedPhotoJPEG,
  photoLikeJPEG,
  psnr,
  requireSystemTool,
  decodeRGB as rgb,
} from '@seer/test-setup';
import { type Browser, chromium, type Page } from 'playwright-core';
import sharp from 'sharp';
import type { ResizeRequest, ResizeResult } from './resize-page/main';

/** A picture the bench resizes, as a person would add it. */
interface Photo {
  name: string;
  bytes: Buffer;
  mayKeepLossless: boolean;
}

const pageRoot = fileURLToPath(new URL('./resize-page', import.meta.url));

/** The same displayed picture stored turned, with the EXIF orientation that turns it back. */
async function withOrientation(jpeg: Buffer, orientation: 3 | 6 | 8): Promise<Buffer> {
  const turn = { 3: 180, 6: -90, 8: 90 }[orientation];
  return sharp(jpeg).rotate(turn).jpeg({ quality: 92 }).withMetadata({ orientation }).toBuffer();
}

/** A screenshot of a number puzzle (a grid of digits, lines, a shaded cell) taken in the same Chromium. */
async function puzzleScreenshot(browser: Browser): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 }, deviceScaleFactor: 2 });
  const values = [3, 7, 10, 2, 5, 7, 4, 9, '?'];
  const rows = [0, 1, 2]
    .map((row) => values.slice(row * 3, row * 3 + 3))
    .map(
      (row) =>
        `<tr>${row.map((value) => `<td${value === '?' ? ' class="ask"' : ''}>${value}</td>`).join('')}</tr>`,
    )
    .join('');
  await page.setContent(`<style>
      body { margin: 40px; font: 28px/1.3 sans-serif; color: #111; background: #fff; }
      table { border-collapse: collapse; margin: 24px 0; }
      td { border: 3px solid #111; width: 110px; height: 90px; text-align: center; font-size: 48px; }
      .ask { background: #ddd; }
    </style>
    <h1>Puzzle 17</h1>
    <p>Each row follows the same rule. Which number replaces the question mark?</p>
    <table>${rows}</table>
    <p>(A) 11 &nbsp; (B) 12 &nbsp; (C) 13 &nbsp; (D) 14</p>`);
  const png = await page.screenshot({ type: 'png' });
  await page.close();
  return png;
}

/** Serves the built page and the photos from memory, on a port of its own. */
async function serve(root: string, photos: Photo[]): Promise<{ url: string; server: Server }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const photo = photos.find(({ name }) => url.pathname === `/photos/${encodeURIComponent(name)}`);
    if (photo) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(photo.bytes);
      return;
    }
    const file = path.join(root, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname));
    try {
      const body = readFileSync(file);
      response
        .writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' })
        .end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function resizeInPage(page: Page, request: ResizeRequest): Promise<ResizeResult> {
  return page.evaluate(
    (request) =>
      (window as unknown as { seerResize: (request: ResizeRequest) => Promise<ResizeResult> }).seerResize(
        request,
      ),
    request,
  );
}

/** The figures of one photo. */
interface PhotoFigures {
  name: string;
  /** PSNR against the server's upload: the canvas's, pica's and the playground's uploads. */
  canvas: number;
  pica: number;
  playground: number;
  /** PSNR against the server's pixels before encoding: the canvas's and pica's. */
  canvasPixels: number;
  picaPixels: number;
  /** PSNR of the server's pixels against a Lanczos-3 of the whole decoded picture (no shrink-on-load). */
  serverShrink: number;
  /** PSNR of the server's upload against its own pixels before encoding: what its JPEG alone costs. */
  serverEncoding: number;
  canvasMs: number;
  canvasTaskMs: number;
  playgroundMs: number;
  playgroundTaskMs: number;
  megapixels: number;
}

async function measurePhoto(page: Page, photo: Photo): Promise<PhotoFigures> {
  const preset = DASHSCOPE_PRESETS.find((candidate) => candidate.id === 'qvq-max')!;
  const prepared = await prepareImage(photo.bytes, preset);
  const { width, height } = prepared;
  const serverUpload = await rgb(prepared.bytes);
  // The server's pipeline (prepareImage) without its encoding: sharp decodes JPEG at 1/2, 1/4 or 1/8
  // of its size in the DCT when the reduction allows (shrink-on-load), then resizes with Lanczos-3.
  const serverPixels = await rgb(
    await sharp(photo.bytes)
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
      .png()
      .toBuffer(),
  );
  const wholeLanczos = await rgb(
    await sharp(photo.bytes)
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize(width, height, { fit: 'fill', kernel: 'lanczos3', fastShrinkOnLoad: false })
      .png()
      .toBuffer(),
  );
  const url = `/photos/${encodeURIComponent(photo.name)}`;
  const request = { url, width, height, mayKeepLossless: photo.mayKeepLossless };
  const raw = { width, height, channels: 4 as const };
  const canvas = await resizeInPage(page, { ...request, way: 'canvas' });
  const pica = await resizeInPage(page, { ...request, way: 'pica' });
  const playground = await resizeInPage(page, { ...request, way: 'playground' });
  const upload = async (result: ResizeResult) =>
    psnr(await rgb(Buffer.from(result.upload, 'base64')), serverUpload);
  const pixels = async (result: ResizeResult) =>
    psnr(await rgb(Buffer.from(result.pixels!, 'base64'), raw), serverPixels);
  return {
    name: photo.name,
    canvas: await upload(canvas),
    pica: await upload(pica),
    playground: await upload(playground),
    canvasPixels: await pixels(canvas),
    picaPixels: await pixels(pica),
    serverShrink: psnr(serverPixels, wholeLanczos),
    serverEncoding: psnr(serverUpload, serverPixels),
    canvasMs: canvas.ms,
    canvasTaskMs: canvas.longestTaskMs,
    playgroundMs: playground.ms,
    playgroundTaskMs: playground.longestTaskMs,
    megapixels: (prepared.original.width * prepared.original.height) / 1e6,
  };
}

const dB = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} dB` : 'identical');
const task = (ms: number) =>
  ms === 0 ? 'no main-thread task over 50 ms' : `a ${ms.toFixed(0)} ms main-thread task`;

/**
 * The playground's browser-side resize against the server's, in Chromium: each photo resized by the
 * playground's own modules (built by Vite as the playground is) to the size the server plans for
 * qvq-max, compared with what the server makes of it (sharp, Lanczos-3) as PSNR over RGB: the uploads
 * (both encoded), and in brackets the pixels before encoding. Before: the canvas on the main thread;
 * after: pica's Lanczos-3 in the playground's worker. The resize times are from one run each.
 */
export async function benchResize(): Promise<string[]> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'seer-resize-page-'));
  await buildPage(pageRoot, outDir);
  const browser = await chromium.launch({
    executablePath: requireSystemTool(CHROMIUM),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  let server: Server | undefined;
  try {
    const detailed = await detailedPhotoJPEG(4032, 3024);
    const photos: Photo[] = [
      { name: 'detailed photo', bytes: detailed, mayKeepLossless: false },
      { name: 'photo', bytes: await photoLikeJPEG(4032, 3024), mayKeepLossless: false },
      { name: 'EXIF 6', bytes: await withOrientation(detailed, 6), mayKeepLossless: false },
      {
        name: 'EXIF 3',
        bytes: await withOrientation(await photoLikeJPEG(1600, 1200), 3),
        mayKeepLossless: false,
      },
      {
        name: 'EXIF 8',
        bytes: await withOrientation(await photoLikeJPEG(1200, 1600), 8),
        mayKeepLossless: false,
      },
      { name: 'puzzle screenshot', bytes: await puzzleScreenshot(browser), mayKeepLossless: true },
    ];
    const served = await serve(outDir, photos);
    server = served.server;
    const page = await browser.newPage();
    await page.goto(served.url);
    await page.waitForFunction(() => 'seerResize' in window);
    const figures: PhotoFigures[] = [];
    for (const photo of photos) figures.push(await measurePhoto(page, photo));
    const list = (value: (photo: PhotoFigures) => string) =>
      figures.map((photo) => `${photo.name} ${value(photo)}`).join(', ');
    const first = figures[0]!;
    return [
      `browser resize vs server (Lanczos): ${list((photo) => `${dB(photo.playground)} (${dB(photo.picaPixels)})`)}; PSNR of the uploads (of the pixels before encoding), target ≥ 38 dB`,
      `  before, the canvas: ${list((photo) => `${dB(photo.canvas)} (${dB(photo.canvasPixels)})`)}`,
      `  the server against itself: without JPEG shrink-on-load ${list((photo) => dB(photo.serverShrink))}; its upload against its pixels before encoding ${list((photo) => dB(photo.serverEncoding))}`,
      `  resize time, ${first.name} (${first.megapixels.toFixed(1)} MP): pica in the worker ${first.playgroundMs.toFixed(0)} ms, ${task(first.playgroundTaskMs)}; before, the canvas ${first.canvasMs.toFixed(0)} ms, ${task(first.canvasTaskMs)} (one run each)`,
    ];
  } finally {
    await browser.close();
    server?.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
