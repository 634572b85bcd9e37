import { photoLikeJPEG } from '@seer/test-setup';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { dataURL, withOrientation } from '../test/test-images';
import { bytesOfDataURL, postAnalysis, useAPIWithMockUpstream } from '../test/test-support';

const servers = useAPIWithMockUpstream((mockURL) => ({
  DASHSCOPE_API_KEY: 'sk-test',
  DASHSCOPE_BASE_URL: mockURL,
}));

// The person's photo, upright: 1200×800 with a green square at a known place, on a grey photo so
// that nothing else in it is green.
const SQUARE = { left: 700, top: 200, width: 200, height: 150 };
const uprightPhoto = async (): Promise<Buffer> =>
  sharp(
    await sharp(await photoLikeJPEG(1200, 800))
      .greyscale()
      .toColourspace('srgb')
      .png()
      .toBuffer(),
  )
    .composite([
      {
        input: { create: { width: SQUARE.width, height: SQUARE.height, channels: 3, background: '#00ff00' } },
        left: SQUARE.left,
        top: SQUARE.top,
      },
    ])
    .png()
    .toBuffer();

/** The green square's bounding box in an image, found by colour. */
async function findSquare(image: Buffer): Promise<[number, number, number, number]> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let [x1, y1, x2, y2] = [info.width, info.height, -1, -1];
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const offset = (y * info.width + x) * info.channels;
      if (data[offset + 1]! - Math.max(data[offset]!, data[offset + 2]!) > 100) {
        x1 = Math.min(x1, x);
        y1 = Math.min(y1, y);
        x2 = Math.max(x2, x + 1);
        y2 = Math.max(y2, y + 1);
      }
    }
  }
  return [x1, y1, x2, y2];
}

/** What the model was sent: the prepared image, as the API's dry run reports it. */
async function sentImage(model: string, photo: Buffer) {
  const response = await fetch(`${servers.api.url}/v1/preprocess?include=data`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, media: [{ type: 'image', url: dataURL(photo, 'image/jpeg') }] }),
  });
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(200);
  const item = body.media[0] as { width: number; height: number; urls: string[] };
  return { width: item.width, height: item.height, bytes: bytesOfDataURL(item.urls[0]!) };
}

async function analyse(model: string, photo: Buffer, answer: string) {
  servers.mock.script({ kind: 'stream', dialect: 'reasoning_content', reasoning: 'Looking.', answer });
  const response = await postAnalysis(servers.api, {
    model,
    template: 'locate',
    question: 'green squares',
    stream: false,
    media: [{ type: 'image', url: dataURL(photo, 'image/jpeg') }],
  });
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body as {
    result?: {
      regions?: { image: number; label: string; box?: number[]; points?: number[][] }[];
      regionsDropped?: number;
      count?: number;
    };
    text: string;
  };
}

