import type { PreparedMedia } from '../media/prepared-media';
import type { ModelPreset } from '../models/presets';
import { buildMessages, type ChatMessage, type ContentPart } from '../provider/build-messages';
import type { Template } from '../templates/template';
import type { Conversation } from './read-conversation';

/**
 * A template with no instruction: {@link buildMessages} then gives exactly the parts of the media it is
 * handed, in the form the model takes, followed by an empty text part.
 */
const MEDIA_ONLY: Template = {
  id: 'media-only',
  title: { en: '', zh: '' },
  description: { en: '', zh: '' },
  media: { image: { min: 0, max: 1 }, video: { min: 0, max: 1 }, allowsMixing: false },
  question: 'optional',
  buildPrompt: () => '',
};

/**
 * The content parts of one prepared media item for a model: an image with its `max_pixels` where the
 * model needs one, a video as DashScope's frame list or as images after their timestamps. Built by
 * the analysis pipeline's own `buildMessages`, so that a chat sends media exactly as an analysis does.
 */
export function mediaParts(item: PreparedMedia, preset: ModelPreset): ContentPart[] {
  const [message] = buildMessages({ template: MEDIA_ONLY, locale: 'en', media: [item], preset });
  const parts = message && typeof message.content !== 'string' ? message.content : [];
  return parts.filter((part) => part.type !== 'text' || part.text !== '');
}

/**
 * The messages Seer sends for a conversation: each turn in the client's order, with its media in the
 * model's form where the client put them. The instructions (system and developer messages) open the
 * first user turn: QVQ is advised against a system message, and the provider messages Seer sends have
 * none.
 *
 * @param prepared the prepared media, by their index in `conversation.media`.
 */
export function buildChatMessages(
  conversation: Conversation,
  prepared: readonly PreparedMedia[],
  preset: ModelPreset,
): ChatMessage[] {
  let instructions = conversation.instructions;
  return conversation.turns.map((turn) => {
    const parts: ContentPart[] = turn.parts.flatMap((part) =>
      part.type === 'text'
        ? [{ type: 'text' as const, text: part.text }]
        : mediaParts(prepared[part.index]!, preset),
    );
    if (turn.role === 'user' && instructions) {
      parts.unshift({ type: 'text', text: instructions });
      instructions = '';
    }
    const isTextOnly = parts.every((part) => part.type === 'text');
    return {
      role: turn.role,
      content: isTextOnly ? parts.map((part) => (part as { text: string }).text).join('\n') : parts,
    };
  });
}
