import { planImage, SeerError } from '@seer/core';
import type { PreprocessedMedia } from '../api/seer-api';
import { describeSkippedFiles } from './describe-skipped-files';
import { decodableFile, ImageRenders, type ImageTools } from './image-renders';
import { type MediaItem, toMediaItem, uploadName } from './media-item';
import type { PricedModel } from './plan-media';
import type { RenderedImage } from './render-image';
import { fitWithin, type Size } from './resize-steps';
import { type SampleVideo, VideoSamplings } from './video-samplings';

/** A model to plan for, with its id (for the server's help with files the browser cannot read). */
export type MediaModel = PricedModel & { id: string };

/** A file to send with an analysis, and what kind of media item it is. */
export interface MediaUpload {
  kind: 'image' | 'video';
  file: File;
}

/** The media items at one moment, and the sentences about files that were not added. */
export interface MediaItemsSnapshot {
  items: MediaItem[];
  /** A sentence about files that were not added, and why. */
  notice?: string | undefined;
  /** The server's reasons for refusing videos (no video stream, too long, unreadable), by file. */
  refusal?: string | undefined;
}

/** The browser's and the server's part of preparing media, handed in so that the store runs anywhere. */
export interface MediaTools extends ImageTools {
  /** Has the server measure an image the browser cannot decode, and make its preview. */
  preprocessImage: (file: File, modelId: string | undefined) => Promise<PreprocessedMedia>;
  /** Has the server sample a video's frames for a model (undefined: the server's default). */
  sampleVideo: SampleVideo;
  createObjectURL: (blob: Blob) => string;
  revokeObjectURL: (url: string) => void;
}

/** The longer side of previews: twice their displayed size, for sharp previews on phones. */
const PREVIEW_SIDE = 160;
const PREVIEW_QUALITY = 0.8;

function describeFailure(error: unknown): string {
  if (SeerError.isInstance(error)) return error.message;
  return 'it could not be read as an image.';
}

/**
 * The photos and videos the person added, made ready for the model; React reads it through
 * `subscribe` and `getSnapshot`. A photo is decoded upright, previewed, and resized to the plan for the
 * chosen model, again whenever the model's plan changes; decoding runs one image at a time, so a handful
 * of large photos does not hold all their pixels at once. Files that cannot be decoded here are
 * measured by the server and uploaded as they are. A video is sent to the server once per model, which
 * samples its frames exactly as the analysis will; the analysis uploads the original file.
 *
 * @example
 * const store = new MediaItemsStore(browserMediaTools);
 * store.setModel(qvqMax);
 * await store.add([photo]);
 * store.getSnapshot().items[0].rendered; // the photo at its planned size
 */
export class MediaItemsStore {
  readonly #tools: MediaTools;
  #snapshot: MediaItemsSnapshot = { items: [] };
  readonly #listeners = new Set<() => void>();
  #model: MediaModel | undefined;
  #isReplanScheduled = false;
  readonly #readings = new Map<string, Promise<void>>();
  readonly #images: ImageRenders;
  readonly #videos: VideoSamplings;

