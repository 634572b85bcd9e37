import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type SplitPiece,
  type StreamEnding,
  type ThinkTagMode,
  ThinkTagSplitter,
} from './think-tag-splitter';

/** Every piece the splitter gives for the chunks, the flush at the given ending included. */
function pieces(chunks: string[], mode: ThinkTagMode, ending: StreamEnding = 'stopped'): SplitPiece[] {
  const splitter = new ThinkTagSplitter(mode);
  const given: SplitPiece[] = [];
  for (const chunk of chunks) given.push(...splitter.push(chunk));
  given.push(...splitter.flush(ending));
  return given;
}

function run(chunks: string[], mode: ThinkTagMode = 'auto', ending: StreamEnding = 'stopped') {
  const given = pieces(chunks, mode, ending);
  const join = (kind: SplitPiece['kind']) =>
    given
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
    expect(run(['step one', '</think>', 'done'], 'implicit')).toEqual({
      reasoning: 'step one',
      text: 'done',
    });
    expect(run(['<think>step</think>done'], 'implicit')).toEqual({ reasoning: 'step', text: 'done' });
  });

  it('keeps everything as answer with tags off', () => {
    expect(run(['<think>x</think>y'], 'off')).toEqual({ reasoning: '', text: '<think>x</think>y' });
  });

  it('gives an unclosed thinking block back as thinking at the end (cut by a length limit)', () => {
    expect(run(['<think>still going </th'], 'auto', 'cut')).toEqual({
      reasoning: 'still going </th',
      text: '',
    });
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

/** Text made of the pieces tags are cut into, white space, and characters of one to four UTF-8 bytes. */
const taggedText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '<think>',
        '</think>',
        '<',
        '</',
        '</th',
        'ink>',
        '>',
        ' ',
        '\n',
        'a',
        'é',
        '…',
        '思',
        '😊',
      ),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
    ),
    { maxLength: 16 },
  )
  .map((parts) => parts.join(''));

