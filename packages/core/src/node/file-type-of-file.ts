import { open } from 'node:fs/promises';
import { type FileTypeResult, fileTypeFromBuffer } from 'file-type';

/** How much of a file's start is read to tell its type: what file-type itself looks at in a buffer. */
const HEAD_BYTES = 4100;

/** The first bytes of a file, at most `length`. */
export async function readFileHead(path: string, length = HEAD_BYTES): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * A file's type by its content, from its first bytes. Not file-type's `fileTypeFromFile`: that one
 * imports `strtok3` by name at run time, which a bundled program cannot resolve.
 */
export async function fileTypeOfFile(path: string): Promise<FileTypeResult | undefined> {
  return fileTypeFromBuffer(await readFileHead(path));
}
