import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChatRequestMessageSchema, type SeerChatOptions } from '../contract/chat-completions-request';
import { RequestError } from '../errors';
import { chatLocale } from './chat-locale';
import { readConversation as readMessages, turnMedia, turnText } from './read-conversation';

/** Reads messages as the request schema validates them. */
const readConversation = (messages: unknown, options?: SeerChatOptions) =>
  readMessages(z.array(ChatRequestMessageSchema).parse(messages), options);

const image = (url: string, detail?: string) => ({
  type: 'image_url' as const,
  image_url: { url, ...(detail ? { detail } : {}) },
});

describe('readConversation', () => {
  it('keeps the client order of text and media, and reads every media form', () => {
    const conversation = readConversation(
      [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Use metric units.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare' },
            image('data:image/png;base64,AA', 'high'),
            { type: 'image_url', image_url: 'https://example.com/b.png' },
            { type: 'video_url', video_url: { url: 'https://example.com/c.mp4' } },
            { type: 'video', video: 'https://example.com/d.mp4', fps: 1 },
            { type: 'video', video: ['https://example.com/1.png', 'https://example.com/2.png'] },
          ],
        },
        { role: 'assistant', content: null },
        { role: 'assistant', content: [{ type: 'refusal', refusal: 'No.' }] },
        { role: 'user', content: 'Why?' },
      ],
      { detail: 'auto', fps: 0.5 },
    );
    expect(conversation.instructions).toBe('Be brief.\n\nUse metric units.');
    expect(conversation.media).toEqual([
      { kind: 'item', item: { type: 'image', url: 'data:image/png;base64,AA', detail: 'high' } },
      { kind: 'item', item: { type: 'image', url: 'https://example.com/b.png', detail: 'auto' } },
      { kind: 'item', item: { type: 'video', url: 'https://example.com/c.mp4', fps: 0.5 } },
      { kind: 'item', item: { type: 'video', url: 'https://example.com/d.mp4', fps: 1 } },
      { kind: 'frames', urls: ['https://example.com/1.png', 'https://example.com/2.png'], fps: 0.5 },
    ]);
    expect(conversation.turns.map((turn) => turn.role)).toEqual(['user', 'assistant', 'user']);
    expect(turnMedia(conversation.turns[0]!)).toEqual([0, 1, 2, 3, 4]);
    expect(turnText(conversation.turns[1]!)).toBe('No.');
    expect(turnText(conversation.turns[2]!)).toBe('Why?');
  });

  it.each([
    {
      messages: [{ role: 'tool' as const, content: 'x' }],
      param: 'messages.0.role',
      words: /does not call tools/,
    },
    {
      messages: [{ role: 'system' as const, content: 'x' }],
      param: 'messages.0.role',
      words: /last message/,
    },
    {
      messages: [{ role: 'user' as const, content: '  ' }],
      param: 'messages.0.content',
      words: /no text, image or video/,
    },
    {
      messages: [
        {
          role: 'user' as const,
          content: Array.from({ length: 17 }, () => image('data:image/png;base64,AA')),
        },
      ],
      param: 'messages',
      words: /at most 16/,
    },
  ])('refuses $param with a sentence', ({ messages, param, words }) => {
    let error: unknown;
    try {
      readConversation(messages);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ status: 400, details: { param }, message: expect.stringMatching(words) });
  });
});

describe('chatLocale', () => {
  it('takes the asked locale, else guesses Chinese from the text', () => {
    expect(chatLocale('en', '这是什么？')).toBe('en');
    expect(chatLocale(undefined, '这张图里有几个苹果？')).toBe('zh');
    expect(chatLocale(undefined, 'How many apples? 苹果')).toBe('en');
  });
});
