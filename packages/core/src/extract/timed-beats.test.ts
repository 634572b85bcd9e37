import { describe, expect, it } from 'vitest';
import { extractTimedBeats, formatBeatTime, parseBeatTime } from './timed-beats';

describe('formatBeatTime / parseBeatTime', () => {
  it('formats seconds as mm:ss.s', () => {
    expect(formatBeatTime(3.5)).toBe('00:03.5');
    expect(formatBeatTime(75)).toBe('01:15.0');
    expect(formatBeatTime(59.96)).toBe('01:00.0');
    expect(formatBeatTime(Number.NaN)).toBe('00:00.0');
  });

  it('parses mm:ss, mm:ss.s and h:mm:ss', () => {
    expect(parseBeatTime('01:02.5')).toBe(62.5);
    expect(parseBeatTime('0:03')).toBe(3);
    expect(parseBeatTime('1:00:01')).toBe(3601);
    expect(parseBeatTime('00:75')).toBeUndefined();
    expect(parseBeatTime('soon')).toBeUndefined();
  });
});

describe('extractTimedBeats', () => {
  it('reads the common beat styles', () => {
    const text = [
      'Here is the narration:',
      '',
      '[00:00.0] A blank sheet of paper.',
      '- **[00:03.5]** The shell spirals out from a single dot.',
      '00:05 - The head appears.',
      '0:07.2: Two feelers!',
      '【00:08.0】蜗牛完成了。',
      '[00:09.0–00:10.0] | It crawls away.',
      '',
      'A charming little drawing.',
    ].join('\n');
    expect(extractTimedBeats(text)).toEqual([
      { time: '00:00.0', text: 'A blank sheet of paper.' },
      { time: '00:03.5', text: 'The shell spirals out from a single dot.' },
      { time: '00:05.0', text: 'The head appears.' },
      { time: '00:07.2', text: 'Two feelers!' },
      { time: '00:08.0', text: '蜗牛完成了。' },
      { time: '00:09.0', text: 'It crawls away.' },
    ]);
  });

  it('takes the next paragraph for a timestamp on its own line', () => {
    expect(extractTimedBeats('**00:02.0**\nThe pen touches the paper.\n\n[00:04.0] Done.')).toEqual([
      { time: '00:02.0', text: 'The pen touches the paper.' },
      { time: '00:04.0', text: 'Done.' },
    ]);
  });

  it('finds nothing in untimed prose', () => {
    expect(extractTimedBeats('A snail is drawn, then it crawls away.')).toEqual([]);
    expect(extractTimedBeats(undefined as unknown as string)).toEqual([]);
  });
});
