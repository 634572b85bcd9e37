import { expect, test } from 'vitest';
import { formatBytes, formatCount, formatSize, formatUSD } from './format';

test('formats the facts of an image as the playground shows them', () => {
  expect(formatSize(3024, 4032)).toBe('3024×4032');
  expect(formatBytes(4_089_446)).toBe('3.9 MB');
  expect(formatBytes(155_955)).toBe('152.3 KB');
  expect(formatBytes(900)).toBe('900 B');
  expect(formatCount(1230)).toBe('1,230');
  expect(formatCount(16384)).toBe('16,384');
});

test('formats costs: two significant digits below a dollar, cents above', () => {
  expect(formatUSD(0.001476)).toBe('$0.0015');
  expect(formatUSD(0.0148)).toBe('$0.015');
  expect(formatUSD(0.5)).toBe('$0.50');
  expect(formatUSD(0.996)).toBe('$1.00');
  expect(formatUSD(12.5)).toBe('$12.50');
  expect(formatUSD(1234.5)).toBe('$1,234.50');
  expect(formatUSD(0.0000048)).toBe('under $0.0001');
  expect(formatUSD(0)).toBe('$0');
});
