import { type ImagePlan, planImage, SeerError } from '@seer/core';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { preprocessFile, preprocessMedia } from '../api/seer-api';
import { decodeImage } from '../lib/decode-image';
import { describeSkippedFiles } from '../lib/describe-skipped-files';
import {
  createMediaId,
  type MediaItem,
  type SampledVideo,
  toSampledVideo,
  uploadName,
} from '../lib/media-item';
import type { PricedModel } from '../lib/plan-media';
import { type RenderedImage, renderImage } from '../lib/render-image';
import { fitWithin } from '../lib/resize-steps';
import { isLosslessType, SNIFF_LENGTH, sniffImageType } from '../lib/sniff-image';
import { sniffVideoType, VIDEO_SNIFF_LENGTH } from '../lib/sniff-video';

/** A model to plan for, with its id (for the server's help with files the browser cannot read). */
export type MediaModel = PricedModel & { id: string };

/** A file to send with an analysis, and what kind of media item it is. */
export interface MediaUpload {
  kind: 'image' | 'video';
  file: File;
}

/** What `useMediaItems` gives a component. */
export interface MediaItems {
  items: MediaItem[];
  /** A sentence about files that were not added, and why. */
  notice?: string | undefined;
  /** The server's reasons for refusing videos (no video stream, too long, unreadable), by file. */
  refusal?: string | undefined;
  add: (files: File[]) => void;
  remove: (id: string) => void;
  /**
   * The files to upload, in order: each image resized to its plan for `model` (waiting for any still
   * being read or resized), or the original where the server prepares it; each video as it is.
   */
  prepareUploads: (model: MediaModel) => Promise<MediaUpload[]>;
}

/** The longer side of previews: twice their displayed size, for sharp previews on phones. */
const PREVIEW_SIDE = 160;
const PREVIEW_QUALITY = 0.8;

const renderKey = (id: string, plan: { width: number; height: number }) =>
  `${id}@${plan.width}x${plan.height}`;

const hasItem = (items: MediaItem[], id: string) => items.some((item) => item.id === id);

function describeFailure(error: unknown): string {
  if (SeerError.isInstance(error)) return error.message;
  return 'it could not be read as an image.';
}

function describeRefusal(error: unknown): string {
  if (SeerError.isInstance(error)) return error.message;
  return 'Seer could not reach its server to sample the frames. Check that it is running, then add the video again.';
}

/** An image by its bytes, or a file the browser calls an image (the server judges those). */
function sniffKind(header: Uint8Array, file: File): MediaItem['kind'] | undefined {
  if (sniffImageType(header.subarray(0, SNIFF_LENGTH))) return 'image';
  if (sniffVideoType(header)) return 'video';
  if (file.type.startsWith('image/')) return 'image';
  if (file.type.startsWith('video/')) return 'video';
  return undefined;
}

