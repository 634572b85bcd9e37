import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreAnswer } from './score';

// Options of real MathVision testmini items (named by id), inlined so that the tests never read the data set.
const LETTERS = ['A', 'B', 'C', 'D', 'E'];
const TWELVE_TO_24 = ['12', '15', '18', '21', '24'];
const LENGTHS_CM = ['3 cm', '5 cm', '7 cm', '9 cm', '11 cm'];
const ITEM_1831 = [
  '$\\sqrt{2}-1$',
  '$\\frac{\\sqrt{2}}{2}$',
  '$\\frac{\\sqrt{2}+1}{2}$',
  '$\\sqrt{2}+1$',
  '$\\sqrt{3}-\\sqrt{2}$',
];
const ITEM_1255 = ['$10$', '$\\frac{80}{11}$', '$\\frac{180}{19}$', '$15$', '$\\frac{40}{3}$'];
const ITEM_215 = [
  '$\\sqrt{2}-1$',
  '$\\frac{1}{4}$',
  '$\\frac{\\sqrt{2}}{4}$',
  '$1-\\frac{\\sqrt{2}}{2}$',
  '$(\\sqrt{2}-1)^{2}$',
];
const ITEM_254 = [
  '$4 \\pi$',
  '$\\frac{28}{3} \\pi$',
  '$8 \\pi$',
  '$\\frac{14}{3} \\pi$',
  '$\\frac{21}{2} \\pi$',
];
const ITEM_218 = ['7', '$2 \\sqrt{13}$', '8', '$4 \\sqrt{3}$', '$2 \\cdot(\\sqrt{2}+\\sqrt{3})$'];
const ITEM_277 = ['$\\sqrt{6}$', '3', '$\\frac{3 \\sqrt{3}}{2}$', '$2 \\sqrt{2}$', '6'];
const ITEM_2589 = ['1/4', '1/2', '3/4', '1', '5/4'];
const ITEM_2288 = ['$1:2$', '$1:3$', '$\\sqrt{3}:7$', '$1:4$', '$\\sqrt{2}:6$'];
const ITEM_201 = ['$\\pi$', '$1.5 \\pi$', '$2 \\pi$', '$3 \\pi$', 'Not enough data'];
const ITEM_2280 = ['$3$', '$\\frac{3}{2}$', '$4$', '$5$', '$\\frac{5}{2}$'];
const ITEM_2743 = ['$\\frac{3}{4}$', '$\\frac{3}{2}$', '$2$', '$\\frac{12}{5}$', '$\\frac{5}{2}$'];
const ITEM_55 = ['KNAO', 'KNGO', 'KNR', 'AGRO', 'KAO'];
const ITEM_39 = ['red', 'blue', 'green', 'Yellow', 'This cannot be worked out for certain.'];
const ITEM_213 = [
  '$\\frac{1}{24}$',
  '$\\frac{1}{16}$',
  '$\\frac{1}{8}$',
  '$\\frac{1}{12}$',
  '$\\frac{2}{13}$',
];
const ITEM_183 = ['$90^{\\circ}$', '$100^{\\circ}$', '$110^{\\circ}$', '$120^{\\circ}$', '$135^{\\circ}$'];
const ITEM_1394 = ['$1: 1$', '$2: 1$', '$3: 1$', '$3: 2$', '$4: 3$'];
const ITEM_233 = [
  '$(2 \\cdot \\sqrt{3}): 1$',
  '$(2+\\sqrt{3}): 1$',
  '$(3+\\sqrt{2}): 1$',
  '$(3 \\cdot \\sqrt{2}): 1$',
  '2:1',
];
const ITEM_473 = ['A)', 'B)', 'C)', 'D)', 'E)'];
const ITEM_550 = ['(A)', '(B)', '(C)', '(D)', '(E)'];
const ITEM_1893 = ['A', 'C', 'C', 'D', 'it depends on the size of the rectangle'];
const ITEM_107 = ['On A', 'On B', 'On C', 'On D', 'On E'];
const ITEM_292 = [
  '$50 \\mathrm{~cm}^{2}$',
  '$60 \\mathrm{~cm}^{2}$',
  '$62.5 \\mathrm{~cm}^{2}$',
  '$100 \\mathrm{~cm}^{2}$',
  '$125 \\mathrm{~cm}^{2}$',
];
const ITEM_336 = ['$6 \\%$', '$11 \\%$', '$12 \\%$', '$13 \\%$', '$18 \\%$'];
const ITEM_1011 = [
  'An equilateral triangle',
  'A rectangle, but not a square',
  'A right triangle',
  'A square',
  'A hexagon',
];
const ITEM_1727 = ['9 litres', '8 litres', '6 litres', '4 litres', '2 litres'];
const ITEM_742 = ['A', 'B', 'C', 'E', 'Impossible to determine'];
const ITEM_90 = ['5-4-3-2-1', '5-2-3-4-1', '5-4-2-3-1', '5-3-2-1-4', '5-2-3-1-4'];

