import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A recorded provider stream and what Seer must read out of it. */
export interface Recording {
  /** The file name without extension, e.g. `qvq-max_reasoning-content-zh`. */
  name: string;
  /** Where it comes from: the project's own `recordings/`, or the shared fixtures beside the checkout. */
  origin: 'project' | 'shared';
  /** The raw SSE text, exactly as recorded. */
  sse: string;
  expected: {
    reasoning: string;
    content: string;
    finish_reason: string | null;
    usage: Record<string, unknown> | null;
  };
}

const here = dirname(fileURLToPath(import.meta.url));
const projectFolder = resolve(here, '../recordings');
/** The shared fixtures sit beside the repository checkout when they are present. */
const sharedFolder = resolve(here, '../../../../shared/fixtures/sse');

function readFolder(folder: string, origin: Recording['origin']): Recording[] {
  if (!existsSync(folder)) return [];
  const recordings: Recording[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      recordings.push(...readFolder(path, origin));
      continue;
    }
    if (!entry.name.endsWith('.txt')) continue;
    const expectedPath = path.replace(/\.txt$/, '.json');
    if (!existsSync(expectedPath)) continue;
    recordings.push({
      name: entry.name.replace(/\.txt$/, ''),
      origin,
      sse: readFileSync(path, 'utf8'),
      expected: JSON.parse(readFileSync(expectedPath, 'utf8')),
    });
  }
  return recordings;
}

/**
 * Loads every recorded stream: the project's own, and the shared provider captures when the shared
 * fixtures folder is present beside the checkout (tests must pass without it).
 */
export function loadRecordings(): Recording[] {
  return [...readFolder(projectFolder, 'project'), ...readFolder(sharedFolder, 'shared')];
}

/** Whether the shared provider captures are present. */
export const hasSharedRecordings = existsSync(sharedFolder);
