import { benchImage } from './image';
import { benchPlayground } from './playground';
import { benchVideo } from './video';

/** Runs every benchmark and prints its figures; `pnpm bench image` runs only the named ones. */
async function main(): Promise<void> {
  const benches: Record<string, () => Promise<string[]>> = {
    image: benchImage,
    video: benchVideo,
    playground: benchPlayground,
  };
  const wanted = process.argv.slice(2);
  for (const [name, bench] of Object.entries(benches)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    for (const line of await bench()) console.log(line);
  }
}

await main();
