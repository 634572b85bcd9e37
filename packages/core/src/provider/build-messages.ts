import type { PreparedMedia } from '../media/prepared-media';
import type { ModelPreset } from '../models/presets';
import type { Locale, Template } from '../templates/template';

/** A part of a user message in the OpenAI chat format. */
export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } }
  /** DashScope's frame list: the frames of one video, in order. */
  | { type: 'video'; video: string[] };

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
 * carries everything the other models need). Videos go to DashScope's Qwen models as its frame list,
 * and to other servers as images each preceded by its timestamp (`[00:03.5]`).
 */
export function buildMessages(input: BuildMessagesInput): ChatMessage[] {
  const parts: ContentPart[] = [];
  for (const item of input.media) {
    if (item.info.type === 'video' && input.preset.provider === 'dashscope') {
      parts.push({ type: 'video', video: item.urls });
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
  });
  parts.push({ type: 'text', text: prompt });
  return [{ role: 'user', content: parts }];
}
