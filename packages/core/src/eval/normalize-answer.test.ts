import { describe, expect, it } from 'vitest';
import { normalizeMathAnswer } from './normalize-answer';

describe('normalizeMathAnswer', () => {
  it.each([
    ['12.5 cm^2', '12.5'],
    ['$12.5 \\mathrm{~cm}^{2}$', '12.5'],
    ['8 square units', '8'],
    ['12\\text{ cm}', '12'],
    ['2x', '2x'],
    ['60^\\circ', '60'],
    ['60°', '60'],
    ['25\\%', '25'],
    ['x = 2√3', '2\\sqrt{3}'],
    ['\\sqrt3', '\\sqrt{3}'],
    ['\\dfrac12', '\\frac{1}{2}'],
    ['3/8', '\\frac{3}{8}'],
    ['π/2', '\\pi/2'],
    ['\\pi r^2', '\\pi r^2'],
    ['r \\approx 4.8', '4.8'],
    ['\\left(3, -4\\right)', '(3,-4)'],
    ['1,680', '1680'],
    ['1\\,000', '1000'],
    ['.5', '0.5'],
    ['−2', '-2'],
    ['\\$1.06', '1.06'],
  ])('turns %j into %j', (text, expected) => {
    expect(normalizeMathAnswer(text)).toBe(expected);
  });
});
