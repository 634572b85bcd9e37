import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTemplatesFolder } from '@seer/core/node';
import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAPI, readEvents, startAPI } from '../test/test-support';

const receiptTotal = {
  id: 'receipt-total',
  title: { en: 'Receipt total', zh: '小票总额' },
  description: { en: 'Adds up a photographed receipt.', zh: '把拍下的小票加总。' },
  media: { image: { min: 1, max: 1 }, video: { min: 0, max: 0 }, allowsMixing: false },
  prompt: {
    en: 'Add up every line of this receipt ({imageCount} image). {question} End with \\boxed{total}.',
    zh: '把这张小票的每一行加起来（{imageCount} 张图）。{question} 最后写出 \\boxed{总额}。',
  },
  result: 'answer',
};

function folderWith(files: Record<string, unknown>): string {
  const folder = mkdtempSync(join(tmpdir(), 'seer-templates-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(folder, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return folder;
}

describe('custom templates from SEER_TEMPLATES_DIR', () => {
  let mock: MockUpstream;
  let api: RunningAPI;
  beforeAll(async () => {
    mock = await startMockUpstream();
    const templates = loadTemplatesFolder(
      folderWith({ 'receipt-total.json': receiptTotal, 'notes.txt': 'ignored' }),
    );
    api = await startAPI({ DASHSCOPE_API_KEY: 'k', DASHSCOPE_BASE_URL: mock.url }, { templates });
  });
  afterAll(async () => {
    await api.close();
    await mock.close();
  });

  it('are listed beside the built-in ones', async () => {
    const { data } = await (await fetch(`${api.url}/v1/templates`)).json();
    expect(data.map((template: { id: string }) => template.id)).toEqual([
      'palm-reading',
      'multi-image-compare',
      'math-pattern',
      'video-narration',
      'locate',
      'freeform',
      'receipt-total',
    ]);
    expect(data[6]).toMatchObject({ title: receiptTotal.title, inputs: { question: 'optional' } });
  });

  it('run like built-in ones: their prompt after the media, their media rules, their result', async () => {
    const receipt = await sharp({ create: { width: 300, height: 600, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'Sum the lines.',
      answer: 'Total: \\boxed{42.50}',
    });
    const response = await fetch(`${api.url}/v1/analyses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        template: 'receipt-total',
        model: 'qvq-max',
        question: 'Skip the tip.',
        media: [{ type: 'image', url: `data:image/png;base64,${receipt.toString('base64')}` }],
      }),
    });
    const log = await readEvents(response);
    expect(log.events.at(-1)).toMatchObject({ type: 'finish', result: { answer: '42.50' } });
    const parts = (mock.requests[0]!.body as { messages: { content: { type: string; text?: string }[] }[] })
      .messages[0]!.content;
    expect(parts.map((part) => part.type)).toEqual(['image_url', 'text']);
    expect(parts[1]!.text).toBe(
      'Add up every line of this receipt (1 image). Skip the tip. End with \\boxed{total}.',
    );

    const refused = await fetch(`${api.url}/v1/analyses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ template: 'receipt-total', model: 'qvq-max' }),
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toContain('Receipt total needs');
  });

  it.each([
    { name: 'broken JSON', files: { 'bad.json': '{ "id": ' }, message: /bad\.json: not JSON/ },
    {
      name: 'a missing title',
      files: { 'x.json': { ...receiptTotal, title: undefined } },
      message: /x\.json: title/,
    },
    {
      name: 'an unknown field',
      files: { 'x.json': { ...receiptTotal, colour: 'red' } },
      message: /x\.json: .*colour/,
    },
    {
      name: 'a built-in id',
      files: { 'x.json': { ...receiptTotal, id: 'palm-reading' } },
      message: /already taken/,
    },
  ])('refuse $name at start-up, naming the file', ({ files, message }) => {
    expect(() => loadTemplatesFolder(folderWith(files))).toThrow(message);
  });
});
