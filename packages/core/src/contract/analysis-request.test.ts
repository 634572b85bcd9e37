import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BUILT_IN_TEMPLATE_IDS } from '../templates/template';
import { AnalysisRequestSchema, PreprocessRequestSchema } from './analysis-request';

// Property tests of the request bodies in docs/api.md (analyses and preprocess): what a client sends
// is either taken as written (with the documented defaults) or refused with a zod error whose path
// names the failing field.

type Path = (string | number)[];
type Json = Record<string, unknown>;

const ANALYSIS_KEYS = [
  'template',
  'locale',
  'question',
  'media',
  'model',
  'thinking',
  'maxAnswerTokens',
  'temperature',
  'seed',
  'stream',
  'detach',
] as const;
const PREPROCESS_KEYS = ['model', 'template', 'media'] as const;
const IMAGE_KEYS = ['type', 'url', 'file', 'detail', 'minPixels', 'maxPixels'] as const;
const VIDEO_KEYS = [
  'type',
  'url',
  'file',
  'fps',
  'minFrames',
  'maxFrames',
  'frames',
  'minPixels',
  'maxPixels',
  'totalPixels',
  'start',
  'end',
] as const;

// ---- valid parts ----------------------------------------------------------------------------------

/** Records as JSON.parse makes them (null-prototype objects are covered by `fc.anything` below). */
const plain = { noNullPrototype: true };

const nonEmpty = fc.string({ minLength: 1, maxLength: 24, unit: 'grapheme' });
const templateId = fc.oneof(fc.constantFrom(...BUILT_IN_TEMPLATE_IDS), nonEmpty);
const locale = fc.constantFrom('en', 'zh');
const pixels = fc.oneof(fc.integer({ min: 1, max: 100_000_000 }), fc.constant(Number.MAX_SAFE_INTEGER));
const count = fc.integer({ min: 1, max: 10_000 });
/** `+ 0` turns -0 into 0, which JSON could not carry anyway. */
const seconds = fc.double({ min: 0, max: 86_400, noNaN: true }).map((value) => value + 0);
const fps = fc.oneof(
  fc.constantFrom(0.5, 1, 2, 29.97, 60),
  fc.double({ min: Number.MIN_VALUE, max: 60, noNaN: true }),
);
const tokens = fc.integer({ min: 1, max: 1_000_000 });
/** Exactly one of `url` and `file`. */
const source = fc.oneof(
  fc.record(
    {
      url: fc.oneof(
        fc.constantFrom('https://example.com/a.jpg', 'data:image/png;base64,iVBORw0KGgo='),
        nonEmpty,
      ),
    },
    plain,
  ),
  fc.record({ file: nonEmpty }, plain),
);

const imageItem = fc
  .tuple(
    source,
    fc.record(
      { detail: fc.constantFrom('auto', 'high'), minPixels: pixels, maxPixels: pixels },
      { requiredKeys: [], noNullPrototype: true },
    ),
  )
  .map(([from, options]) => ({ type: 'image' as const, ...from, ...options }));

const videoItem = fc
  .tuple(
    source,
    // `fps` and `frames` exclude each other.
    fc.oneof(fc.constant({}), fc.record({ fps }, plain), fc.record({ frames: count }, plain)),
    fc.record(
      {
        minFrames: count,
        maxFrames: count,
        minPixels: pixels,
        maxPixels: pixels,
        totalPixels: pixels,
        start: seconds,
        end: seconds.filter((value) => value > 0),
      },
      { requiredKeys: [], noNullPrototype: true },
    ),
  )
  .map(([from, sampling, options]) => ({ type: 'video' as const, ...from, ...sampling, ...options }));

const mediaItem = fc.oneof(imageItem, videoItem);

