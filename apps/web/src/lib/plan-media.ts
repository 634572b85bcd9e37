import { estimateInputCost, type ImagePlan, planImage } from '@seer/core';
import type { ModelSummary } from '../api/seer-api';
import type { Size } from './resize-steps';

/** What one image will be for the chosen model, and its input cost when the model has prices. */
export interface PlannedImage extends ImagePlan {
  cost?: { inputUSD: number };
}

/** What one video will cost: the tokens of the frames the server sampled, and their input cost. */
export interface PlannedVideo {
  tokens: number;
  cost?: { inputUSD: number };
}

/** The plan of every image whose size is known and every sampled video, and the totals. */
export interface MediaPlan {
  /** By media item id. */
  images: ReadonlyMap<string, PlannedImage>;
  /** By media item id. */
  videos: ReadonlyMap<string, PlannedVideo>;
  totalTokens: number;
  /** The input cost of all media together, as `/v1/preprocess` computes it (once, on the total). */
  totalCost?: { inputUSD: number };
}

/**
 * What planning needs of a model, as `/v1/models` lists it: its family and provider, its documented
 * media limits when it has any, and its prices for the cost.
 */
export type PricedModel = Pick<ModelSummary, 'family' | 'provider' | 'media' | 'prices'>;

/**
 * Plans every image for a model with the same code the server runs (docs/media.md): size, tokens and cost,
 * before anything is sent. A video counts the tokens of the frames the server sampled for it (`video`),
 * priced here like the images. Images still being read (no `source` yet) and videos still being sampled
 * are left out.
 *
 * @example
 * planMedia([{ id: 'a', source: { width: 3024, height: 4032 } }], qvqMax).images.get('a');
 * // { width: 840, height: 1148, tokens: 1230, cost: { inputUSD: 0.001476 }, … }
 */
export function planMedia(
  items: ReadonlyArray<{
    id: string;
    kind?: 'image' | 'video';
    source?: Size | undefined;
    video?: { tokens: number } | undefined;
  }>,
  model: PricedModel,
): MediaPlan {
  const images = new Map<string, PlannedImage>();
  const videos = new Map<string, PlannedVideo>();
  let totalTokens = 0;
  for (const item of items) {
    if (item.kind === 'video') {
      if (!item.video) continue;
      const { tokens } = item.video;
      const cost = estimateInputCost(model, tokens);
      videos.set(item.id, cost ? { tokens, cost } : { tokens });
      totalTokens += tokens;
      continue;
    }
    if (!item.source) continue;
    const plan = planImage(item.source, model);
    const cost = estimateInputCost(model, plan.tokens);
    images.set(item.id, cost ? { ...plan, cost } : plan);
    totalTokens += plan.tokens;
  }
  const totalCost = estimateInputCost(model, totalTokens);
  return totalCost ? { images, videos, totalTokens, totalCost } : { images, videos, totalTokens };
}
