import { describe, expect, it } from 'vitest';
import { PixelBudget } from './media-slots';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** Starts an `acquire` and records when it is granted. */
function request(budget: PixelBudget, pixels: number, signal?: AbortSignal) {
  const state = { isIn: false, release: undefined as (() => void) | undefined };
  const granted = budget.acquire(pixels, signal).then((release) => {
    state.isIn = true;
    state.release = release;
    return release;
  });
  return { state, granted };
}

describe('PixelBudget (the pixels decoded at once across image preparations)', () => {
  it('lets images in together while their pixels fit, and makes the next one wait', async () => {
    const budget = new PixelBudget(100);
    const first = await budget.acquire(60);
    const second = await budget.acquire(40);
    const third = request(budget, 10);
    await tick();
    expect(third.state.isIn).toBe(false);
    expect(budget.pixelsInFlight).toBe(100);
    first();
    await third.granted;
    expect(budget.pixelsInFlight).toBe(50);
    second();
    third.state.release!();
    expect(budget.pixelsInFlight).toBe(0);
  });

  it('runs an image larger than the whole budget, alone', async () => {
    const budget = new PixelBudget(100);
    const small = await budget.acquire(10);
    const huge = request(budget, 268);
    await tick();
    expect(huge.state.isIn).toBe(false);
    small();
    await huge.granted;
    const after = request(budget, 1);
    await tick();
    expect(after.state.isIn).toBe(false);
    huge.state.release!();
    (await after.granted)();
    expect(budget.pixelsInFlight).toBe(0);
  });

  it('keeps order: a small image does not overtake a large one that waits', async () => {
    const budget = new PixelBudget(100);
    const held = await budget.acquire(50);
    const large = request(budget, 80);
    const small = request(budget, 10);
    await tick();
    expect([large.state.isIn, small.state.isIn]).toEqual([false, false]);
    held();
    await large.granted;
    await small.granted;
    large.state.release!();
    small.state.release!();
    expect(budget.pixelsInFlight).toBe(0);
  });

  it('drops a waiter whose request was aborted, and lets the ones behind it in', async () => {
    const budget = new PixelBudget(100);
    const held = await budget.acquire(50);
    const controller = new AbortController();
    const aborted = budget.acquire(80, controller.signal);
    const behind = request(budget, 40);
    controller.abort(new Error('client went away'));
    await expect(aborted).rejects.toThrow('client went away');
    (await behind.granted)();
    held();
    expect(budget.pixelsInFlight).toBe(0);
  });

  it('lets waiters in when the budget is raised, and a release counts once', async () => {
    const budget = new PixelBudget(100);
    const held = await budget.acquire(100);
    const waiting = request(budget, 100);
    await tick();
    expect(waiting.state.isIn).toBe(false);
    budget.setBudget(200);
    await waiting.granted;
    held();
    held();
    expect(budget.pixelsInFlight).toBe(100);
    waiting.state.release!();
    expect(budget.pixelsInFlight).toBe(0);
  });
});
