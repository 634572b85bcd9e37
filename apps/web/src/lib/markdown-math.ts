/** A piece of TeX found in an answer: its source between the delimiters, and how much text it spans. */
export interface MathMatch {
  /** The TeX between the delimiters, trimmed. */
  tex: string;
  /** `$$…$$` and `\[…\]` are display math; `$…$` and `\(…\)` inline. */
  display: boolean;
  /** Characters from the opening delimiter to the end of the closing one. */
  length: number;
}

/** A number, then a comma or space and a word: `$10, the answer is $`, `$5 and $`. */
const priceLike = /^\d[\d.,]*(?:[,，]\s*|\s+)(?:[A-Za-z]{2}|[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])/;

const isSpace = (char: string | undefined) => char !== undefined && /\s/.test(char);
const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';

/** Whether the character at `index` is escaped by an odd number of backslashes before it. */
function isEscaped(text: string, index: number): boolean {
  let count = 0;
  for (let at = index - 1; at >= 0 && text[at] === '\\'; at--) count++;
  return count % 2 === 1;
}

/** The index of `closer` at or after `from` that is not escaped by a backslash, or -1. */
function findCloser(text: string, closer: string, from: number): number {
  for (let at = text.indexOf(closer, from); at !== -1; at = text.indexOf(closer, at + 1)) {
    if (!isEscaped(text, at)) return at;
  }
  return -1;
}

/**
 * Math that starts exactly at the beginning of `text`, or `undefined`. Delimiters: `$$…$$`, `\[…\]`
 * (display), `$…$`, `\(…\)` (inline). A single `$` is math only in the way Pandoc reads it, so that
 * prices stay prices: no space right after the opening `$`, none right before the closing one, and no
 * digit right after it; the first `$` after the opening one must close it (in `$5 and $10` it cannot, so
 * neither `$` is math), and what it encloses must not read as a price then words (`$10, 答案是$`). CJK
 * text may touch the delimiters: `答案是$x=2$。`.
 *
 * @example
 * matchMath('$x^2$ is…'); // { tex: 'x^2', display: false, length: 5 }
 * matchMath('$5 and $10'); // undefined
 */
export function matchMath(text: string): MathMatch | undefined {
  if (text.startsWith('$$')) {
    const end = findCloser(text, '$$', 2);
    const tex = end === -1 ? '' : text.slice(2, end).trim();
    return tex === '' ? undefined : { tex, display: true, length: end + 2 };
  }
  if (text.startsWith('\\[') || text.startsWith('\\(')) {
    const display = text[1] === '[';
    const end = findCloser(text, display ? '\\]' : '\\)', 2);
    const tex = end === -1 ? '' : text.slice(2, end).trim();
    return tex === '' ? undefined : { tex, display, length: end + 2 };
  }
  if (text.startsWith('$')) {
    if (text.length < 3 || isSpace(text[1]) || text[1] === '$') return undefined;
    const end = findCloser(text, '$', 1);
    if (end === -1 || isSpace(text[end - 1]) || isDigit(text[end + 1])) return undefined;
    // Inline math stays within a paragraph, and a price followed by words is not math (`$10, then $x$`).
    const tex = text.slice(1, end);
    if (/\n\s*\n/.test(tex) || priceLike.test(tex)) return undefined;
    return { tex: tex.trim(), display: false, length: end + 1 };
  }
  return undefined;
}

/**
 * Where in `text` math may start (a `$`, `\(` or `\[` that is not escaped), for a tokenizer to stop
 * plain text there; -1 when nowhere. A candidate is only a place to look: `matchMath` decides.
 */
export function mathStart(text: string): number {
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '$' && !isEscaped(text, at)) return at;
    if (char === '\\') {
      const next = text[at + 1];
      if ((next === '(' || next === '[') && !isEscaped(text, at)) return at;
      at++; // An escaped character is never a delimiter.
    }
  }
  return -1;
}

const blockOpening = /(^|\n) {0,3}(?:\$\$|\\\[)/g;

/** Where in `text` a line starts that `matchMathBlock` accepts, for a paragraph to end there; -1 if none. */
export function mathBlockStart(text: string): number {
  blockOpening.lastIndex = 0;
  for (let found = blockOpening.exec(text); found; found = blockOpening.exec(text)) {
    const lineStart = found.index + found[1]!.length;
    if (matchMathBlock(text.slice(lineStart))) return lineStart;
    blockOpening.lastIndex = found.index + found[0].length;
  }
  return -1;
}

/**
 * Display math that fills whole lines at the start of `text`: `$$` or `\[` opening a line and `$$` or
 * `\]` closing one, possibly many lines later. Returns the match and the length including the line break.
 */
export function matchMathBlock(text: string): MathMatch | undefined {
  const opening = /^ {0,3}(\$\$|\\\[)/.exec(text);
  if (!opening) return undefined;
  const closer = opening[1] === '$$' ? '$$' : '\\]';
  const start = opening[0].length;
  const end = findCloser(text, closer, start);
  if (end === -1) return undefined;
  // Only what follows the closer on its line may remain, and it must be blank.
  const lineEnd = text.indexOf('\n', end);
  const after = text.slice(end + closer.length, lineEnd === -1 ? text.length : lineEnd);
  if (after.trim() !== '') return undefined;
  const tex = text.slice(start, end).trim();
  if (tex === '') return undefined;
  return { tex, display: true, length: lineEnd === -1 ? text.length : lineEnd + 1 };
}
