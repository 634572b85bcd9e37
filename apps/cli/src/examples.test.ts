import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFolder, runSeer } from '../test/test-support';

describe('seer examples', () => {
  it('writes a puzzle with its answer and a clip, which seer can then analyse and plan', async () => {
    const folder = await makeFolder();
    const written = await runSeer(['examples', '--out', 'try'], { cwd: folder, env: {} });
    expect(written.code).toBe(0);
    const puzzle = JSON.parse(await readFile(join(folder, 'try', 'puzzle.json'), 'utf8'));
    const [a, b, missing] = puzzle.rows.at(-1);
    expect(missing).toBe('?');
    expect(puzzle.answer).toBe(String(Number(a) + Number(b)));
    expect(written.stdout).toContain(`answer ${puzzle.answer}`);
    // Run as the `seer` on the PATH, it advises `seer`; through the clone's `pnpm -s seer`, that.
    expect(written.stdout).toContain('\n  seer analyze try/puzzle.png --task math-pattern');
    const throughPnpm = await runSeer(['examples', '--out', 'again'], {
      cwd: folder,
      env: { npm_lifecycle_event: 'seer' },
    });
    expect(throughPnpm.stdout).toContain('\n  pnpm -s seer analyze again/puzzle.png --task math-pattern');

    const analysed = await runSeer(['analyze', 'try/puzzle.png', '--task', 'math-pattern', '--json'], {
      cwd: folder,
      env: {},
    });
    expect(analysed.code).toBe(0);
    expect(JSON.parse(analysed.stdout).media[0]).toMatchObject({ type: 'image', mime: 'image/png' });

    const planned = await runSeer(['preprocess', 'try/clip.mp4', '--json'], { cwd: folder, env: {} });
    expect(JSON.parse(planned.stdout).media[0]).toMatchObject({ type: 'video', durationSeconds: 6 });
  });
});
