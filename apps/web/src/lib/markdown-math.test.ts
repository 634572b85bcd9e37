import { describe, expect, test } from 'vitest';
import { lexMarkdown } from './markdown-blocks';
import { matchMath, matchMathBlock, mathBlockStart, mathStart } from './markdown-math';

/** The TeX of every math token in `source`, with `$$` marking display math. */
function mathIn(source: string): string[] {
  const found: string[] = [];
  const walk = (tokens: unknown[]) => {
    for (const token of tokens as Array<Record<string, unknown>>) {
      if (token.type === 'math') found.push(token.display ? `$$${token.tex}` : String(token.tex));
      for (const key of ['tokens', 'items'] as const) {
        if (Array.isArray(token[key])) walk(token[key] as unknown[]);
      }
    }
  };
  walk(lexMarkdown(source));
  return found;
}

describe('matchMath', () => {
  test('reads the four delimiters', () => {
    expect(matchMath('$x^2$ rest')).toEqual({ tex: 'x^2', display: false, length: 5 });
    expect(matchMath('$$a+b$$!')).toEqual({ tex: 'a+b', display: true, length: 7 });
    expect(matchMath('\\(a\\) b')).toEqual({ tex: 'a', display: false, length: 5 });
    expect(matchMath('\\[ \\boxed{10} \\]')).toEqual({ tex: '\\boxed{10}', display: true, length: 16 });
  });

  test('leaves dollar amounts alone', () => {
    expect(matchMath('$5 and $10')).toBeUndefined();
    expect(matchMath('$5')).toBeUndefined();
    expect(matchMath('$ x$')).toBeUndefined();
    expect(matchMath('$x $')).toBeUndefined();
    expect(matchMath('$x$5')).toBeUndefined();
    expect(matchMath('$10, 答案是$x=2$')).toBeUndefined();
    expect(matchMath('$1,000$')).toEqual({ tex: '1,000', display: false, length: 7 });
    expect(matchMath('$3 \\times 4$')).toEqual({ tex: '3 \\times 4', display: false, length: 12 });
    expect(mathIn('It costs $5 and $10 today.')).toEqual([]);
    expect(mathIn('Pay $5, then $x$ more.')).toEqual(['x']);
  });

  test('an escaped dollar is never a delimiter', () => {
    expect(matchMath('$a\\$b$')).toEqual({ tex: 'a\\$b', display: false, length: 6 });
    expect(mathStart('\\$5 and $x$')).toBe(8);
    expect(mathIn('Price: \\$5, and \\$x\\$ too')).toEqual([]);
  });

  test('math may touch CJK text', () => {
    expect(mathIn('答案是$x=2$。')).toEqual(['x=2']);
    expect(mathIn('所以\\(a+b\\)等于十')).toEqual(['a+b']);
    expect(mathIn('结果：$$x=1$$，完毕')).toEqual(['$$x=1']);
  });

  test('inline math does not cross a blank line', () => {
    expect(matchMath('$a\n\nb$')).toBeUndefined();
    expect(matchMath('$a\nb$')).toEqual({ tex: 'a\nb', display: false, length: 5 });
  });

  test('unclosed math (still streaming) is not math yet', () => {
    expect(matchMath('$x^')).toBeUndefined();
    expect(matchMath('\\[ \\frac{1}')).toBeUndefined();
    expect(mathIn('so $x^')).toEqual([]);
  });

  test('math inside code stays code', () => {
    expect(mathIn('`$x$` and\n\n```\n$$y$$\n```')).toEqual([]);
  });

  test('display math on lines of its own is a block', () => {
    expect(matchMathBlock('$$\na_1 + b\n$$\nnext')).toEqual({ tex: 'a_1 + b', display: true, length: 14 });
    expect(matchMathBlock('\\[\n\\boxed{10}\n\\]')).toEqual({
      tex: '\\boxed{10}',
      display: true,
      length: 16,
    });
    expect(matchMathBlock('$$x$$ and more')).toBeUndefined();
    expect(mathBlockStart('Some text\n$$\nx\n$$\n')).toBe(10);
    // Underscores and asterisks inside math are TeX, not emphasis.
    expect(mathIn('Sum:\n$$\na_1 * b_2 * c\n$$\n')).toEqual(['$$a_1 * b_2 * c']);
    expect(lexMarkdown('Text\n\\[\nx\n\\]\n').map((token) => token.type)).toEqual(['paragraph', 'math']);
  });
});
