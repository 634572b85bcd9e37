import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findFFmpeg, prepareVideo } from '@seer/core/node';
import { compare, ms } from './measure';

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

/**
 * Sampling a 60 s 1080p30 clip at 2 fps for qvq-max (probe, plan, one ffmpeg pass, frames resized and
 * encoded as JPEG), against a bare full decode of the same file (`ffmpeg -i clip -f null -`).
 */
export async function benchVideo(): Promise<string[]> {
  const path = await oneMinuteClip();
  const clip = await readFile(path);
  let frames = 0;
  let size = '';
  const result = await compare(
    async () => {
      const video = await prepareVideo(clip, { family: 'qwen2.5-vl', provider: 'dashscope' }, { fps: 2 });
      frames = video.frames.length;
      size = `${video.plan.width}×${video.plan.height}`;
    },
    () => run(findFFmpeg(), ['-v', 'error', '-nostdin', '-i', path, '-f', 'null', '-']),
    3,
  );
  return [
    `video: 60 s 1080p30 H.264 (${(clip.length / 1e6).toFixed(1)} MB) sampled at 2 fps → ${frames} frames of ${size}`,
    `  Seer        ${ms(result.candidate.median)} median (probe, plan, one pass, JPEG frames in memory)`,
    `  bare decode ${ms(result.baseline.median)} median (ffmpeg -i clip -f null -)`,
    `  ratio       ${result.ratio.toFixed(2)} of a bare decode (target ≤ 1.30)`,
  ];
}
