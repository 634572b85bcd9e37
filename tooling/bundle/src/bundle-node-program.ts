import { rmSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * The packages a bundle leaves to Node to load at run time, from the program's own `node_modules`:
 * native code (sharp), binaries found by their package's path (ffmpeg, ffprobe), files read from a
 * package's folder (heic-decode's WebAssembly, Swagger UI) and pino, which loads its transports by
 * path. Each program that bundles `@seer/core` lists the ones it uses among its dependencies.
 */
export const RUN_TIME_PACKAGES = [
  'sharp',
  '@ffmpeg-installer/ffmpeg',
  '@ffprobe-installer/ffprobe',
  'heic-decode',
  'swagger-ui-dist',
  'pino',
] as const;

/** What {@link bundleNodeProgram} bundles and where. */
export interface BundleOptions {
  /** The program's entry, e.g. `src/main.ts`. */
  entry: string;
  /** The folder the bundle goes to, as `<entry name>.js` with a source map beside it. */
  outdir: string;
}

/**
 * Bundles a Node program and everything it imports (Seer's workspace packages, shipped as
 * TypeScript, and the pure-JavaScript npm packages) into one ES module for Node 20, leaving
 * {@link RUN_TIME_PACKAGES} to be loaded at run time. Whitespace and syntax are minified, names kept,
 * so that stack traces stay readable with the source map. CommonJS packages inside the bundle get a
 * `require` of their own, made for the bundle's location.
 */
export async function bundleNodeProgram(options: BundleOptions): Promise<void> {
  // Chunks are named by their content: the last build's would stay beside this one's.
  rmSync(options.outdir, { recursive: true, force: true });
  await build({
    entryPoints: [options.entry],
    outdir: options.outdir,
    // What a program imports with `import()` (the evaluation's math engine, say) becomes a file of its
    // own, read only when it is used, so that starting the program reads and compiles less.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    minifyWhitespace: true,
    minifySyntax: true,
    external: [...RUN_TIME_PACKAGES],
    banner: {
      js: "import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);",
    },
    logLevel: 'warning',
  });
}