/** A video sampling in flight: for which model, and how to stop it. */
interface Sampling {
  model: string | undefined;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * The photos and videos the person added, made ready for the model. Each file is identified by its
 * bytes. A photo is decoded upright in the browser (EXIF orientation; HEIC through a lazily loaded
 * decoder), previewed, and resized to the plan for `model`, again whenever the model's plan changes;
 * decoding runs one image at a time, so a handful of 12-megapixel photos does not hold all their pixels
 * at once. Files the browser cannot decode are measured by the server (`/v1/preprocess`) and uploaded
 * as they are. A video is uploaded once per model to `/v1/preprocess`, which samples its frames exactly
 * as the analysis will; the analysis uploads the original file.
 */
export function useMediaItems(model: MediaModel | undefined): MediaItems {
  const [items, setItems] = useState<MediaItem[]>([]);
  const [notice, setNotice] = useState<string>();
  const [refusal, setRefusal] = useState<string>();
  // The source of truth, updated synchronously, so that async work never reads a stale list.
  const store = useRef<MediaItem[]>([]);
  const modelRef = useRef(model);
  useLayoutEffect(() => {
    modelRef.current = model;
  });
  const readings = useRef(new Map<string, Promise<void>>());
  const renders = useRef(new Map<string, Promise<RenderedImage>>());
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const samplings = useRef(new Map<string, Sampling>());
  // By `${id}@${model}`: choosing a model again shows its frames without another upload.
  const sampledVideos = useRef(new Map<string, SampledVideo>());

  const commit = useCallback((next: MediaItem[]) => {
    store.current = next;
    setItems(next);
  }, []);

  const update = useCallback(
    (id: string, changes: Partial<MediaItem>) =>
      commit(store.current.map((item) => (item.id === id ? { ...item, ...changes } : item))),
    [commit],
  );

  const drop = useCallback(
    (id: string) => {
      const item = store.current.find((candidate) => candidate.id === id);
      if (item?.previewURL?.startsWith('blob:')) URL.revokeObjectURL(item.previewURL);
      for (const key of renders.current.keys()) if (key.startsWith(`${id}@`)) renders.current.delete(key);
      for (const key of sampledVideos.current.keys()) {
        if (key.startsWith(`${id}@`)) sampledVideos.current.delete(key);
      }
      samplings.current.get(id)?.controller.abort();
      samplings.current.delete(id);
      readings.current.delete(id);
      commit(store.current.filter((candidate) => candidate.id !== id));
    },
    [commit],
  );

  /** Runs decoding jobs one after another. */
  const enqueue = useCallback(<T>(job: () => Promise<T>): Promise<T> => {
    const result = queue.current.then(job, job);
    queue.current = result.catch(() => {});
    return result;
  }, []);

  const render = useCallback(
    (item: MediaItem, plan: ImagePlan, bitmap?: ImageBitmap): Promise<RenderedImage> => {
      const key = renderKey(item.id, plan);
      const cached = renders.current.get(key);
      if (cached) return cached;
      const options = { mayKeepLossless: isLosslessType(item.type) };
      const rendered = bitmap
        ? renderImage(bitmap, plan, options)
        : enqueue(async () => {
            const decoded = await decodeImage(item.file, item.type);
            try {
              return await renderImage(decoded, plan, options);
            } finally {
              decoded.close();
            }
          });
      renders.current.set(key, rendered);
      rendered.then(
        (result) => {
          if (hasItem(store.current, item.id)) update(item.id, { rendered: result });
        },
        () => renders.current.delete(key),
      );
      return rendered;
    },
    [enqueue, update],
  );

  /**
   * Has the server sample a video's frames for a model (undefined: the server's default), replacing a
   * sampling for another model. Settles when the frames are shown, when another sampling replaced this
   * one, or when the server refused the file: then it is removed and the server's reason shown. Never
   * rejects.
   */
  const sample = useCallback(
    (item: MediaItem, modelId: string | undefined): Promise<void> => {
      const running = samplings.current.get(item.id);
      if (running && running.model === modelId) return running.done;
      running?.controller.abort();
      const cached = modelId === undefined ? undefined : sampledVideos.current.get(`${item.id}@${modelId}`);
      if (cached) {
        samplings.current.delete(item.id);
        update(item.id, { status: 'ready', video: cached });
        return Promise.resolve();
      }
      const controller = new AbortController();
      update(item.id, { status: 'reading', video: undefined });
      const done = (async () => {
        try {
          const prepared = await preprocessMedia(item.file, 'video', modelId, controller.signal);
          // Without a model (a video pasted before the models loaded) the server samples for its default;
          // once a model is chosen, the effect below samples again for it.
          const video = toSampledVideo(prepared, modelId ?? '');
          sampledVideos.current.set(`${item.id}@${video.model}`, video);
          if (controller.signal.aborted || !hasItem(store.current, item.id)) return;
          update(item.id, { status: 'ready', video, previewURL: video.urls[0] });
        } catch (error) {
          if (controller.signal.aborted) return;
          drop(item.id);
          setRefusal((previous) =>
            [previous, `${item.name}: ${describeRefusal(error)}`].filter(Boolean).join(' '),
          );
        } finally {
          if (samplings.current.get(item.id)?.controller === controller) samplings.current.delete(item.id);
        }
      })();
      samplings.current.set(item.id, { model: modelId, controller, done });
      return done;
    },
    [drop, update],
  );

  const read = useCallback(
    async (item: MediaItem): Promise<void> => {
      let bitmap: ImageBitmap | undefined;
      try {
        bitmap = await decodeImage(item.file, item.type);
      } catch {
        bitmap = undefined;
      }
      if (!bitmap) {
        // The server reads more formats than some browsers (TIFF everywhere, HEIC without WebAssembly).
        const prepared = await preprocessFile(item.file, modelRef.current?.id);
        update(item.id, {
          status: 'ready',
          source: {
            width: prepared.originalWidth ?? prepared.width,
            height: prepared.originalHeight ?? prepared.height,
          },
          previewURL: prepared.urls?.[0],
          isPreparedByServer: true,
        });
        return;
      }
      try {
        const source = { width: bitmap.width, height: bitmap.height };
        const current = modelRef.current;
        // Refuses what no model takes (an aspect ratio over 200) before anything else is done.
        const plan = current ? planImage(source, current) : undefined;
        const preview = await renderImage(bitmap, fitWithin(source, PREVIEW_SIDE), {
          quality: PREVIEW_QUALITY,
        });
        if (!hasItem(store.current, item.id)) return;
        update(item.id, { status: 'ready', source, previewURL: URL.createObjectURL(preview.blob) });
        // Resized while the pixels are decoded, so the upload is ready when the person presses Analyze.
        if (plan) await render(item, plan, bitmap);
      } finally {
        bitmap.close();
      }
    },
    [render, update],
  );

  const add = useCallback(
    (files: File[]) => {
      void (async () => {
        const sniffed = await Promise.all(
          files.map(async (file) => {
            const header = new Uint8Array(await file.slice(0, VIDEO_SNIFF_LENGTH).arrayBuffer());
            return { file, header, kind: sniffKind(header, file) };
          }),
        );
        const skipped = sniffed.filter(({ kind }) => kind === undefined).map(({ file }) => file);
        const notes: string[] = [];
        const skippedNote = describeSkippedFiles(skipped);
        if (skippedNote) notes.push(skippedNote);
        setNotice(skippedNote);
        setRefusal(undefined);

        const added: MediaItem[] = sniffed.flatMap(({ file, header, kind }) =>
          kind
            ? [
                {
                  id: createMediaId(),
                  kind,
                  name: file.name || `pasted ${kind}`,
                  file,
                  type: kind === 'image' ? sniffImageType(header.subarray(0, SNIFF_LENGTH)) : undefined,
                  status: 'reading' as const,
                },
              ]
            : [],
        );
        commit([...store.current, ...added]);
        await Promise.all(
          added.map((item) => {
            // Sampling is the server's work: it does not wait behind the photos being decoded here.
            if (item.kind === 'video') return sample(item, modelRef.current?.id);
            const reading = enqueue(() => read(item)).catch((error: unknown) => {
              drop(item.id);
              notes.push(`${item.name}: ${describeFailure(error)}`);
              setNotice(notes.join(' '));
            });
            readings.current.set(item.id, reading);
            return reading;
          }),
        );
      })();
    },
    [commit, drop, enqueue, read, sample],
  );

  // A different model may plan a different size: resize again for it (earlier sizes stay cached), and
  // have the server sample each video again (the frame size and tokens depend on the model).
  useEffect(() => {
    if (!model) return;
    for (const item of items) {
      if (item.kind === 'video') {
        const sampling = samplings.current.get(item.id);
        const sampledFor = sampling ? sampling.model : item.video?.model;
        if (sampledFor !== model.id) void sample(item, model.id);
        continue;
      }
      if (item.status !== 'ready' || item.isPreparedByServer || !item.source) continue;
      const plan = planImage(item.source, model);
      if (item.rendered?.width === plan.width && item.rendered.height === plan.height) continue;
      render(item, plan).catch(() => {});
    }
  }, [items, model, render, sample]);

  // Previews are object URLs: free them with the page's media; stop any sampling still running.
  useEffect(() => {
    const running = samplings.current;
    return () => {
      for (const item of store.current) {
        if (item.previewURL?.startsWith('blob:')) URL.revokeObjectURL(item.previewURL);
      }
      for (const sampling of running.values()) sampling.controller.abort();
    };
  }, []);

  const prepareUploads = useCallback(
    async (planFor: MediaModel): Promise<MediaUpload[]> => {
      // Videos go as they are: the analysis need not wait for their frames to show here.
      const images = store.current.filter((item) => item.kind === 'image');
      await Promise.all(images.map((item) => readings.current.get(item.id)));
      return Promise.all(
        store.current.map(async (item): Promise<MediaUpload> => {
          if (item.kind === 'video') return { kind: 'video', file: item.file };
          if (item.isPreparedByServer || !item.source) return { kind: 'image', file: item.file };
          const rendered = await render(item, planImage(item.source, planFor)).catch((cause: unknown) => {
            throw new SeerError({
              code: 'unreadable_media',
              message: `${item.name} could not be resized in this browser; remove it and add it again.`,
              status: 422,
              cause,
            });
          });
          const file = new File([rendered.blob], uploadName(item.name, rendered.type), {
            type: rendered.type,
          });
          return { kind: 'image', file };
        }),
      );
    },
    [render],
  );

  return { items, notice, refusal, add, remove: drop, prepareUploads };
}
