/** A lone option letter, optionally in brackets and followed by a full stop: `B`, `(B)`, `（B）`, `[B]`, `B.`. */
const BARE_LETTER = /^[（([【]?\s*([A-H])\s*[)）\]】]?\s*[.。]?$/;

/** A short closing line that names an option: `Option B`, `Answer: (C)`, `选 B`, `答案：C`, `I choose D.`. */
const CLOSING_LINE =
  /^(?:(?:(?:so|thus|therefore|hence),?\s+)?(?:(?:the\s+)?(?:final\s+|correct\s+)?(?:answer|option|choice)(?:\s+is)?|i\s+(?:choose|pick)|(?:所以|因此|故)?(?:最终)?(?:答案|选项)\s*(?:是|为)?|(?:所以|因此|故)?应?选(?:择)?)\s*[:：]?\s*)?[（([【]?\s*([A-Ha-h])\s*[)）\]】]?\s*[.。!！]?$/i;

/**
 * Returns the option letter when `value` is nothing but one (`B`, `(B)`, `B.`, `Option B`), else
 * `undefined`. Only capitals A–H count as a bare letter, so a lone variable like `x` is not mistaken for one.
 *
 * @example
 * normalizeOptionLetter('(B)'); // 'B'
 */
export function normalizeOptionLetter(value: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  const bare = BARE_LETTER.exec(trimmed);
  if (bare) return bare[1];
  const named = /^(?:option|choice|选项)\s*[:：]?\s*[（([]?\s*([A-Ha-h])\s*[)）\]]?$/i.exec(trimmed);
  return named?.[1]?.toUpperCase();
}

/**
 * Returns the option letter that a multiple-choice answer ends with, when its last non-empty line is only that
 * choice (`(B)`, `B.`, `**C**`, `Answer: D`, `选 B`), else `undefined`.
 *
 * @example
 * extractOptionLetter('Only the third shape fits.\n\n(B)'); // 'B'
 */
export function extractOptionLetter(text: string): string | undefined {
  if (typeof text !== 'string') return undefined;
  const lines = text.split(/\r?\n/);
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = (lines[index] ?? '').replace(/\*\*|__|\$/g, '').trim();
    if (!line) continue;
    const match = CLOSING_LINE.exec(line);
    const letter = match?.[1];
    if (!letter) return undefined;
    // A lowercase letter counts only after words that name it as the choice ("answer: b"), never alone.
    if (letter === letter.toLowerCase() && BARE_LETTER.exec(line.toUpperCase())) return undefined;
    return letter.toUpperCase();
  }
  return undefined;
}
