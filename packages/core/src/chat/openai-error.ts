import type { OpenAIErrorBody } from '../contract/chat-completions-response';

/** A Seer error as its body says it: a status, a code, a sentence, and the extra fields some codes carry. */
export interface SeerErrorFields {
  status: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Seer's codes that OpenAI's clients know by another name. */
const OPENAI_CODES: Record<string, string> = {
  unauthorized: 'invalid_api_key',
  rate_limited: 'rate_limit_exceeded',
  unknown_model: 'model_not_found',
};

/** OpenAI's error type for a status: what its SDKs and the tools built on them expect. */
export function openAIErrorType(status: number): string {
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** The request field a zod issue list points at first (`messages.2.content`), for `param`. */
function firstIssuePath(issues: unknown): string | null {
  const path = Array.isArray(issues) ? (issues[0] as { path?: unknown } | undefined)?.path : undefined;
  return Array.isArray(path) && path.length > 0 ? path.join('.') : null;
}

/**
 * A Seer error in OpenAI's shape (`{"error":{"message","type","code","param"}}`), so that an OpenAI
 * SDK raises the `APIError` of its status: the type follows the status, a few codes take OpenAI's
 * name (`invalid_api_key`, `rate_limit_exceeded`, `model_not_found`), `param` is the field at fault
 * (a `param` detail, or the first zod issue's path), and Seer's other fields are kept.
 *
 * @example
 * toOpenAIError({ status: 404, code: 'unknown_model', message: 'There is no model "x".' });
 * // { error: { message: 'There is no model "x".', type: 'invalid_request_error', code: 'model_not_found', param: 'model' } }
 */
export function toOpenAIError(error: SeerErrorFields): OpenAIErrorBody {
  const { param, ...details } = error.details ?? {};
  const code = OPENAI_CODES[error.code] ?? error.code;
  const field =
    typeof param === 'string' ? param : code === 'model_not_found' ? 'model' : firstIssuePath(details.issues);
  return {
    error: {
      ...details,
      message: error.message,
      type: openAIErrorType(error.status),
      code,
      param: field,
    },
  };
}
