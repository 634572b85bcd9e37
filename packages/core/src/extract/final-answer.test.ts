import { describe, expect, it } from 'vitest';
import { extractBoxedAnswer } from './boxed-answer';
import { extractFinalAnswer, normalizeAnswerText } from './final-answer';
import { extractOptionLetter, normalizeOptionLetter } from './option-letter';

describe('extractBoxedAnswer', () => {
  it.each([
    ['\\boxed{10}', '10'],
    ['So the answer is $\\boxed{10}$.', '10'],
    ['\\[ \\boxed{10} \\]', '10'],
    ['Hence $\\boxed{\\frac{1}{2}}$', '\\frac{1}{2}'],
    ['\\boxed{\\{1, 2\\}}', '\\{1, 2\\}'],
    ['\\boxed {x^{2}+1}', 'x^{2}+1'],
    ['\\fbox{C}', 'C'],
    ['First \\boxed{3}, after checking \\boxed{4}.', '4'],
  ])('reads %j', (text, expected) => {
    expect(extractBoxedAnswer(text)).toBe(expected);
  });

  it('ignores empty and unclosed boxes', () => {
    expect(extractBoxedAnswer('\\boxed{7} then \\boxed{}')).toBe('7');
    expect(extractBoxedAnswer('\\boxed{\\frac{1}{2}')).toBeUndefined();
    expect(extractBoxedAnswer('no box here')).toBeUndefined();
    expect(extractBoxedAnswer(undefined as unknown as string)).toBeUndefined();
  });
});

describe('extractFinalAnswer', () => {
  it.each([
    ['The third number is the sum of the first two, so \\boxed{10}.', '10'],
    ['$\\boxed{10}$', '10'],
    ['Therefore\n\\[\n\\boxed{10}\n\\]', '10'],
    ['Hence the probability is $\\boxed{\\frac{1}{2}}$.', '\\frac{1}{2}'],
    ['\\boxed{\\text{B}}', 'B'],
    ['\\boxed{(C)}', 'C'],
    ['The answer is 10.', '10'],
    ['So the final answer is **12**.', '12'],
    ['THE ANSWER IS 42', '42'],
    ['Final answer: $3.5$', '3.5'],
    ['**Final Answer:** 7', '7'],
    ['**Final Answer**\n\n15', '15'],
    ['Each row doubles. The correct answer is (D), because 16 is twice 8.', 'D'],
    ['The answer is 10 because 3 + 7 = 10.', '10'],
    ['the answer is option C.', 'C'],
    ['Answer: 24', '24'],
    ['答案是：10', '10'],
    ['所以答案是10。', '10'],
    ['答案：C', 'C'],
    ['最终答案：C', 'C'],
    ['最终答案是 **B**。', 'B'],
    ['答案为 25，因为每一行都加 5。', '25'],
    ['综上，答案选D。', 'D'],
    ['Only the third shape completes the row.\n\n(B)', 'B'],
    ['Checking each option, only one works.\nB.', 'B'],
    ['第三个图形符合规律。\n\n选 C', 'C'],
  ])('reads %j', (text, expected) => {
    expect(extractFinalAnswer(text)).toBe(expected);
  });

  it('prefers the box over a stated answer', () => {
    expect(extractFinalAnswer('At first the answer is 8?\nNo: \\boxed{9}')).toBe('9');
  });

  it.each([
    [''],
    ['   '],
    ['I cannot read the numbers in this photo.'],
    ['The answer must satisfy both rows, so let us check them.'],
    ['在给出答案之前，先看看第一行。'],
    ['这张图太模糊了，看不清数字。'],
    ['We have a.'],
  ])('finds nothing in %j', (text) => {
    expect(extractFinalAnswer(text)).toBeUndefined();
  });

  it('never throws on odd input', () => {
    expect(() => extractFinalAnswer(null as unknown as string)).not.toThrow();
    expect(() => extractFinalAnswer('\\boxed{{{{')).not.toThrow();
    expect(extractFinalAnswer('\\boxed{{{{')).toBeUndefined();
  });
});

describe('normalizeAnswerText', () => {
  it('strips delimiters, emphasis and trailing punctuation', () => {
    expect(normalizeAnswerText(' **$10$**. ')).toBe('10');
    expect(normalizeAnswerText('\\(x = 2\\)')).toBe('x = 2');
    expect(normalizeAnswerText('`42`;')).toBe('42');
    expect(normalizeAnswerText('。')).toBeUndefined();
  });
});

describe('option letters', () => {
  it('normalizes a lone option', () => {
    expect(normalizeOptionLetter('(B)')).toBe('B');
    expect(normalizeOptionLetter('Option c')).toBe('C');
    expect(normalizeOptionLetter('x')).toBeUndefined();
    expect(normalizeOptionLetter('10')).toBeUndefined();
  });

  it('reads only a closing choice', () => {
    expect(extractOptionLetter('Reasoning...\n**(E)**')).toBe('E');
    expect(extractOptionLetter('Answer: d')).toBe('D');
    expect(extractOptionLetter('(B) looks plausible, but the count is off.')).toBeUndefined();
    expect(extractOptionLetter('b.')).toBeUndefined();
    expect(extractOptionLetter('')).toBeUndefined();
  });
});