const expectNear = (actual: number[] | undefined, expected: number[], tolerance: number) => {
  expect(actual).toHaveLength(expected.length);
  for (const [index, value] of actual!.entries()) {
    expect(Math.abs(value - expected[index]!), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
  }
};

describe('a box the model draws lands on the person’s photo', () => {
  const models = [
    { model: 'qvq-max', writes: 'pixels of the image it was sent (28 px grid)' },
    { model: 'qwen3-vl-plus', writes: 'the 0–1000 grid (32 px grid)' },
  ];
  for (const { model, writes } of models) {
    for (const orientation of [1, 2, 3, 4, 5, 6, 7, 8]) {
      it(`${model}, in ${writes}, on a photo stored with EXIF orientation ${orientation}`, async () => {
        const photo = await withOrientation(await uprightPhoto(), orientation);
        const sent = await sentImage(model, photo);
        // The model sees the square where the prepared image has it, and writes its box there.
        const [x1, y1, x2, y2] = await findSquare(sent.bytes);
        const written =
          model === 'qvq-max'
            ? [x1, y1, x2, y2]
            : [
                (x1 / sent.width) * 1000,
                (y1 / sent.height) * 1000,
                (x2 / sent.width) * 1000,
                (y2 / sent.height) * 1000,
              ].map(Math.round);
        const onGrid = [x1 / sent.width, y1 / sent.height, x2 / sent.width, y2 / sent.height].map((share) =>
          Math.round(share * 1000),
        );
        // Each form a family writes: the special-token box, Qwen-VL's <box> tag on its grid, a JSON box, a
        // point at the centre, a path along the top edge.
        const [cx, cy] = [(written[0]! + written[2]!) / 2, (written[1]! + written[3]!) / 2].map(Math.round);
        const body = await analyse(
          model,
          photo,
          [
            'One green square, top right of the middle.',
            `Its <|object_ref_start|>outline<|object_ref_end|><|box_start|>(${written[0]},${written[1]}),(${written[2]},${written[3]})<|box_end|> is sharp.`,
            `On the grid: <ref>square on the grid</ref><box>(${onGrid[0]},${onGrid[1]}),(${onGrid[2]},${onGrid[3]})</box>.`,
            'Count: 1',
            '```json',
            JSON.stringify([
              { bbox_2d: written, label: 'green square' },
              { point_2d: [cx, cy], label: 'centre' },
              {
                points_2d: [
                  [written[0], written[1]],
                  [cx, written[1]],
                  [written[2], written[1]],
                ],
                label: 'top edge',
              },
            ]),
            '```',
          ].join('\n'),
        );
        expect(body.result).toMatchObject({ count: 1, regionsDropped: 0 });
        const regions = body.result?.regions ?? [];
        expect(regions.map((region) => region.label)).toEqual([
          'outline',
          'square on the grid',
          'green square',
          'centre',
          'top edge',
        ]);
        expect(regions.every((region) => region.image === 0)).toBe(true);
        // One pixel of the sent image is about 1200 / its width pixels of the photo; JPEG blurs the edge by one more.
        const tolerance = 2 * (1200 / sent.width) + 1;
        const { left, top, width, height } = SQUARE;
        const square = [left, top, left + width, top + height];
        expectNear(regions[0]!.box, square, tolerance);
        expectNear(regions[1]!.box, square, tolerance);
        expectNear(regions[2]!.box, square, tolerance);
        expectNear(regions[3]!.points!.flat(), [left + width / 2, top + height / 2], tolerance);
        expectNear(
          regions[4]!.points!.flat(),
          [left, top, left + width / 2, top, left + width, top],
          tolerance,
        );
      });
    }
  }

  it("reads Qwen-VL's <ref>/<box> tags on the 0–1000 grid whatever the model, and drops a mark outside the picture", async () => {
    const photo = await uprightPhoto();
    const grid = (value: number, side: number) => Math.round((value / side) * 1000);
    const tag = `<ref>green square</ref><box>(${grid(700, 1200)},${grid(200, 800)}),(${grid(900, 1200)},${grid(350, 800)})</box>`;
    const body = await analyse(
      'qvq-max',
      photo,
      `There is ${tag} here.\n\`\`\`json\n[{"point_2d": [5000, 10], "label": "nowhere"}, {"bbox_2d": [1, 2], "label": "broken"}]\n\`\`\``,
    );
    expect(body.result?.regionsDropped).toBe(2);
    expect(body.result?.regions).toHaveLength(1);
    expectNear(body.result!.regions![0]!.box, [700, 200, 900, 350], 1);
  });

  it('keeps the answer text whole, marks included, and adds no result field when nothing is marked', async () => {
    const photo = await uprightPhoto();
    const body = await analyse('qvq-max', photo, 'I see no squares at all.\nCount: 0');
    expect(body.result).toEqual({ count: 0 });
    expect(body.text).toBe('I see no squares at all.\nCount: 0');
  });
});

describe('the API reference', () => {
  it('documents result.regions in the analysis document and the finish event', async () => {
    const document = await (await fetch(`${servers.api.url}/openapi.json`)).json();
    const region = document.components.schemas.Region;
    expect(Object.keys(region.properties)).toEqual(
      expect.arrayContaining(['image', 'label', 'box', 'points', 'frame', 'time', 'span']),
    );
    const result = document.components.schemas.Analysis.properties.result;
    expect(JSON.stringify(result)).toContain('#/components/schemas/Region');
    expect(Object.keys(result.properties)).toEqual(['regions', 'regionsDropped']);
  });
});

describe('OpenAI clients', () => {
  it("get the regions in the completion's seer report when they call a task", async () => {
    const photo = await uprightPhoto();
    servers.mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'Looking.',
      answer: 'One.\nCount: 1\n<ref>green square</ref><box>(583,250),(750,438)</box>',
    });
    const response = await fetch(`${servers.api.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'qvq-max/locate',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image_url', image_url: { url: dataURL(photo, 'image/png') } },
              { type: 'text', text: 'green squares' },
            ],
          },
        ],
      }),
    });
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.seer.result).toMatchObject({
      count: 1,
      regionsDropped: 0,
      regions: [{ label: 'green square' }],
    });
    expectNear(body.seer.result.regions[0].box, [700, 200, 900, 350], 1);
  });
});
