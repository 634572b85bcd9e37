import { Marked, type Token, type TokenizerExtension } from 'marked';
import { type MathMatch, matchMath, matchMathBlock, mathBlockStart, mathStart } from './markdown-math';
import { whenIdle } from './when-idle';

/** A math token: `$…$`, `\(…\)` inline, `$$…$$`, `\[…\]` display (inline or on lines of their own). */
export interface MathToken {
  type: 'math';
  raw: string;
  tex: string;
  display: boolean;
}

const toToken = (source: string, match: MathMatch): MathToken => ({
  type: 'math',
  raw: source.slice(0, match.length),
  tex: match.tex,
  display: match.display,
});

const inlineMath: TokenizerExtension = {
  name: 'math',
  level: 'inline',
  start: (source) => {
    const at = mathStart(source);
    return at === -1 ? undefined : at;
  },
  tokenizer: (source) => {
    const match = matchMath(source);
    return match ? toToken(source, match) : undefined;
  },
};

const blockMath: TokenizerExtension = {
  name: 'math',
  level: 'block',
  start: (source) => {
    const at = mathBlockStart(source);
    return at === -1 ? undefined : at;
  },
  tokenizer: (source) => {
    const match = matchMathBlock(source);
    return match ? toToken(source, match) : undefined;
  },
};

/**
 * GitHub-flavoured Markdown with math; the tokens are turned into React elements, never into HTML. A
 * single line break stays a break (`breaks`): models write timestamped beats and short lists one per
 * line, without the blank lines Markdown would otherwise need.
 */
const markdown = new Marked({ gfm: true, breaks: true, silent: true }).use({
  extensions: [blockMath, inlineMath],
});

/** Splits Markdown into block tokens (paragraphs, headings, lists, code, math…) with their inline tokens. */
export function lexMarkdown(source: string): Token[] {
  return markdown.lexer(source);
}

/** A little of every construct the lexer knows, to get its code and regular expressions compiled. */
const warmUpSample = [
  '# Heading',
  '',
  'A paragraph with **strong**, *emphasis*, `code`, a [link](https://example.com) and $x^2$ and \\(a+b\\).',
  '',
  '- a list item with $5 and $10',
  '- another, 答案是$x=2$。',
  '',
  '1. ordered',
  '',
  '> a quote',
  '',
  '```python',
  'print(1)',
  '```',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  '$$',
  'c = a + b',
  '$$',
  '',
  'Setext heading',
  '---',
  '',
  '\\[ \\boxed{10} \\]',
].join('\n');

let isWarm = false;

/**
 * Lexes a small sample, piece by piece in the browser's idle time, so that the first answer does not
 * pay for compiling the lexer (a long task on a slow machine, in the first frames of the answer). Call
 * it once the page is up; later calls do nothing.
 */
export function warmUpMarkdown(): void {
  if (isWarm) return;
  isWarm = true;
  // Twice over, one construct at a time: a cold lexer would make the whole sample at once a long task.
  const pieces = [...warmUpSample.split('\n\n'), ...warmUpSample.split('\n\n')];
  const step = (deadline?: IdleDeadline) => {
    do lexMarkdown(pieces.shift() ?? '');
    while (pieces.length > 0 && deadline !== undefined && deadline.timeRemaining() > 5);
    if (pieces.length > 0) whenIdle(step);
  };
  whenIdle(step);
}

/**
 * The link targets the answer may open: absolute http(s) URLs only. Anything else (`javascript:`,
 * `data:`, relative paths, protocol-relative `//host`) gives `undefined`, and the link shows as text.
 *
 * @example
 * safeHref('https://example.com/a'); // 'https://example.com/a'
 * safeHref('javascript:alert(1)'); // undefined
 */
export function safeHref(href: string | null | undefined): string | undefined {
  if (!href) return undefined;
  // Browsers drop tabs and newlines inside URLs and trim control characters: so does this check.
  const cleaned = [...href].filter((char) => char > ' ' && char !== '\u007f').join('');
  if (!/^https?:\/\//i.test(cleaned)) return undefined;
  try {
    const url = new URL(cleaned);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** One top-level block of an answer: its token, and a key that stays the same while it is unchanged. */
export interface MarkdownBlock {
  key: number;
  token: Token;
  /** Whether later text can no longer change it: rendered once, never again. */
  isFinished: boolean;
}

/**
 * Splits a growing Markdown text into top-level blocks incrementally. Blocks that later text cannot
 * change (every block before the last one) are lexed once and kept; each update lexes only the text from
 * the start of the last, still-growing block. So a 20,000-character answer costs one small lex per
 * frame however long it gets.
 *
 * @example
 * const blocks = new MarkdownBlocks();
 * blocks.update('# Title\n\nFirst para'); // [heading (finished), paragraph (growing)]
 */
export class MarkdownBlocks {
  #source = '';
  /** Where the text not yet in `#finished` starts. */
  #finishedLength = 0;
  #finished: MarkdownBlock[] = [];
  #blocks: MarkdownBlock[] = [];

  /** The blocks of `source`; a source that does not extend the last one starts over. */
  update(source: string): MarkdownBlock[] {
    if (source === this.#source) return this.#blocks;
    if (!source.startsWith(this.#source)) {
      this.#finishedLength = 0;
      this.#finished = [];
    }
    this.#source = source;
    const tokens = lexMarkdown(source.slice(this.#finishedLength)).filter(
      (token, index, all) => token.type !== 'space' || index < all.length - 1,
    );
    // Every block but the last is finished: what follows it started a new block, and Markdown does
    // not reach back across a block boundary (link reference definitions aside, which the answer
    // renders as text).
    const lastIndex = tokens.length - 1;
    for (let index = 0; index < lastIndex; index++) {
      const token = tokens[index]!;
      this.#finishedLength += token.raw.length;
      if (token.type === 'space') continue;
      this.#finished.push({ key: this.#finished.length, token, isFinished: true });
    }
    const last = tokens[lastIndex];
    const growing: MarkdownBlock[] =
      last && last.type !== 'space' ? [{ key: this.#finished.length, token: last, isFinished: false }] : [];
    this.#blocks = [...this.#finished, ...growing];
    return this.#blocks;
  }
}
