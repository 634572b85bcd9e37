import type { Locale } from '../contract/templates';
import { coordinateSystemFor } from '../grounding/coordinate-system';
import type { PreparedMedia } from '../media/prepared-media';
import { mediaLimitsFor } from '../models/media-limits';
import type { ModelPreset } from '../models/presets';
import type { Template } from '../templates/template';

/** A part of a user message in the OpenAI chat format. */
export type ContentPart =
  | { type: 'text'; text: string }
  /** `max_pixels`: DashScope's per-image pixel limit, for a model that keeps a larger image only when told. */
  | { type: 'image_url'; image_url: { url: string }; max_pixels?: number }
  /** DashScope's frame list: the frames of one video, in order, and their rate (the time between them). */
  | { type: 'video'; video: string[]; fps?: number };

/** One chat message Seer sends. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string | ContentPart[];
}

/** What {@link buildMessages} needs. */
export interface BuildMessagesInput {
  template: Template;
  locale: Locale;
  question?: string;
  media: PreparedMedia[];
  preset: ModelPreset;
}

/** `[mm:ss.s]` for a frame timestamp in seconds. */
export function formatTimestamp(seconds: number): string {
  const tenths = Math.round(seconds * 10);
  const minutes = Math.floor(tenths / 600);
  const rest = (tenths % 600) / 10;
  return `${String(minutes).padStart(2, '0')}:${rest.toFixed(1).padStart(4, '0')}`;
}

/**
 * Builds the chat messages of an analysis: one user turn with the media first and the template's
 * instruction after them, and no system message (QVQ is advised against one, and the instruction
 * carries everything the other models need). Videos go to DashScope's Qwen models as its frame list
 * with the frames' rate, and to other servers as images each preceded by its timestamp (`[00:03.5]`);
 * an image a model keeps large only when told carries its own `max_pixels`.
 */
export function buildMessages(input: BuildMessagesInput): ChatMessage[] {
  const parts: ContentPart[] = [];
  for (const item of input.media) {
    if (item.info.type === 'video' && mediaLimitsFor(input.preset).video.sentAs === 'frame-list') {
      parts.push({
        type: 'video',
        video: item.urls,
        ...(item.info.sampledFps === undefined ? {} : { fps: item.info.sampledFps }),
      });
      continue;
    }
    if (item.info.type === 'image') {
      const [url = ''] = item.urls;
      parts.push(
        item.maxPixels === undefined
          ? { type: 'image_url', image_url: { url } }
          : { type: 'image_url', image_url: { url }, max_pixels: item.maxPixels },
      );
      continue;
    }
    // Elsewhere a video goes as images, each after its time, so the narration can say when.
    const timestamps = item.info.frames?.map((frame) => frame.timestamp);
    item.urls.forEach((url, index) => {
      const timestamp = timestamps?.[index];
      if (timestamp !== undefined) parts.push({ type: 'text', text: `[${formatTimestamp(timestamp)}]` });
      parts.push({ type: 'image_url', image_url: { url } });
    });
  }
  const prompt = input.template.buildPrompt({
    locale: input.locale,
    ...(input.question === undefined ? {} : { question: input.question }),
    media: input.media.map((item) => ({
      type: item.info.type,
      width: item.info.width,
      height: item.info.height,
      ...(item.info.frames ? { frameTimestamps: item.info.frames.map((frame) => frame.timestamp) } : {}),
    })),
    coordinates: coordinateSystemFor(input.preset.family),
  });
  parts.push({ type: 'text', text: prompt });
  return [{ role: 'user', content: parts }];
}
