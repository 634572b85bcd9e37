import { formatBeatTime } from '@seer/core';

const integerFormat = new Intl.NumberFormat('en-US');

/** A count with thousands separators: `2691` → `2,691`. */
export function formatCount(count: number): string {
  return integerFormat.format(count);
}

/** A duration in seconds with one decimal: `12345` ms → `12.3 s`. */
export function formatSeconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}

/** A byte size in B, KB or MB (powers of 1,024, one decimal above bytes): `151234` → `147.7 KB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Pixel dimensions, width first: `1932×1092`. */
export function formatSize(width: number, height: number): string {
  return `${width}×${height}`;
}

const centsFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const smallAmountFormat = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumSignificantDigits: 2,
  maximumSignificantDigits: 2,
});

/**
 * An amount in US dollars: cents from a dollar up, two significant digits below (an image costs a
 * fraction of a cent), and "under $0.0001" for less.
 *
 * @example
 * formatUSD(0.001476); // '$0.0015'
 * formatUSD(12.5); // '$12.50'
 */
export function formatUSD(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.0001) return 'under $0.0001';
  // 0.996 would round to "$1.0" with two significant digits.
  return usd >= 0.995 ? centsFormat.format(usd) : smallAmountFormat.format(usd);
}

const twoDigits = (value: number) => String(value).padStart(2, '0');

/**
 * A video's length to the tenth of a second, `m:ss.s`, with hours when it has them.
 *
 * @example
 * formatDuration(10); // '0:10.0'
 * formatDuration(3725.04); // '1:02:05.0'
 */
export function formatDuration(seconds: number): string {
  const tenths = Math.max(0, Math.round(seconds * 10));
  const hours = Math.floor(tenths / 36_000);
  const minutes = Math.floor((tenths % 36_000) / 600);
  const rest = `${twoDigits(Math.floor((tenths % 600) / 10))}.${tenths % 10}`;
  return hours > 0 ? `${hours}:${twoDigits(minutes)}:${rest}` : `${minutes}:${rest}`;
}

/**
 * Where a sampled frame is in its clip, `mm:ss.s`: the same time the model is told for that frame (core's
 * `formatBeatTime`, rounded to the tenth), so a narration beat and its frame in the strip agree.
 *
 * @example
 * formatFrameTime(3.5); // '00:03.5'
 * formatFrameTime(9.967); // '00:10.0'
 */
export function formatFrameTime(seconds: number): string {
  return formatBeatTime(seconds);
}
