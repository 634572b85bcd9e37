import type { Locale } from '../contract/templates';

const HAN = /\p{Script=Han}/gu;
const LATIN = /\p{Script=Latin}/gu;

/**
 * The language of a chat's prompts (a task's instruction, the turn that asks for the answer when a
 * forced budget cuts the thought): the one asked for, else Chinese when the user's text has more Han
 * characters than Latin letters, else English. Chat clients cannot say which they want.
 */
export function chatLocale(asked: Locale | undefined, text: string): Locale {
  if (asked) return asked;
  const han = text.match(HAN)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  return han > latin ? 'zh' : 'en';
}
