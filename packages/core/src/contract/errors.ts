import { z } from 'zod';

/**
 * The body of every refused or failed request (docs/api.md, errors): a snake_case `code`, a sentence a
 * person can act on, whether the same request may succeed later, and extra fields some codes carry
 * (zod `issues`, `suggestions`, limits).
 */
export const ErrorBodySchema = z
  .object({
    error: z.looseObject({ code: z.string(), message: z.string(), retryable: z.boolean().optional() }),
  })
  .meta({ id: 'Error' });
/** The body of a refused or failed request. */
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
