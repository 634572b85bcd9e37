import type { ModelPrices } from '../contract/models';

/** The rates one request is billed at, given its input tokens. */
export function ratesFor(
  prices: ModelPrices,
  inputTokens: number,
): { inputPerMillion: number; outputPerMillion: number } {
  const tier = [...(prices.tiers ?? [])]
    .sort((a, b) => b.aboveInputTokens - a.aboveInputTokens)
    .find((band) => inputTokens > band.aboveInputTokens);
  return tier ?? prices;
}

/**
 * What one request costs at list prices, in US dollars (rounded to a millionth of a cent), with the band
 * its input falls in.
 *
 * @example
 * requestCost({ inputPerMillion: 0.2, outputPerMillion: 1.6, tiers: [{ aboveInputTokens: 32_000, inputPerMillion: 0.3, outputPerMillion: 2.4 }] }, 40_000, 1_000);
 * // 0.0144
 */
export function requestCost(prices: ModelPrices, inputTokens: number, outputTokens: number): number {
  const rates = ratesFor(prices, inputTokens);
  const cost = (inputTokens * rates.inputPerMillion + outputTokens * rates.outputPerMillion) / 1_000_000;
  return Math.round(cost * 1e8) / 1e8;
}
