import { describe, expect, it } from 'vitest';
import { readMarks } from './read-marks';

describe('readMarks', () => {
  it("reads Qwen2.5-VL's fenced JSON boxes with their labels, and takes the block out of the prose", () => {
    const answer = [
      'There is a boat on the lake and a pagoda on the hill.',
      '',
      '```json',
      '[',
      '\t{"bbox_2d": [135, 114, 516, 372], "label": "boat"},',
      '\t{"bbox_2d": [600, 20, 700, 300], "label": "pagoda"}',
      ']',
      '```',
    ].join('\n');
    const { marks, malformed, prose } = readMarks(answer);
    expect(malformed).toBe(0);
    expect(marks.map(({ label, box }) => ({ label, box }))).toEqual([
      { label: 'boat', box: [135, 114, 516, 372] },
      { label: 'pagoda', box: [600, 20, 700, 300] },
    ]);
    expect(prose).toBe('There is a boat on the lake and a pagoda on the hill.');
    const [start, end] = marks[0]!.span;
    expect(answer.slice(start, end)).toMatch(/^```json[\s\S]*```$/);
  });

  it('reads points, paths, and the picture, frame and time a mark names', () => {
    const answer =
      '```json\n[{"point_2d": [40, 50], "label": "blank", "image": 2},' +
      ' {"points_2d": [[1, 2], [3, 4], [5, 6]], "label": "heart line"},' +
      ' {"bbox_2d": [1, 2, 3, 4], "label": "eyes", "frame": 3, "time": 1.5}]\n```';
    const { marks } = readMarks(answer);
    expect(marks).toMatchObject([
      { label: 'blank', points: [[40, 50]], image: 2 },
      {
        label: 'heart line',
        points: [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
      },
      { label: 'eyes', box: [1, 2, 3, 4], frame: 3, time: 1.5 },
    ]);
  });

  it('reads JSON written inline in a sentence, and leaves the sentence in the prose', () => {
    const answer = 'The blank is here {"point_2d": [310, 205], "label": "?"} in the last row.';
    const { marks, prose } = readMarks(answer);
    expect(marks).toMatchObject([{ label: '?', points: [[310, 205]] }]);
    expect(answer.slice(...marks[0]!.span)).toBe('{"point_2d": [310, 205], "label": "?"}');
    expect(prose).toBe(answer);
  });

  it("reads Qwen-VL's <ref>/<box> tags, always on the 0–1000 grid, and the special-token form, in the family's coordinates", () => {
    const answer =
      'The <ref>boat</ref><box>(120,80),(300,260)</box> and ' +
      '<|object_ref_start|>pagoda<|object_ref_end|><|box_start|>(600,10),(700,400)<|box_end|>.';
    const { marks } = readMarks(answer);
    expect(marks).toMatchObject([
      { label: 'boat', box: [120, 80, 300, 260], system: 'grid-1000' },
      { label: 'pagoda', box: [600, 10, 700, 400] },
    ]);
    expect(marks[1]).not.toHaveProperty('system');
  });

  it('counts malformed marks instead of guessing them', () => {
    const answer = [
      '```json',
      '[{"bbox_2d": [1, 2, 3], "label": "three numbers"},',
      ' {"bbox_2d": ["a", 2, 3, 4], "label": "a word"},',
      ' {"point_2d": [1], "label": "one number"},',
      ' {"bbox_2d": [10, 20, 30, 40], "label": "fine"}]',
      '```',
      'and <box>(1,2),(3)</box>',
    ].join('\n');
    const { marks, malformed } = readMarks(answer);
    expect(marks.map((mark) => mark.label)).toEqual(['fine']);
    expect(malformed).toBe(4);
  });

  it('reads the objects of a fenced block that is not valid JSON as a whole (no commas, a trailing comma)', () => {
    const answer =
      '```json\n{"bbox_2d": [1, 2, 3, 4], "label": "a"}\n{"bbox_2d": [5, 6, 7, 8], "label": "b"},\n```';
    expect(readMarks(answer).marks.map((mark) => mark.label)).toEqual(['a', 'b']);
  });

  it('keeps a fenced block that holds more than marks in the prose', () => {
    const answer = '```json\n{"answer": 42, "cells": [{"bbox_2d": [1, 2, 3, 4], "label": "42"}]}\n```';
    const { marks, prose } = readMarks(answer);
    expect(marks).toHaveLength(1);
    expect(prose).toBe(answer);
  });

  it('cuts a runaway label to 200 characters', () => {
    const answer = JSON.stringify([{ bbox_2d: [1, 2, 3, 4], label: 'x'.repeat(5_000) }]);
    expect(readMarks(answer).marks[0]!.label).toHaveLength(200);
  });

  it('finds nothing in an answer without marks, and leaves it as it is', () => {
    const answer = 'The rule is [n + 2] and {the answer} is 11.';
    expect(readMarks(answer)).toEqual({ marks: [], malformed: 0, prose: answer });
  });

  it('reads a long answer full of stray brackets quickly', () => {
    const answer = `${'{['.repeat(50_000)} {"bbox_2d": [1, 2, 3, 4], "label": "x"}`;
    const started = performance.now();
    const { marks } = readMarks(answer);
    expect(marks.map((mark) => mark.label)).toEqual(['x']);
    // Generous: the point is that it is not quadratic (which would take minutes).
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
