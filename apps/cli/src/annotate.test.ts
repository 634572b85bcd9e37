import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type AnalysisEvent, DASHSCOPE_PRESETS, planImage, type Region, regionColour } from '@seer/core';
import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import { photoLikeJPEG } from '@seer/test-setup';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeRunsServer, startFakeRunsServer } from '../test/fake-runs-server';
import { makeFolder, runSeer, writeClip } from '../test/test-support';
import { regionOverlaySVG } from './annotation/region-overlay';

// `seer analyze --annotate`, run as the built command against the mock model (and a fake Seer server),
// judged by the colours of the pixels it wrote.

const qvqMax = DASHSCOPE_PRESETS.find((preset) => preset.id === 'qvq-max')!;
const UPRIGHT = { width: 1200, height: 900 };
/** The green square painted on the test photo, in upright pixels: `[x1, y1, x2, y2]`. */
const SQUARE = [700, 300, 940, 540] as const;
const GREEN = [0, 200, 0];
const BOX_COLOUR = hexToRGB(regionColour(0));

let mock: MockUpstream;
let folder: string;
let env: Record<string, string>;

function hexToRGB(hex: string): number[] {
  return [1, 3, 5].map((offset) => Number.parseInt(hex.slice(offset, offset + 2), 16));
}

/**
 * Stores an upright JPEG as a camera held sideways does, EXIF orientation 6: the pixels turned 90°
 * anticlockwise and the tag set, so that a viewer that honours the tag shows the upright picture.
 * (The same idea as the API tests' withOrientation, written out here.)
 */
async function storedWithOrientation6(upright: Buffer): Promise<Buffer> {
  const turned = await sharp(upright).rotate(270).png().toBuffer();
  return sharp(turned).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
}

/** A 1200×900 photo-like JPEG with {@link SQUARE} painted solid green. */
async function markedPhoto(): Promise<Buffer> {
  const [x1, y1, x2, y2] = SQUARE;
  const square = await sharp({
    create: {
      width: x2 - x1,
      height: y2 - y1,
      channels: 3,
      background: { r: GREEN[0]!, g: GREEN[1]!, b: GREEN[2]! },
    },
  })
    .png()
    .toBuffer();
  return sharp(await photoLikeJPEG(UPRIGHT.width, UPRIGHT.height))
    .composite([{ input: square, left: x1, top: y1 }])
    .jpeg({ quality: 95 })
    .toBuffer();
}

/** The RGB colour of a PNG at `(x, y)`. */
async function pixelReader(
  png: Buffer,
): Promise<{ width: number; height: number; at(x: number, y: number): number[] }> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    at: (x, y) => {
      const offset = (Math.round(y) * info.width + Math.round(x)) * info.channels;
      return [data[offset]!, data[offset + 1]!, data[offset + 2]!];
    },
  };
}

function isNear(colour: number[], expected: number[], tolerance = 40): boolean {
  return colour.every((value, channel) => Math.abs(value - expected[channel]!) <= tolerance);
}

/** Checks that each number is within `tolerance` of the expected one. */
function expectWithin(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  expect(actual).toHaveLength(expected.length);
  for (const [position, value] of actual.entries()) {
    expect(Math.abs(value - expected[position]!), `${actual} against ${expected}`).toBeLessThanOrEqual(
      tolerance,
    );
  }
}

/** An answer that boxes `box` (in the pixels the model was sent) with `label`, as Qwen writes it. */
function boxAnswer(box: readonly number[], label: string): string {
  return `One ${label} sits right of the middle.\n\`\`\`json\n${JSON.stringify([{ bbox_2d: box, label }])}\n\`\`\`\nCount: 1`;
}

/** The square in the pixels of the image qvq-max is sent: the upright photo resized as planImage says. */
function squareAsSent(): number[] {
  const sent = planImage(UPRIGHT, qvqMax);
  const [x1, y1, x2, y2] = SQUARE;
  return [
    Math.round((x1 * sent.width) / UPRIGHT.width),
    Math.round((y1 * sent.height) / UPRIGHT.height),
    Math.round((x2 * sent.width) / UPRIGHT.width),
    Math.round((y2 * sent.height) / UPRIGHT.height),
  ];
}

