import http from 'node:http';
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';

/** What the client saw of one streamed response. */
export interface StreamOutcome {
  /** The HTTP status; 0 when there was no answer. */
  status: number;
  /** From sending the request to the first reasoning or answer text; undefined when none came. */
  firstTokenMs?: number;
  /** The stream ended as it should (the API's `finish` event, `[DONE]` after a finish reason), with no error. */
  isComplete: boolean;
}

/** How to read one kind of stream as raw text: where its first token is, how it ends well, how it fails. */
export interface StreamDialect {
  firstToken: RegExp;
  end: string;
  error?: string;
}

/** Seer's own events (`POST /v1/analyses`). */
export const analysisEvents: StreamDialect = {
  firstToken: /event: (?:reasoning|text)-delta\n/,
  end: 'event: finish\n',
  error: 'event: error\n',
};

/**
 * OpenAI's chat-completion chunks, from the provider or from Seer's `/v1/chat/completions`. The role
 * chunk comes first with an empty `content`; the first chunk with text carries `reasoning_content`. A
 * stream that fails midway ends with an error in OpenAI's shape, then `[DONE]`.
 */
export const chatChunks: StreamDialect = {
  firstToken: /"(?:reasoning_)?content":"[^"]/,
  end: 'data: [DONE]',
  error: 'data: {"error":',
};

/**
 * POSTs JSON with Node's http client and reads the streamed answer as text, timing its first token.
 * Its agent says plainly how many connections it opens, and it costs every path it is used on the same.
 */
export function postStream(
  agent: http.Agent,
  url: string,
  body: string,
  dialect: StreamDialect,
  onFirstToken: () => void = () => {},
): Promise<StreamOutcome> {
  return new Promise((resolve) => {
    const sentAt = performance.now();
    let firstTokenMs: number | undefined;
    let text = '';
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.setEncoding('utf8');
        response.on('data', (piece: string) => {
          text += piece;
          if (firstTokenMs === undefined && dialect.firstToken.test(text)) {
            firstTokenMs = performance.now() - sentAt;
            onFirstToken();
          }
        });
        response.on('end', () => {
          const isComplete =
            response.statusCode === 200 &&
            text.includes(dialect.end) &&
            !(dialect.error !== undefined && text.includes(dialect.error));
          resolve({
            status: response.statusCode ?? 0,
            isComplete,
            ...(firstTokenMs === undefined ? {} : { firstTokenMs }),
          });
        });
        response.on('error', () => resolve({ status: response.statusCode ?? 0, isComplete: false }));
      },
    );
    request.on('error', () => resolve({ status: 0, isComplete: false }));
    request.setTimeout(60_000, () => request.destroy());
    request.end(body);
  });
}

/**
 * An openai SDK client as an application makes one: once, then reused with its connections. No
 * retries, so that a failed request counts as an error instead of being tried again.
 */
export function openAIClient(baseURL: string): OpenAI {
  return new OpenAI({ baseURL, apiKey: 'bench', maxRetries: 0, timeout: 60_000, logLevel: 'off' });
}

/** The text a chunk's delta carries: `reasoning_content` is not in the SDK's types, but the SDK keeps it. */
interface ReasoningDelta {
  content?: string | null;
  reasoning_content?: string | null;
}

/**
 * Streams one chat completion with the openai SDK (`stream: true`), timing its first token from the
 * call to the first chunk the SDK yields with reasoning or answer text. Complete when the SDK read the
 * stream to its end without raising and a chunk gave a finish reason.
 */
export async function openAIStream(
  client: OpenAI,
  body: ChatCompletionCreateParamsStreaming,
  onFirstToken: () => void = () => {},
): Promise<StreamOutcome> {
  const sentAt = performance.now();
  let firstTokenMs: number | undefined;
  let isFinished = false;
  let status = 0;
  const timing = () => (firstTokenMs === undefined ? {} : { firstTokenMs });
  try {
    const stream = await client.chat.completions.create(body);
    status = 200;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      const delta = choice?.delta as ReasoningDelta | undefined;
      if (firstTokenMs === undefined && (delta?.reasoning_content || delta?.content)) {
        firstTokenMs = performance.now() - sentAt;
        onFirstToken();
      }
      if (choice?.finish_reason) isFinished = true;
    }
    return { status, isComplete: isFinished, ...timing() };
  } catch (error) {
    // An error the stream ends with carries no status of its own: the response's 200 stays.
    const errorStatus = error instanceof OpenAI.APIError ? error.status : undefined;
    return { status: errorStatus ?? status, isComplete: false, ...timing() };
  }
}
