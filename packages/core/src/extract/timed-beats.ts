/** `mm:ss`, `m:ss.s` or `h:mm:ss(.s)`; a comma may stand for the decimal point. */
const TIME = String.raw`(?:\d{1,2}:)?\d{1,3}:\d{2}(?:[.,]\d+)?`;

/**
 * A line that opens with a timestamp, bracketed or not, maybe a range (`[00:03.5–00:05.0]`), then the beat's
 * text after an optional dash, colon or bar. Group 1 is the start time, group 2 the text.
 */
const BEAT_LINE = new RegExp(
  String.raw`^[\[【(（]?\s*(${TIME})\s*(?:(?:[-–—~～]|to|至|到)\s*${TIME}\s*)?[\]】)）]?\s*(?:[-–—:：|]\s*)?(.*)$`,
  'i',
);

/** One moment of a narration: when it happens (`mm:ss.s`) and what happens. */
export type TimedBeat = { time: string; text: string };

/**
 * Formats seconds as `mm:ss.s`, the timestamp form the video narration uses.
 *
 * @example
 * formatBeatTime(3.5); // '00:03.5'
 * formatBeatTime(75); // '01:15.0'
 */
export function formatBeatTime(seconds: number): string {
  // Rounding to tenths first keeps 59.96 s from printing as "00:60.0".
  const tenths = Math.max(0, Math.round((Number.isFinite(seconds) ? seconds : 0) * 10));
  const minutes = Math.floor(tenths / 600);
  const rest = (tenths - minutes * 600) / 10;
  return `${String(minutes).padStart(2, '0')}:${rest.toFixed(1).padStart(4, '0')}`;
}

/**
 * Parses `mm:ss`, `mm:ss.s` or `h:mm:ss.s` into seconds, or `undefined` when it is not such a time.
 *
 * @example
 * parseBeatTime('01:02.5'); // 62.5
 */
export function parseBeatTime(value: string): number | undefined {
  const match = /^(?:(\d{1,2}):)?(\d{1,3}):(\d{2}(?:[.,]\d+)?)$/.exec(value.trim());
  if (!match) return undefined;
  const seconds = Number((match[3] ?? '').replace(',', '.'));
  if (seconds >= 60) return undefined;
  return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + seconds;
}

/**
 * Reads the beats of a narration: every line that starts with a timestamp (`[00:03.5] …`, `00:03 - …`,
 * `- **[0:03]** …`, `【00:03.5】…`), with the time normalized to `mm:ss.s`. A timestamp alone on its line takes
 * the next paragraph as its text. Returns `[]` when there are none; never throws.
 *
 * @example
 * extractTimedBeats('[00:03.5] The shell spirals.'); // [{ time: '00:03.5', text: 'The shell spirals.' }]
 */
export function extractTimedBeats(text: string): TimedBeat[] {
  if (typeof text !== 'string') return [];
  const lines = text.split(/\r?\n/);
  const beats: TimedBeat[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '')
      .replace(/\*\*|__/g, '')
      .trim()
      .replace(/^(?:[-*+]\s+|[•·]\s*|\d{1,2}[.)]\s+)/, '');
    const match = BEAT_LINE.exec(line);
    const seconds = match ? parseBeatTime((match[1] ?? '').replace(',', '.')) : undefined;
    if (!match || seconds === undefined) continue;
    let beatText = (match[2] ?? '').trim();
    if (!beatText) {
      const following: string[] = [];
      for (let next = index + 1; next < lines.length; next++) {
        const raw = (lines[next] ?? '').trim();
        if (!raw) {
          if (following.length > 0) break;
          continue;
        }
        if (BEAT_LINE.test(raw.replace(/\*\*|__/g, ''))) break;
        following.push(raw);
      }
      beatText = following.join(' ');
    }
    if (beatText) beats.push({ time: formatBeatTime(seconds), text: beatText });
  }
  return beats;
}
