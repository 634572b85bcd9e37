import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findFFmpeg, prepareVideo } from '@seer/core/node';
import { startMockUpstream } from '@seer/mock-upstream';
import { startAPIServer } from '@seer/test-setup';
import { type Answer, download, postJSON, postMultipartFile, serveFile } from './http-media';
import { summarize, type Timing } from './measure';

const run = promisify(execFile);

/** A 60 s 1080p30 H.264 clip, made once with ffmpeg's test source and kept in the temporary folder. */
async function oneMinuteClip(): Promise<string> {
  const path = join(tmpdir(), 'seer-bench-60s-1080p30.mp4');
  if (!existsSync(path)) {
    await run(findFFmpeg(), [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=1920x1080:r=30', '-t', '60'],
      ...['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', path],
    ]);
  }
  return path;
}

const model = 'qvq-max';
/** Seer's default sampling, named so that every path asks for the same frames. */
const sampling = { fps: 2 };
const rounds = 3;

/** One way of getting the clip's frames, timed against a bare decode run just before it. */
interface Path {
  label: string;
  what: string;
  run: () => Promise<unknown>;
  timings: number[];
  /** Each run over the bare decode just before it. */
  ratios: number[];
}

function expectOK(answer: Answer, status = 200): void {
  if (answer.status !== status) {
    throw new Error(`The API answered ${answer.status}: ${answer.text.slice(0, 500)}`);
  }
}

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(2)} s`;
}

/**
 * Sampling a 60 s 1080p30 clip at 2 fps for qvq-max (probe, plan, one ffmpeg pass, frames resized and
 * encoded as JPEG), in process and through the API as `pnpm start` runs it: uploaded as multipart to
 * `/v1/preprocess` and to `/v1/analyses` (detached, against the mock provider: answered once the frames
 * are prepared and the model called), and fetched by URL from a local file server. Each is timed right
 * after a bare full decode of the same file (`ffmpeg -i clip -f null -`), round after round, so that a
 * busy machine slows both sides alike; the ratio is each path's median over the bare decode's.
 */
export async function benchVideo(): Promise<string[]> {
  const path = await oneMinuteClip();
  const clip = await readFile(path);
  const mock = await startMockUpstream();
  const files = await serveFile(path, 'video/mp4');
  const logFile = join(tmpdir(), `seer-bench-video-${process.pid}.log`);
  const api = await startAPIServer(
    {
      DASHSCOPE_API_KEY: 'bench',
      DASHSCOPE_BASE_URL: mock.url,
      SEER_CHECK_MODELS: '0',
      SEER_ALLOW_PRIVATE_URLS: '1',
    },
    60_000,
    { logFile, built: true },
  );
  const upload = { field: 'clip', path, name: 'clip.mp4', type: 'video/mp4' };
  const uploadRequest = (options: object) => ({
    model,
    media: [{ type: 'video', file: 'clip', ...options }],
  });
  let frames = 0;
  let size = '';
  const paths: Path[] = [
    {
      label: 'in process',
      what: 'prepareVideo on the bytes in memory',
      run: async () => {
        const video = await prepareVideo(clip, { family: 'qwen2.5-vl', provider: 'dashscope' }, sampling);
        frames = video.frames.length;
        size = `${video.plan.width}×${video.plan.height}`;
      },
      timings: [],
      ratios: [],
    },
    {
      label: 'through the API, multipart',
      what: 'POST /v1/preprocess, the clip uploaded as multipart',
      run: async () =>
        expectOK(await postMultipartFile(`${api.url}/v1/preprocess`, uploadRequest(sampling), upload)),
      timings: [],
      ratios: [],
    },
    {
      label: 'through the API, analysis',
      what: 'POST /v1/analyses detached, multipart, until the model is called',
      run: async () =>
        expectOK(
          await postMultipartFile(
            `${api.url}/v1/analyses`,
            { ...uploadRequest(sampling), template: 'video-narration', detach: true },
            upload,
          ),
          202,
        ),
      timings: [],
      ratios: [],
    },
    {
      label: 'through the API, by URL',
      what: 'POST /v1/preprocess with the URL of a local file server',
      run: async () =>
        expectOK(
          await postJSON(`${api.url}/v1/preprocess`, {
            model,
            media: [{ type: 'video', url: files.url, ...sampling }],
          }),
        ),
      timings: [],
      ratios: [],
    },
  ];
  const bare: number[] = [];
  const downloads: number[] = [];
  try {
    // Warm-up: each path once on the first two seconds (the API loads its modules on first use).
    const short = { frames: 4, end: 2 };
    expectOK(await postMultipartFile(`${api.url}/v1/preprocess`, uploadRequest(short), upload));
    expectOK(
      await postJSON(`${api.url}/v1/preprocess`, {
        model,
        media: [{ type: 'video', url: files.url, ...short }],
      }),
    );
    await prepareVideo(clip, { family: 'qwen2.5-vl', provider: 'dashscope' }, short);
    await download(files.url);
    const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});
    const time = async (task: () => Promise<unknown>) => {
      collect();
      const start = performance.now();
      await task();
      return performance.now() - start;
    };
    for (let round = 0; round < rounds; round++) {
      for (const candidate of paths) {
        const decode = await time(() =>
          run(findFFmpeg(), ['-v', 'error', '-nostdin', '-i', path, '-f', 'null', '-']),
        );
        const timing = await time(candidate.run);
        bare.push(decode);
        candidate.timings.push(timing);
        candidate.ratios.push(timing / decode);
      }
      downloads.push(await time(() => download(files.url)));
    }
  } finally {
    await api.stop();
    await files.close();
    await mock.close();
  }
  const baseline = summarize(bare);
  const fetchTiming = summarize(downloads);
  const ratio = (timing: Timing) => (timing.median / baseline.median).toFixed(2);
  const lines = [
    `video: 60 s 1080p30 H.264 (${(clip.length / 1e6).toFixed(1)} MB) sampled at 2 fps → ${frames} frames of ${size}; medians of ${rounds} rounds, each path right after a bare decode`,
    `  bare decode ${seconds(baseline.median)} (ffmpeg -i clip -f null -; ${seconds(baseline.min)}–${seconds(Math.max(...bare))} over ${bare.length} runs)`,
  ];
  for (const candidate of paths) {
    const timing = summarize(candidate.timings);
    const pairs = candidate.ratios.map((value) => value.toFixed(2)).join(', ');
    lines.push(
      `video ${candidate.label}: ${seconds(timing.median)} (${ratio(timing)}× bare decode; target ≤ 1.20) — ${candidate.what}`,
      `  each run over the decode just before it: ${pairs}; fastest over fastest: ${(timing.min / baseline.min).toFixed(2)}×`,
    );
  }
  const byURL = summarize(paths.at(-1)!.timings);
  lines.push(
    `  the download alone: ${seconds(fetchTiming.median)}; by URL less the download: ${((byURL.median - fetchTiming.median) / baseline.median).toFixed(2)}× bare decode`,
  );
  return lines;
}
