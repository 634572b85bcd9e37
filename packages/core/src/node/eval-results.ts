import { existsSync } from 'node:fs';
import { appendFile, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RequestError } from '../errors';
import type { EvalRecord } from '../eval/record';

/** The key of one answer: an item at a budget in one repeat. A later line for the same key replaces an earlier one. */
export function recordKey(record: Pick<EvalRecord, 'id' | 'budget' | 'repeat'>): string {
  return `${String(record.budget)}\u0000${record.repeat}\u0000${record.id}`;
}

/** The path of a run's `results.jsonl`. */
export function resultsPath(folder: string): string {
  return join(folder, 'results.jsonl');
}

/**
 * Reads a run's `results.jsonl`: the latest line for each answer (a retried failure is appended after
 * the failure it replaces), in the order first written. A line cut short by an interruption is skipped.
 */
export async function readEvalRecords(folder: string): Promise<EvalRecord[]> {
  const path = resultsPath(folder);
  if (!existsSync(path)) return [];
  const latest = new Map<string, EvalRecord>();
  const lines = (await readFile(path, 'utf8')).split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let record: EvalRecord;
    try {
      record = JSON.parse(line) as EvalRecord;
    } catch {
      // Only the last line can be cut short by a crash; anything else is not a file Seer wrote.
      if (index >= lines.length - 2) continue;
      throw new RequestError({
        code: 'invalid_run',
        message: `${path}:${index + 1} is not a line Seer wrote.`,
      });
    }
    latest.set(recordKey(record), record);
  }
  return [...latest.values()];
}

/** Appends one answer to `results.jsonl`. */
export async function appendEvalRecord(folder: string, record: EvalRecord): Promise<void> {
  await appendFile(resultsPath(folder), `${JSON.stringify(record)}\n`);
}

/** Replaces `results.jsonl` with these lines, in one rename so that a crash never leaves half a file. */
export async function rewriteEvalRecords(folder: string, records: readonly EvalRecord[]): Promise<void> {
  const path = resultsPath(folder);
  await writeFile(`${path}.tmp`, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
  await rename(`${path}.tmp`, path);
}
