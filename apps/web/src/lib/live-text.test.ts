import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { LiveText } from './live-text';

let frames: FrameRequestCallback[] = [];

beforeEach(() => {
  frames = [];
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => {
    frames[id - 1] = () => {};
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Runs the animation frames due, then the task each frame leaves for the views. */
const runFrames = () => {
  const pending = frames;
  frames = [];
  for (const frame of pending) frame(0);
  vi.runOnlyPendingTimers();
};

test('hands appended text to views once per frame, in one batch', () => {
  const text = new LiveText();
  const seen: (string | null)[] = [];
  text.subscribe((appended) => seen.push(appended));

  text.append('The third ');
  text.append('number ');
  text.append('');
  expect(text.value).toBe('The third number ');
  expect(text.shownValue).toBe('');
  expect(frames).toHaveLength(1);
  expect(seen).toEqual([]);

  runFrames();
  expect(seen).toEqual(['The third number ']);
  expect(text.shownValue).toBe('The third number ');

  text.append('is 10.');
  text.flush();
  expect(seen).toEqual(['The third number ', 'is 10.']);
  runFrames();
  expect(seen).toHaveLength(2);
});

test('clear empties the text and tells the views', () => {
  const text = new LiveText();
  const seen: (string | null)[] = [];
  const unsubscribe = text.subscribe((appended) => seen.push(appended));
  text.append('old');
  text.clear();
  runFrames();
  expect(text.value).toBe('');
  expect(seen).toEqual([null]);

  unsubscribe();
  text.append('new');
  runFrames();
  expect(seen).toEqual([null]);
});

test('hands the text over in a task of its own after the frame, not inside the frame callback', () => {
  const text = new LiveText();
  const seen: (string | null)[] = [];
  text.subscribe((appended) => seen.push(appended));
  text.append('A long thought');
  for (const frame of frames.splice(0)) frame(0);
  expect(seen).toEqual([]);
  vi.runOnlyPendingTimers();
  expect(seen).toEqual(['A long thought']);
});
