import { benchImage } from './image';
import { benchLoad } from './load';
import { benchPlayground } from './playground';
import { benchResize } from './resize';
import { benchStart } from './start';
import { benchVideo } from './video';

/**
 * Runs every default benchmark and prints its figures; `pnpm bench image` runs only the named ones,
 * which may also name one that runs only when named (`pnpm bench load`, which `pnpm bench:load` runs).
 */
async function main(): Promise<void> {
  const benches: Record<string, () => Promise<string[]>> = {
    image: benchImage,
    video: benchVideo,
    playground: benchPlayground,
    resize: benchResize,
    start: benchStart,
  };
  // Load is not a ratio against a baseline, and it runs the API at full tilt for a while.
  const onDemand: Record<string, () => Promise<string[]>> = { load: benchLoad };
  const wanted = process.argv.slice(2);
  const selected = Object.entries({ ...benches, ...onDemand }).filter(([name]) =>
    wanted.length === 0 ? name in benches : wanted.includes(name),
  );
  for (const [, bench] of selected) {
    for (const line of await bench()) console.log(line);
  }
}

await main();
