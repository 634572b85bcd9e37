import { describe, expect, test } from 'vitest';
import { lexMarkdown, MarkdownBlocks, safeHref } from './markdown-blocks';

describe('safeHref', () => {
  test('allows absolute http(s) links only', () => {
    expect(safeHref('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeHref('HTTP://example.com')).toBe('http://example.com/');
    for (const href of [
      'javascript:window.__pwned=2',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      '//evil.example/x',
      '/relative',
      'mailto:a@b.c',
      'https:/broken',
      '',
      undefined,
    ]) {
      expect(safeHref(href), String(href)).toBeUndefined();
    }
  });
});

describe('lexMarkdown', () => {
  test('keeps HTML from the model as html tokens (rendered as text)', () => {
    const tokens = lexMarkdown('a <img src=x onerror="alert(1)"> b');
    const inline = (tokens[0] as { tokens: Array<{ type: string; raw: string }> }).tokens;
    expect(inline.find((token) => token.type === 'html')?.raw).toBe('<img src=x onerror="alert(1)">');
  });
});

describe('MarkdownBlocks', () => {
  const answer = [
    '## Heading',
    '',
    'A paragraph with $x^2$ and **bold**.',
    '',
    '- one',
    '- two',
    '',
    '```ts',
    'const a = 1;',
    '',
    'const b = 2;',
    '```',
    '',
    '$$',
    'a_1 + b_1',
    '$$',
    '',
    '> quoted',
    '',
    '| a | b |',
    '|---|---|',
    '| 1 | 2 |',
    '',
    'The end.',
  ].join('\n');

  const typesOf = (blocks: ReturnType<MarkdownBlocks['update']>) => blocks.map((block) => block.token.type);

  test('splits an answer into top-level blocks, the last one still growing', () => {
    const blocks = new MarkdownBlocks().update(answer);
    expect(typesOf(blocks)).toEqual([
      'heading',
      'paragraph',
      'list',
      'code',
      'math',
      'blockquote',
      'table',
      'paragraph',
    ]);
    expect(blocks.map((block) => block.isFinished)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
    expect(blocks.map((block) => block.key)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  test('streamed in any chunk size, gives the same blocks as lexing it whole', () => {
    const whole = new MarkdownBlocks().update(answer).map((block) => block.token.raw.trimEnd());
    for (const size of [1, 3, 7, 40]) {
      const blocks = new MarkdownBlocks();
      let result = blocks.update('');
      for (let at = 0; at < answer.length; at += size) result = blocks.update(answer.slice(0, at + size));
      expect(
        result.map((block) => block.token.raw.trimEnd()),
        `chunks of ${size}`,
      ).toEqual(whole);
    }
  });

  test('keeps finished blocks as they are: the same objects, lexed once', () => {
    const blocks = new MarkdownBlocks();
    const first = blocks.update('# Title\n\nSome text');
    const second = blocks.update('# Title\n\nSome text that grows');
    expect(second[0]).toBe(first[0]);
    expect(second[1]?.token.raw).toBe('Some text that grows');
    expect(second[1]?.key).toBe(first[1]?.key);
  });

  test('starts over when the text is replaced', () => {
    const blocks = new MarkdownBlocks();
    blocks.update('# One\n\nfirst answer');
    expect(typesOf(blocks.update('Second'))).toEqual(['paragraph']);
    expect(blocks.update('')).toEqual([]);
  });
});

describe('line breaks', () => {
  test('keeps a single line break of the answer as a break, as timestamped beats need', () => {
    const [paragraph] = lexMarkdown('[00:00.0] A sheet.\n[00:03.5] A dot.\n[00:07.0] A spiral.');
    const inline = (paragraph as { tokens: { type: string }[] }).tokens.map((token) => token.type);
    expect(inline.filter((type) => type === 'br')).toHaveLength(2);
  });
});
