// `pnpm build`: the API as one JavaScript file, which `pnpm start` runs with node.
import { bundleNodeProgram } from '@seer/bundle';

await bundleNodeProgram({ entry: 'src/main.ts', outdir: 'dist' });
