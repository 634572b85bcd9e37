import { describe, expect, it } from 'vitest';
import type { PreparedMediaInfo } from '../contract/events';
import { MAX_REGIONS, placeRegions } from './place-regions';
import type { WrittenMark } from './read-marks';
import { regionColour } from './region-colour';

// A 4032×3024 photo sent at 1288×966 (a 28 px grid), and a second one.
const photo: PreparedMediaInfo = {
  index: 0,
  type: 'image',
  width: 1288,
  height: 966,
  tokens: 1587,
  bytes: 1,
  originalWidth: 4032,
  originalHeight: 3024,
};
const second: PreparedMediaInfo = {
  ...photo,
  index: 1,
  width: 644,
  height: 644,
  originalWidth: 1000,
  originalHeight: 1000,
};
const video: PreparedMediaInfo = {
  index: 0,
  type: 'video',
  width: 644,
  height: 364,
  tokens: 100,
  bytes: 1,
  originalWidth: 1920,
  originalHeight: 1080,
  frames: [0, 1, 2, 3].map((position) => ({ index: position * 15, timestamp: position * 0.5 })),
};

const mark = (fields: Partial<WrittenMark>): WrittenMark => ({ label: 'x', span: [0, 1], ...fields });

describe('placeRegions', () => {
  it("scales a box from the sent image's pixels to the photo's", () => {
    const { regions, dropped } = placeRegions([mark({ box: [322, 241.5, 644, 483] })], [photo], 'pixels');
    expect(dropped).toBe(0);
    expect(regions).toEqual([{ image: 0, label: 'x', box: [1008, 756, 2016, 1512], span: [0, 1] }]);
  });

  it('scales from the 0–1000 grid, and a tag that fixes the grid wins over the family', () => {
    const onGrid = placeRegions([mark({ box: [250, 250, 500, 500] })], [photo], 'grid-1000');
    expect(onGrid.regions[0]!.box).toEqual([1008, 756, 2016, 1512]);
    const tagged = placeRegions(
      [mark({ box: [250, 250, 500, 500], system: 'grid-1000' })],
      [photo],
      'pixels',
    );
    expect(tagged.regions[0]!.box).toEqual([1008, 756, 2016, 1512]);
  });

  it('puts a mark on the picture it names, 1-based, and drops one naming no picture when there are several', () => {
    const { regions, dropped } = placeRegions(
      [
        mark({ image: 2, points: [[322, 322]] }),
        mark({ points: [[1, 1]] }),
        mark({ image: 3, points: [[1, 1]] }),
      ],
      [photo, second],
      'pixels',
    );
    expect(regions).toEqual([{ image: 1, label: 'x', points: [[500, 500]], span: [0, 1] }]);
    expect(dropped).toBe(2);
  });

  it('pulls a mark a little past the edge back to it, and drops one clearly outside', () => {
    const { regions, dropped } = placeRegions(
      [mark({ box: [-5, 0, 1300, 966] }), mark({ box: [0, 0, 1500, 966] }), mark({ points: [[10, -100]] })],
      [photo],
      'pixels',
    );
    expect(regions.map((region) => region.box)).toEqual([[0, 0, 4032, 3024]]);
    expect(dropped).toBe(2);
  });

  it('orders a box written right to left, and drops one with no area', () => {
    const { regions, dropped } = placeRegions(
      [mark({ box: [644, 483, 322, 241.5] }), mark({ box: [10, 10, 10, 50] })],
      [photo],
      'pixels',
    );
    expect(regions.map((region) => region.box)).toEqual([[1008, 756, 2016, 1512]]);
    expect(dropped).toBe(1);
  });

  it("puts a video mark on the sampled frame it names by number or by the nearest time, in the video's pixels", () => {
    const { regions, dropped } = placeRegions(
      [
        mark({ frame: 2, box: [0, 0, 322, 182] }),
        mark({ time: 1.4, points: [[644, 364]] }),
        mark({ time: 9, points: [[1, 1]] }),
        mark({ points: [[1, 1]] }),
      ],
      [video],
      'pixels',
    );
    expect(regions).toEqual([
      { image: 0, label: 'x', frame: 1, time: 0.5, box: [0, 0, 960, 540], span: [0, 1] },
      { image: 0, label: 'x', frame: 3, time: 1.5, points: [[1920, 1080]], span: [0, 1] },
    ]);
    expect(dropped).toBe(2);
  });
});

describe('a runaway answer', () => {
  it(`places at most ${MAX_REGIONS} regions and counts the rest as dropped`, () => {
    const marks = Array.from({ length: 1000 }, () => mark({ points: [[10, 10]] }));
    const { regions, dropped } = placeRegions(marks, [photo], 'pixels');
    expect(regions).toHaveLength(MAX_REGIONS);
    expect(dropped).toBe(1000 - MAX_REGIONS);
  });
});

describe('regionColour', () => {
  it('gives the first regions the palette and every one of 40 a colour of its own, as #rrggbb', () => {
    const colours = Array.from({ length: 40 }, (_, index) => regionColour(index));
    expect(colours.slice(0, 2)).toEqual(['#ff2d55', '#0a84ff']);
    expect(new Set(colours).size).toBe(40);
    for (const colour of colours) expect(colour).toMatch(/^#[0-9a-f]{6}$/);
    // The ninth is 8 golden angles round (20°): CSS's hsl(20 85% 55%).
    expect(regionColour(8)).toBe('#ee6c2b');
  });
});
