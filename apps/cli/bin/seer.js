#!/usr/bin/env node
// The installed `seer` command: Seer ships TypeScript source, so tsx compiles it as it loads.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
