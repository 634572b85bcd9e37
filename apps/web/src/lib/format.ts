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