/** A response, the item's gold answer and options, and whether the response is correct. */
type Case = [response: string, gold: string, options: readonly string[], isCorrect: boolean];

/**
 * Each expectation is what MathVision's evaluate.py decides for the same response and item (its extraction,
 * then `is_equal` against the gold and against the gold option's text).
 */
const AS_MATHVISION: Case[] = [
  ['\\boxed{2\\sqrt3}', '2\\sqrt{3}', [], true], // `\sqrt3` is braced to `\sqrt{3}` before comparing
  ['\\boxed{\\sqrt{12}}', '2\\sqrt{3}', [], true], // both are 3.46 after rounding
  ['\\boxed{3.46}', '2\\sqrt{3}', [], true], // 2√3 = 3.4641…
  ['\\boxed{3.47}', '2\\sqrt{3}', [], false],
  ['\\boxed{\\sqrt{3}}', '2\\sqrt{3}', [], false],
  ['\\boxed{\\pi/2}', '\\frac{\\pi}{2}', [], true],
  ['\\boxed{1.57}', '\\frac{\\pi}{2}', [], true], // π/2 = 1.5708…
  ['\\boxed{1.58}', '\\frac{\\pi}{2}', [], false],
  ['\\boxed{0.333}', '\\frac{1}{3}', [], true], // two-decimal rounding: both 0.33
  ['\\boxed{0.34}', '\\frac{1}{3}', [], false],
  ['\\boxed{0.3}', '\\frac{1}{3}', [], false],
  // 0.375 is exact in binary, a tie, and Python's round goes to the even 0.38
  ['\\boxed{0.38}', '\\frac{3}{8}', [], true],
  ['\\boxed{0.37}', '\\frac{3}{8}', [], false],
  ['\\boxed{0.12}', '\\frac{1}{8}', [], true], // 0.125 is a tie too and goes to the even 0.12…
  ['\\boxed{0.13}', '\\frac{1}{8}', [], false], // …so rounding half up would be wrong here
  ['\\boxed{-0.125}', '-\\frac{1}{8}', [], true],
  ['\\boxed{-0.13}', '-\\frac{1}{8}', [], false], // round(-0.125, 2) is -0.12
  ['\\boxed{2.67}', '2.675', [], true], // the double nearest 2.675 lies just below it, so it rounds to 2.67
  ['\\boxed{2.68}', '2.675', [], false],
  ['So the answer is (3,-4).', '(3,-4)', [], true],
  // tuples compare element by element
  ['Reflecting in the x-axis flips the sign of y.\n\n\\boxed{(3, -4)}', '(3,-4)', [], true],
  ['\\boxed{(-4, 3)}', '(3,-4)', [], false],
  ['\\boxed{(3,4)}', '(3,-4)', [], false],
  ['\\boxed{(1,2)}', '[1,2]', [], false], // a tuple is not a list: the brackets differ
  ['The answer is -2.', '-2', [], true],
  // MathVision reads a number closing the response after its last 'is '
  ['The value of b is -2.', '-2', [], true],
  ['\\boxed{2}', '-2', [], false],
  ['\\boxed{-\\frac{4}{2}}', '-2', [], true],
  ['\\boxed{1,680}', '1680', [], true], // MathVision's LaTeX parser reads the thousands separator too
  ['The answer is 1,680.', '1680', [], true],
  ['\\boxed{1,234,567}', '1234567', [], true],
  ['\\boxed{60^\\circ}', '60', [], true], // degree signs are dropped
  ['The angle is \\boxed{60^{\\circ}}.', '60', [], true],
  ['the answer is $60^\\circ$.', '60', [], true],
  ['\\boxed{\\frac{\\pi}{4}}', '45', [], false], // dropped, not converted: π/4 stays 0.79
  ['The answer is 3/8.', '\\frac{3}{8}', [], true],
  ['\\boxed{\\frac{3}{8}}', '3/8', [], true],
  ['\\boxed{\\dfrac{3}{8}}', '3/8', [], true],
  ['The area is 12.', '12', [], true], // 'is 12.' closing the response
  ['\\boxed{12.0}', '12', [], true],
  ['\\boxed{12.004}', '12', [], true], // 12.00 after rounding
  ['\\boxed{12.006}', '12', [], false], // 12.01 after rounding
  ['\\boxed{2.5}', '2.5', [], true],
  ['\\boxed{\\frac{5}{2}}', '2.5', [], true],
  ['\\boxed{0.5}', '\\frac{1}{2}', [], true],
  ['\\boxed{r \\approx 4.8}', '4.8', [], true], // only what follows \approx is kept
  ['Thus the radius is $r = \\frac{24}{5}$.', '4.8', [], true], // …and what follows =
  ['\\boxed{5}', '4.8', [], false],
  ['\\boxed{x = 5}', '5', [], true],
  ['\\boxed{25\\%}', '25', [], true], // % is dropped, not divided by 100…
  ['\\boxed{0.95}', '95', [], false], // …so 0.95 is not 95
  ['The final answer is 446.', '446', [], true],
  ['Therefore, the answer is 711', '711', [], true],
  // the last statement wins
  ['Let me reconsider. The answer is 24.\n\nHmm, actually the answer is 25.', '25', [], true],
  ['The answer is 24.\n\nHmm, actually the answer is 25.', '24', [], false],
  ['First \\boxed{3}, then after checking, \\boxed{5}.', '5', [], true], // the last box wins
  ['\\boxed{\\frac{\\sqrt{3}}{2}}', '\\frac{\\sqrt{3}}{2}', [], true], // nested braces
  ['\\boxed{0.87}', '\\frac{\\sqrt{3}}{2}', [], true],
  ['因此，最终答案为 $\\boxed{61}$。', '61', [], true], // Chinese text around a box
  ['\\boxed{4\\text{ km}}', '4', [], true], // MathVision drops 'km' by name
  ['The final answer is $\\boxed{(1, 2)}$', '(1,2)', [], true],
  ['\\boxed{\\infty}', '\\infty', [], true],
  ['\\boxed{10^{3}}', '1000', [], true],
  ['\\boxed{\\frac{1}{6}}', '0.17', [], true],
  ['7', '7', [], true], // a bare answer is read whole
  ['$\\frac{1}{2}$', '\\frac{1}{2}', [], true],
  ['\\boxed{2x+1}', '2x+1', [], true], // the same text
  ['\\boxed{C}', 'C', [], true], // a free-form item whose answer is a letter (testmini 59); case is ignored
  ['No idea.', '3/8', [], false],
  ['\\boxed{C}', 'C', LETTERS, true],
  ['\\boxed{\\text{C}}', 'C', LETTERS, true],
  ['\\boxed{(C)}', 'C', LETTERS, true],
  ['答案是 \\boxed{C}', 'C', LETTERS, true],
  ['The answer is C.', 'C', LETTERS, true],
  ['The answer is (B).', 'B', LETTERS, true],
  ['So I choose C.', 'C', LETTERS, true], // a response ending ' C.'
  ["C\nThe cube's opposite faces are 1 and 6.", 'C', LETTERS, true], // a letter alone on the first line
  [
    'Option A is wrong because it is too short. Option C gives 7 cm, which matches.\n\nSo the answer is C.',
    'C',
    LENGTHS_CM,
    true,
  ],
  ['I choose option D.', 'D', LETTERS, true], // MathVision reads ' D.'
  ['\\boxed{B}', 'D', LETTERS, false],
  ['\\boxed{A}', 'B', LETTERS, false],
  // a value equal to the gold option's (MathVision's second is_equal)
  ['\\boxed{18}', 'C', TWELVE_TO_24, true],
  ['\\boxed{15}', 'C', TWELVE_TO_24, false],
  ['\\boxed{\\sqrt{2}-1}', 'A', ITEM_1831, true],
  ['\\boxed{0.41}', 'A', ITEM_1831, true], // √2 − 1 = 0.414…
  ['\\boxed{\\sqrt{2}+1}', 'A', ITEM_1831, false],
  ['$\\boxed{\\frac{180}{19}}$', 'C', ITEM_1255, true],
  ['\\boxed{9.47}', 'C', ITEM_1255, true], // 180/19 = 9.4736…
  ['\\boxed{\\frac{80}{11}}', 'C', ITEM_1255, false],
  ['\\boxed{3-2\\sqrt{2}}', 'E', ITEM_215, true], // (√2 − 1)² expanded: both 0.17
  ['\\boxed{\\frac{\\sqrt{2}}{4}}', 'E', ITEM_215, false],
  ['\\boxed{\\frac{28\\pi}{3}}', 'B', ITEM_254, true],
  ['\\boxed{\\sqrt{52}}', 'B', ITEM_218, true],
  ['\\boxed{4\\sqrt{3}}', 'B', ITEM_218, false],
  ['\\boxed{\\sqrt6}', 'A', ITEM_277, true],
  ['\\boxed{2.45}', 'A', ITEM_277, true], // √6 = 2.449…
  ['\\boxed{\\frac{3\\sqrt{3}}{2}}', 'A', ITEM_277, false],
  ['\\boxed{\\frac{1}{2}}', 'B', ITEM_2589, true], // the option '1/2' is read as a fraction
  ['\\boxed{\\frac{1}{4}}', 'B', ITEM_2589, false],
  ['The answer is 1/2', 'B', ITEM_2589, true],
  ['\\boxed{1:4}', 'D', ITEM_2288, true], // ratios compare as text
  ['\\boxed{3:2}', 'D', ITEM_1394, true], // spaces in the option ('$3: 2$') are ignored
  ['\\boxed{(2+\\sqrt{3}):1}', 'B', ITEM_233, true],
  ['\\boxed{2\\pi}', 'C', ITEM_201, true],
  ['\\boxed{6.28}', 'C', ITEM_201, true],
  ['\\boxed{5}', 'D', ITEM_2280, true],
  ['\\boxed{3}', 'D', ITEM_2280, false],
  ['\\boxed{2.4}', 'D', ITEM_2743, true], // 12/5
  ['\\boxed{KNAO}', 'A', ITEM_55, true], // text options compare ignoring case
  ['\\boxed{red}', 'A', ITEM_39, true],
  ['\\boxed{Yellow}', 'A', ITEM_39, false],
  ['\\boxed{0.08}', 'D', ITEM_213, true], // 1/12 = 0.083…
  ['\\boxed{90^{\\circ}}', 'D', ITEM_183, false],
  ['\\boxed{C)}', 'C', ITEM_473, true],
  ['\\boxed{(D)}', 'D', ITEM_550, true],
  ['\\boxed{C}', 'A', ITEM_1893, false], // a bare C is the letter C, not option B whose text is 'C'
  ['The answer is On D.', 'D', ITEM_107, true], // MathVision reads the closing ' D.'
  // E is option E's letter but also option D's text, which the second is_equal accepts
  ['\\boxed{E}', 'D', ITEM_742, true],
  ['\\boxed{B}', 'D', ITEM_742, false],
];

