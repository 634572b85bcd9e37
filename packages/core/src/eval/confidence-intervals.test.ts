import { describe, expect, it } from 'vitest';
import { clusteredInterval, wilsonInterval } from './confidence-intervals';

describe('wilsonInterval', () => {
  it('matches hand-computed 95 % Wilson intervals', () => {
    const [low13, high13] = wilsonInterval(13, 30);
    expect(low13).toBeCloseTo(0.2738, 3);
    expect(high13).toBeCloseTo(0.608, 3);
    const [low20, high20] = wilsonInterval(20, 30);
    expect(low20).toBeCloseTo(0.4877, 3);
    expect(high20).toBeCloseTo(0.8077, 3);
  });

  it('shows that 13/30 and 20/30 overlap: thirty items cannot tell 43 % from 67 % apart', () => {
    expect(wilsonInterval(13, 30)[1]).toBeGreaterThan(wilsonInterval(20, 30)[0]);
  });

  it('keeps a real width at 0 % and 100 % and stays inside [0, 1]', () => {
    // At 0 successes the upper end is z² / (n + z²).
    const [low, high] = wilsonInterval(0, 10);
    expect(low).toBe(0);
    expect(high).toBeCloseTo(1.959964 ** 2 / (10 + 1.959964 ** 2), 6);
    const [allLow, allHigh] = wilsonInterval(10, 10);
    expect(allLow).toBeCloseTo(1 - high, 6);
    expect(allHigh).toBe(1);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});

describe('clusteredInterval', () => {
  it('is the mean of item means ± 1.96 standard errors of that mean', () => {
    // Mean 0.5; sample variance 0.6111/5 = 0.1222; SE = √(0.1222/6) = 0.1427.
    const [low, high] = clusteredInterval([1, 2 / 3, 1 / 3, 0, 2 / 3, 1 / 3]);
    expect(low).toBeCloseTo(0.2203, 3);
    expect(high).toBeCloseTo(0.7797, 3);
  });

  it('clamps to [0, 1], and gives [0, 1] when one item leaves no variance to measure', () => {
    expect(clusteredInterval([1, 0.5, 0, 1])[1]).toBe(1);
    expect(clusteredInterval([1])).toEqual([0, 1]);
    expect(clusteredInterval([])).toEqual([0, 1]);
  });
});
