import { type ImagePlan, planImage, SeerError } from '@seer/core';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { preprocessFile } from '../api/seer-api';
import { decodeImage } from '../lib/decode-image';
import { describeSkippedFiles } from '../lib/describe-skipped-files';
import { createMediaId, type MediaItem, uploadName } from '../lib/media-item';
import type { PricedModel } from '../lib/plan-media';
import { type RenderedImage, renderImage } from '../lib/render-image';
import { fitWithin } from '../lib/resize-steps';
import { isLosslessType, SNIFF_LENGTH, sniffImageType } from '../lib/sniff-image';

/** A model to plan for, with its id (for the server's help with files the browser cannot read). */
export type MediaModel = PricedModel & { id: string };

/** What `useMediaItems` gives a component. */
export interface MediaItems {
  items: MediaItem[];
  /** A sentence about files that were not added, and why. */
  notice?: string;
  add: (files: File[]) => void;
  remove: (id: string) => void;
  /**
   * The files to upload, in order: each image resized to its plan for `model` (waiting for any still
   * being read or resized), or the original where the server prepares it.
   */
  prepareUploads: (model: MediaModel) => Promise<File[]>;
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

/**
 * The images the person added, made ready for the model in the browser: each file is identified by its
 * bytes, decoded upright (EXIF orientation; HEIC through a lazily loaded decoder), previewed, and
 * resized to the plan for `model`, again whenever the model's plan changes. Decoding runs one image at
 * a time, so a handful of 12-megapixel photos does not hold all their pixels at once. Files the browser
 * cannot decode are measured by the server (`/v1/preprocess`) and uploaded as they are.
 */
export function useMediaItems(model: MediaModel | undefined): MediaItems {
  const [items, setItems] = useState<MediaItem[]>([]);
  const [notice, setNotice] = useState<string>();
  // The source of truth, updated synchronously, so that async work never reads a stale list.
  const store = useRef<MediaItem[]>([]);
  const modelRef = useRef(model);
  useLayoutEffect(() => {
    modelRef.current = model;
  });
  const readings = useRef(new Map<string, Promise<void>>());
  const renders = useRef(new Map<string, Promise<RenderedImage>>());
  const queue = useRef<Promise<unknown>>(Promise.resolve());

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
            const header = new Uint8Array(await file.slice(0, SNIFF_LENGTH).arrayBuffer());
            return { file, type: sniffImageType(header) };
          }),
        );
        const accepted = sniffed.filter(({ file, type }) => type || file.type.startsWith('image/'));
        const skipped = sniffed.filter((entry) => !accepted.includes(entry)).map(({ file }) => file);
        const notes: string[] = [];
        const skippedNote = describeSkippedFiles(skipped);
        if (skippedNote) notes.push(skippedNote);
        setNotice(skippedNote);

        const added: MediaItem[] = accepted.map(({ file, type }) => ({
          id: createMediaId(),
          name: file.name || 'pasted image',
          file,
          type,
          status: 'reading',
        }));
        commit([...store.current, ...added]);
        await Promise.all(
          added.map((item) => {
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
    [commit, drop, enqueue, read],
  );

  // A different model may plan a different size: resize again for it (earlier sizes stay cached).
  useEffect(() => {
    if (!model) return;
    for (const item of items) {
      if (item.status !== 'ready' || item.isPreparedByServer || !item.source) continue;
      const plan = planImage(item.source, model);
      if (item.rendered?.width === plan.width && item.rendered.height === plan.height) continue;
      render(item, plan).catch(() => {});
    }
  }, [items, model, render]);

  // Previews are object URLs: free them with the page's media.
  useEffect(
    () => () => {
      for (const item of store.current) {
        if (item.previewURL?.startsWith('blob:')) URL.revokeObjectURL(item.previewURL);
      }
    },
    [],
  );

  const prepareUploads = useCallback(
    async (planFor: MediaModel): Promise<File[]> => {
      await Promise.all(store.current.map((item) => readings.current.get(item.id)));
      return Promise.all(
        store.current.map(async (item) => {
          if (item.isPreparedByServer || !item.source) return item.file;
          const rendered = await render(item, planImage(item.source, planFor)).catch((cause: unknown) => {
            throw new SeerError({
              code: 'unreadable_media',
              message: `${item.name} could not be resized in this browser; remove it and add it again.`,
              status: 422,
              cause,
            });
          });
          return new File([rendered.blob], uploadName(item.name, rendered.type), { type: rendered.type });
        }),
      );
    },
    [render],
  );

  return { items, notice, add, remove: drop, prepareUploads };
}
