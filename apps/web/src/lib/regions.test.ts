import type { Region } from '@seer/core';
import { describe, expect, it } from 'vitest';
import { countMarks } from './marks-block';
import { readRegions, readRegionsDropped, readTaskCard } from './read-result';
import {
  boxFractions,
  labelAnchor,
  pointFractions,
  regionColour,
  regionPlace,
  regionShape,
} from './region-geometry';
import { namesOfRegions, regionsNamedBy, regionsNamedIn, splitSentences } from './region-sentences';
import { picturesFromHistory } from './run-pictures';

const region = (fields: Partial<Region>): Region => ({ image: 0, label: '', span: [0, 0], ...fields });
const size = { width: 400, height: 200 };

describe('region geometry', () => {
  it('gives a box as fractions of the picture, whichever corner comes first, clamped to it', () => {
    expect(boxFractions(region({ box: [100, 50, 300, 150] }), size)).toEqual({
      left: 0.25,
      top: 0.25,
      width: 0.5,
      height: 0.5,
    });
    expect(boxFractions(region({ box: [300, 150, 100, 50] }), size)).toEqual({
      left: 0.25,
      top: 0.25,
      width: 0.5,
      height: 0.5,
    });
    expect(boxFractions(region({ box: [-10, 0, 500, 200] }), size)).toEqual({
      left: 0,
      top: 0,
      width: 1,
      height: 1,
    });
    expect(boxFractions(region({ points: [[1, 1]] }), size)).toBeUndefined();
  });

  it('gives points as fractions, and anchors labels at the top-left corner or the first point', () => {
    const path = region({
      points: [
        [40, 20],
        [200, 100],
      ],
    });
    expect(pointFractions(path, size)).toEqual([
      [0.1, 0.1],
      [0.5, 0.5],
    ]);
    expect(labelAnchor(path, size)).toEqual([0.1, 0.1]);
    expect(labelAnchor(region({ box: [100, 50, 300, 150] }), size)).toEqual([0.25, 0.25]);
  });

  it('names the shape and the third of the picture a region is in', () => {
    expect(regionShape(region({ box: [0, 0, 1, 1] }))).toBe('box');
    expect(regionShape(region({ points: [[1, 1]] }))).toBe('point');
    expect(
      regionShape(
        region({
          points: [
            [1, 1],
            [2, 2],
          ],
        }),
      ),
    ).toBe('path');
    expect(regionPlace(region({ box: [0, 0, 40, 40] }), size)).toEqual({
      vertical: 'top',
      horizontal: 'left',
    });
    expect(regionPlace(region({ points: [[390, 190]] }), size)).toEqual({
      vertical: 'bottom',
      horizontal: 'right',
    });
    expect(regionPlace(region({ box: [150, 80, 250, 120] }), size)).toEqual({
      vertical: 'middle',
      horizontal: 'centre',
    });
  });

  it('gives each region its own colour', () => {
    const colours = Array.from({ length: 20 }, (_, index) => regionColour(index));
    expect(new Set(colours).size).toBe(20);
  });
});

describe('sentences', () => {
  it('splits at sentence ends followed by a space, at Chinese stops and at line breaks', () => {
    const text = 'A boat, e.g. a dinghy, 3.5 m long. Two cars!\n[00:01.0] 一只猫。一条狗';
    const sentences = splitSentences(text).map(({ start, end }) => text.slice(start, end));
    expect(sentences).toEqual([
      'A boat, e.g.',
      'a dinghy, 3.5 m long.',
      'Two cars!',
      '[00:01.0] 一只猫。',
      '一条狗',
    ]);
  });

  it('finds the regions a sentence names, case-insensitively, never an unlabelled one', () => {
    const regions = [{ label: 'Heart line' }, { label: 'life line' }, { label: '' }];
    expect(regionsNamedIn('Your heart line curves up.', regions)).toEqual([0]);
    expect(regionsNamedIn('The LIFE LINE and the heart line meet.', regions)).toEqual([0, 1]);
    expect(regionsNamedIn('Nothing here.', regions)).toEqual([]);
    expect(regionsNamedIn('A scarf on the car.', [{ label: 'car' }, { label: 'scar' }])).toEqual([0]);
    expect(regionsNamedIn('左边的感情线很长。', [{ label: '感情线' }])).toEqual([0]);
  });
});

