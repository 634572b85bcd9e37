import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { type PreparedMediaInfo, type Region, RegionSchema, RequestError } from '@seer/core';
import { extractFrames } from '@seer/core/node';
import type { CommandContext } from '../command-context';
import { ExitCode, type ExitCodeValue } from '../exit-code';
import type { MediaInput } from '../media-input';
import { drawRegions } from './draw-regions';
import { readSourceImage } from './source-picture';

/** Where `--annotate` writes: the folder as resolved, and as the person typed it (for messages). */
export interface AnnotationFolder {
  path: string;
  shown: string;
}

function folderProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EEXIST') return 'a file of that name is in the way';
  if (code === 'ENOTDIR') return 'part of its path is a file, not a folder';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'permission denied';
  return (error as Error).message;
}

/**
 * Creates the `--annotate` folder (and its parents) before the run, so that a folder that cannot be
 * made fails the command before the model is paid for.
 *
 * @throws RequestError when it cannot be created.
 */
export async function prepareAnnotationFolder(shown: string, directory: string): Promise<AnnotationFolder> {
  const path = resolve(directory, shown);
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw new RequestError({
      code: 'invalid_request',
      message: `The --annotate folder ${shown} cannot be created: ${folderProblem(error)}.`,
    });
  }
  return { path, shown };
}

/** One picture to draw: an image with its regions, or one frame of a video with the regions on it. */
interface Picture {
  item: PreparedMediaInfo;
  /** The position of the frame in the item's sampled `frames`, for a video. */
  frame?: number;
  regions: Region[];
}

/** The regions of a result, grouped by the picture they are on, in the order of the media and frames. */
function picturesOf(regions: readonly Region[], media: readonly PreparedMediaInfo[]): Picture[] {
  const pictures = new Map<string, Picture>();
  for (const region of regions) {
    const item = media.find((candidate) => candidate.index === region.image);
    if (!item) continue;
    const frame = item.type === 'video' ? (region.frame ?? 0) : undefined;
    const key = `${item.index}:${frame ?? ''}`;
    const picture = pictures.get(key) ?? { item, ...(frame === undefined ? {} : { frame }), regions: [] };
    picture.regions.push(region);
    pictures.set(key, picture);
  }
  return [...pictures.values()].sort(
    (a, b) => a.item.index - b.item.index || (a.frame ?? 0) - (b.frame ?? 0),
  );
}

/** The stem of an item's file names: the input's name without its extension, or `image-<n>` for a data URL. */
function stemOf(name: string | undefined, index: number): string {
  const last = name?.startsWith('data URL') ? '' : basename((name ?? '').split(/[?#]/)[0] ?? '');
  const stem = last.slice(0, last.length - extname(last).length).replace(/[^\p{L}\p{N}._-]+/gu, '-');
  return stem === '' || stem === '.' || stem === '..' ? `media-${index + 1}` : stem;
}

/**
 * The regions of a `finish` result, checked against their schema: the result of a run on a server
 * comes over the network, and one that is not as promised is drawn as nothing rather than wrongly.
 */
export function regionsOf(result: Record<string, unknown> | undefined): Region[] {
  const parsed = RegionSchema.array().safeParse(result?.regions);
  return parsed.success ? parsed.data : [];
}

/** What {@link writeAnnotations} draws from. */
export interface AnnotationRun {
  /** The `finish` event's result: its `regions` and `regionsDropped`. */
  result: Record<string, unknown> | undefined;
  /** The media as prepared, from the `media` events. */
  media: readonly PreparedMediaInfo[];
  input: MediaInput;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * `--annotate`: writes each picture the answer marked, upright at its original size with its regions
 * drawn, as `<name>.annotated.png` in `folder` (for a video, the frame the model saw, taken again with
 * ffmpeg, as `<name>.frame-<n>.annotated.png`, `n` counted from 1 as the answer counts frames). Says on
 * stderr what it wrote, or that there was nothing to draw. A picture that cannot be drawn is reported
 * and the others are still written. Resolves with the exit code: 1 when some picture was not written.
 */
export async function writeAnnotations(
  run: AnnotationRun,
  folder: AnnotationFolder,
  context: CommandContext,
): Promise<ExitCodeValue> {
  const say = (line: string) => context.stderr.write(`seer: ${line}\n`);
  const dropped = typeof run.result?.regionsDropped === 'number' ? run.result.regionsDropped : 0;
  const pictures = picturesOf(regionsOf(run.result), run.media);
  if (pictures.length === 0) {
    const why = dropped > 0 ? ` (${plural(dropped, 'mark')} could not be placed)` : '';
    say(`the answer marked no regions${why}, so --annotate wrote nothing.`);
    return ExitCode.success;
  }
  const taken = new Set<string>();
  let failed = 0;
  for (const picture of pictures) {
    const { item } = picture;
    const name = run.input.names[item.index];
    const frameTag = picture.frame === undefined ? '' : `.frame-${picture.frame + 1}`;
    let file = `${stemOf(name, item.index)}${frameTag}.annotated.png`;
    if (taken.has(file)) file = `${stemOf(name, item.index)}-${item.index + 1}${frameTag}.annotated.png`;
    taken.add(file);
    const shownFile = join(folder.shown, file);
    try {
      const png = await drawPicture(picture, run.input);
      await writeFile(join(folder.path, file), png);
      const where = picture.frame === undefined ? '' : ` frame ${picture.frame + 1}`;
      say(`marked ${plural(picture.regions.length, 'region')} on ${name}${where}: ${shownFile}`);
    } catch (error) {
      failed++;
      say(`could not write ${shownFile}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (dropped > 0)
    say(
      `note: ${plural(dropped, 'mark')} could not be placed and ${dropped === 1 ? 'is' : 'are'} not drawn.`,
    );
  return failed > 0 ? ExitCode.request : ExitCode.success;
}

async function drawPicture(picture: Picture, input: MediaInput): Promise<Buffer> {
  const { item } = picture;
  const size = { width: item.originalWidth ?? item.width, height: item.originalHeight ?? item.height };
  const source = input.items[item.index];
  const location = input.locations[item.index] ?? '';
  const field = source && 'file' in source ? source.file : undefined;
  const bytes = field === undefined ? undefined : input.files.get(field);
  if (item.type === 'image')
    return drawRegions(await readSourceImage(location, bytes), size, picture.regions);
  if (!bytes)
    throw new Error('frames of a video given by URL are not taken again; only local videos are annotated');
  const sampled = item.frames?.[picture.frame ?? 0];
  if (!sampled) throw new Error('the video has no sampled frame to draw on');
  // The very frame the model saw, taken again the way Seer sampled it, at the video's own size.
  const [frame] = await extractFrames({ path: location, frameIndices: [sampled.index], ...size });
  if (!frame) throw new Error('ffmpeg gave no frame');
  return drawRegions(frame, size, picture.regions);
}
