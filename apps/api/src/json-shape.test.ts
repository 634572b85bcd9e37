import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJSONShapeProblem, JSON_SHAPE_LIMITS, type JSONShapeLimits } from './json-shape';

const encode = (text: string) => new TextEncoder().encode(text);
const unlimited = Number.POSITIVE_INFINITY;

/** The nesting depth of a parsed JSON value, counted as the scan counts it. */
function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value !== null && typeof value === 'object')
    return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

/** The structure a text has, one byte at a time: bytes outside string contents, and escapes inside. */
function structureOf(bytes: Uint8Array): number {
  let structure = 0;
  let isInString = false;
  let isEscaped = false;
  for (const byte of bytes) {
    if (!isInString) {
      structure++;
      if (byte === 0x22) isInString = true;
    } else if (isEscaped) {
      isEscaped = false;
    } else if (byte === 0x5c) {
      structure++;
      isEscaped = true;
    } else if (byte === 0x22) {
      structure++;
      isInString = false;
    }
  }
  return structure;
}

const limits = (maxDepth: number, maxStructureBytes: number): JSONShapeLimits => ({
  maxDepth,
  maxStructureBytes,
});

/** JSON texts: compact or indented, with strings full of brackets, quotes, backslashes and non-ASCII. */
const jsonText = fc
  .tuple(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(undefined, 2, '\t'))
  .map(([value, indent]) => ({ value, text: JSON.stringify(value, null, indent) }));

describe('findJSONShapeProblem', () => {
  it('finds a text too deep exactly when it nests deeper than the limit', () => {
    fc.assert(
      fc.property(jsonText, fc.nat(8), ({ value, text }, maxDepth) => {
        const problem = findJSONShapeProblem(encode(text), limits(maxDepth, unlimited));
        expect(problem).toBe(depthOf(value) > maxDepth ? 'too-deep' : undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('counts structure as a byte-at-a-time scan does, escapes included', () => {
    fc.assert(
      fc.property(jsonText, fc.nat(400), ({ text }, maxStructureBytes) => {
        const bytes = encode(text);
        const problem = findJSONShapeProblem(bytes, limits(unlimited, maxStructureBytes));
        expect(problem).toBe(structureOf(bytes) > maxStructureBytes ? 'too-much-structure' : undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('never counts brackets, quotes or backslashes inside strings as nesting', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('[', '{', '"', '\\', ']', '}', 'é', 'a'), { maxLength: 200 }),
        (characters) => {
          const text = JSON.stringify({ question: characters.join('') });
          expect(findJSONShapeProblem(encode(text), limits(1, unlimited))).toBeUndefined();
        },
      ),
    );
  });

  it('refuses deep nesting within the first bytes past the limit, however long the text', () => {
    const nested = new Uint8Array(20_000_000).fill(0x5b, 0, 10_000_000).fill(0x5d, 10_000_000);
    const started = performance.now();
    expect(findJSONShapeProblem(nested)).toBe('too-deep');
    expect(performance.now() - started).toBeLessThan(50);
    expect(findJSONShapeProblem(encode(`${'['.repeat(64)}${']'.repeat(64)}`))).toBeUndefined();
    expect(findJSONShapeProblem(encode(`${'{"a":'.repeat(65)}1${'}'.repeat(65)}`))).toBe('too-deep');
  });

  it('refuses a wide body of many small values, and one padded with whitespace', () => {
    const wide = encode(`{"media":[${'{"a":1},'.repeat(100_000)}{}]}`);
    expect(findJSONShapeProblem(wide)).toBe('too-much-structure');
    const padded = new Uint8Array(10_000_000).fill(0x20);
    padded.set(encode('{}'), padded.length - 2);
    expect(findJSONShapeProblem(padded)).toBe('too-much-structure');
    const escapes = encode(`{"question":"${'\\n'.repeat(JSON_SHAPE_LIMITS.maxStructureBytes)}"}`);
    expect(findJSONShapeProblem(escapes)).toBe('too-much-structure');
  });

  it('passes a request with a long data URL and a question full of quotes and escapes', () => {
    const url = `data:image/png;base64,${'QUJD'.repeat(10_000_000)}`;
    const body = encode(
      JSON.stringify({
        template: 'freeform',
        question: 'What is "this" [or {that}] \\ here?\n',
        media: [{ type: 'image', url }],
      }),
    );
    expect(findJSONShapeProblem(body)).toBeUndefined();
  });

  it('leaves malformed text to JSON.parse: an unterminated string or stray closers are no problem', () => {
    expect(findJSONShapeProblem(encode('["abc'))).toBeUndefined();
    expect(findJSONShapeProblem(encode(']]]]'))).toBeUndefined();
    expect(findJSONShapeProblem(encode('"\\'))).toBeUndefined();
    expect(findJSONShapeProblem(new Uint8Array(0))).toBeUndefined();
  });

  it('reads a view into a larger buffer only within the view', () => {
    const buffer = encode(`[[[[${'"x",'.repeat(10)}1]]]]`);
    expect(findJSONShapeProblem(buffer.subarray(2, buffer.length - 2), limits(2, unlimited))).toBeUndefined();
    expect(findJSONShapeProblem(buffer, limits(2, unlimited))).toBe('too-deep');
  });
});
