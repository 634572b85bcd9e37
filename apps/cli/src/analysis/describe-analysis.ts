import type { BudgetReport, PreparedMediaInfo, Usage } from '@seer/core';
import { formatCount, formatSeconds } from '../terminal';

/** The media of a request in words, for the spinner: "1 image", "2 images and 1 video". */
export function describeItems(items: ReadonlyArray<{ type: 'image' | 'video' }>): string {
  const images = items.filter((item) => item.type === 'image').length;
  const videos = items.length - images;
  const parts = [
    images > 0 ? `${images} image${images === 1 ? '' : 's'}` : '',
    videos > 0 ? `${videos} video${videos === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return parts.join(' and ') || 'the request';
}

/** The prepared media and their tokens, for the heading: "1 image (1,024 tokens)". */
export function describeMedia(media: readonly PreparedMediaInfo[]): string {
  const tokens = media.reduce((sum, item) => sum + item.tokens, 0);
  return media.length === 0 ? 'no media' : `${describeItems(media)} (${formatCount(tokens)} tokens)`;
}

/** The token counts and times, for the footer: "812 in · 240 out (180 thinking) tokens · … in all". */
export function describeUsage(usage: Usage, timing: { reasoningMs: number; totalMs: number }): string {
  const thinking =
    usage.reasoningTokens === undefined ? '' : ` (${formatCount(usage.reasoningTokens)} thinking)`;
  const thought = timing.reasoningMs > 0 ? ` · thought for ${formatSeconds(timing.reasoningMs)}` : '';
  return `${formatCount(usage.inputTokens)} in · ${formatCount(usage.outputTokens)} out${thinking} tokens${thought} · ${formatSeconds(timing.totalMs)} in all`;
}

/**
 * How a budget reached the model, for the footer: "budget 100,000 sent as thinking_budget 81,920
 * (clamped to the model's range)", "budget 256 forced at 256, cut at 258 tokens, no answer within it".
 */
export function describeBudget(report: BudgetReport): string {
  const value = (amount: number | string | null) =>
    typeof amount === 'number' ? formatCount(amount) : String(amount);
  if (report.how === 'none') return `budget ${value(report.asked)} not used: the model takes none`;
  const sent =
    report.how === 'forced'
      ? `forced at ${value(report.sent)}${report.cutAt === undefined ? '' : `, cut at ${formatCount(report.cutAt)} tokens`}`
      : `sent as ${report.how} ${value(report.sent)}`;
  const clamped = report.isClamped ? " (clamped to the model's range)" : '';
  const unanswered = report.isUnanswered ? ', no answer within it' : '';
  return `budget ${value(report.asked)} ${sent}${clamped}${unanswered}`;
}

/**
 * The places the model marked, for the footer: "3 regions marked (1 dropped)"; empty when the result
 * has none. `--annotate DIR` draws them.
 */
export function describeRegions(
  result: { regions?: readonly unknown[] | undefined; regionsDropped?: number | undefined } | undefined,
): string {
  const placed = result?.regions?.length ?? 0;
  const dropped = result?.regionsDropped ?? 0;
  if (placed === 0 && dropped === 0) return '';
  const dropNote = dropped > 0 ? ` (${formatCount(dropped)} dropped)` : '';
  return `${formatCount(placed)} region${placed === 1 ? '' : 's'} marked${dropNote}`;
}
