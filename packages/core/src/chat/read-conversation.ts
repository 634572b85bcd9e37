import type { MediaItem } from '../contract/analysis-request';
import type {
  ChatRequestMessage,
  SeerChatOptions,
  UserContentPart,
} from '../contract/chat-completions-request';
import { RequestError } from '../errors';

/** The most images and videos one conversation carries, as an analysis request. */
export const MAX_CONVERSATION_MEDIA = 16;

/**
 * A media item of a conversation: an image or a video file by URL (Seer's own media item, with the
 * request's options), or a video given as the list of its frames.
 */
export type ChatMediaSource =
  | { kind: 'item'; item: MediaItem }
  | { kind: 'frames'; urls: string[]; fps?: number | undefined };

/** A piece of a turn: its text, or a media item by its index in {@link Conversation.media}. */
export type TurnPart = { type: 'text'; text: string } | { type: 'media'; index: number };

/** One turn of the conversation as Seer sends it: the user's or the assistant's, in the client's order. */
export interface ConversationTurn {
  role: 'user' | 'assistant';
  parts: TurnPart[];
}

/** A chat request's messages as Seer reads them. */
export interface Conversation {
  /** The system and developer messages' text, in order; empty when there were none. */
  instructions: string;
  turns: ConversationTurn[];
  media: ChatMediaSource[];
}

function refuse(message: string, param: string): RequestError {
  return new RequestError({ code: 'invalid_request', message, details: { param } });
}

/** The text of a message's content: a string, or its text (and refusal) parts joined. */
function textOf(content: string | readonly { type: string; text?: string; refusal?: string }[]): string {
  if (typeof content === 'string') return content;
  return content.map((part) => part.text ?? part.refusal ?? '').join('\n');
}

/** The URL of an `image_url` or `video_url` field, which clients write as an object or as the URL itself. */
function urlOf(field: string | { url: string }): string {
  return typeof field === 'string' ? field : field.url;
}

/** One user part as a turn part, adding its media item to `media`. */
function readUserPart(part: UserContentPart, media: ChatMediaSource[], options: SeerChatOptions): TurnPart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  const index = media.length;
  if (part.type === 'image_url') {
    const asked = typeof part.image_url === 'string' ? undefined : part.image_url.detail;
    // Seer has no smaller size than the provider's default: `low` is sent as `auto`.
    const detail = asked === 'high' ? 'high' : options.detail;
    media.push({
      kind: 'item',
      item: { type: 'image', url: urlOf(part.image_url), ...(detail ? { detail } : {}) },
    });
  } else if (part.type === 'video' && Array.isArray(part.video)) {
    media.push({ kind: 'frames', urls: part.video, fps: part.fps ?? options.fps });
  } else {
    const url = part.type === 'video' ? (part.video as string) : urlOf(part.video_url);
    const fps = (part.type === 'video' ? part.fps : undefined) ?? options.fps;
    media.push({ kind: 'item', item: { type: 'video', url, ...(fps ? { fps } : {}) } });
  }
  return { type: 'media', index };
}

/**
 * Reads a chat request's messages (docs/openai-compatible.md): system and developer text becomes the
 * instructions, each user part a text or a media item (images from `image_url`, videos from
 * `video_url` and DashScope's `video`, a URL or a frame list), each assistant turn its text (its
 * reasoning is not sent back).
 *
 * @throws RequestError 400 for a tool turn, a conversation that does not end with the user's message,
 * an empty user message, or more than {@link MAX_CONVERSATION_MEDIA} images and videos.
 */
export function readConversation(
  messages: readonly ChatRequestMessage[],
  options: SeerChatOptions = {},
): Conversation {
  const instructions: string[] = [];
  const turns: ConversationTurn[] = [];
  const media: ChatMediaSource[] = [];
  messages.forEach((message, position) => {
    const where = `messages.${position}`;
    if (message.role === 'user') {
      const parts =
        typeof message.content === 'string'
          ? [{ type: 'text' as const, text: message.content }]
          : message.content.map((part) => readUserPart(part, media, options));
      if (!parts.some((part) => part.type === 'media' || part.text.trim() !== '')) {
        throw refuse(`Message ${position + 1} has no text, image or video.`, `${where}.content`);
      }
      turns.push({ role: 'user', parts });
      return;
    }
    if (message.role === 'assistant') {
      const text = message.content ? textOf(message.content) : '';
      if (text.trim()) turns.push({ role: 'assistant', parts: [{ type: 'text', text }] });
      return;
    }
    if (message.role === 'system' || message.role === 'developer') {
      const text = textOf(message.content).trim();
      if (text) instructions.push(text);
      return;
    }
    throw refuse(
      `Message ${position + 1} is a ${message.role} message: Seer does not call tools, so a conversation cannot carry their results.`,
      `${where}.role`,
    );
  });
  if (messages.at(-1)?.role !== 'user') {
    throw refuse(
      "The last message must be the user's: Seer answers it.",
      `messages.${messages.length - 1}.role`,
    );
  }
  if (media.length > MAX_CONVERSATION_MEDIA) {
    throw refuse(
      `The conversation carries ${media.length} images and videos; Seer takes at most ${MAX_CONVERSATION_MEDIA}.`,
      'messages',
    );
  }
  return { instructions: instructions.join('\n\n'), turns, media };
}

/** The text of a turn, its text parts joined by new lines. */
export function turnText(turn: ConversationTurn): string {
  return turn.parts
    .flatMap((part) => (part.type === 'text' ? [part.text] : []))
    .join('\n')
    .trim();
}

/** The media indices of a turn, in order. */
export function turnMedia(turn: ConversationTurn): number[] {
  return turn.parts.flatMap((part) => (part.type === 'media' ? [part.index] : []));
}
