import { resolve } from 'node:path';
import { RequestError } from '../errors';
import type { EvalRecord } from '../eval/record';
import { scoreAnswer } from '../eval/score';
import type { EvalSummary } from '../eval/summarize-eval';
import { writeEvalReport } from './eval-report';
import { readEvalRecords, rewriteEvalRecords } from './eval-results';
import { readRunDescription } from './eval-run-file';

/**
 * Re-reads every answer of a run with the current scorer, without calling any model: the answer is
 * extracted again from each line's text and compared with the gold (failures stay failures, unanswered
 * stays unanswered); `results.jsonl` and the report are rewritten.
 */
export async function rescoreEval(out: string): Promise<{ summary: EvalSummary; changed: number }> {
  const folder = resolve(out);
  const run = await readRunDescription(folder);
  if (!run) {
    throw new RequestError({
      code: 'invalid_run',
      message: `${folder} holds no run.json: nothing to re-score.`,
    });
  }
  let changed = 0;
  const records = (await readEvalRecords(folder)).map((record): EvalRecord => {
    if (record.status === 'error' || record.status === 'unanswered') return record;
    const score = scoreAnswer(record.text, { answer: record.answer, options: record.options ?? [] });
    const next: EvalRecord = {
      ...record,
      status: score.extracted === undefined ? 'unparsed' : 'scored',
      extracted: score.extracted ?? null,
      correct: score.isCorrect,
    };
    if (next.correct !== record.correct || next.extracted !== record.extracted) changed++;
    return next;
  });
  await rewriteEvalRecords(folder, records);
  return { summary: await writeEvalReport(folder, run, records), changed };
}
