import { z } from 'zod';

/** The languages Seer writes prompts in, and asks the model to answer in. */
export const LocaleSchema = z.enum(['en', 'zh']);
/** `en` or `zh`. */
export type Locale = z.infer<typeof LocaleSchema>;

/** A text in each supported locale. */
export type Localized = Record<Locale, string>;

/** The ids of the built-in templates (docs/tasks.md). */
export const BUILT_IN_TEMPLATE_IDS = [
  'palm-reading',
  'multi-image-compare',
  'math-pattern',
  'video-narration',
  'freeform',
] as const;

/** How many items of each kind a template accepts. */
export interface MediaRules {
  image: { min: number; max: number };
  video: { min: number; max: number };
  /** Whether images and a video may come together in one request. */
  allowsMixing: boolean;
}

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
  extractResult?(answer: string, locale: Locale): Record<string, unknown> | undefined;
}
