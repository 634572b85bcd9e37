import type { Token, Tokens } from 'marked';
import {
  Fragment,
  type MouseEvent,
  memo,
  type ReactNode,
  type RefObject,
  useEffect,
  useLayoutEffect,
  useRef,
} from 'react';
import { useT } from '../hooks/use-locale';
import { type MarkdownBlock, type MathToken, safeHref } from '../lib/markdown-blocks';
import { mathKey, showMath } from '../lib/markdown-katex';
import { countMarks } from '../lib/marks-block';
import { regionsNamedBy, splitSentences } from '../lib/region-sentences';
// KaTeX's stylesheet (small; its fonts load only when a formula uses them) comes with the page, while
// KaTeX itself loads with the first formula. Inserted mid-answer, a stylesheet restyles the whole page at
// once, a long task over a long thought and answer (docs/performance.md, the playground).
import 'katex/dist/katex.min.css';
import './markdown.css';

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Text as the reader should see it: the few HTML entities a model writes, decoded (still only text). */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}

/**
 * TeX through KaTeX, loaded on first use and rendered a few formulas per frame; until then (or if
 * KaTeX cannot load) the TeX source as code. The element has no React children: `showMath` fills it.
 */
function MathView({ tex, display }: { tex: string; display: boolean }) {
  const ref = useRef<HTMLElement>(null);
  const key = mathKey(tex, display);
  useLayoutEffect(() => (ref.current ? showMath(ref.current, key) : undefined), [key]);
  const Element = display ? 'div' : 'span';
  return (
    <Element
      ref={ref as RefObject<HTMLDivElement & HTMLSpanElement>}
      className={display ? 'math math-display' : 'math math-inline'}
    />
  );
}

/** What names each region a result marked (`namesOfRegions`): the answer links those sentences to it. */
export interface SentenceMarks {
  names: readonly (readonly string[])[];
}

/** One inline container's sentences that name regions, and how far its text has been rendered. */
interface SentenceContext {
  sentences: { start: number; end: number; regions: string }[];
  offset: number;
}

/** The text a leaf token shows (undefined for a token with inline children of its own). */
function leafText(token: Token): string | undefined {
  switch (token.type) {
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? undefined : decodeEntities(text.text);
    }
    case 'escape':
    case 'codespan':
      return (token as Tokens.Escape).text;
    case 'br':
      return '\n';
    case 'strong':
    case 'em':
    case 'del':
    case 'link':
      return undefined;
    default:
      return '';
  }
}

/** The text of inline tokens as rendered, leaf by leaf, in rendering order. */
function inlineText(tokens: Token[] | undefined): string {
  if (!tokens) return '';
  return tokens
    .map((token) => leafText(token) ?? inlineText((token as { tokens?: Token[] }).tokens))
    .join('');
}

/**
 * A sentence context for inline tokens when the answer links sentences to regions and some sentence
 * here names one; undefined otherwise.
 */
function sentencesOf(
  tokens: Token[] | undefined,
  marks: SentenceMarks | undefined,
): SentenceContext | undefined {
  if (!marks || marks.names.length === 0 || !tokens) return undefined;
  const text = inlineText(tokens);
  const sentences = splitSentences(text).flatMap(({ start, end }) => {
    const named = regionsNamedBy(text.slice(start, end), marks.names);
    return named.length > 0 ? [{ start, end, regions: named.join(' ') }] : [];
  });
  return sentences.length > 0 ? { sentences, offset: 0 } : undefined;
}

/**
 * A leaf's text, its parts inside a sentence that names regions wrapped in a `span[data-regions]` (the
 * indices of those regions), so that hovering the sentence and highlighting it from a region work.
 */
function showLeaf(text: string, context: SentenceContext | undefined): ReactNode {
  if (!context) return text;
  const from = context.offset;
  context.offset += text.length;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const sentence of context.sentences) {
    const start = Math.max(sentence.start - from, at);
    const end = Math.min(sentence.end - from, text.length);
    if (end <= start) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <span key={start} className="region-sentence" data-regions={sentence.regions}>
        {text.slice(start, end)}
      </span>,
    );
    at = end;
  }
  if (parts.length === 0) return text;
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

