import type { PreparedMediaInfo } from '../contract/events';
import type { Locale, Localized, MediaRules } from '../contract/templates';
import type { CoordinateSystem } from '../grounding/read-marks';

/** The ids of the built-in templates (docs/tasks.md). */
export const BUILT_IN_TEMPLATE_IDS = [
  'palm-reading',
  'multi-image-compare',
  'math-pattern',
  'video-narration',
  'locate',
  'freeform',
] as const;

/** What a prompt builder knows about one prepared media item, in the order sent. */
export interface PromptMediaInfo {
  type: 'image' | 'video';
  width: number;
  height: number;
  /** Frame timestamps in seconds, for videos. */
  frameTimestamps?: number[] | undefined;
}

/** The inputs of one prompt. */
export interface PromptInput {
  locale: Locale;
  /** The person's own question or extra instruction, if any. */
  question?: string;
  media: PromptMediaInfo[];
  /** How the model writes coordinates, for a task that asks it to mark places (docs/grounding.md). */
  coordinates?: CoordinateSystem;
}

/** What a result reader knows besides the answer: the media as prepared, in the order sent. */
export interface ResultContext {
  media: readonly PreparedMediaInfo[];
}

/**
 * A task Seer knows how to ask a reasoning VLM about: its names, what media it takes, how it words the
 * instruction (which always follows the media), and how it reads a structured result from the answer.
 */
export interface Template {
  id: string;
  title: Localized;
  description: Localized;
  media: MediaRules;
  /** Whether the request's `question` is required, optional, or ignored. */
  question: 'required' | 'optional';
  /** The instruction text placed after the media in the user turn. */
  buildPrompt(input: PromptInput): string;
  /**
   * Reads the template's structured result from the final answer text. Never throws: a missing piece is
   * simply absent, and `undefined` means nothing could be read.
   */
  extractResult?(
    answer: string,
    locale: Locale,
    context?: ResultContext,
  ): Record<string, unknown> | undefined;
}
