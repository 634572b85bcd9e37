import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SplitPiece, type ThinkTagMode, ThinkTagSplitter } from './think-tag-splitter';

function run(chunks: string[], mode: ThinkTagMode = 'auto') {
  const splitter = new ThinkTagSplitter(mode);
  const pieces: SplitPiece[] = [];
  for (const chunk of chunks) pieces.push(...splitter.push(chunk));
  pieces.push(...splitter.flush());
  const join = (kind: SplitPiece['kind']) =>
    pieces
      .filter((piece) => piece.kind === kind)
      .map((piece) => piece.text)
      .join('');
  return { reasoning: join('reasoning'), text: join('text') };
}

/** Cuts text at the given places. */
function cut(text: string, cuts: number[]): string[] {
  const sorted = [...new Set(cuts)].filter((at) => at > 0 && at < text.length).sort((a, b) => a - b);
  const chunks: string[] = [];
  let start = 0;
  for (const at of [...sorted, text.length]) {
    chunks.push(text.slice(start, at));
    start = at;
  }
  return chunks;
}

describe('ThinkTagSplitter', () => {
  it('separates a think block from the answer', () => {
    expect(run(['<think>a plan</think>The answer'])).toEqual({ reasoning: 'a plan', text: 'The answer' });
  });

  it('leaves content without a leading tag as answer, even when it mentions the tag later', () => {
    expect(run(['Use a <think> tag. </think> ok'])).toEqual({
      reasoning: '',
      text: 'Use a <think> tag. </think> ok',
    });
  });

  it('starts inside the thinking when the template already wrote the opening tag', () => {
    expect(run(['step one', '</think>', 'done'], 'open-implied')).toEqual({
      reasoning: 'step one',
      text: 'done',
    });
    expect(run(['<think>step</think>done'], 'open-implied')).toEqual({ reasoning: 'step', text: 'done' });
  });

  it('keeps everything as answer with tags off', () => {
    expect(run(['<think>x</think>y'], 'off')).toEqual({ reasoning: '', text: '<think>x</think>y' });
  });

  it('gives an unclosed thinking block back as thinking at the end (cut by a length limit)', () => {
    expect(run(['<think>still going </th'])).toEqual({ reasoning: 'still going </th', text: '' });
  });

  it('gives the same result however the content is split', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: 'grapheme', maxLength: 40 })
          .filter((text) => !text.includes('</think>') && !text.includes('<think>')),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.array(fc.nat(120), { maxLength: 20 }),
        (reasoning, answer, cuts) => {
          const answerText = answer.trimStart().startsWith('<') ? `x${answer}` : answer;
          const whole = `<think>${reasoning}</think>${answerText}`;
          expect(run(cut(whole, cuts))).toEqual({ reasoning, text: answerText });
        },
      ),
      { numRuns: 300 },
    );
  });
});
