import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findFFmpeg } from '@seer/core/node';
import sharp from 'sharp';

const launcher = new URL('../bin/seer.js', import.meta.url).pathname;

/** What one run of the `seer` command did. */
export interface SeerRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A `seer` command started by {@link startSeer}: its process, and what it did once it ends. */
export interface SeerProcess {
  child: ChildProcess;
  result: Promise<SeerRun>;
}

/**
 * Starts the real `seer` command (its installed launcher) as a child process, with only the given
 * environment besides `PATH` and `HOME`, so that the developer's own configuration never leaks in. The
 * test may signal the process (Ctrl-C is `SIGINT`) while it runs.
 */
export function startSeer(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): SeerProcess {
  const child = spawn(process.execPath, [launcher, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const result = new Promise<SeerRun>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
    });
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, result };
}

/** Runs the real `seer` command to its end ({@link startSeer}). */
export function runSeer(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<SeerRun> {
  return startSeer(args, options).result;
}

/**
 * Runs the real `seer` command as {@link runSeer} does, but closes its stdout after the first chunk, as
 * `head` does once it has read enough; `stdout` holds that first chunk.
 */
export function runSeerClosingStdout(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<SeerRun> {
  const { child, result } = startSeer(args, options);
  child.stdout?.once('data', () => child.stdout?.destroy());
  return result;
}

/** A fresh temporary folder for one test file's media. */
export function makeFolder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'seer-cli-test-'));
}

/** The launch demo's kind of puzzle: the third number is the sum of the first two. */
export const PUZZLE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="320">
  <rect width="100%" height="100%" fill="white"/>
  <g font-family="sans-serif" font-size="72" text-anchor="middle">
    <text x="140" y="130">3</text><text x="320" y="130">7</text><text x="500" y="130">10</text>
    <text x="140" y="260">4</text><text x="320" y="260">5</text><text x="500" y="260">?</text>
  </g>
</svg>`;

/** Writes `puzzle.png` (640×320) into `folder` and returns its bytes. */
export async function writePuzzle(folder: string, name = 'puzzle.png'): Promise<Buffer> {
  const bytes = await sharp(Buffer.from(PUZZLE_SVG)).png().toBuffer();
  await writeFile(join(folder, name), bytes);
  return bytes;
}

/** Encodes a short H.264 test pattern clip with ffmpeg into `folder/name`. */
export async function writeClip(folder: string, name: string): Promise<void> {
  await promisify(execFile)(findFFmpeg(), [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=s=320x240:r=10', '-frames:v', '30'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-f', 'mp4'],
    join(folder, name),
  ]);
}
