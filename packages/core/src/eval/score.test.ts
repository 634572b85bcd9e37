import { describe, expect, it } from 'vitest';
import { parseNumber, scoreAnswer } from './score';

const multipleChoice = { answer: 'C', options: ['12', '15', '18', '21', '24'] };
const numeric = { answer: '3/8', options: [] };

describe('scoreAnswer, the way MathVision scores', () => {
  it.each([
    ['The answer is (C).', multipleChoice, true],
    ['\\boxed{C}', multipleChoice, true],
    ['答案是 C', multipleChoice, true],
    ['最终答案：B', multipleChoice, false],
    ['So the third option.\n\n**Final Answer**\n\n\\boxed{18}', multipleChoice, true],
    ['$$\\boxed{\\frac{3}{8}}$$', numeric, true],
    ['The answer is 0.375.', numeric, true],
    ['答案是 3/8。', numeric, true],
    ['The answer is 6/16', numeric, true],
    ['\\boxed{0.38}', numeric, false],
    ['The answer is 10 cm.', { answer: '10', options: [] }, true],
    ['No idea.', numeric, false],
  ] as const)('%s against %o is %s', (response, item, expected) => {
    expect(scoreAnswer(response, { answer: item.answer, options: [...item.options] }).isCorrect).toBe(
      expected,
    );
  });

  it('reads numbers as a scorer compares them', () => {
    expect(parseNumber('\\frac{1}{4}')).toBe(0.25);
    expect(parseNumber('1,000')).toBe(1000);
    expect(parseNumber('50%')).toBe(0.5);
    expect(parseNumber('12 cm')).toBe(12);
    expect(parseNumber('x')).toBeUndefined();
  });
});