/** Characters that often go wrong: joiners, bidi controls, BOM, NUL, line separators, lone surrogates. */
const oddUnit = fc.oneof(
  fc.constantFrom(
    '\u200d',
    '\u202e',
    '\ufeff',
    '\u0000',
    '\u2028',
    '\u3000',
    ' ',
    '\t',
    '\n',
    'e\u0301',
    '👩‍👩‍👧',
    '🏳️‍🌈',
    '\u{10ffff}',
    '\ufffd',
    '手相',
    '"\\',
  ),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);
const oddText = fc.string({ unit: oddUnit, minLength: 1, maxLength: 60 });
const question = oddText.filter((text) => text.trim().length > 0);

const analysisRequest = fc.record(
  {
    template: templateId,
    locale,
    question,
    media: fc.array(mediaItem, { maxLength: 16 }),
    model: nonEmpty,
    thinking: fc.record({ budget: tokens }, plain),
    maxAnswerTokens: tokens,
    stream: fc.boolean(),
    detach: fc.boolean(),
  },
  { requiredKeys: ['template'], noNullPrototype: true },
);

const preprocessRequest = fc.record(
  { model: nonEmpty, template: templateId, media: fc.array(mediaItem, { minLength: 1, maxLength: 16 }) },
  { requiredKeys: ['media'], noNullPrototype: true },
);

/** What `AnalysisRequestSchema` should give back: the request as written, with the documented defaults. */
function withDefaults(request: Json): Json {
  return {
    ...request,
    locale: request.locale ?? 'en',
    media: request.media ?? [],
    stream: request.stream ?? true,
    detach: request.detach ?? false,
    ...(typeof request.question === 'string' ? { question: request.question.trim() } : {}),
  };
}

/** As the API reads it: through JSON text. */
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Sets an own, enumerable key, even `__proto__`. */
function withKey<T extends object>(target: T, key: string, value: unknown): T {
  const copy = { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** safeParse, asserting that a refusal is a real zod error with paths. */
function check(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (!result.success) {
    expect(result.error).toBeInstanceOf(z.ZodError);
    expect(result.error.issues.length).toBeGreaterThan(0);
    for (const issue of result.error.issues) {
      expect(Array.isArray(issue.path)).toBe(true);
      expect(typeof issue.message).toBe('string');
    }
  }
  return result;
}

function issuesOf(schema: z.ZodType, input: unknown) {
  const result = check(schema, input);
  expect(result.success, `accepted ${JSON.stringify(input)}`).toBe(false);
  return result.success ? [] : result.error.issues;
}

// ---- invalid parts --------------------------------------------------------------------------------

const wrongType = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('2', '8192', ''),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
);
const notFinite = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
const fraction = fc.double({ min: -1e9, max: 1e9, noNaN: true }).filter((value) => !Number.isInteger(value));
const notPositive = fc.oneof(fc.integer({ min: -1_000_000, max: 0 }), fc.constant(-0), fc.constant(-1e300));
const unsafeInteger = fc.constantFrom(2 ** 53, 1e21, Number.MAX_VALUE);
const notPositiveInteger = fc.oneof(notPositive, fraction, notFinite, unsafeInteger, wrongType);
const notTokenCount = fc.oneof(notPositiveInteger, fc.integer({ min: 1_000_001, max: 2 ** 31 }));
const notFps = fc.oneof(
  notPositive,
  fc.double({ min: 60, max: 1e12, noNaN: true, minExcluded: true }),
  notFinite,
  wrongType,
);
const notStart = fc.oneof(
  fc.double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true }),
  notFinite,
  wrongType,
);
const notEnd = fc.oneof(notPositive, notFinite, wrongType);

const IMAGE: Json = { type: 'image', url: 'https://example.com/a.jpg' };
const VIDEO: Json = { type: 'video', file: 'clip' };