/**
 * Where MathVision's evaluate.py misreads a response, Seer decides as the response means; each comment says where
 * MathVision's reading fails. All but the last give the gold answer in a way reasoning models write it.
 */
const BETTER_THAN_MATHVISION: Case[] = [
  // 'the correct option is' is none of its phrases and the text after the letter defeats its letter endings,
  // so it compares the whole sentence
  ['The correct option is (C) 7 cm.', 'C', LENGTHS_CM, true],
  // it drops only 'km', 'm^3', 'units' and text after '\text{ ', so it tries to evaluate 12.5cm^2 and fails
  ['\\boxed{12.5 cm^2}', '12.5', [], true],
  // it removes '\text' and the spaces before it looks for '\text{ ', so 'cm' stays
  ['\\boxed{12 \\text{ cm}}', '12', [], true],
  ['\\boxed{36\\text{cm}^2}', '36', [], true], // the same: '{cm}^2' stays
  ['The answer should be 10 cm.', '10', [], true], // the unit stays after its phrase
  ['Answer: B', 'B', LETTERS, true], // 'Answer:' is not one of its phrases
  ['**(D)**', 'D', LETTERS, true], // markdown emphasis around a lone letter
  ['The answer is: **B**', 'B', LETTERS, true], // the emphasis stays in its answer
  // a letter given with its option's text reads as '{b}12'
  ['\\boxed{\\text{(B) }12}', 'B', TWELVE_TO_24, true],
  // it cuts the explanation only at '. '
  ['The answer is B, because the shaded part is larger.', 'B', LETTERS, true],
  ['**Final Answer**\n\n61', '61', [], true], // a 'Final Answer' heading is not one of its phrases
  ['答案是 4.8', '4.8', [], true], // it has no Chinese phrases
  ['最终答案：C', 'C', LETTERS, true], // the same
  ['故选 B。', 'B', LETTERS, true], // the same
  // it compares with the option as written, '$120^{\circ}$', which its LaTeX parser cannot read
  ['\\boxed{120^{\\circ}}', 'D', ITEM_183, true],
  // the option '$13 \%$' keeps its '%', which its LaTeX parser cannot read
  ['\\boxed{13\\%}', 'D', ITEM_336, true],
  // the option keeps its unit '\mathrm{~cm}^{2}', a symbol that does not evaluate
  ['\\boxed{62.5}', 'C', ITEM_292, true],
  // the option '8 litres' is read as the product 8·i·l, which does not evaluate
  ['\\boxed{8}', 'B', ITEM_1727, true],
  ['\\boxed{On D}', 'D', ITEM_107, true], // it removes the answer's spaces but not the option's
  ['\\boxed{A square}', 'D', ITEM_1011, true], // the same
  ['\\boxed{2√3}', '2\\sqrt{3}', [], true], // its parser does not read the Unicode root
  ['\\boxed{π/2}', '\\frac{\\pi}{2}', [], true], // …nor π
  ['\\boxed{45°}', '45', [], true], // …nor the ° sign (it drops only ^\circ)
  ['\\boxed{−2}', '-2', [], true], // …nor the Unicode minus
  ['The angle is 60°.', '60', [], true], // its closing 'is 12.' reading takes a bare number only
  ['After computing, the answer is \\(\\frac{24}{5}\\).', '4.8', [], true], // it keeps the \( \) delimiters
  // free variables make its numeric evaluation fail; the compute engine proves them equal
  ['\\boxed{x+1}', '1+x', [], true],
  // a wrong order: it evaluates both this and the gold option '5-2-3-1-4' to −5 and calls them equal; Seer
  // reads option A by its text
  ['\\boxed{5-4-3-2-1}', 'E', ITEM_90, false],
];

