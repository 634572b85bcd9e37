/**
 * The body of a request: JSON, or with files a multipart form of the JSON in a `request` field and one
 * field per file (docs/media.md, where bytes come from), so that images travel as bytes rather than as
 * base64.
 */
export function requestBody(
  request: unknown,
  files?: ReadonlyMap<string, File>,
): { body: BodyInit; headers: HeadersInit } {
  if (!files || files.size === 0) {
    return { body: JSON.stringify(request), headers: { 'content-type': 'application/json' } };
  }
  const form = new FormData();
  form.append('request', JSON.stringify(request));
  for (const [field, file] of files) form.append(field, file, file.name);
  // The browser sets the multipart content type with its boundary.
  return { body: form, headers: {} };
}
