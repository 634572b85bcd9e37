import { SeerError } from '@seer/core';
import type { PreprocessedMedia } from '../api/seer-api';
import { type MediaItem, type SampledVideo, toSampledVideo } from './media-item';

/** Has the server sample a video's frames for a model (undefined: the server's default). */
export type SampleVideo = (
  file: File,
  modelId: string | undefined,
  signal: AbortSignal,
) => Promise<PreprocessedMedia>;

/** What the samplings tell the media items. */
export interface SamplingReports {
  /** A video's frames are being sampled; those shown so far are for another model. */
  onStart: (id: string) => void;
  /** A video's frames for the model, just sampled (`isNew`) or remembered from before. */
  onFrames: (id: string, video: SampledVideo, isNew: boolean) => void;
  /** The server refused a video; `reason` says why, as a sentence. */
  onRefusal: (item: MediaItem, reason: string) => void;
}

/** A video sampling in flight: for which model, and how to stop it. */
interface Sampling {
  model: string | undefined;
  controller: AbortController;
  done: Promise<void>;
}

function describeRefusal(error: unknown): string {
  if (SeerError.isInstance(error)) return error.message;
  return 'Seer could not reach its server to sample the frames. Check that it is running, then add the video again.';
}

/**
 * The server's samplings of the added videos' frames: one at most in flight per video, and every one
 * done kept by video and model, so that choosing a model again shows its frames without another upload.
 */
export class VideoSamplings {
  readonly #sampleVideo: SampleVideo;
  readonly #reports: SamplingReports;
  readonly #running = new Map<string, Sampling>();
  readonly #done = new Map<string, SampledVideo>();

  /** Samplings that ask the server with `sampleVideo` and tell of their progress through `reports`. */
  constructor(sampleVideo: SampleVideo, reports: SamplingReports) {
    this.#sampleVideo = sampleVideo;
    this.#reports = reports;
  }

  /** The model a video's frames are sampled for, or are being sampled for. */
  modelOf(item: MediaItem): string | undefined {
    const running = this.#running.get(item.id);
    return running ? running.model : item.video?.model;
  }

  /**
   * Samples a video's frames for a model, replacing a sampling for another model. Settles when the
   * frames are reported, when another sampling replaced this one, or when the server refused the file.
   * Never rejects.
   */
  sample(item: MediaItem, modelId: string | undefined): Promise<void> {
    const running = this.#running.get(item.id);
    if (running && running.model === modelId) return running.done;
    running?.controller.abort();
    const remembered = modelId === undefined ? undefined : this.#done.get(`${item.id}@${modelId}`);
    if (remembered) {
      this.#running.delete(item.id);
      this.#reports.onFrames(item.id, remembered, false);
      return Promise.resolve();
    }
    const controller = new AbortController();
    this.#reports.onStart(item.id);
    const done = (async () => {
      try {
        const prepared = await this.#sampleVideo(item.file, modelId, controller.signal);
        // Without a model (a video pasted before the models loaded) the server samples for its default;
        // once a model is chosen, the video is sampled again for that one.
        const video = toSampledVideo(prepared, modelId ?? '');
        this.#done.set(`${item.id}@${video.model}`, video);
        if (!controller.signal.aborted) this.#reports.onFrames(item.id, video, true);
      } catch (error) {
        if (!controller.signal.aborted) this.#reports.onRefusal(item, describeRefusal(error));
      } finally {
        if (this.#running.get(item.id)?.controller === controller) this.#running.delete(item.id);
      }
    })();
    this.#running.set(item.id, { model: modelId, controller, done });
    return done;
  }

  /** Stops a video's sampling and forgets its frames. */
  forget(id: string): void {
    this.#running.get(id)?.controller.abort();
    this.#running.delete(id);
    for (const key of this.#done.keys()) if (key.startsWith(`${id}@`)) this.#done.delete(key);
  }

  /** Stops every sampling in flight. */
  stopAll(): void {
    for (const sampling of this.#running.values()) sampling.controller.abort();
  }
}
