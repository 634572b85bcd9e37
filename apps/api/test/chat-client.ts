import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import sharp from 'sharp';
import type { RunningAPI } from './test-support';

/** The official OpenAI client pointed at a running Seer, with no retries so each test sees one attempt. */
export function openAIClient(api: RunningAPI, apiKey = 'any-key'): OpenAI {
  return new OpenAI({ baseURL: `${api.url}/v1`, apiKey, maxRetries: 0 });
}

/** A chunk as Seer streams it: OpenAI's, with the thinking and Seer's report beside. */
export type SeerChunk = ChatCompletionChunk & {
  choices: (ChatCompletionChunk['choices'][number] & {
    delta: { reasoning_content?: string };
  })[];
  seer?: Record<string, unknown> & { budget?: Record<string, unknown>; media: Record<string, unknown>[] };
};

/** What a streamed completion held, read through the OpenAI client. */
export interface ReadStream {
  chunks: SeerChunk[];
  reasoning: string;
  content: string;
  last: SeerChunk;
}

/** Reads a whole stream from the OpenAI client. */
export async function readStream(stream: AsyncIterable<ChatCompletionChunk>): Promise<ReadStream> {
  const chunks: SeerChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk as SeerChunk);
  const deltas = chunks.flatMap((chunk) =>
    chunk.choices.map((choice) => choice.delta as { content?: string | null; reasoning_content?: string }),
  );
  return {
    chunks,
    reasoning: deltas.map((delta) => delta.reasoning_content ?? '').join(''),
    content: deltas.map((delta) => delta.content ?? '').join(''),
    last: chunks.at(-1)!,
  };
}

/** A PNG of the given size as a data URL; a different shade per `seed`. */
export async function pngDataURL(width: number, height: number, seed = 0): Promise<string> {
  const shade = (seed * 40) % 256;
  const png = await sharp({
    create: { width, height, channels: 3, background: { r: shade, g: 255 - shade, b: 128 } },
  })
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** The width and height of the image inside a data URL. */
export async function sizeOfDataURL(url: string): Promise<[number, number]> {
  const meta = await sharp(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')).metadata();
  return [meta.width ?? 0, meta.height ?? 0];
}

/** One user message with the given parts, as the OpenAI client types it. */
export function userMessage(
  ...parts: Record<string, unknown>[]
): OpenAI.Chat.Completions.ChatCompletionMessageParam {
  return { role: 'user', content: parts as unknown as OpenAI.Chat.Completions.ChatCompletionContentPart[] };
}

/** A request body with Seer's or other providers' fields the OpenAI client's types do not have. */
export function withExtraFields<T extends object>(body: T, extra: Record<string, unknown>): T {
  return { ...body, ...extra };
}