/** Checks that a box outline lies on the square's border and that the square's inside is untouched. */
async function expectSquareBoxed(png: Buffer): Promise<void> {
  const picture = await pixelReader(png);
  expect([picture.width, picture.height]).toEqual([UPRIGHT.width, UPRIGHT.height]);
  const [x1, y1, x2, y2] = SQUARE;
  const [middleX, middleY] = [(x1 + x2) / 2, (y1 + y2) / 2];
  const outline = [
    [x1, middleY],
    [x2, middleY],
    [middleX, y1],
    [middleX, y2],
    [x1, y2 - 30],
    [x2 - 30, y2],
  ];
  for (const [x, y] of outline)
    expect(picture.at(x!, y!), `outline at ${x},${y}`).toSatisfy((c: number[]) => isNear(c, BOX_COLOUR));
  const inside = [
    [middleX, middleY],
    [x1 + 20, middleY],
    [x2 - 20, middleY],
    [middleX, y1 + 20],
    [middleX, y2 - 20],
  ];
  for (const [x, y] of inside)
    expect(picture.at(x!, y!), `inside at ${x},${y}`).toSatisfy((c: number[]) => isNear(c, GREEN));
}

beforeAll(async () => {
  mock = await startMockUpstream();
  folder = await makeFolder();
  const photo = await markedPhoto();
  await writeFile(join(folder, 'square.jpg'), photo);
  await writeFile(join(folder, 'sideways.jpg'), await storedWithOrientation6(photo));
  await writeFile(join(folder, 'notes.txt'), 'Not a folder.\n');
  env = { DASHSCOPE_API_KEY: 'test', DASHSCOPE_BASE_URL: mock.url };
});

afterAll(async () => {
  await mock.close();
  await rm(folder, { recursive: true, force: true });
});

beforeEach(() => {
  mock.reset();
});

function scriptAnswer(answer: string): void {
  mock.script({ kind: 'stream', dialect: 'reasoning_content', reasoning: 'Looking for it.', answer });
}

const LOCATE = ['--task', 'locate', '--question', 'the green square', '--model', 'qvq-max'];

describe('seer analyze --annotate', () => {
  it('draws the box on the upright picture of a photo stored sideways (EXIF orientation 6)', async () => {
    scriptAnswer(boxAnswer(squareAsSent(), 'green square'));
    const run = await runSeer(['analyze', 'sideways.jpg', ...LOCATE, '--annotate', 'out', '--json'], {
      cwd: folder,
      env,
    });
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout);
    // The box was written in the pixels of the image as sent, which the media event measures.
    expect(document.media[0]).toMatchObject({
      originalWidth: UPRIGHT.width,
      originalHeight: UPRIGHT.height,
      width: planImage(UPRIGHT, qvqMax).width,
      height: planImage(UPRIGHT, qvqMax).height,
    });
    const [region] = document.result.regions as Region[];
    expectWithin(region!.box!, SQUARE, 2);
    expect(run.stderr).toBe(
      `seer: marked 1 region on sideways.jpg: ${join('out', 'sideways.annotated.png')}\n`,
    );
    expect(await readdir(join(folder, 'out'))).toEqual(['sideways.annotated.png']);
    await expectSquareBoxed(await sharp(join(folder, 'out', 'sideways.annotated.png')).toBuffer());
  });

  it('creates nested folders, and prints the answer on stdout as usual', async () => {
    scriptAnswer(boxAnswer(squareAsSent(), 'green square'));
    const run = await runSeer(['analyze', 'square.jpg', ...LOCATE, '--annotate', 'a/b'], {
      cwd: folder,
      env,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('One green square sits right of the middle.');
    // The footer counts the places marked.
    expect(run.stdout).toMatch(/ · 1 region marked · stop\n$/);
    expect(run.stdout).not.toContain('annotated');
    expect(run.stderr).toContain(join('a', 'b', 'square.annotated.png'));
    await expectSquareBoxed(await sharp(join(folder, 'a', 'b', 'square.annotated.png')).toBuffer());
  });

  it('escapes labels: markup and ampersands in a label are drawn as text', async () => {
    const label = `<script>alert("x")</script> & 'co' ]]> \u0007`;
    const svg = regionOverlaySVG(400, 300, [{ image: 0, label, box: [10, 60, 200, 200], span: [0, 1] }]);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;co&apos; ]]&gt;');
    await sharp(Buffer.from(svg)).png().toBuffer();

    scriptAnswer(boxAnswer(squareAsSent(), label));
    const run = await runSeer(['analyze', 'square.jpg', ...LOCATE, '--annotate', 'escaped'], {
      cwd: folder,
      env,
    });
    expect(run.stderr).toContain(join('escaped', 'square.annotated.png'));
    expect(run.code).toBe(0);
    const png = await sharp(join(folder, 'escaped', 'square.annotated.png')).toBuffer();
    await expectSquareBoxed(png);
    // The label's chip, in the box's colour, sits above the box's top-left corner.
    const picture = await pixelReader(png);
    expect(picture.at(SQUARE[0] + 3, SQUARE[1] - 12)).toSatisfy((c: number[]) => isNear(c, BOX_COLOUR));
  });

  it('writes no file when the answer marks nothing, and says so', async () => {
    scriptAnswer('There is no green square here.\nCount: 0');
    const run = await runSeer(['analyze', 'square.jpg', ...LOCATE, '--annotate', 'empty', '--json'], {
      cwd: folder,
      env,
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).result.regions).toBeUndefined();
    expect(run.stderr).toBe('seer: the answer marked no regions, so --annotate wrote nothing.\n');
    expect(await readdir(join(folder, 'empty'))).toEqual([]);
  });

  it('refuses a folder that cannot be created before asking the model', async () => {
    const run = await runSeer(['analyze', 'square.jpg', ...LOCATE, '--annotate', 'notes.txt/out'], {
      cwd: folder,
      env,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'seer: The --annotate folder notes.txt/out cannot be created: part of its path is a file, not a folder.\n',
    );
    expect(mock.requests).toHaveLength(0);
  });

  it('draws the frame of a video the model marked, taken again with ffmpeg', async () => {
    await writeClip(folder, 'clip.mp4');
    scriptAnswer(
      'Frame 2 shows the colour bars.\n```json\n[{"frame": 2, "bbox_2d": [20, 20, 120, 100], "label": "bars"}]\n```',
    );
    const run = await runSeer(
      [
        'analyze',
        'clip.mp4',
        '--task',
        'video-narration',
        '--model',
        'qvq-max',
        '--annotate',
        'video',
        '--json',
      ],
      { cwd: folder, env },
    );
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout);
    const [region] = document.result.regions as Region[];
    expect(region).toMatchObject({ image: 0, frame: 1, label: 'bars' });
    expect(run.stderr).toContain(join('video', 'clip.frame-2.annotated.png'));
    const picture = await pixelReader(
      await sharp(join(folder, 'video', 'clip.frame-2.annotated.png')).toBuffer(),
    );
    const item = document.media[0];
    expect([picture.width, picture.height]).toEqual([
      item.originalWidth ?? item.width,
      item.originalHeight ?? item.height,
    ]);
    const [x1, y1, , y2] = region!.box!;
    expect(picture.at(x1, (y1 + y2) / 2)).toSatisfy((c: number[]) => isNear(c, BOX_COLOUR));
  });
});

