/** The first wait before reconnecting a dropped stream, in ms. */
export const firstReconnectDelayMs = 500;
/** The longest wait between two reconnection attempts, in ms. */
export const longestReconnectDelayMs = 10_000;
/** How long a dropped stream is tried again before the run is given up on, in ms. */
export const reconnectPatienceMs = 120_000;

/**
 * The wait before reconnection attempt `attempt` (0 for the first): doubling from half a second, at most
 * ten seconds, so that a blip is bridged at once and a server that is down is not hammered.
 *
 * @example
 * [0, 1, 2, 3, 4, 5, 6].map(reconnectDelay); // [500, 1000, 2000, 4000, 8000, 10000, 10000]
 */
export function reconnectDelay(attempt: number): number {
  return Math.min(firstReconnectDelayMs * 2 ** Math.max(0, attempt), longestReconnectDelayMs);
}

/**
 * The wait before attempt `attempt` of a reconnection that began `elapsedMs` ago, or undefined when
 * waiting that long would go past `reconnectPatienceMs`: the time to give up and say so.
 */
export function nextReconnectDelay(attempt: number, elapsedMs: number): number | undefined {
  const delay = reconnectDelay(attempt);
  return elapsedMs + delay > reconnectPatienceMs ? undefined : delay;
}