  /** A store that prepares media with `tools`. */
  constructor(tools: MediaTools) {
    this.#tools = tools;
    this.#images = new ImageRenders(tools);
    this.#videos = new VideoSamplings(tools.sampleVideo, {
      onStart: (id) => this.#update(id, { status: 'reading', video: undefined }),
      onFrames: (id, video, isNew) => {
        if (!this.#has(id)) return;
        this.#update(
          id,
          isNew ? { status: 'ready', video, previewURL: video.urls[0] } : { status: 'ready', video },
        );
      },
      onRefusal: (item, reason) => {
        this.remove(item.id);
        this.#publish({
          refusal: [this.#snapshot.refusal, `${item.name}: ${reason}`].filter(Boolean).join(' '),
        });
      },
    });
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** The current items and sentences; a new object after each change, the same one until then. */
  getSnapshot = (): MediaItemsSnapshot => this.#snapshot;

  /**
   * Chooses the model to plan for. A different model may plan a different size: each image is resized
   * again for it (earlier sizes stay cached), and each video sampled again (its frames depend on it).
   */
  setModel = (model: MediaModel | undefined): void => {
    if (model === this.#model) return;
    this.#model = model;
    this.#replan();
  };

  /**
   * Adds files: images and videos by their bytes; others are left out and named in the notice. Settles
   * once every added item is ready or refused.
   */
  add = async (files: File[]): Promise<void> => {
    const judged = await Promise.all(files.map(async (file) => ({ file, item: await toMediaItem(file) })));
    const added = judged.flatMap(({ item }) => (item ? [item] : []));
    const notes: string[] = [];
    const skippedNote = describeSkippedFiles(judged.filter(({ item }) => !item).map(({ file }) => file));
    if (skippedNote) notes.push(skippedNote);
    this.#publish({ items: [...this.#snapshot.items, ...added], notice: skippedNote, refusal: undefined });
    await Promise.all(
      added.map((item) => {
        // Sampling is the server's work: it does not wait behind the photos being decoded here.
        if (item.kind === 'video') return this.#videos.sample(item, this.#model?.id);
        const reading = this.#images
          .enqueue(() => this.#read(item))
          .catch((error: unknown) => {
            this.remove(item.id);
            notes.push(`${item.name}: ${describeFailure(error)}`);
            this.#publish({ notice: notes.join(' ') });
          });
        this.#readings.set(item.id, reading);
        return reading;
      }),
    );
  };

  /** Removes an item, frees its preview and stops any sampling of it. */
  remove = (id: string): void => {
    const item = this.#snapshot.items.find((candidate) => candidate.id === id);
    if (item?.previewURL?.startsWith('blob:')) this.#tools.revokeObjectURL(item.previewURL);
    this.#images.forget(id);
    this.#videos.forget(id);
    this.#readings.delete(id);
    this.#publish({ items: this.#snapshot.items.filter((candidate) => candidate.id !== id) });
  };

  /**
   * The files to upload, in order: each image resized to its plan for `model` (waiting for any still
   * being read or resized), or the original where the server prepares it; each video as it is.
   */
  prepareUploads = async (model: MediaModel): Promise<MediaUpload[]> => {
    // Videos go as they are: the analysis need not wait for their frames to show here.
    const images = this.#snapshot.items.filter((item) => item.kind === 'image');
    await Promise.all(images.map((item) => this.#readings.get(item.id)));
    return Promise.all(
      this.#snapshot.items.map(async (item): Promise<MediaUpload> => {
        if (item.kind === 'video') return { kind: 'video', file: item.file };
        if (item.isPreparedByServer || !item.source) return { kind: 'image', file: item.file };
        const rendered = await this.#render(item, planImage(item.source, model)).catch((cause: unknown) => {
          throw new SeerError({
            code: 'unreadable_media',
            message: `${item.name} could not be resized in this browser; remove it and add it again.`,
            status: 422,
            cause,
          });
        });
        const file = new File([rendered.blob], uploadName(item.name, rendered.type), { type: rendered.type });
        return { kind: 'image', file };
      }),
    );
  };

  /** Frees the previews and stops every sampling still running, as the page lets go of its media. */
  dispose = (): void => {
    for (const item of this.#snapshot.items) {
      if (item.previewURL?.startsWith('blob:')) this.#tools.revokeObjectURL(item.previewURL);
    }
    this.#videos.stopAll();
  };

  #publish(changes: Partial<MediaItemsSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...changes };
    if (changes.items) this.#scheduleReplan();
    for (const listener of this.#listeners) listener();
  }

  #has(id: string): boolean {
    return this.#snapshot.items.some((item) => item.id === id);
  }

  #update(id: string, changes: Partial<MediaItem>): void {
    this.#publish({
      items: this.#snapshot.items.map((item) => (item.id === id ? { ...item, ...changes } : item)),
    });
  }

  // After the items change, not within the change: planning again may change them once more.
  #scheduleReplan(): void {
    if (this.#isReplanScheduled) return;
    this.#isReplanScheduled = true;
    queueMicrotask(() => {
      this.#isReplanScheduled = false;
      this.#replan();
    });
  }

  /** Brings every item up to the chosen model: images resized for its plan, videos sampled for it. */
  #replan(): void {
    const model = this.#model;
    if (!model) return;
    for (const item of this.#snapshot.items) {
      if (item.kind === 'video') {
        if (this.#videos.modelOf(item) !== model.id) void this.#videos.sample(item, model.id);
        continue;
      }
      if (item.status !== 'ready' || item.isPreparedByServer || !item.source) continue;
      const plan = planImage(item.source, model);
      if (item.rendered?.width === plan.width && item.rendered.height === plan.height) continue;
      this.#render(item, plan).catch(() => {});
    }
  }

  /** An image at a plan's size; the item shows a newly made one as its latest. */
  #render(item: MediaItem, plan: Size, bitmap?: ImageBitmap): Promise<RenderedImage> {
    return this.#images.render(item, plan, {
      bitmap,
      onMade: (rendered) => {
        if (this.#has(item.id)) this.#update(item.id, { rendered });
      },
    });
  }

  /** Reads an image: its size and preview, then its resized form for the chosen model. */
  async #read(item: MediaItem): Promise<void> {
    const { decodeImage, renderImage, preprocessImage, createObjectURL } = this.#tools;
    const bitmap = await decodeImage(item.file, item.type).catch(() => undefined);
    if (!bitmap) {
      // The server reads more formats than some browsers (TIFF everywhere, HEIC without WebAssembly).
      const prepared = await preprocessImage(item.file, this.#model?.id);
      const source = {
        width: prepared.originalWidth ?? prepared.width,
        height: prepared.originalHeight ?? prepared.height,
      };
      this.#update(item.id, {
        status: 'ready',
        source,
        previewURL: prepared.urls?.[0],
        isPreparedByServer: true,
      });
      return;
    }
    try {
      const source = { width: bitmap.width, height: bitmap.height };
      const model = this.#model;
      // Refuses what no model takes (an extreme aspect ratio) before anything else is done.
      const plan = model ? planImage(source, model) : undefined;
      const preview = await renderImage(bitmap, fitWithin(source, PREVIEW_SIDE), {
        quality: PREVIEW_QUALITY,
        ...decodableFile(item),
      });
      if (!this.#has(item.id)) return;
      this.#update(item.id, { status: 'ready', source, previewURL: createObjectURL(preview.blob) });
      // Resized while the pixels are decoded, so the upload is ready when the person presses Analyze.
      if (plan) await this.#render(item, plan, bitmap);
    } finally {
      bitmap.close();
    }
  }
}
