import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { RequestError } from '../errors';
import type { EvalItem } from '../eval/record';
import { fileTypeOfFile } from './file-type-of-file';

/** One item of a data set, with where its image was found and where the item was written. */
export interface DatasetItem extends EvalItem {
  /** The image's absolute path. */
  imagePath: string;
  /** The item's line in the JSONL file, from 1. */
  line: number;
}

/** A data set checked and ready to run. */
export interface EvalDataset {
  /** The JSONL file's absolute path. */
  path: string;
  items: DatasetItem[];
  /** SHA-256 of the JSONL file and every image it names, in order: a run is tied to exactly this content. */
  sha256: string;
}

/** The fields Seer reads from a MathVision-format line; others (`solution`, …) are allowed and ignored. */
const ItemLineSchema = z.object({
  id: z.union([z.string().min(1), z.number()]),
  question: z.string().min(1),
  options: z.array(z.union([z.string(), z.number()])).default([]),
  answer: z.union([z.string().min(1), z.number()]),
  image: z.string().min(1),
  level: z.number().int().optional().nullable(),
  subject: z.string().optional().nullable(),
});

/** How many problems a refusal lists before it says how many more there are. */
const MAX_LISTED_PROBLEMS = 12;

/** The image kinds an item's picture may be in (judged by its first bytes). */
const IMAGE_TYPES = new Set(['jpg', 'png', 'webp', 'gif', 'bmp', 'tif', 'avif', 'heic']);

/**
 * Where an item's image is: relative to the JSONL's folder (Seer's generated sets), or to the data
 * set's root one folder up (MathVision's own layout: `data/test.jsonl` beside `images/`), or absolute.
 */
function findImage(image: string, jsonlFolder: string, imagesRoot: string | undefined): string | undefined {
  if (isAbsolute(image)) return existsSync(image) ? image : undefined;
  const candidates = [
    ...(imagesRoot ? [resolve(imagesRoot, image)] : []),
    resolve(jsonlFolder, image),
    resolve(jsonlFolder, '..', image),
  ];
  return candidates.find((candidate) => existsSync(candidate));
}

/**
 * Reads a MathVision-format data set (a JSONL file: `id`, `question` with `<image1>` placeholders,
 * `options`, `answer`, `image`, `level`, `subject`) and checks all of it before anything is sent: every
 * line parses and has the fields, no id repeats, and every image exists and is an image. All problems
 * are reported at once, each with its file and line.
 *
 * @throws RequestError `invalid_dataset` listing the problems.
 */
export async function loadEvalDataset(
  path: string,
  options: { imagesRoot?: string } = {},
): Promise<EvalDataset> {
  const absolute = resolve(path);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch {
    throw new RequestError({ code: 'invalid_dataset', message: `There is no data set file at ${absolute}.` });
  }
  const folder = dirname(absolute);
  const problems: string[] = [];
  const items: DatasetItem[] = [];
  const seen = new Map<string, number>();
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    if (raw.trim() === '') continue;
    const where = `${absolute}:${line}`;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      problems.push(`${where}: not a JSON object`);
      continue;
    }
    const parsed = ItemLineSchema.safeParse(json);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || 'the line'))];
      problems.push(`${where}: ${fields.join(', ')} missing or of the wrong kind`);
      continue;
    }
    const item = parsed.data;
    const id = String(item.id);
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      problems.push(`${where}: id "${id}" repeats line ${earlier}`);
      continue;
    }
    seen.set(id, line);
    const choices = item.options.map(String);
    const answer = String(item.answer).trim();
    if (choices.length > 0 && !/^[A-H]$/.test(answer)) {
      problems.push(`${where}: a multiple-choice answer must be an option letter, not "${answer}"`);
      continue;
    }
    const imagePath = findImage(item.image, folder, options.imagesRoot);
    if (!imagePath) {
      problems.push(`${where}: image ${item.image} not found beside the file or in its parent folder`);
      continue;
    }
    items.push({
      id,
      question: item.question,
      options: choices,
      answer,
      image: item.image,
      imagePath,
      line,
      ...(item.level == null ? {} : { level: item.level }),
      ...(item.subject == null ? {} : { subject: item.subject }),
    });
  }
  if (items.length === 0 && problems.length === 0) problems.push(`${absolute}: no items`);
  const hash = createHash('sha256').update(text);
  for (const item of items) {
    const type = await fileTypeOfFile(item.imagePath);
    if (!type || !IMAGE_TYPES.has(type.ext)) {
      problems.push(`${absolute}:${item.line}: ${item.image} is not an image`);
      continue;
    }
    hash.update(await readFile(item.imagePath));
  }
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
    const more = problems.length - listed.length;
    throw new RequestError({
      code: 'invalid_dataset',
      message: `The data set has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was sent.\n${listed.join('\n')}${more > 0 ? `\n… and ${more} more` : ''}`,
      details: { problems },
    });
  }
  return { path: absolute, items, sha256: hash.digest('hex') };
}
