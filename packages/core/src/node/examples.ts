import { encodeWithFFmpeg } from './video-tools';

/**
 * A short clip to try video narration with: six seconds of Conway's Game of Life from ffmpeg's own
 * generator, 320×240 at 10 fps, H.264.
 */
export function makeExampleClip(): Promise<Buffer> {
  return encodeWithFFmpeg(
    [
      ...[
        '-f',
        'lavfi',
        '-i',
        'life=s=320x240:mold=10:r=10:ratio=0.1:seed=7:death_color=#1d2a4d:life_color=#f2c14e',
      ],
      ...['-t', '6', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'],
    ],
    'clip.mp4',
  );
}
