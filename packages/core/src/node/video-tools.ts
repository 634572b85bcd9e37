import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const require = createRequire(import.meta.url);

function onPath(command: string): string | undefined {
  const result = spawnSync(command, ['-version'], { stdio: 'ignore' });
  return result.status === 0 ? command : undefined;
}

function fromPackage(name: string): string | undefined {
  try {
    return (require(name) as { path: string }).path;
  } catch {
    return undefined;
  }
}

let ffmpegPath: string | undefined;
let ffprobePath: string | undefined;

/**
 * The ffmpeg to run: `FFMPEG_PATH`, else `ffmpeg` on the `PATH`, else the static build the npm package
 * `@ffmpeg-installer/ffmpeg` ships, so that `pnpm install` is all a machine needs.
 */
export function findFFmpeg(environment: Record<string, string | undefined> = process.env): string {
  ffmpegPath ??= environment.FFMPEG_PATH || onPath('ffmpeg') || fromPackage('@ffmpeg-installer/ffmpeg');
  if (!ffmpegPath)
    throw new Error('No ffmpeg: set FFMPEG_PATH, install ffmpeg, or reinstall the project dependencies.');
  return ffmpegPath;
}

/** The ffprobe to run, found the same way (`FFPROBE_PATH`, `PATH`, `@ffprobe-installer/ffprobe`). */
export function findFFprobe(environment: Record<string, string | undefined> = process.env): string {
  ffprobePath ??= environment.FFPROBE_PATH || onPath('ffprobe') || fromPackage('@ffprobe-installer/ffprobe');
  if (!ffprobePath)
    throw new Error('No ffprobe: set FFPROBE_PATH, install ffmpeg, or reinstall the project dependencies.');
  return ffprobePath;
}

const execFileAsync = promisify(execFile);

/**
 * Runs ffmpeg with `args` (inputs and codecs) writing `fileName` in a private temporary folder, and
 * returns the file's bytes; the folder is removed either way. Containers such as MP4 need a seekable
 * output, so a pipe would not do.
 *
 * @example
 * const tone = await encodeWithFFmpeg(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'aac'], 'tone.m4a');
 */
export async function encodeWithFFmpeg(args: string[], fileName: string): Promise<Buffer> {
  const folder = await mkdtemp(join(tmpdir(), 'seer-ffmpeg-'));
  try {
    const output = join(folder, fileName);
    await execFileAsync(findFFmpeg(), ['-v', 'error', '-y', ...args, output]);
    return await readFile(output);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