/** A numeric field, where it lives in an analysis request, and values it must refuse. */
const numericFields: {
  field: string;
  build: (value: unknown) => Json;
  path: Path;
  bad: fc.Arbitrary<unknown>;
}[] = [
  {
    field: 'thinking.budget',
    build: (budget) => ({ thinking: { budget } }),
    path: ['thinking', 'budget'],
    bad: notTokenCount,
  },
  {
    field: 'maxAnswerTokens',
    build: (maxAnswerTokens) => ({ maxAnswerTokens }),
    path: ['maxAnswerTokens'],
    bad: notTokenCount,
  },
  ...(['minPixels', 'maxPixels'] as const).map((key) => ({
    field: `image ${key}`,
    build: (value: unknown) => ({ media: [IMAGE, { ...IMAGE, [key]: value }] }),
    path: ['media', 1, key],
    bad: notPositiveInteger,
  })),
  ...(['minFrames', 'maxFrames', 'frames', 'minPixels', 'maxPixels', 'totalPixels'] as const).map((key) => ({
    field: `video ${key}`,
    build: (value: unknown) => ({ media: [{ ...VIDEO, [key]: value }] }),
    path: ['media', 0, key],
    bad: notPositiveInteger,
  })),
  {
    field: 'video fps',
    build: (value) => ({ media: [IMAGE, IMAGE, { ...VIDEO, fps: value }] }),
    path: ['media', 2, 'fps'],
    bad: notFps,
  },
  {
    field: 'video start',
    build: (value) => ({ media: [{ ...VIDEO, start: value }] }),
    path: ['media', 0, 'start'],
    bad: notStart,
  },
  {
    field: 'video end',
    build: (value) => ({ media: [{ ...VIDEO, end: value }] }),
    path: ['media', 0, 'end'],
    bad: notEnd,
  },
];

// ---- properties -----------------------------------------------------------------------------------

