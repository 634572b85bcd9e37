import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type APIServer, startAPIServer } from '@seer/test-setup';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeOutcome, HOSTILE_CEILINGS, type HostileOutcome, runHostile } from '../test/hostile-support';

const BOUNDARY = 'seer-hostile-boundary';
const MB = 1024 * 1024;

/**
 * One part of a hand-made multipart body: text, or a file of `bytes`, of `megabytes` of zeros, or of
 * `chunks` as they come.
 */
type Part =
  | { name: string; text: string }
  | { name: string; bytes: Uint8Array }
  | { name: string; megabytes: number }
  | { name: string; chunks: Iterable<Uint8Array> };

const zeros = new Uint8Array(MB);

/** The bytes of a multipart body, one piece at a time: a large file is a shared 1 MB chunk repeated. */
function* multipartPieces(parts: Iterable<Part>): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  for (const part of parts) {
    const isFile = !('text' in part);
    const disposition = `form-data; name="${part.name}"${isFile ? `; filename="${part.name}.bin"` : ''}`;
    const type = isFile ? '\r\ncontent-type: application/octet-stream' : '';
    yield encoder.encode(`--${BOUNDARY}\r\ncontent-disposition: ${disposition}${type}\r\n\r\n`);
    if ('text' in part) yield encoder.encode(part.text);
    else if ('bytes' in part) yield part.bytes;
    else if ('chunks' in part) yield* part.chunks;
    else for (let index = 0; index < part.megabytes; index++) yield zeros;
    yield encoder.encode('\r\n');
  }
  yield encoder.encode(`--${BOUNDARY}--\r\n`);
}

/** The pieces gathered into chunks of at least 64 kB, so that many small parts cost few writes. */
function* inChunks(pieces: Iterable<Uint8Array>): Generator<Uint8Array> {
  let gathered: Uint8Array[] = [];
  let bytes = 0;
  for (const piece of pieces) {
    gathered.push(piece);
    bytes += piece.byteLength;
    if (bytes < 64 * 1024) continue;
    yield gathered.length === 1 ? piece : Buffer.concat(gathered);
    gathered = [];
    bytes = 0;
  }
  if (gathered.length > 0) yield Buffer.concat(gathered);
}

/** Options of {@link postMultipart}. */
interface PostOptions {
  /** Declare the body's length, as a browser does, rather than send it in chunks of unknown total. */
  isDeclared?: boolean;
  signal?: AbortSignal;
}

/**
 * Posts a multipart body to `path` on a connection of its own, streamed from `parts` so that this
 * process holds one piece at a time. A connection of its own: the server closes one whose body it
 * refused to read, and a kept-alive connection reused by the next case could meet that close.
 */
function postMultipart(
  api: APIServer,
  path: string,
  pieces: () => Iterable<Uint8Array>,
  { isDeclared = false, signal }: PostOptions = {},
): Promise<Response> {
  let length = 0;
  if (isDeclared) for (const piece of pieces()) length += piece.byteLength;
  return new Promise((resolve, reject) => {
    const headers = {
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      ...(isDeclared ? { 'content-length': length } : {}),
    };
    const source = Readable.from(inChunks(pieces()), { objectMode: false });
    let hasAnswer = false;
    // An agent of its own, that keeps the connection alive as browsers do: a client that says
    // `Connection: close` has the connection closed under it as soon as it is answered, its body unread.
    const agent = new Agent({ keepAlive: true });
    const call = request(
      `${api.url}${path}`,
      { method: 'POST', agent, headers, ...(signal ? { signal } : {}) },
      (response) => {
        // As curl and browsers do: once the server has answered, the rest of the body is not sent, and
        // the server closing the connection on a body it refused is no failure.
        hasAnswer = true;
        source.unpipe(call);
        source.destroy();
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('close', () => {
          resolve(new Response(Buffer.concat(chunks), { status: response.statusCode ?? 0 }));
          call.destroy();
          agent.destroy();
        });
      },
    );
    call.on('error', (error) => {
      agent.destroy();
      if (!hasAnswer) reject(error);
    });
    source.pipe(call);
  });
}

/** The four assertions every case is held to, each with the figures in its message. */
function expectWithinCeilings(outcome: HostileOutcome, status: number, code?: string): void {
  const message = describeOutcome(outcome);
  expect(outcome.status, message).toBe(status);
  expect(outcome.slowestHealthzMs, message).toBeLessThanOrEqual(HOSTILE_CEILINGS.healthzMs);
  expect(outcome.peakRSSDeltaMB, message).toBeLessThanOrEqual(HOSTILE_CEILINGS.peakRSSMB);
  expect(outcome.settledRSSDeltaMB, message).toBeLessThanOrEqual(HOSTILE_CEILINGS.settledRSSMB);
  if (code !== undefined) expect(JSON.parse(outcome.body).error.code, message).toBe(code);
}

/** A request naming one image file, `photo`, and the parts after it: 22 files of 24 MB no item names. */
function* unnamedLargeParts(): Generator<Part> {
  yield { name: 'request', text: JSON.stringify({ media: [{ type: 'image', file: 'photo' }] }) };
  for (let index = 0; index < 22; index++) yield { name: `junk${index}`, megabytes: 24 };
}

