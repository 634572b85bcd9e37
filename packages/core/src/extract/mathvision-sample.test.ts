import { describe, expect, it } from 'vitest';
import { extractFinalAnswer } from './final-answer';

/**
 * Items in MathVision's format (question with `<image1>`, options, gold answer), made for this test,
 * each with an answer written the way reasoning models write them. The extracted answer must be the gold.
 */
const items = [
  {
    id: 'seer-1',
    question:
      '<image1> The third number in each row is the sum of the first two. What is the missing number?',
    options: [],
    answer: '10',
    response: 'Row one: 2 + 5 = 7. Row two: 4 + 6 = 10.\n\n**Final Answer**\n\n\\[ \\boxed{10} \\]',
  },
  {
    id: 'seer-2',
    question: '<image1> Which figure comes next?',
    options: ['A', 'B', 'C', 'D', 'E'],
    answer: 'C',
    response:
      'The dot moves one corner clockwise each step, so the next figure is the third option.\n\nThe answer is (C).',
  },
  {
    id: 'seer-3',
    question: '<image1> What fraction of the square is shaded?',
    options: [],
    answer: '3/8',
    response: 'Three of the eight triangles are shaded.\n\n$$\\boxed{\\frac{3}{8}}$$',
  },
  {
    id: 'seer-4',
    question: '<image1> 图中问号处应填什么数？',
    options: [],
    answer: '21',
    response: '观察可知每个数是前两个数之和：8 + 13 = 21。\n\n答案是 21。',
  },
  {
    id: 'seer-5',
    question: '<image1> 哪个选项正确？',
    options: ['A', 'B', 'C', 'D'],
    answer: 'B',
    response: '逐一排除后只剩第二个选项。\n\n最终答案：B',
  },
  {
    id: 'seer-6',
    question: '<image1> How many cubes are there?',
    options: [],
    answer: '14',
    response: 'Bottom layer 9, middle 4, top 1: 9 + 4 + 1 = 14.\n\n**Final Answer:** 14',
  },
  {
    id: 'seer-7',
    question: '<image1> What is the length of the side x?',
    options: [],
    answer: '2.5',
    response: 'By similar triangles, x / 5 = 1 / 2, so x = 2.5.\n\nTherefore, the answer is $2.5$.',
  },
  {
    id: 'seer-8',
    question: '<image1> Which of the shapes has the largest area?',
    options: ['A', 'B', 'C', 'D', 'E'],
    answer: 'E',
    response: 'Comparing the five areas, the last shape is largest.\n\n\\boxed{E}',
  },
  {
    id: 'seer-9',
    question: '<image1> 阴影部分占整个圆的几分之几？',
    options: [],
    answer: '1/4',
    response: '阴影是一个直角扇形，占整圆的四分之一。\n\n所以答案为 $\\boxed{\\dfrac{1}{4}}$。',
  },
  {
    id: 'seer-10',
    question: '<image1> What is the missing number?',
    options: [],
    answer: '-3',
    response: 'Each term decreases by 4: 9, 5, 1, -3.\n\nFinal answer: \\( \\boxed{-3} \\)',
  },
];

/** Normalizes LaTeX fractions to `a/b`, as a scorer compares them. */
function normalize(answer: string): string {
  return answer
    .replace(/\\d?frac\{([^{}]+)\}\{([^{}]+)\}/g, '$1/$2')
    .replace(/^\((.)\)$/, '$1')
    .trim();
}

describe('extraction on MathVision-format items', () => {
  it.each(items)('$id: reads the gold answer $answer', ({ response, answer }) => {
    const extracted = extractFinalAnswer(response);
    expect(extracted).toBeDefined();
    expect(normalize(extracted!)).toBe(answer);
  });
});
