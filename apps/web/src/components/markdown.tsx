import type { Token, Tokens } from 'marked';
import { Fragment, memo, type ReactNode, type RefObject, useLayoutEffect, useRef } from 'react';
import { type MarkdownBlock, type MathToken, safeHref } from '../lib/markdown-blocks';
import { mathKey, showMath } from '../lib/markdown-katex';
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

function renderInline(tokens: Token[] | undefined): ReactNode {
  if (!tokens) return null;
  return tokens.map((token, index) => <Fragment key={index}>{renderInlineToken(token)}</Fragment>);
}

function renderInlineToken(token: Token): ReactNode {
  switch (token.type) {
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? renderInline(text.tokens) : decodeEntities(text.text);
    }
    case 'escape':
      return (token as Tokens.Escape).text;
    case 'strong':
      return <strong>{renderInline((token as Tokens.Strong).tokens)}</strong>;
    case 'em':
      return <em>{renderInline((token as Tokens.Em).tokens)}</em>;
    case 'del':
      return <del>{renderInline((token as Tokens.Del).tokens)}</del>;
    case 'codespan':
      return <code>{(token as Tokens.Codespan).text}</code>;
    case 'br':
      return <br />;
    case 'link': {
      const link = token as Tokens.Link;
      const href = safeHref(link.href);
      const content = renderInline(link.tokens);
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

function renderListItem(item: Tokens.ListItem, index: number): ReactNode {
  // A tight list's items hold `text` tokens (inline); a loose list's, paragraphs.
  return (
    <li key={index} className={item.task ? 'task' : undefined}>
      {item.tokens.map((token, tokenIndex) => (
        <Fragment key={tokenIndex}>
          {token.type === 'text' || token.type === 'checkbox' ? renderInlineToken(token) : renderBlock(token)}
        </Fragment>
      ))}
    </li>
  );
}

function renderBlock(token: Token): ReactNode {
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'heading': {
      const heading = token as Tokens.Heading;
      const Tag = `h${Math.min(6, Math.max(1, heading.depth))}` as 'h1';
      return <Tag>{renderInline(heading.tokens)}</Tag>;
    }
    case 'paragraph':
      return <p>{renderInline((token as Tokens.Paragraph).tokens)}</p>;
    case 'text': {
      const text = token as Tokens.Text;
      return <p>{text.tokens ? renderInline(text.tokens) : decodeEntities(text.text)}</p>;
    }
    case 'code': {
      const code = token as Tokens.Code;
      const language = code.lang?.match(/^[\w+#.-]+/)?.[0];
      return (
        <pre className="code-block" data-language={language}>
          <code>{code.text}</code>
        </pre>
      );
    }
    case 'blockquote':
      return <blockquote>{(token as Tokens.Blockquote).tokens.map(renderBlockWithKey)}</blockquote>;
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map(renderListItem);
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
                    {renderInline(cell.tokens)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  {row.map((cell, index) => (
                    <td key={index} style={align(cell.align)}>
                      {renderInline(cell.tokens)}
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

function renderBlockWithKey(token: Token, index: number): ReactNode {
  return <Fragment key={index}>{renderBlock(token)}</Fragment>;
}

/**
 * One top-level block. A finished block renders once: it re-renders only if its source changes,
 * which a finished block's never does; the growing last block re-renders as its text arrives.
 */
const MarkdownBlockView = memo(
  function MarkdownBlockView({ block }: { block: MarkdownBlock }) {
    return renderBlock(block.token);
  },
  (before, after) => before.block.token.raw === after.block.token.raw,
);

/** Props of `Markdown`. */
export interface MarkdownProps {
  blocks: readonly MarkdownBlock[];
  className?: string;
}

/**
 * Markdown blocks (from `MarkdownBlocks`) as React elements: headings, lists, code, tables, math through
 * KaTeX (loaded on demand). No HTML from the source is ever interpreted; links open only http(s) URLs,
 * in a new tab without a referrer.
 */
export function Markdown({ blocks, className }: MarkdownProps) {
  return (
    <div className={className}>
      {blocks.map((block) => (
        <MarkdownBlockView key={block.key} block={block} />
      ))}
    </div>
  );
}
