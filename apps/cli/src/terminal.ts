/** ANSI styling that turns into plain text when the output is not a terminal. */
export interface Style {
  dim(text: string): string;
  bold(text: string): string;
  /** Whether styling is on; the thinking is written in pieces, so callers open and close `dim` themselves. */
  isEnabled: boolean;
}

/** SGR codes for faint text and its reset (22 ends both bold and faint). */
export const DIM_ON = '\x1b[2m';
/** Ends faint (and bold) text. */
export const DIM_OFF = '\x1b[22m';

/** A style for one output stream: ANSI codes when `isEnabled`, the text unchanged otherwise. */
export function createStyle(isEnabled: boolean): Style {
  return {
    isEnabled,
    dim: (text) => (isEnabled ? `${DIM_ON}${text}${DIM_OFF}` : text),
    bold: (text) => (isEnabled ? `\x1b[1m${text}${DIM_OFF}` : text),
  };
}

/** A one-line progress indicator on a terminal. */
export interface Spinner {
  /** Replaces the text shown beside the spinner. */
  update(text: string): void;
  /** Erases the line; safe to call more than once. */
  stop(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Starts a spinner on `stream` (stderr, so that stdout stays the answer). When `isEnabled` is false,
 * as for pipes and `--json`, it draws nothing at all.
 *
 * @example
 * const spinner = startSpinner(process.stderr, 'Preparing media…', true);
 * await work();
 * spinner.stop();
 */
export function startSpinner(stream: NodeJS.WritableStream, text: string, isEnabled: boolean): Spinner {
  if (!isEnabled) return { update: () => {}, stop: () => {} };
  let label = text;
  let frame = 0;
  let isRunning = true;
  const draw = () => {
    stream.write(`\r\x1b[2K${FRAMES[frame % FRAMES.length]} ${label}`);
    frame += 1;
  };
  stream.write('\x1b[?25l');
  draw();
  const timer = setInterval(draw, 80);
  // The spinner must never be what keeps the process alive.
  timer.unref();
  return {
    update(next) {
      label = next;
      if (isRunning) draw();
    },
    stop() {
      if (!isRunning) return;
      isRunning = false;
      clearInterval(timer);
      stream.write('\r\x1b[2K\x1b[?25h');
    },
  };
}

/** A byte count for people: `812 B`, `14.2 KB`, `3.7 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A whole number with thousands separators: `12,345`. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** Seconds with one decimal: `3.2 s`. */
export function formatSeconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}

// Chinese, Japanese and Korean characters and full-width forms take two columns in a terminal.
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** How many terminal columns a text takes: one per character, two for a wide (CJK) one. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += WIDE.test(character) ? 2 : 1;
  return width;
}

/** Pads the columns of rows of cells to their widest cell (in terminal columns), joined by two spaces. */
export function formatTable(rows: string[][], rightAligned: ReadonlySet<number> = new Set()): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, displayWidth(cell));
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, column) => {
          const padding = ' '.repeat((widths[column] ?? 0) - displayWidth(cell));
          return rightAligned.has(column) ? padding + cell : cell + padding;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
