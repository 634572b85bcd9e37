import { describe, expect, test } from 'vitest';
import { nextReconnectDelay, reconnectDelay, reconnectPatienceMs } from './reconnect-backoff';

describe('reconnectDelay', () => {
  test('doubles from half a second up to ten seconds', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 30].map(reconnectDelay)).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000,
    ]);
  });
});

describe('nextReconnectDelay', () => {
  test('waits while the wait ends within the patience, then gives up', () => {
    expect(nextReconnectDelay(0, 0)).toBe(500);
    expect(nextReconnectDelay(8, reconnectPatienceMs - 10_000)).toBe(10_000);
    expect(nextReconnectDelay(8, reconnectPatienceMs - 9_999)).toBeUndefined();
  });
});
