import { getTemplate, type Locale } from '@seer/core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesOfDataURL, readEvents, useAPIWithMockUpstream } from '../test/test-support';
import { encodeVideo } from '../test/test-videos';

const servers = useAPIWithMockUpstream((mockURL) => ({
  DASHSCOPE_API_KEY: 'sk-test',
  DASHSCOPE_BASE_URL: mockURL,
}));

/** Images of distinct sizes, so the order in which they reach the model can be read back. */
const imageSizes = [
  { width: 560, height: 420 },
  { width: 420, height: 560 },
  { width: 700, height: 280 },
];

let images: Buffer[];
let clip: Buffer;
beforeAll(async () => {
  images = await Promise.all(
    imageSizes.map((size, index) =>
      sharp({ create: { ...size, channels: 3, background: ['#a0522d', '#2e8b57', '#4682b4'][index]! } })
        .jpeg()
        .toBuffer(),
    ),
  );
  clip = await encodeVideo({ width: 320, height: 240, rate: '30', frames: 60 });
});

interface Case {
  template: string;
  images: number;
  video: boolean;
  question?: Record<Locale, string>;
}

const cases: Case[] = [
  { template: 'palm-reading', images: 2, video: false },
  {
    template: 'multi-image-compare',
    images: 3,
    video: false,
    question: { en: 'Which season is it?', zh: '是哪个季节？' },
  },
  { template: 'math-pattern', images: 2, video: false },
  { template: 'video-narration', images: 0, video: true },
  { template: 'locate', images: 2, video: false, question: { en: 'red cars', zh: '红色汽车' } },
  {
    template: 'freeform',
    images: 1,
    video: false,
    question: { en: 'What is written here?', zh: '这里写了什么？' },
  },
];

type Part = { type: string; text?: string; image_url?: { url: string }; video?: string[] };

describe.each(['en', 'zh'] as const)('the exact request each template sends to qvq-max, in %s', (locale) => {
  it.each(cases)('$template', async ({ template, images: imageCount, video, question }) => {
    servers.mock.script({ kind: 'stream', dialect: 'reasoning_content', reasoning: 'r', answer: 'a' });
    const form = new FormData();
    const media: Record<string, unknown>[] = [];
    for (let index = 0; index < imageCount; index++) {
      media.push({ type: 'image', file: `image${index}` });
      form.set(`image${index}`, new Blob([new Uint8Array(images[index]!)]), `image${index}.jpg`);
    }
    if (video) {
      media.push({ type: 'video', file: 'video0' });
      form.set('video0', new Blob([new Uint8Array(clip)]), 'clip.mp4');
    }
    form.set(
      'request',
      JSON.stringify({
        template,
        locale,
        model: 'qvq-max',
        media,
        ...(question ? { question: question[locale] } : {}),
      }),
    );
    const log = await readEvents(
      await fetch(`${servers.api.url}/v1/analyses`, { method: 'POST', body: form }),
    );
    expect(log.events.at(-1)?.type).toBe('finish');

    const body = servers.mock.requests[0]!.body as {
      model: string;
      stream: boolean;
      messages: { role: string; content: Part[] }[];
    };
    expect(body.model).toBe('qvq-max');
    expect(body.stream).toBe(true);
    // One user turn and no system message: QVQ is advised against one.
    expect(body.messages.map((message) => message.role)).toEqual(['user']);
    const parts = body.messages[0]!.content;
    expect(parts.map((part) => part.type)).toEqual([
      ...Array.from({ length: imageCount }, () => 'image_url'),
      ...(video ? ['video'] : []),
      'text',
    ]);
    for (let index = 0; index < imageCount; index++) {
      const sent = await sharp(bytesOfDataURL(parts[index]!.image_url!.url)).metadata();
      const original = imageSizes[index]!;
      expect(sent.width! / sent.height!).toBeCloseTo(original.width / original.height, 1);
    }

    // The instruction is the template's own, built from what was prepared, and comes last.
    const mediaEvents = log.events.flatMap((event) => (event.type === 'media' ? [event.item] : []));
    const expected = getTemplate(template)!.buildPrompt({
      locale,
      ...(question ? { question: question[locale] } : {}),
      media: mediaEvents.map((item) => ({
        type: item.type,
        width: item.width,
        height: item.height,
        ...(item.frames ? { frameTimestamps: item.frames.map((frame) => frame.timestamp) } : {}),
      })),
      // QVQ grounds in the pixels of the image it is sent.
      coordinates: 'pixels',
    });
    const instruction = parts.at(-1)!.text!;
    expect(instruction).toBe(expected);
    if (question) expect(instruction).toContain(question[locale]);
    if (locale === 'zh') {
      expect(instruction).toMatch(/[\u4e00-\u9fff]{4}/);
      // Chinese throughout: no English sentence slipped in.
      expect(instruction).not.toMatch(/\b(the|and|please|answer)\b/i);
    } else {
      expect(instruction).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