/** An uncompressed PNG of noise: a picture over the size uploads are kept in memory up to. */
function noisePNG(): Promise<Buffer> {
  const noise = { type: 'gaussian' as const, mean: 128, sigma: 30 };
  return sharp({ create: { width: 1024, height: 512, channels: 3, background: '#808080', noise } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

describe('hostile multipart bodies', () => {
  let api: APIServer;
  // The API's own temporary folder, so that a case can tell whether an upload was left on disk.
  let temporary: string;
  const uploadsLeft = async () =>
    (await readdir(temporary)).filter((entry) => entry.startsWith('seer-upload-'));
  beforeAll(async () => {
    temporary = await mkdtemp(join(tmpdir(), 'seer-hostile-multipart-'));
    api = await startAPIServer({ NODE_ENV: 'test', TMPDIR: temporary });
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await rm(temporary, { recursive: true, force: true });
  }, 60_000);
  afterEach(async () => {
    // However a request ended, its uploads are gone once it has been answered (or the client left).
    await expect.poll(uploadsLeft, { timeout: 2000, interval: 50 }).toEqual([]);
  });

  it('a 1 MB request field followed by 10,000 one-byte parts is refused at the first part', async () => {
    const requestField = JSON.stringify({
      template: 'freeform',
      question: 'What is in the pictures?',
      media: [
        { type: 'image', file: 'photo' },
        { type: 'image', url: `data:image/png;base64,${'A'.repeat(MB - 1024)}` },
      ],
    });
    // Made whole beforehand, so that making it does not hold this process while /healthz is timed.
    const body = Buffer.concat([
      ...multipartPieces(
        (function* (): Generator<Part> {
          yield { name: 'request', text: requestField };
          for (let index = 0; index < 10_000; index++) yield { name: `p${index}`, bytes: new Uint8Array(1) };
        })(),
      ),
    ]);
    const outcome = await runHostile(api, () =>
      postMultipart(api, '/v1/analyses', () => [body], { isDeclared: true }),
    );
    expectWithinCeilings(outcome, 400, 'invalid_request');
    expect(JSON.parse(outcome.body).error.message).toContain('"p0"');
  });

  it('22 parts of 24 MB that no media item names are refused without being held', async () => {
    const outcome = await runHostile(api, () =>
      postMultipart(api, '/v1/preprocess', () => multipartPieces(unnamedLargeParts()), { isDeclared: true }),
    );
    expectWithinCeilings(outcome, 400, 'invalid_request');
    expect(JSON.parse(outcome.body).error.message).toContain('"junk0"');
  });

  it('four such requests at once, in chunks of no declared length', async () => {
    const statuses: number[] = [];
    const outcome = await runHostile(api, async () => {
      const responses = await Promise.all(
        Array.from({ length: 4 }, () =>
          postMultipart(api, '/v1/preprocess', () => multipartPieces(unnamedLargeParts())),
        ),
      );
      for (const response of responses.slice(1)) {
        statuses.push(response.status);
        await response.body?.cancel();
      }
      return responses[0]!;
    });
    expectWithinCeilings(outcome, 400, 'invalid_request');
    expect(statuses).toEqual([400, 400, 400]);
  });

  it('a client that goes away half-way through a named file leaves nothing on disk', async () => {
    const client = new AbortController();
    const outcome = await runHostile(api, () =>
      postMultipart(
        api,
        '/v1/preprocess',
        () =>
          multipartPieces(
            (function* (): Generator<Part> {
              yield { name: 'request', text: JSON.stringify({ media: [{ type: 'video', file: 'clip' }] }) };
              yield {
                name: 'clip',
                chunks: (function* () {
                  for (let megabyte = 0; megabyte < 200; megabyte++) {
                    // Gone once 40 MB of the clip are on the server's disk.
                    if (megabyte === 40) client.abort();
                    yield zeros;
                  }
                })(),
              };
            })(),
          ),
        { signal: client.signal },
      ),
    );
    expectWithinCeilings(outcome, 0);
  });

  it('a sane upload, a picture the request names, still works, streamed or with a declared length', async () => {
    const picture = new Uint8Array(await noisePNG());
    const streamed = await runHostile(api, () =>
      postMultipart(api, '/v1/preprocess', () =>
        multipartPieces([
          { name: 'request', text: JSON.stringify({ media: [{ type: 'image', file: 'photo' }] }) },
          { name: 'photo', bytes: picture },
        ]),
      ),
    );
    expectWithinCeilings(streamed, 200);
    expect(JSON.parse(streamed.body).media[0]).toMatchObject({ originalWidth: 1024, originalHeight: 512 });

    // As a browser sends it: a FormData, with the files before the request field.
    const form = new FormData();
    form.set('photo', new Blob([picture]), 'photo.png');
    form.set('request', JSON.stringify({ media: [{ type: 'image', file: 'photo' }] }));
    const declared = await runHostile(api, () =>
      fetch(`${api.url}/v1/preprocess`, { method: 'POST', body: form }),
    );
    expectWithinCeilings(declared, 200);
  });
});
