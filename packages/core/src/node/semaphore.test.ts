import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('Semaphore (the queue in front of sharp and ffmpeg)', () => {
  it('never lets more than the limit run, even when a newcomer arrives as a place is given back', async () => {
    const slots = new Semaphore(2);
    let running = 0;
    let most = 0;
    const work = async (index: number) => {
      const release = await slots.acquire();
      running++;
      most = Math.max(most, running);
      for (let step = 0; step < (index % 3) + 1; step++) await tick();
      running--;
      release();
      // A newcomer right after the release, before the waiter that was handed the place resumes.
      if (index % 2 === 0) {
        const again = await slots.acquire();
        running++;
        most = Math.max(most, running);
        await tick();
        running--;
        again();
      }
    };
    await Promise.all(Array.from({ length: 20 }, (_, index) => work(index)));
    expect(most).toBe(2);
    expect(slots.inUse).toBe(0);
  });

  it('lets waiters through at once when the limit is raised', async () => {
    const slots = new Semaphore(1);
    const first = await slots.acquire();
    let isSecondIn = false;
    const second = slots.acquire().then((release) => {
      isSecondIn = true;
      return release;
    });
    await tick();
    expect(isSecondIn).toBe(false);
    slots.setLimit(2);
    (await second)();
    expect(isSecondIn).toBe(true);
    first();
    expect(slots.inUse).toBe(0);
  });

  it('drops a waiter whose request was aborted, without using a place', async () => {
    const slots = new Semaphore(1);
    const held = await slots.acquire();
    const controller = new AbortController();
    const waiting = slots.acquire(controller.signal);
    controller.abort(new Error('client went away'));
    await expect(waiting).rejects.toThrow('client went away');
    held();
    expect(slots.inUse).toBe(0);
    (await slots.acquire())();
  });
});
