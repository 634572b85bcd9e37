/**
 * Runs `callback` when the browser is idle (within 2 s at the latest), or in the next task where there
 * is no `requestIdleCallback` (Safari). For warm-ups that should never compete with what the person does.
 */
export function whenIdle(callback: (deadline?: IdleDeadline) => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: 2000 });
  else setTimeout(callback, 0);
}
