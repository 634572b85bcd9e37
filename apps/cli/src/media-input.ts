import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { type MediaItem, RequestError } from '@seer/core';
import { fileTypeFromBuffer } from 'file-type';

/** The media named on the command line, as request items plus the file bytes they refer to. */
export interface MediaInput {
  /** One item per argument, in order; local files are `{type, file: 'file<n>'}` entries of `files`. */
  items: MediaItem[];
  /** The bytes of local files by field name, as multipart uploads arrive at the API. */
  files: Map<string, Uint8Array>;
  /** A short name per item for tables and messages: the file name, or the URL. */
  names: string[];
  /** Where each item came from: a local file's absolute path, or the URL as given. */
  locations: string[];
}

const VIDEO_EXTENSIONS = new Set(['.mp4', '.m4v', '.mov', '.webm', '.mkv', '.avi', '.mpg', '.mpeg', '.3gp']);
const URL_PATTERN = /^(https?:|data:)/i;

function kindFromExtension(name: string): 'image' | 'video' {
  return VIDEO_EXTENSIONS.has(extname(name).toLowerCase()) ? 'video' : 'image';
}

/**
 * Images and videos are told apart by their bytes, as the API does; the extension only decides when the
 * content is not recognised, and then core refuses what it cannot read with a clear message.
 */
async function kindOfBytes(bytes: Uint8Array, name: string): Promise<'image' | 'video'> {
  const type = await fileTypeFromBuffer(bytes);
  if (!type) return kindFromExtension(name);
  return type.mime.startsWith('video/') || type.mime === 'application/x-matroska' ? 'video' : 'image';
}

function kindOfURL(url: string): 'image' | 'video' {
  if (url.toLowerCase().startsWith('data:'))
    return url.toLowerCase().startsWith('data:video/') ? 'video' : 'image';
  try {
    return kindFromExtension(new URL(url).pathname);
  } catch {
    return 'image';
  }
}

async function readLocalFile(path: string, shown: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? `there is no file ${shown}`
        : code === 'EISDIR'
          ? `${shown} is a folder, not a file`
          : code === 'EACCES' || code === 'EPERM'
            ? `${shown} cannot be read (permission denied)`
            : `${shown} cannot be read (${(error as Error).message})`;
    throw new RequestError({
      code: 'invalid_request',
      message: `${reason[0]!.toUpperCase()}${reason.slice(1)}.`,
    });
  }
}

/**
 * Reads the media arguments of a command: local paths (resolved against `directory`) are read from disk
 * and passed as multipart-style files; `http(s):` and `data:` URLs are passed through for core to fetch.
 *
 * @throws RequestError when a file is missing, unreadable or empty.
 */
export async function readMediaInput(paths: readonly string[], directory: string): Promise<MediaInput> {
  const items: MediaItem[] = [];
  const files = new Map<string, Uint8Array>();
  const names: string[] = [];
  const locations: string[] = [];
  for (const [index, argument] of paths.entries()) {
    if (URL_PATTERN.test(argument)) {
      items.push({ type: kindOfURL(argument), url: argument });
      names.push(argument.toLowerCase().startsWith('data:') ? `data URL ${index + 1}` : argument);
      locations.push(argument);
      continue;
    }
    const path = resolve(directory, argument);
    const bytes = await readLocalFile(path, argument);
    if (bytes.length === 0) {
      throw new RequestError({ code: 'invalid_request', message: `${argument} is an empty file.` });
    }
    const field = `file${index}`;
    files.set(field, bytes);
    items.push({ type: await kindOfBytes(bytes, argument), file: field });
    names.push(basename(argument));
    locations.push(path);
  }
  return { items, files, names, locations };
}
