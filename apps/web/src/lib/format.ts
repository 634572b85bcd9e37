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
