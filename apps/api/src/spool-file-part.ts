import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { UploadedFile } from '@seer/core/node';

/**
 * The private temporary folder of one body's uploads: made on the first part that needs it, and
 * removed with everything in it by {@link SpoolFolder.dispose}.
 */
export class SpoolFolder {
  #path: Promise<string> | undefined;
  #isDisposed = false;

  /** Whether {@link SpoolFolder.dispose} has run: no new file may be started after it. */
  get isDisposed(): boolean {
    return this.#isDisposed;
  }

  /** The folder's path; the first call makes it. */
  path(): Promise<string> {
    this.#path ??= mkdtemp(join(tmpdir(), 'seer-upload-'));
    return this.#path;
  }

  /** Removes the folder and its files, waiting for a folder still being made so nothing is left behind. */
  async dispose(): Promise<void> {
    this.#isDisposed = true;
    const path = await this.#path?.catch(() => undefined);
    // A retry covers a file whose opening was already under way when its part was refused.
    if (path) await rm(path, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** One file part as it arrives: how much of it came, and how to stop taking it. */
export interface FilePart {
  name: string;
  bytes: number;
  /** Stops taking the part: what came is dropped, the rest is read past, and its file rejects. */
  refuse: (error: unknown) => void;
}

/** What {@link spoolFilePart} needs to know about a part besides its bytes. */
export interface SpoolOptions {
  /** The part's place in the body, which names its temporary file. */
  index: number;
  /** A part larger than this goes to a temporary file as it arrives instead of memory. */
  memoryBytes: number;
  folder: SpoolFolder;
  /** The part's limit now: it can tighten while the part arrives (once the text field names it). */
  limit: () => number;
  /** The error a part over its limit is refused with. */
  overLimit: () => Error;
}

/**
 * Collects one file part: in memory while it is at most `memoryBytes`; past that, the whole part goes
 * to a private temporary file as it arrives, so memory holds at most `memoryBytes` of it. The file
 * resolves once the part has ended (its bytes, or its path and size on disk), and rejects when the
 * part is refused.
 */
export function spoolFilePart(
  name: string,
  stream: Readable,
  options: SpoolOptions,
): { part: FilePart; file: Promise<UploadedFile> } {
  const { folder, limit } = options;
  let part!: FilePart;
  const file = new Promise<UploadedFile>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let output: WriteStream | undefined;
    let path: string | undefined;
    let opening: Promise<void> | undefined;
    let isRefused = false;
    part = {
      name,
      bytes: 0,
      refuse: (error) => {
        if (isRefused) return;
        isRefused = true;
        chunks.length = 0;
        output?.destroy();
        stream.resume();
        reject(error);
      },
    };
    stream.on('limit', () => part.refuse(options.overLimit()));
    stream.on('data', (chunk: Buffer) => {
      if (isRefused) return;
      part.bytes += chunk.length;
      if (part.bytes > limit()) return part.refuse(options.overLimit());
      if (output) {
        if (!output.write(chunk)) {
          stream.pause();
          output.once('drain', () => stream.resume());
        }
        return;
      }
      chunks.push(chunk);
      if (part.bytes <= options.memoryBytes || opening) return;
      // Too large for memory: from here on the part goes to disk, starting with what arrived.
      stream.pause();
      opening = (async () => {
        const directory = await folder.path();
        if (folder.isDisposed || isRefused) return;
        path = join(directory, `${options.index}-${name.replace(/[^\w.-]/g, '_')}`);
        // Buffering up to `memoryBytes` lets the chunks that arrive during a write go out together in
        // the next one, instead of one write (and one pause of the upload) per chunk.
        output = createWriteStream(path, { mode: 0o600, highWaterMark: options.memoryBytes });
        output.on('error', (error) => part.refuse(error));
        for (const piece of chunks.splice(0)) output.write(piece);
        stream.resume();
      })().catch((error) => part.refuse(error));
    });
    stream.on('error', (error) => part.refuse(error));
    stream.on('end', async () => {
      if (isRefused) return;
      await opening;
      if (isRefused) return;
      if (output && path) {
        const written = output;
        const finished = new Promise<void>((done, failed) => {
          written.once('finish', () => done());
          written.once('error', failed);
        });
        written.end();
        try {
          await finished;
        } catch (error) {
          return part.refuse(error);
        }
        resolve({ path, bytes: part.bytes });
      } else {
        resolve(new Uint8Array(Buffer.concat(chunks)));
      }
    });
  });
  return { part, file };
}
