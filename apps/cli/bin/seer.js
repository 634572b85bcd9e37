#!/usr/bin/env node
// The installed `seer` command: the bundle `pnpm build` makes, so that it starts without compiling
// TypeScript.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/main.js', import.meta.url);
if (!existsSync(bundle)) {
  console.error('seer: this copy of Seer is not built yet. Run "pnpm build" in its folder, then try again.');
  process.exit(1);
}
await import(bundle.href);