describe('ThinkTagSplitter in implicit mode (the template opened the thought)', () => {
  it('gives the thought as thinking while it streams, and what follows </think> as answer', () => {
    expect(pieces(['I look at', ' the rows…</th', 'ink>The answer', ' is 10'], 'implicit')).toEqual([
      { kind: 'reasoning', text: 'I look at' },
      { kind: 'reasoning', text: ' the rows…' },
      { kind: 'text', text: 'The answer' },
      { kind: 'text', text: ' is 10' },
    ]);
  });

  it('keeps an empty or blank thought', () => {
    expect(run(['</think>Yes'], 'implicit')).toEqual({ reasoning: '', text: 'Yes' });
    expect(run(['\n\n</think>\n\nYes'], 'implicit')).toEqual({ reasoning: '\n\n', text: '\n\nYes' });
  });

  it('gives a content that never closed the thought again as answer when the model stopped by itself', () => {
    expect(pieces(['The answer', ' is 10 </th'], 'implicit', 'stopped')).toEqual([
      { kind: 'reasoning', text: 'The answer' },
      { kind: 'reasoning', text: ' is 10 ' },
      { kind: 'text', text: 'The answer is 10 </th' },
    ]);
  });

  it('leaves a content that never closed the thought as thinking when the model was cut', () => {
    expect(pieces(['Still', ' counting </th'], 'implicit', 'cut')).toEqual([
      { kind: 'reasoning', text: 'Still' },
      { kind: 'reasoning', text: ' counting ' },
      { kind: 'reasoning', text: '</th' },
    ]);
  });

  it('keeps a thought the content opened with <think> itself as thinking, however the stream ended', () => {
    expect(run(['<think>Still counting'], 'implicit', 'stopped')).toEqual({
      reasoning: 'Still counting',
      text: '',
    });
    expect(run([' <th', 'ink>Still'], 'implicit', 'cut')).toEqual({ reasoning: 'Still', text: '' });
  });

  it('gives nothing for a content that is only white space', () => {
    expect(pieces(['\n', '  '], 'implicit', 'stopped')).toEqual([]);
    expect(pieces(['\n', '  '], 'implicit', 'cut')).toEqual([]);
  });

  it('reads the content as auto mode does once the thought arrives in a field of its own', () => {
    const splitter = new ThinkTagSplitter('implicit');
    splitter.markReasoningSeparate();
    expect(splitter.push('The answer is 10')).toEqual([{ kind: 'text', text: 'The answer is 10' }]);
    expect(splitter.flush('stopped')).toEqual([]);

    const tagged = new ThinkTagSplitter('implicit');
    tagged.markReasoningSeparate();
    expect([...tagged.push('<think>a</think>b'), ...tagged.flush('stopped')]).toEqual([
      { kind: 'reasoning', text: 'a' },
      { kind: 'text', text: 'b' },
    ]);
  });

  it('makes the rest of the content answer when the separate thought comes after the content began', () => {
    const splitter = new ThinkTagSplitter('implicit');
    expect(splitter.push('Hm </th')).toEqual([{ kind: 'reasoning', text: 'Hm ' }]);
    splitter.markReasoningSeparate();
    expect(splitter.push('e end')).toEqual([{ kind: 'text', text: '</the end' }]);
    expect(splitter.flush('stopped')).toEqual([]);
  });

  it('ignores a separate thought in auto mode and after the thought closed', () => {
    const auto = new ThinkTagSplitter('auto');
    auto.markReasoningSeparate();
    expect(auto.push('<think>a</think>b')).toEqual([
      { kind: 'reasoning', text: 'a' },
      { kind: 'text', text: 'b' },
    ]);
    const closed = new ThinkTagSplitter('implicit');
    closed.push('a</think>');
    closed.markReasoningSeparate();
    expect(closed.push('b')).toEqual([{ kind: 'text', text: 'b' }]);
  });

  it('splits the thought from the answer however the content is cut, inside characters too', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: 'grapheme', maxLength: 40 })
          .filter((thought) => !thought.includes('</think>') && !thought.trimStart().startsWith('<think>')),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.array(fc.nat(120), { maxLength: 20 }),
        fc.constantFrom<StreamEnding>('stopped', 'cut'),
        (thought, answer, cuts, ending) => {
          const whole = `${thought}</think>${answer}`;
          expect(run(cut(whole, cuts), 'implicit', ending)).toEqual({ reasoning: thought, text: answer });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('settles a thought never closed by how the stream ended, however the content is cut', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: 'grapheme', maxLength: 60 })
          .filter((content) => !content.includes('</think>') && !content.trimStart().startsWith('<think>')),
        fc.array(fc.nat(80), { maxLength: 20 }),
        (content, cuts) => {
          const given = content.trim() === '' ? '' : content;
          expect(run(cut(content, cuts), 'implicit', 'cut')).toEqual({ reasoning: given, text: '' });
          const stopped = pieces(cut(content, cuts), 'implicit', 'stopped');
          // Shown as thinking while it streamed, then given once more, whole, as the answer.
          expect(stopped.slice(0, -1).every((piece) => piece.kind === 'reasoning')).toBe(true);
          expect(stopped.filter((piece) => piece.kind === 'text')).toEqual(
            given === '' ? [] : [{ kind: 'text', text: given }],
          );
          const streamed = stopped
            .filter((piece) => piece.kind === 'reasoning')
            .map((piece) => piece.text)
            .join('');
          expect(given.startsWith(streamed)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives the same thinking and answer for any content however it is cut, in every mode', () => {
    fc.assert(
      fc.property(
        taggedText,
        fc.array(fc.nat(120), { maxLength: 30 }),
        fc.constantFrom<ThinkTagMode>('auto', 'implicit', 'off'),
        fc.constantFrom<StreamEnding>('stopped', 'cut'),
        (content, cuts, mode, ending) => {
          expect(run(cut(content, cuts), mode, ending)).toEqual(run([content], mode, ending));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reads content exactly as auto mode does when the thought arrives in a field of its own', () => {
    fc.assert(
      fc.property(taggedText, fc.array(fc.nat(120), { maxLength: 30 }), (content, cuts) => {
        const separate = new ThinkTagSplitter('implicit');
        separate.markReasoningSeparate();
        const given: SplitPiece[] = [];
        for (const chunk of cut(content, cuts)) given.push(...separate.push(chunk));
        given.push(...separate.flush('stopped'));
        expect(given).toEqual(pieces(cut(content, cuts), 'auto'));
      }),
      { numRuns: 500 },
    );
  });
});
