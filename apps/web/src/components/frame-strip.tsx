import { formatFrameTime } from '../lib/format';
import type { SampledVideo } from '../lib/media-item';

/** Props of `FrameStrip`. */
export interface FrameStripProps {
  /** The video's file name, for the strip's accessible name. */
  name: string;
  video: SampledVideo;
}

/**
 * The frames the model will see of a video, in a horizontally scrolling list named "Sampled frames of
 * <name>": each frame as sampled (its size and JPEG as sent), captioned with its time in the clip.
 */
export function FrameStrip({ name, video }: FrameStripProps) {
  return (
    <ul
      className="frame-strip"
      // biome-ignore lint/a11y/noRedundantRoles: without list bullets, Safari drops a list's semantics unless the role is explicit.
      role="list"
      aria-label={`Sampled frames of ${name}`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the strip scrolls sideways; keyboard users scroll it once it has focus.
      tabIndex={0}
    >
      {video.frames.map((frame, position) => (
        <li key={frame.index} className="frame">
          <img
            src={video.urls[position]}
            alt=""
            width={video.width}
            height={video.height}
            decoding="async"
            loading="lazy"
          />
          <span className="frame-time">{formatFrameTime(frame.timestamp)}</span>
        </li>
      ))}
    </ul>
  );
}
