import { z } from 'zod';

/** The languages Seer writes prompts in, and asks the model to answer in. */
export const LocaleSchema = z.enum(['en', 'zh']);
/** `en` or `zh`. */
export type Locale = z.infer<typeof LocaleSchema>;

/** A text in each supported locale. */
export const LocalizedSchema = z.object({ en: z.string(), zh: z.string() });
/** A text in each supported locale. */
export type Localized = z.infer<typeof LocalizedSchema>;

const CountRangeSchema = z.object({
  min: z.number().int().nonnegative(),
  max: z.number().int().nonnegative(),
});

/** How many items of each kind a template accepts. */
export const MediaRulesSchema = z.object({
  image: CountRangeSchema,
  video: CountRangeSchema,
  /** Whether images and a video may come together in one request. */
  allowsMixing: z.boolean(),
});
/** How many items of each kind a template accepts. */
export type MediaRules = z.infer<typeof MediaRulesSchema>;

/** One entry of `GET /v1/templates`: a task's names, the media it takes and whether it needs a question. */
export const TemplateDescriptionSchema = z
  .object({
    id: z.string(),
    title: LocalizedSchema,
    description: LocalizedSchema,
    media: MediaRulesSchema,
    inputs: z.object({ question: z.enum(['required', 'optional']) }),
  })
  .meta({ id: 'Template' });
/** A template as `GET /v1/templates` lists it. */
export type TemplateDescription = z.infer<typeof TemplateDescriptionSchema>;

/** The body of `GET /v1/templates`. */
export const TemplateListSchema = z.object({ data: z.array(TemplateDescriptionSchema) });