describe('namesOfRegions', () => {
  it('names a region by its label when the prose uses it, not when only its mark does', () => {
    const block = '```json\n[{"bbox_2d":[1,2,3,4],"label":"boat"},{"bbox_2d":[1,2,3,4],"label":"gull"}]\n```';
    const answer = `A boat by the pier.\n\n${block}`;
    const at = answer.indexOf('```');
    expect(
      namesOfRegions(answer, [
        { label: 'boat', span: [at, answer.length] },
        { label: 'gull', span: [at, answer.length] },
      ]),
    ).toEqual([['boat'], []]);
  });

  it('names an inline mark by the prose on its line, when its label is not in the prose', () => {
    const mark = '<ref>it</ref><box>(10,20),(30,40)</box>';
    const answer = `Intro line.\nThe little red one ${mark} drifts near the pier.\nEnd.`;
    const start = answer.indexOf(mark);
    expect(namesOfRegions(answer, [{ label: 'it', span: [start, start + mark.length] }])).toEqual([
      ['drifts near the pier.'],
    ]);
    expect(
      regionsNamedBy('The little red one it(10,20),(30,40) drifts near the pier.', [
        ['drifts near the pier.'],
      ]),
    ).toEqual([0]);
  });
});

describe('countMarks', () => {
  it('counts the marks of a JSON block, and leaves other code alone', () => {
    expect(countMarks('json', '[{"bbox_2d":[1,2,3,4],"label":"a"},{"points_2d":[[1,2]],"label":"b"}]')).toBe(
      2,
    );
    expect(countMarks(undefined, '{"point_2d": [1, 2]}')).toBe(1);
    expect(countMarks('json', '{"a": 1}')).toBeUndefined();
    expect(countMarks('python', 'x = {"bbox_2d": 1}')).toBeUndefined();
  });
});

describe('reading a result', () => {
  it('keeps the valid regions and the count of dropped ones', () => {
    const result = {
      regions: [{ image: 0, label: 'boat', box: [1, 2, 3, 4], span: [0, 5] }, { image: -1 }],
      regionsDropped: 2,
    };
    expect(readRegions(result)).toEqual([{ image: 0, label: 'boat', box: [1, 2, 3, 4], span: [0, 5] }]);
    expect(readRegionsDropped(result)).toBe(2);
    expect(readRegions(undefined)).toEqual([]);
    expect(readRegionsDropped({})).toBe(0);
  });

  it('reads each task card, and none for a task without one or an empty result', () => {
    expect(
      readTaskCard('palm-reading', {
        traits: ['calm'],
        lines: { heart: 'curved', life: 'long' },
        disclaimer: 'fun',
      }),
    ).toEqual({
      kind: 'palm-reading',
      lines: [
        { line: 'heart', text: 'curved' },
        { line: 'life', text: 'long' },
      ],
      traits: ['calm'],
      disclaimer: 'fun',
    });
    expect(readTaskCard('math-pattern', { answer: '10', rule: 'square plus one' })).toEqual({
      kind: 'math-pattern',
      answer: '10',
      rule: 'square plus one',
    });
    expect(readTaskCard('locate', { count: 2 })).toEqual({ kind: 'locate', count: 2 });
    expect(
      readTaskCard('video-narration', { beats: [{ time: '00:01.0', text: 'A cat.', frame: 1 }, { x: 1 }] }),
    ).toEqual({ kind: 'video-narration', beats: [{ time: '00:01.0', text: 'A cat.', frame: 1 }] });
    expect(readTaskCard('multi-image-compare', { differences: ['a red boat'], perImage: [] })).toEqual({
      kind: 'multi-image-compare',
      differences: ['a red boat'],
      perImage: [],
    });
    expect(readTaskCard('freeform', { a: 1 })).toBeUndefined();
    expect(readTaskCard('math-pattern', {})).toBeUndefined();
  });
});

describe('picturesFromHistory', () => {
  it('draws on a saved photo preview in the size the server placed the regions in', () => {
    const thumbnail = 'data:image/jpeg;base64,AAAA';
    expect(
      picturesFromHistory([
        {
          name: 'palm.jpg',
          kind: 'image',
          bytes: 1,
          width: 3000,
          height: 4000,
          markedWidth: 750,
          markedHeight: 1000,
          thumbnail,
        },
        { name: 'clip.mp4', kind: 'video', bytes: 1, thumbnail },
        { name: 'old.jpg', kind: 'image', bytes: 1, width: 3000, height: 4000, thumbnail },
      ]),
    ).toEqual([
      { kind: 'image', name: 'palm.jpg', url: thumbnail, size: { width: 750, height: 1000 } },
      { kind: 'video', name: 'clip.mp4' },
      // Saved before runs recorded it: the picked file's size is not the regions', so none is given.
      { kind: 'image', name: 'old.jpg', url: thumbnail },
    ]);
  });
});
