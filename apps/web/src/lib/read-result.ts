import { type Region, RegionSchema } from '@seer/core';

/**
 * Typed views of a run's `result` (the `finish` event's, or a saved run's), read defensively: a saved
 * run may come from an older server, and a field that is not what it should be is left out rather
 * than break the page.
 */

type Result = Record<string, unknown> | undefined;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value : undefined;

/**
 * The regions of a result, each valid one kept in order with its index in `result.regions` (the index
 * that picks its colour and links it to its sentences).
 */
export function readRegions(result: Result): Region[] {
  const regions = result?.regions;
  if (!Array.isArray(regions)) return [];
  return regions.flatMap((region) => {
    const parsed = RegionSchema.safeParse(region);
    return parsed.success ? [parsed.data] : [];
  });
}

/** How many marks the server could not place (never drawn); 0 when it says nothing. */
export function readRegionsDropped(result: Result): number {
  const dropped = result?.regionsDropped;
  return typeof dropped === 'number' && dropped > 0 ? dropped : 0;
}

/** A palm reading's lines and traits. */
export interface PalmCard {
  kind: 'palm-reading';
  lines: { line: 'heart' | 'head' | 'life' | 'fate'; text: string }[];
  traits: string[];
  disclaimer?: string;
}

/** A comparison's differences. */
export interface CompareCard {
  kind: 'multi-image-compare';
  differences: string[];
  perImage: string[];
}

/** A math puzzle's answer and the rule it follows. */
export interface MathCard {
  kind: 'math-pattern';
  answer?: string;
  rule?: string;
}

/** What Find and mark found: how many, by its own count. */
export interface LocateCard {
  kind: 'locate';
  count?: number;
}

/** One beat of a narration: its time as written, its text and the sampled frame nearest it. */
export interface NarrationBeat {
  time: string;
  text: string;
  frame?: number;
}

/** A narration's beats, in order. */
export interface NarrationCard {
  kind: 'video-narration';
  beats: NarrationBeat[];
}

/** A task's result as the playground shows it, by task. */
export type TaskCard = PalmCard | CompareCard | MathCard | LocateCard | NarrationCard;

const palmLines = ['heart', 'head', 'life', 'fate'] as const;

/**
 * The result of task `templateId` as a card's content, or undefined when the task has no card (freeform,
 * custom) or its result holds nothing to show.
 *
 * @example
 * readTaskCard('math-pattern', { answer: '10', rule: 'square, add one' }); // { kind: 'math-pattern', answer: '10', rule: … }
 */
export function readTaskCard(templateId: string | undefined, result: Result): TaskCard | undefined {
  if (!result) return undefined;
  switch (templateId) {
    case 'palm-reading': {
      const lines = (result.lines ?? {}) as Record<string, unknown>;
      const disclaimer = text(result.disclaimer);
      const card: PalmCard = {
        kind: 'palm-reading',
        lines: palmLines.flatMap((line) => {
          const value = text(lines[line]);
          return value ? [{ line, text: value }] : [];
        }),
        traits: strings(result.traits),
        ...(disclaimer ? { disclaimer } : {}),
      };
      return card.lines.length > 0 || card.traits.length > 0 ? card : undefined;
    }
    case 'multi-image-compare': {
      const differences = strings(result.differences);
      return differences.length > 0
        ? { kind: 'multi-image-compare', differences, perImage: strings(result.perImage) }
        : undefined;
    }
    case 'math-pattern': {
      const answer = text(result.answer);
      const rule = text(result.rule);
      if (!answer && !rule) return undefined;
      return { kind: 'math-pattern', ...(answer ? { answer } : {}), ...(rule ? { rule } : {}) };
    }
    case 'locate':
      return typeof result.count === 'number' ? { kind: 'locate', count: result.count } : { kind: 'locate' };
    case 'video-narration': {
      const beats = Array.isArray(result.beats)
        ? result.beats.flatMap((beat): NarrationBeat[] => {
            const { time, text: said, frame } = (beat ?? {}) as Record<string, unknown>;
            if (typeof time !== 'string' || typeof said !== 'string') return [];
            return [{ time, text: said, ...(typeof frame === 'number' ? { frame } : {}) }];
          })
        : [];
      return beats.length > 0 ? { kind: 'video-narration', beats } : undefined;
    }
    default:
      return undefined;
  }
}