describe('AnalysisRequestSchema', () => {
  it('takes every request built from valid parts as written, with the documented defaults', () => {
    fc.assert(
      fc.property(analysisRequest, (request) => {
        const result = check(AnalysisRequestSchema, request);
        expect(result.success).toBe(true);
        expect(result.data).toStrictEqual(withDefaults(request));
      }),
      { numRuns: 200 },
    );
  });

  it('parses its own output to the same value, and the same request sent as JSON text to the same value', () => {
    fc.assert(
      fc.property(analysisRequest, (request) => {
        const once = AnalysisRequestSchema.parse(request);
        expect(AnalysisRequestSchema.parse(once)).toStrictEqual(once);
        expect(AnalysisRequestSchema.parse(overTheWire(request))).toStrictEqual(once);
      }),
    );
  });

  it('leaves the caller’s object unchanged', () => {
    fc.assert(
      fc.property(analysisRequest, (request) => {
        const before = structuredClone(request);
        AnalysisRequestSchema.safeParse(request);
        expect(request).toStrictEqual(before);
      }),
    );
  });

  it('keeps the question exactly, odd unicode included; only surrounding whitespace is trimmed', () => {
    fc.assert(
      fc.property(question, locale, (text, language) => {
        const parsed = AnalysisRequestSchema.parse(
          overTheWire({ template: 'freeform', locale: language, question: text }),
        );
        expect(parsed.question).toBe(text.trim());
        if (text === text.trim()) expect(parsed.question).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a question that is only whitespace or longer than 4000 UTF-16 units once trimmed', () => {
    const blank = fc.string({
      unit: fc.constantFrom(' ', '\t', '\n', '\u3000', '\ufeff', '\u2028', '\u00a0'),
    });
    fc.assert(
      fc.property(blank, fc.integer({ min: 0, max: 6000 }), blank, (before, length, after) => {
        const core = 'é'.repeat(length);
        const result = check(AnalysisRequestSchema, {
          template: 'freeform',
          question: before + core + after,
        });
        expect(result.success).toBe(length >= 1 && length <= 4000);
        if (!result.success) expect(result.error.issues.map((issue) => issue.path)).toEqual([['question']]);
      }),
    );
  });

  it('refuses any unknown key, at the top, in a media item or in `thinking`, naming it and where it is', () => {
    const known = new Set<string>([...ANALYSIS_KEYS, ...VIDEO_KEYS, ...IMAGE_KEYS, 'budget', 'effort']);
    const unknownKey = fc
      .oneof(
        fc.constantFrom(
          '__proto__',
          'constructor',
          'toString',
          'hasOwnProperty',
          'prototype',
          'Template',
          'template ',
          'thinking_budget',
          'max_answer_tokens',
          'top_p',
          'system',
        ),
        fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }),
      )
      .filter((key) => !known.has(key));
    const request = fc.record(
      {
        template: templateId,
        media: fc.array(mediaItem, { minLength: 1, maxLength: 16 }),
        thinking: fc.record({ budget: tokens }, plain),
      },
      { requiredKeys: ['template', 'media', 'thinking'], noNullPrototype: true },
    );
    fc.assert(
      fc.property(
        request,
        unknownKey,
        fc.jsonValue({ maxDepth: 2 }),
        fc.nat(),
        fc.constantFrom('top', 'media', 'thinking'),
        (base, key, value, at, where) => {
          const index = at % base.media.length;
          let body: Json;
          let path: Path;
          if (where === 'top') {
            body = withKey(base, key, value);
            path = [];
          } else if (where === 'thinking') {
            body = { ...base, thinking: withKey(base.thinking, key, value) };
            path = ['thinking'];
          } else {
            const media = [...base.media];
            media[index] = withKey(media[index]!, key, value);
            body = { ...base, media };
            path = ['media', index];
          }
          for (const input of [body, overTheWire(body)]) {
            expect(issuesOf(AnalysisRequestSchema, input)).toEqual([
              expect.objectContaining({ code: 'unrecognized_keys', path, keys: [key] }),
            ]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses video options on an image and image options on a video, naming the option', () => {
    const videoOnly = VIDEO_KEYS.filter((key) => !(IMAGE_KEYS as readonly string[]).includes(key));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(imageItem, fc.constantFrom(...videoOnly)),
          fc.tuple(videoItem, fc.constant('detail')),
        ),
        fc.constantFrom(1, 2, 'high', 'auto'),
        ([item, key], value) => {
          expect(
            issuesOf(AnalysisRequestSchema, { template: 'freeform', media: [{ ...item, [key]: value }] }),
          ).toEqual([
            expect.objectContaining({ code: 'unrecognized_keys', path: ['media', 0], keys: [key] }),
          ]);
        },
      ),
    );
  });

  for (const { field, build, path, bad } of numericFields) {
    it(`refuses out-of-range and wrongly typed ${field}, at ${path.join('.')}`, () => {
      fc.assert(
        fc.property(bad, (value) => {
          const issues = issuesOf(AnalysisRequestSchema, { template: 'freeform', ...build(value) });
          expect(issues.map((issue) => issue.path)).toEqual(issues.map(() => path));
        }),
        { numRuns: 60 },
      );
    });
  }

  it('refuses `thinking` that is not an object holding a budget', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          tokens,
          wrongType.filter((value) => typeof value !== 'object' || value === null),
        ),
        (value) => {
          const issues = issuesOf(AnalysisRequestSchema, { template: 'freeform', thinking: value });
          expect(issues.map((issue) => issue.path)).toEqual([['thinking']]);
        },
      ),
    );
  });

  it('takes a media item only with exactly one of `url` and `file`, and refuses `frames` with `fps`', () => {
    fc.assert(
      fc.property(
        mediaItem,
        fc.option(nonEmpty, { nil: undefined }),
        fc.option(nonEmpty, { nil: undefined }),
        fc.nat(3),
        (item, url, file, index) => {
          const { url: _url, file: _file, ...rest } = item as Json;
          const changed: Json = {
            ...rest,
            ...(url === undefined ? {} : { url }),
            ...(file === undefined ? {} : { file }),
          };
          const media = [...Array.from({ length: index }, () => IMAGE), changed];
          const result = check(AnalysisRequestSchema, { template: 'freeform', media });
          expect(result.success).toBe((url === undefined) !== (file === undefined));
          if (!result.success) {
            expect(result.error.issues).toEqual([
              expect.objectContaining({ code: 'custom', path: ['media', index] }),
            ]);
          }
        },
      ),
    );
    fc.assert(
      fc.property(videoItem, fps, count, (item, rate, frames) => {
        expect(
          issuesOf(AnalysisRequestSchema, { template: 'freeform', media: [{ ...item, fps: rate, frames }] }),
        ).toEqual([expect.objectContaining({ code: 'custom', path: ['media', 0, 'frames'] })]);
      }),
    );
  });

  it('refuses a media item of any other type, at its `type`', () => {
    fc.assert(
      fc.property(
        fc
          .oneof(fc.constantFrom('audio', 'Image', 'VIDEO', 'images', ''), wrongType)
          .filter((type) => type !== 'image' && type !== 'video'),
        (type) => {
          const issues = issuesOf(AnalysisRequestSchema, {
            template: 'freeform',
            media: [IMAGE, { ...IMAGE, type }],
          });
          expect(issues.map((issue) => issue.path)).toEqual([['media', 1, 'type']]);
        },
      ),
    );
  });

  it('refuses a `model` or `template` longer than 200 UTF-16 units, at that field, and takes 200', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('model', 'template'),
        fc.integer({ min: 201, max: 1_000_000 }),
        (field, length) => {
          const issues = issuesOf(AnalysisRequestSchema, {
            template: 'freeform',
            [field]: 'm'.repeat(length),
          });
          expect(issues.map((issue) => issue.path)).toEqual([[field]]);
          expect(
            check(AnalysisRequestSchema, { template: 'freeform', [field]: 'm'.repeat(200) }).success,
          ).toBe(true);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('refuses more than 16 media items, at `media`', () => {
    fc.assert(
      fc.property(fc.array(mediaItem, { minLength: 17, maxLength: 24 }), (media) => {
        const issues = issuesOf(AnalysisRequestSchema, { template: 'palm-reading', media });
        expect(issues.map((issue) => issue.path)).toEqual([['media']]);
      }),
      { numRuns: 30 },
    );
  });

  it('never throws on arbitrary JSON, and a refusal is always a zod error', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = check(AnalysisRequestSchema, value);
        if (result.success) expect(AnalysisRequestSchema.parse(result.data)).toStrictEqual(result.data);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary JavaScript values (null prototypes, boxed values, sparse and typed arrays)', () => {
    const anything = fc.anything({
      withNullPrototype: true,
      withBoxedValues: true,
      withSparseArray: true,
      withTypedArray: true,
      withMap: true,
      withSet: true,
      withDate: true,
      withBigInt: true,
      stringUnit: 'binary',
    });
    fc.assert(
      fc.property(anything, (value) => {
        check(AnalysisRequestSchema, value);
        check(PreprocessRequestSchema, value);
      }),
      { numRuns: 300 },
    );
  });

  it('names the replaced field when any one field of a good request holds arbitrary JSON', () => {
    const good: Json = {
      template: 'multi-image-compare',
      locale: 'zh',
      question: '哪张更亮？',
      media: [
        {
          type: 'image',
          url: 'https://example.com/a.jpg',
          detail: 'high',
          minPixels: 3136,
          maxPixels: 1_003_520,
        },
        {
          type: 'video',
          file: 'clip',
          fps: 2,
          minFrames: 4,
          maxFrames: 768,
          totalPixels: 90_000_000,
          start: 1,
          end: 9,
        },
      ],
      model: 'qvq-max',
      thinking: { budget: 8192 },
      maxAnswerTokens: 2048,
      stream: false,
    };
    expect(AnalysisRequestSchema.safeParse(good).success).toBe(true);
    const slots: { path: Path; blamed: Path }[] = [
      ...ANALYSIS_KEYS.map((key) => ({ path: [key], blamed: [key] })),
      { path: ['thinking', 'budget'], blamed: ['thinking', 'budget'] },
      ...IMAGE_KEYS.map((key) => ({
        path: ['media', 0, key],
        // A new `type` changes which keys are allowed, and a second source breaks "one of `url` and `file`":
        // then the item as a whole is to blame.
        blamed: key === 'type' || key === 'file' ? ['media', 0] : ['media', 0, key],
      })),
      ...VIDEO_KEYS.map((key) => ({
        path: ['media', 1, key],
        blamed: key === 'type' || key === 'url' ? ['media', 1] : ['media', 1, key],
      })),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...slots), fc.jsonValue({ maxDepth: 2 }), ({ path, blamed }, value) => {
        const body = structuredClone(good);
        let target = body as Record<string | number, unknown>;
        for (const step of path.slice(0, -1)) target = target[step] as Record<string | number, unknown>;
        target[path.at(-1)!] = value;
        const result = check(AnalysisRequestSchema, body);
        if (result.success) {
          expect(AnalysisRequestSchema.parse(result.data)).toStrictEqual(result.data);
        } else {
          for (const issue of result.error.issues) expect(issue.path.slice(0, blamed.length)).toEqual(blamed);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('PreprocessRequestSchema', () => {
  it('takes every request built from valid parts exactly as written, also through JSON, and idempotently', () => {
    fc.assert(
      fc.property(preprocessRequest, (request) => {
        const parsed = PreprocessRequestSchema.parse(request);
        expect(parsed).toStrictEqual(request);
        expect(PreprocessRequestSchema.parse(parsed)).toStrictEqual(parsed);
        expect(PreprocessRequestSchema.parse(overTheWire(request))).toStrictEqual(parsed);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses the fields only an analysis has, and any other unknown key, naming it', () => {
    const key = fc.oneof(
      fc.constantFrom('question', 'locale', 'thinking', 'maxAnswerTokens', 'stream', '__proto__'),
      fc
        .string({ minLength: 1, maxLength: 12 })
        .filter((name) => !(PREPROCESS_KEYS as readonly string[]).includes(name)),
    );
    fc.assert(
      fc.property(preprocessRequest, key, fc.jsonValue({ maxDepth: 1 }), (request, name, value) => {
        expect(issuesOf(PreprocessRequestSchema, overTheWire(withKey(request, name, value)))).toEqual([
          expect.objectContaining({ code: 'unrecognized_keys', path: [], keys: [name] }),
        ]);
      }),
    );
  });

  it('refuses a `model` or `template` longer than 200 UTF-16 units, at that field', () => {
    const media = [{ type: 'image', url: 'https://example.com/a.jpg' }];
    for (const field of ['model', 'template']) {
      const issues = issuesOf(PreprocessRequestSchema, { media, [field]: 'm'.repeat(201) });
      expect(issues.map((issue) => issue.path)).toEqual([[field]]);
      expect(check(PreprocessRequestSchema, { media, [field]: 'm'.repeat(200) }).success).toBe(true);
    }
  });

  it('refuses no media and more than 16 items, at `media`', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constant([]), fc.array(mediaItem, { minLength: 17, maxLength: 24 })),
        fc.option(templateId, { nil: undefined }),
        (media, template) => {
          const issues = issuesOf(PreprocessRequestSchema, {
            media,
            ...(template === undefined ? {} : { template }),
          });
          expect(issues.map((issue) => issue.path)).toEqual([['media']]);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('never throws on arbitrary JSON, and a refusal is always a zod error', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        check(PreprocessRequestSchema, value);
      }),
      { numRuns: 300 },
    );
  });
});