describe('seer analyze --annotate --server', () => {
  let fake: FakeRunsServer;

  afterAll(async () => {
    await fake?.close();
  });

  it('draws the regions of the result the server sends back', async () => {
    const sent = planImage(UPRIGHT, qvqMax);
    const events: AnalysisEvent[] = [
      { type: 'start', id: 'an_fake0000000000000001', model: 'qvq-max', template: 'locate', locale: 'en' },
      {
        type: 'media',
        item: {
          index: 0,
          type: 'image',
          mime: 'image/jpeg',
          width: sent.width,
          height: sent.height,
          tokens: sent.tokens,
          bytes: 1000,
          originalWidth: UPRIGHT.width,
          originalHeight: UPRIGHT.height,
        },
      },
      { type: 'text-start' },
      { type: 'text-delta', text: 'One green square.\nCount: 1' },
      { type: 'text-end' },
      {
        type: 'finish',
        finishReason: 'stop',
        usage: { inputTokens: 420, outputTokens: 20 },
        timing: { reasoningMs: 0, totalMs: 900 },
        result: {
          count: 1,
          regions: [{ image: 0, label: 'green square', box: [...SQUARE], span: [18, 60] }],
          regionsDropped: 0,
        },
      },
    ];
    fake = await startFakeRunsServer({ events });
    const run = await runSeer(['analyze', 'square.jpg', '--task', 'locate', '--annotate', 'remote'], {
      cwd: folder,
      env: { SEER_SERVER_URL: fake.url },
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `seer: marked 1 region on square.jpg: ${join('remote', 'square.annotated.png')}\n`,
    );
    await expectSquareBoxed(await sharp(join(folder, 'remote', 'square.annotated.png')).toBuffer());
  });
});

/** A simple still life drawn here, 1200×800: the kind of picture a README shows Find and mark on. */
const STILL_LIFE = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
  <defs>
    <linearGradient id="wall" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#f3efe6"/><stop offset="1" stop-color="#ddd5c4"/>
    </linearGradient>
    <linearGradient id="table" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#b07a4a"/><stop offset="1" stop-color="#8a5a33"/>
    </linearGradient>
    <radialGradient id="apple" cx="0.35" cy="0.35" r="0.7">
      <stop offset="0" stop-color="#ff6b5e"/><stop offset="1" stop-color="#b3180c"/>
    </radialGradient>
  </defs>
  <rect width="1200" height="800" fill="url(#wall)"/>
  <rect x="760" y="90" width="300" height="220" rx="6" fill="#9ec9ea" stroke="#ffffff" stroke-width="14"/>
  <line x1="910" y1="90" x2="910" y2="310" stroke="#ffffff" stroke-width="8"/>
  <rect x="0" y="520" width="1200" height="280" fill="url(#table)"/>
  <rect x="0" y="520" width="1200" height="14" fill="#c89462"/>
  <ellipse cx="270" cy="585" rx="120" ry="16" fill="#000" opacity="0.18"/>
  <circle cx="270" cy="480" r="105" fill="url(#apple)"/>
  <path d="M270 380 q8 -40 30 -52" stroke="#5b3a1e" stroke-width="10" fill="none" stroke-linecap="round"/>
  <ellipse cx="318" cy="352" rx="34" ry="14" fill="#3f9b3a" transform="rotate(-25 318 352)"/>
  <rect x="470" y="330" width="170" height="215" rx="14" fill="#2f6fd6"/>
  <path d="M640 380 q70 10 60 70 q-8 55 -60 50" stroke="#2f6fd6" stroke-width="22" fill="none"/>
  <ellipse cx="555" cy="332" rx="85" ry="12" fill="#1d4fa3"/>
  <path d="M555 305 C 530 280, 580 250, 552 220 S 575 170, 560 150" stroke="#ffffff" stroke-width="9"
    opacity="0.85" fill="none" stroke-linecap="round"/>
  <polygon points="800,545 860,380 890,380 950,545" fill="#d9d2c8"/>
  <rect x="818" y="360" width="114" height="26" rx="6" fill="#5a8f3c"/>
  <path d="M875 365 C 820 300 780 250 790 190 M875 365 C 890 290 930 240 980 225 M875 365 C 860 300 860 240 880 180"
    stroke="#4c8a2e" stroke-width="16" fill="none" stroke-linecap="round"/>
  <polygon points="1060,440 1072,476 1110,476 1080,498 1091,534 1060,512 1029,534 1040,498 1010,476 1048,476"
    fill="#f5c518" stroke="#c99a00" stroke-width="3"/>
</svg>`;

/** What the model "found" in {@link STILL_LIFE}, on Qwen3-VL's 0–1000 grid. */
function stillLifeAnswer(): string {
  const grid = ([x, y]: [number, number]) => [Math.round((x / 1200) * 1000), Math.round((y / 800) * 1000)];
  const box = (x1: number, y1: number, x2: number, y2: number) => [...grid([x1, y1]), ...grid([x2, y2])];
  const marks = [
    { bbox_2d: box(160, 328, 380, 590), label: 'red apple' },
    { bbox_2d: box(465, 315, 710, 550), label: 'blue mug' },
    { bbox_2d: box(775, 170, 995, 550), label: 'potted plant' },
    { bbox_2d: box(1005, 435, 1115, 540), label: 'yellow star' },
    {
      points_2d: [
        [560, 150],
        [566, 175],
        [558, 200],
        [552, 220],
        [561, 245],
        [559, 268],
        [552, 290],
        [555, 305],
      ].map((point) => grid(point as [number, number])),
      label: 'steam',
    },
    { point_2d: grid([1010, 140]), label: 'window' },
  ];
  return `An apple, a mug, a plant and a star stand on the table.\n\`\`\`json\n${JSON.stringify(marks)}\n\`\`\`\nCount: 4`;
}

