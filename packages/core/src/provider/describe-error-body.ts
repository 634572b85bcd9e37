/**
 * The provider's own words from an error body: `{"error": {"message"}}`, `{"error": "…"}`, `{"message"}`,
 * or, when the body is not JSON, its text shortened to `maxLength` characters.
 */
export function describeErrorBody(text: string, maxLength = 500): string {
  try {
    const json = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const error = json.error;
    if (typeof error === 'string') return error;
    if (typeof error?.message === 'string') return error.message;
    if (typeof json.message === 'string') return json.message;
  } catch {
    // Not JSON: the text itself, shortened, is the message.
  }
  return text.trim().slice(0, maxLength);
}
