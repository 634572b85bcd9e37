import { describe, expect, it } from 'vitest';
import { readOptionLetter } from './read-option-letter';

// Options of real MathVision testmini items (named by id), inlined so that the tests never read the data set.
const LETTERS = ['A', 'B', 'C', 'D', 'E'];
const TWELVE_TO_24 = ['12', '15', '18', '21', '24'];
const LENGTHS_CM = ['3 cm', '5 cm', '7 cm', '9 cm', '11 cm'];
const ITEM_1011 = [
  'An equilateral triangle',
  'A rectangle, but not a square',
  'A right triangle',
  'A square',
  'A hexagon',
];

describe('readOptionLetter', () => {
  it.each([
    ['(C) 7 cm', LENGTHS_CM, 'C'],
    ['C. 7 cm', LENGTHS_CM, 'C'],
    ['C 7 cm', LENGTHS_CM, 'C'],
    ['7 cm', LENGTHS_CM, 'C'],
    ['7 cm (C)', LENGTHS_CM, 'C'],
    ['Option c', LETTERS, 'C'],
    ['（B）', LETTERS, 'B'],
    ['\\text{(B) }12', TWELVE_TO_24, 'B'],
    ['A square', ITEM_1011, 'D'],
    ['F', LETTERS, undefined],
    ['7', LENGTHS_CM, undefined],
  ] as const)('reads %j among %j as %j', (answer, options, expected) => {
    expect(readOptionLetter(answer, options)).toBe(expected);
  });
});
