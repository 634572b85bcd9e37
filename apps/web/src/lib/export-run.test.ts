import { describe, expect, test } from 'vitest';
import { annotatedSize } from './annotate-picture';
import {
  annotatedPictures,
  exportFileName,
  picturesToAnnotate,
  runToJSON,
  runToMarkdown,
} from './export-run';
import { sampleRun } from './history-fixtures';

describe('runToMarkdown', () => {
  test('writes the task, the question, the thinking, the answer and the usage', () => {
    expect(runToMarkdown(sampleRun(), 'en', 'UTC')).toBe(
      [
        '# Math patterns — Demo model',
        '',
        '- Date: 2025-03-04 14:05',
        '- Model: demo',
        '- Task: math-pattern',
        '- Locale: en',
        '- Status: finished (stop)',
        '- Media:',
        '  - puzzle.png (image, 64×48, 1.2 KB; sent 56×56, 4 tokens)',
        '',
        '## Question',
        '',
        'What comes next?',
        '',
        '## Thinking (12.3 s, 3,412 tokens)',
        '',
        '> First, 3 + 7 = 10.',
        '>',
        '> # Not a heading of the export',
        '',
        '## Answer',
        '',
        'The missing number is **10**.',
        '',
        '## Usage',
        '',
        '- Input: 1,200 tokens',
        '- Output: 3,500 tokens',
        '- Reasoning: 3,412 tokens',
        '- Time: 15.0 s',
        '',
        '## Result',
        '',
        '```json',
        '{',
        '  "answer": 10',
        '}',
        '```',
        '',
      ].join('\n'),
    );
  });

  test('uses the Chinese title in Chinese, and says how a failed run ended', () => {
    const run = sampleRun({
      status: 'failed',
      reasoning: '',
      answer: '',
      question: undefined,
      usage: undefined,
      timing: undefined,
      finishReason: undefined,
      result: undefined,
      reasoningEnd: undefined,
      media: [],
      error: { code: 'upstream_error', message: 'The model failed.', isRetryable: true },
    });
    const markdown = runToMarkdown(run, 'zh', 'UTC');
    expect(markdown.split('\n')[0]).toBe('# 数字规律 — Demo model');
    expect(markdown).not.toContain('## Thinking');
    expect(markdown).not.toContain('## Question');
    expect(markdown).not.toContain('## Usage');
    expect(markdown).toContain('## Answer\n\n_No answer._\n');
    expect(markdown).toContain('## Error\n\nThe model failed. (`upstream_error`)\n');
  });

  test('fences a result that holds backticks with a longer fence', () => {
    const markdown = runToMarkdown(sampleRun({ result: { code: '```js' } }), 'en', 'UTC');
    expect(markdown).toContain('````json\n');
  });
});

describe('runToJSON and exportFileName', () => {
  test('the JSON export is the saved object', () => {
    const run = sampleRun();
    expect(JSON.parse(runToJSON(run))).toEqual(run);
  });

  test('names the file by task and time', () => {
    expect(exportFileName(sampleRun(), 'md', 'UTC')).toBe('seer-math-pattern-2025-03-04-1405.md');
    expect(exportFileName(sampleRun(), 'json', 'UTC')).toBe('seer-math-pattern-2025-03-04-1405.json');
  });
});

describe('annotated pictures', () => {
  const [puzzle] = sampleRun().media;
  const marked = sampleRun({
    media: [{ ...puzzle!, markedWidth: 64, markedHeight: 48 }],
    result: {
      answer: '10',
      regions: [{ image: 0, label: 'the gap', box: [10, 10, 30, 30], span: [0, 5] }],
      regionsDropped: 0,
    },
  });

  test('a photo with regions and a preview gets a PNG beside the Markdown, which shows it', () => {
    expect(annotatedPictures(marked, 'UTC')).toEqual([
      { image: 0, name: 'puzzle.png', fileName: 'seer-math-pattern-2025-03-04-1405-picture-1.png' },
    ]);
    expect(runToMarkdown(marked, 'en', 'UTC')).toContain(
      '## Marked pictures\n\n![puzzle.png, marked](seer-math-pattern-2025-03-04-1405-picture-1.png)\n',
    );
  });

  test('none without regions, without a preview to draw on, or without the size the regions are in', () => {
    expect(annotatedPictures(sampleRun(), 'UTC')).toEqual([]);
    expect(runToMarkdown(sampleRun(), 'en', 'UTC')).not.toContain('Marked pictures');
    const [media] = marked.media;
    const { thumbnail: _thumbnail, ...withoutPreview } = media!;
    expect(annotatedPictures({ ...marked, media: [withoutPreview] }, 'UTC')).toEqual([]);
    expect(annotatedPictures({ ...marked, media: sampleRun().media }, 'UTC')).toEqual([]);
  });
});

describe('the pictures the PNGs are drawn on', () => {
  const [puzzle] = sampleRun().media;
  const run = sampleRun({ media: [{ ...puzzle!, markedWidth: 64, markedHeight: 48 }] });

  test('the run’s own picture when the page still has it, in the size the regions are in', () => {
    expect(picturesToAnnotate(run, [{ kind: 'image', name: 'puzzle.png', url: 'blob:full' }])).toEqual([
      { kind: 'image', name: 'puzzle.png', url: 'blob:full', size: { width: 64, height: 48 } },
    ]);
  });

  test('else the saved preview', () => {
    for (const captured of [undefined, [], [{ kind: 'image' as const, name: 'puzzle.png' }]]) {
      expect(picturesToAnnotate(run, captured)).toEqual([
        { kind: 'image', name: 'puzzle.png', url: puzzle!.thumbnail, size: { width: 64, height: 48 } },
      ]);
    }
  });

  test('a small picture is scaled up to 640 px on its longer side, a big one down to 2048 px', () => {
    expect(annotatedSize(160, 120)).toEqual({ width: 640, height: 480 });
    expect(annotatedSize(800, 512)).toEqual({ width: 800, height: 512 });
    expect(annotatedSize(3000, 4000)).toEqual({ width: 1536, height: 2048 });
  });
});