describe('scoreAnswer decides as MathVision does', () => {
  it.each(AS_MATHVISION)(
    '%j against %j (options %j) is correct: %s',
    (response, answer, options, isCorrect) => {
      expect(scoreAnswer(response, { answer, options: [...options] }).isCorrect).toBe(isCorrect);
    },
  );
});

describe('deliberate improvements over MathVision (its evaluate.py decides the opposite of each)', () => {
  it.each(BETTER_THAN_MATHVISION)(
    '%j against %j (options %j) is correct: %s',
    (response, answer, options, isCorrect) => {
      expect(scoreAnswer(response, { answer, options: [...options] }).isCorrect).toBe(isCorrect);
    },
  );
});

describe('scoreAnswer', () => {
  it('reads "The correct option is (C) 7 cm." as the letter C', () => {
    expect(scoreAnswer('The correct option is (C) 7 cm.', { answer: 'C', options: LENGTHS_CM })).toEqual({
      extracted: 'C',
      isCorrect: true,
    });
  });

  it('leaves "No idea." unparsed: nothing extracted, not correct', () => {
    expect(scoreAnswer('No idea.', { answer: '3/8', options: [] })).toEqual({ isCorrect: false });
    expect(scoreAnswer('No idea.', { answer: 'C', options: LETTERS })).toEqual({ isCorrect: false });
  });

  it('names the option a value stands for, right or wrong', () => {
    expect(scoreAnswer('\\boxed{18}', { answer: 'C', options: TWELVE_TO_24 })).toEqual({
      extracted: 'C',
      isCorrect: true,
    });
    expect(scoreAnswer('\\boxed{15}', { answer: 'C', options: TWELVE_TO_24 })).toEqual({
      extracted: 'B',
      isCorrect: false,
    });
    expect(scoreAnswer('\\boxed{20}', { answer: 'C', options: TWELVE_TO_24 })).toEqual({
      extracted: '20',
      isCorrect: false,
    });
  });

  it('never throws, and extracts only when it scores', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'\\{}()[]$^_.,:= -/%°√πCBx12 boxed answer is 答案是：\n') }),
        fc.constantFrom('C', '2\\sqrt{3}', '(3,-4)'),
        (response, answer) => {
          const score = scoreAnswer(response, { answer, options: answer === 'C' ? LENGTHS_CM : [] });
          expect(typeof score.isCorrect).toBe('boolean');
          if (score.extracted === undefined) expect(score.isCorrect).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports a free-form answer normalized', () => {
    expect(scoreAnswer('The answer is 12.5 cm^2.', { answer: '12.5', options: [] })).toEqual({
      extracted: '12.5',
      isCorrect: true,
    });
  });
});
