import { describe, expect, it } from 'vitest';
import { extractMathVisionAnswer } from './extract-answer';

describe('extractMathVisionAnswer', () => {
  it.each([
    ['The correct option is (C) 7 cm.', '(C) 7 cm'],
    ['Answer: B', 'B'],
    ['**(D)**', 'D'],
    ['\\boxed{C}', 'C'],
    ['\\boxed{\\text{(B) }12}', '\\text{(B) }12'],
    ['So $\\boxed{\\frac{\\sqrt{3}}{2}}$.', '\\frac{\\sqrt{3}}{2}'],
    ['the answer is \\boxed{3}, no wait: \\boxed{5}', '5'],
    ['Therefore the answer is 10 cm, because the sides are equal.', '10 cm'],
    ['The answer is approximately 3.14.', '3.14'],
    ['**Final Answer**\n\n61', '61'],
    ['Final answer:\n\n$2\\sqrt{3}$', '$2\\sqrt{3}$'],
    ['所以答案是 C。', 'C'],
    ['最终答案：$\\frac{1}{2}$', '$\\frac{1}{2}$'],
    ['答案：B，因为阴影部分更大。', 'B'],
    ['故选 D', 'D'],
    ['So I choose C.', 'C'],
    ['B\nThe other shapes do not fit.', 'B'],
    ['The perimeter is 24 cm.', '24'],
    ['12', '12'],
    ['$\\frac{1}{2}$', '$\\frac{1}{2}$'],
  ])('reads %j as %j', (response, expected) => {
    expect(extractMathVisionAnswer(response)).toBe(expected);
  });

  it.each(['No idea.', '', '   ', 'The answer is', '\\boxed{}', 'I need more information about the figure.'])(
    'reads nothing from %j',
    (response) => {
      expect(extractMathVisionAnswer(response)).toBeUndefined();
    },
  );
});