/** Inline tokens of one container (a paragraph, heading, list item or cell), its sentences linked. */
function renderInlineContainer(tokens: Token[] | undefined, marks: SentenceMarks | undefined): ReactNode {
  return renderInline(tokens, sentencesOf(tokens, marks));
}

function renderInline(tokens: Token[] | undefined, context?: SentenceContext): ReactNode {
  if (!tokens) return null;
  return tokens.map((token, index) => <Fragment key={index}>{renderInlineToken(token, context)}</Fragment>);
}

function renderInlineToken(token: Token, context?: SentenceContext): ReactNode {
  switch (token.type) {
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? renderInline(text.tokens, context) : showLeaf(decodeEntities(text.text), context);
    }
    case 'escape':
      return showLeaf((token as Tokens.Escape).text, context);
    case 'strong':
      return <strong>{renderInline((token as Tokens.Strong).tokens, context)}</strong>;
    case 'em':
      return <em>{renderInline((token as Tokens.Em).tokens, context)}</em>;
    case 'del':
      return <del>{renderInline((token as Tokens.Del).tokens, context)}</del>;
    case 'codespan':
      return <code>{showLeaf((token as Tokens.Codespan).text, context)}</code>;
    case 'br':
      if (context) context.offset += 1;
      // The newline too, so that the text of the answer (as copied, or read by a test) keeps its lines.
      return (
        <>
          {'\n'}
          <br />
        </>
      );
    case 'link': {
      const link = token as Tokens.Link;
      const href = safeHref(link.href);
      const content = renderInline(link.tokens, context);
      // Only http(s) is clickable: a `javascript:` or `data:` link is just its text.
      if (!href) return <span className="link-blocked">{content}</span>;
      return (
        <a href={href} target="_blank" rel="noopener noreferrer" title={link.title ?? undefined}>
          {content}
        </a>
      );
    }
    case 'image': {
      // The model's images are not loaded (no tracking pixels, nothing from elsewhere): a link at most.
      const image = token as Tokens.Image;
      const href = safeHref(image.href);
      const label = image.text ? `[${image.text}]` : '[image]';
      return href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {label}
        </a>
      ) : (
        label
      );
    }
    case 'math': {
      const math = token as unknown as MathToken;
      return <MathView tex={math.tex} display={math.display} />;
    }
    case 'checkbox':
      return <input type="checkbox" checked={(token as Tokens.Checkbox).checked} disabled readOnly />;
    default:
      // HTML from the model (`html` tokens) and anything unknown: shown as the text it is.
      return token.raw;
  }
}

function renderListItem(item: Tokens.ListItem, index: number, marks: SentenceMarks | undefined): ReactNode {
  // A tight list's items hold `text` tokens (inline); a loose list's, paragraphs.
  return (
    <li key={index} className={item.task ? 'task' : undefined}>
      {item.tokens.map((token, tokenIndex) => (
        <Fragment key={tokenIndex}>
          {token.type === 'text'
            ? renderInlineContainer([token], marks)
            : token.type === 'checkbox'
              ? renderInlineToken(token)
              : renderBlock(token, marks)}
        </Fragment>
      ))}
    </li>
  );
}

/** A fenced block of marks, folded behind "Marks (n)": the picture shows them, the code need not. */
function MarksBlock({ count, code }: { count: number; code: string }) {
  const t = useT();
  return (
    <details className="marks-block">
      <summary>{t('regions.marksBlock', { count })}</summary>
      <pre className="code-block" data-language="json">
        <code>{code}</code>
      </pre>
    </details>
  );
}

