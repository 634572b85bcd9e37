// `pnpm build`: the seer command as one JavaScript file, which bin/seer.js loads.
import { bundleNodeProgram } from '@seer/bundle';

await bundleNodeProgram({ entry: 'src/main.ts', outdir: 'dist' });
