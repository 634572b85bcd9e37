import { encodeWithFFmpeg } from '@seer/core/node';

/** A 10 s 640×480 H.264 test pattern at 30 fps (300 frames), as an MP4. */
export function encodeTestClip(): Promise<Buffer> {
  return encodeWithFFmpeg(
    [
      ...['-f', 'lavfi', '-i', 'testsrc=s=640x480:r=30', '-frames:v', '300'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
    ],
    'clip.mp4',
  );
}

/** A 1 s 440 Hz tone in AAC, as an audio-only MP4 (`.m4a`): no video stream. */
export function encodeTone(): Promise<Buffer> {
  return encodeWithFFmpeg(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'aac'], 'tone.m4a');
}