function renderBlock(token: Token, marks?: SentenceMarks): ReactNode {
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'heading': {
      const heading = token as Tokens.Heading;
      const Tag = `h${Math.min(6, Math.max(1, heading.depth))}` as 'h1';
      return <Tag>{renderInlineContainer(heading.tokens, marks)}</Tag>;
    }
    case 'paragraph':
      return <p>{renderInlineContainer((token as Tokens.Paragraph).tokens, marks)}</p>;
    case 'text': {
      const text = token as Tokens.Text;
      return <p>{renderInlineContainer(text.tokens ?? [text], marks)}</p>;
    }
    case 'code': {
      const code = token as Tokens.Code;
      const language = code.lang?.match(/^[\w+#.-]+/)?.[0];
      const markCount = countMarks(language, code.text);
      if (markCount !== undefined) return <MarksBlock count={markCount} code={code.text} />;
      return (
        <pre className="code-block" data-language={language}>
          <code>{code.text}</code>
        </pre>
      );
    }
    case 'blockquote':
      return (
        <blockquote>
          {(token as Tokens.Blockquote).tokens.map((child, index) => (
            <Fragment key={index}>{renderBlock(child, marks)}</Fragment>
          ))}
        </blockquote>
      );
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map((item, index) => renderListItem(item, index, marks));
      if (!list.ordered) return <ul>{items}</ul>;
      const start = typeof list.start === 'number' && list.start !== 1 ? list.start : undefined;
      return <ol start={start}>{items}</ol>;
    }
    case 'table': {
      const table = token as Tokens.Table;
      const align = (value: Tokens.TableCell['align']) => (value ? { textAlign: value } : undefined);
      return (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                {table.header.map((cell, index) => (
                  <th key={index} style={align(cell.align)}>
                    {renderInlineContainer(cell.tokens, marks)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  {row.map((cell, index) => (
                    <td key={index} style={align(cell.align)}>
                      {renderInlineContainer(cell.tokens, marks)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    case 'hr':
      return <hr />;
    case 'math': {
      const math = token as unknown as MathToken;
      return <MathView tex={math.tex} display />;
    }
    default:
      // HTML blocks from the model, and anything unknown: their source, as text.
      return <p className="raw-html">{token.raw.trimEnd()}</p>;
  }
}

/**
 * One top-level block. A finished block renders once: it re-renders only if its source changes,
 * which a finished block's never does; the growing last block re-renders as its text arrives.
 */
const MarkdownBlockView = memo(
  function MarkdownBlockView({ block, marks }: { block: MarkdownBlock; marks: SentenceMarks | undefined }) {
    return renderBlock(block.token, marks);
  },
  (before, after) => before.block.token.raw === after.block.token.raw && before.marks === after.marks,
);

/** The region indices a sentence element names (its `data-regions`), from an event's target. */
function regionsAt(target: EventTarget | null): number[] | undefined {
  const sentence = target instanceof Element ? target.closest('[data-regions]') : null;
  return sentence?.getAttribute('data-regions')?.split(' ').map(Number);
}

/** Props of `Markdown`. */
export interface MarkdownProps {
  blocks: readonly MarkdownBlock[];
  className?: string;
  /** What names each region: sentences naming one are wrapped, to be linked to it. */
  marks?: SentenceMarks | undefined;
  /** The regions highlighted now: the sentences naming them are marked `data-region-highlighted`. */
  highlighted?: readonly number[] | undefined;
  /** The pointer entered a sentence naming these regions, or left it (undefined). */
  onSentenceHover?: ((regions: number[] | undefined) => void) | undefined;
}

/**
 * Markdown blocks (from `MarkdownBlocks`) as React elements: headings, lists, code, tables, math through
 * KaTeX (loaded on demand). No HTML from the source is ever interpreted; links open only http(s) URLs,
 * in a new tab without a referrer. Given what names each region, the sentences naming a region are linked
 * to it both ways; a fenced block of marks is folded away.
 */
export function Markdown({ blocks, className, marks, highlighted, onSentenceHover }: MarkdownProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Set on the rendered sentences directly: re-rendering the finished blocks for a hover is not needed.
    // Only sentences that name regions are looked for, and only once there are regions: a streaming
    // answer has none, and looking through its growing DOM at every chunk would cost at every chunk.
    if (!marks) return;
    for (const sentence of ref.current?.querySelectorAll('[data-regions]') ?? []) {
      const regions = sentence.getAttribute('data-regions')?.split(' ').map(Number) ?? [];
      const isHighlighted = regions.some((region) => highlighted?.includes(region));
      sentence.toggleAttribute('data-region-highlighted', isHighlighted);
    }
  }, [marks, highlighted]);
  const hover = onSentenceHover
    ? {
        onMouseOver: (event: MouseEvent) => onSentenceHover(regionsAt(event.target)),
        onMouseLeave: () => onSentenceHover(undefined),
      }
    : {};
  return (
    <div ref={ref} className={className} {...hover}>
      {blocks.map((block) => (
        <MarkdownBlockView key={block.key} block={block} marks={marks} />
      ))}
    </div>
  );
}
