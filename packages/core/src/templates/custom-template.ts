import { z } from 'zod';
import { extractFinalAnswer } from '../extract/final-answer';
import { extraQuestionParagraph } from './prompt-parts';
import type { Template } from './template';

const localizedText = z.object({ en: z.string().trim().min(1), zh: z.string().trim().min(1) }).strict();
const range = z
  .object({ min: z.number().int().min(0), max: z.number().int().min(0).max(16) })
  .strict()
  .refine((value) => value.min <= value.max, { message: 'min must not be above max' });

/**
 * A template defined in a JSON file of `SEER_TEMPLATES_DIR`. The prompt may use `{question}` (the
 * person's question), `{imageCount}` and `{videoCount}`; without `{question}`, a given question is added
 * as its own paragraph. `result: "answer"` reads a final answer (`\boxed{}`, "the answer is", 答案是…).
 *
 * @example
 * { "id": "receipt-total", "title": {"en": "Receipt total", "zh": "小票总额"},
 *   "description": {"en": "…", "zh": "…"},
 *   "media": {"image": {"min": 1, "max": 1}, "video": {"min": 0, "max": 0}, "allowsMixing": false},
 *   "prompt": {"en": "Add up the receipt. End with \\boxed{total}.", "zh": "…"}, "result": "answer" }
 */
export const CustomTemplateSchema = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{0,62}$/,
        'must be lower-case letters, digits and dashes, at most 63 characters',
      ),
    title: localizedText,
    description: localizedText,
    media: z.object({ image: range, video: range, allowsMixing: z.boolean().default(false) }).strict(),
    question: z.enum(['required', 'optional']).default('optional'),
    prompt: localizedText,
    result: z.enum(['none', 'answer']).default('none'),
  })
  .strict();
/** A custom template as written in its JSON file. */
export type CustomTemplateDefinition = z.infer<typeof CustomTemplateSchema>;

/** Turns a validated definition into a template the pipeline uses like a built-in one. */
export function templateFromDefinition(definition: CustomTemplateDefinition): Template {
  return {
    id: definition.id,
    title: definition.title,
    description: definition.description,
    media: definition.media,
    question: definition.question,
    buildPrompt(input) {
      const template = definition.prompt[input.locale];
      const question = input.question?.trim() ?? '';
      const text = template
        .replaceAll('{question}', question)
        .replaceAll('{imageCount}', String(input.media.filter((item) => item.type === 'image').length))
        .replaceAll('{videoCount}', String(input.media.filter((item) => item.type === 'video').length));
      const extra = template.includes('{question}')
        ? undefined
        : extraQuestionParagraph(input.locale, question);
      return extra ? `${text}\n\n${extra}` : text;
    },
    ...(definition.result === 'answer'
      ? {
          extractResult(answer: string) {
            const found = extractFinalAnswer(answer);
            return found === undefined ? undefined : { answer: found };
          },
        }
      : {}),
  };
}