describe('the README example', () => {
  it('boxes, points and paths on a drawn still life; SEER_WRITE_DOC_IMAGES=1 saves it to docs/images', async () => {
    await writeFile(join(folder, 'still-life.png'), await sharp(Buffer.from(STILL_LIFE)).png().toBuffer());
    scriptAnswer(stillLifeAnswer());
    const run = await runSeer(
      [
        ...['analyze', 'still-life.png', '--task', 'locate', '--question', 'the things on the table'],
        ...['--model', 'qwen3-vl-plus', '--annotate', 'readme', '--json'],
      ],
      { cwd: folder, env },
    );
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout);
    expect(document.result).toMatchObject({ count: 4, regionsDropped: 0 });
    const regions = document.result.regions as Region[];
    expect(regions.map((region) => region.label)).toEqual([
      'red apple',
      'blue mug',
      'potted plant',
      'yellow star',
      'steam',
      'window',
    ]);
    // From the grid back to the picture's pixels, within the grid's rounding (1.2 px a step).
    expectWithin(regions[0]!.box!, [160, 328, 380, 590], 2);
    const file = join(folder, 'readme', 'still-life.annotated.png');
    const picture = await pixelReader(await sharp(file).toBuffer());
    expect([picture.width, picture.height]).toEqual([1200, 800]);
    expect(picture.at(regions[0]!.box![0], 480)).toSatisfy((c: number[]) => isNear(c, BOX_COLOUR));
    if (process.env.SEER_WRITE_DOC_IMAGES === '1') {
      const images = new URL('../../../docs/images/', import.meta.url).pathname;
      await mkdir(images, { recursive: true });
      await copyFile(file, join(images, 'grounded-example.png'));
    }
  });
});
