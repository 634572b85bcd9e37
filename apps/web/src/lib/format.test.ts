import { expect, test } from 'vitest';
import { formatBytes, formatCount, formatDuration, formatFrameTime, formatSize, formatUSD } from './format';

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

test('formats a video length to the tenth, with hours only when it has them', () => {
  expect(formatDuration(10)).toBe('0:10.0');
  expect(formatDuration(9.96)).toBe('0:10.0');
  expect(formatDuration(0.533)).toBe('0:00.5');
  expect(formatDuration(75.25)).toBe('1:15.3');
  expect(formatDuration(599.99)).toBe('10:00.0');
  expect(formatDuration(3725.04)).toBe('1:02:05.0');
  expect(formatDuration(0)).toBe('0:00.0');
});

test('captions a frame with the time the model is told for it, to the nearest tenth', () => {
  expect(formatFrameTime(0)).toBe('00:00.0');
  expect(formatFrameTime(0.533)).toBe('00:00.5');
  expect(formatFrameTime(2.1)).toBe('00:02.1');
  expect(formatFrameTime(3.5)).toBe('00:03.5');
  expect(formatFrameTime(9.967)).toBe('00:10.0');
  expect(formatFrameTime(59.96)).toBe('01:00.0');
  expect(formatFrameTime(75)).toBe('01:15.0');
  // Every frame time of a 30 fps clip gets the nearest tenth.
  for (let index = 0; index < 900; index++) {
    const seconds = Math.round((index / 30) * 1000) / 1000;
    const [minutes, rest] = formatFrameTime(seconds).split(':');
    expect(Number(minutes) * 60 + Number(rest)).toBeCloseTo(Math.round((index * 10) / 30) / 10, 6);
  }
});
