import { describe, expect, it } from 'vitest';
import { isMathEqual, mathValue, roundLikePython } from './compare-answers';

describe('roundLikePython', () => {
  it.each([
    [0.375, 2, 0.38],
    [0.125, 2, 0.12],
    [-0.125, 2, -0.12],
    [2.675, 2, 2.67],
    [1.005, 2, 1],
    [0.333, 2, 0.33],
    [2.5, 0, 2],
    [3.5, 0, 4],
    [1e20, 2, 1e20],
    [0, 2, 0],
  ])('round(%d, %d) is %d', (value, digits, expected) => {
    expect(roundLikePython(value, digits)).toBe(expected);
  });
});

describe('isMathEqual', () => {
  it.each([
    ['\\frac{\\pi}{2}', '\\pi/2', true],
    ['2\\sqrt{3}', '\\sqrt{12}', true],
    ['(3,-4)', '(3, -4.0)', true],
    ['(3,-4)', '(3,-4,0)', false],
    ['(3,-4)', '3', false],
    ['x+1', '1+x', true],
    ['x^2-1', '(x-1)(x+1)', true],
    ['2x', 'x', false],
    ['C', 'c', true],
    ['', '', false],
    ['5', '', false],
  ])('%j and %j: %s', (gold, answer, expected) => {
    expect(isMathEqual(gold, answer)).toBe(expected);
  });
});

describe('mathValue', () => {
  it('computes constants and gives up on free variables', () => {
    expect(mathValue('2\\sqrt{3}')).toBeCloseTo(3.4641, 4);
    expect(mathValue('\\frac{180}{19}')).toBeCloseTo(9.4737, 4);
    expect(mathValue('x+1')).toBeUndefined();
    expect(mathValue('\\sqrt{-1}')).toBeUndefined();
    expect(mathValue('\\frac{')).toBeUndefined();
  });
});
