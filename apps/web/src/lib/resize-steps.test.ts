import { expect, test } from 'vitest';
import { fitWithin, resizeSteps } from './resize-steps';

test('a 12-megapixel photo is halved once, then drawn at the planned size', () => {
  expect(resizeSteps({ width: 3024, height: 4032 }, { width: 840, height: 1148 })).toEqual([
    { width: 1512, height: 2016 },
    { width: 840, height: 1148 },
  ]);
});

test('a huge reduction halves until one more halving would go below the target', () => {
  expect(resizeSteps({ width: 12000, height: 9000 }, { width: 1000, height: 750 })).toEqual([
    { width: 6000, height: 4500 },
    { width: 3000, height: 2250 },
    { width: 1500, height: 1125 },
    { width: 1000, height: 750 },
  ]);
});

test('a halving that lands on the target is the last step', () => {
  expect(resizeSteps({ width: 2000, height: 1000 }, { width: 500, height: 250 })).toEqual([
    { width: 1000, height: 500 },
    { width: 500, height: 250 },
  ]);
});

test('small reductions, same sizes and enlargements are one draw', () => {
  expect(resizeSteps({ width: 1200, height: 900 }, { width: 1148, height: 840 })).toEqual([
    { width: 1148, height: 840 },
  ]);
  expect(resizeSteps({ width: 56, height: 56 }, { width: 56, height: 56 })).toEqual([
    { width: 56, height: 56 },
  ]);
  expect(resizeSteps({ width: 10, height: 10 }, { width: 56, height: 56 })).toEqual([
    { width: 56, height: 56 },
  ]);
});

test('a very wide picture stops halving when its short side reaches the target', () => {
  expect(resizeSteps({ width: 20000, height: 100 }, { width: 19992, height: 112 })).toEqual([
    { width: 19992, height: 112 },
  ]);
  expect(resizeSteps({ width: 8000, height: 400 }, { width: 1000, height: 150 })).toEqual([
    { width: 4000, height: 200 },
    { width: 1000, height: 150 },
  ]);
});

test('fitWithin keeps the shape and never enlarges', () => {
  expect(fitWithin({ width: 3024, height: 4032 }, 160)).toEqual({ width: 120, height: 160 });
  expect(fitWithin({ width: 4032, height: 3024 }, 160)).toEqual({ width: 160, height: 120 });
  expect(fitWithin({ width: 100, height: 20 }, 160)).toEqual({ width: 100, height: 20 });
  expect(fitWithin({ width: 20000, height: 100 }, 160)).toEqual({ width: 160, height: 1 });
});
