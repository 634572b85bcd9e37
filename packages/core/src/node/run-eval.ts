import { mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { EvalSummary } from '../eval/summarize-eval';
import { answerEvalItem, type EvalJob } from './answer-eval-item';
import { REPORT_FILES, writeEvalReport } from './eval-report';
import { appendEvalRecord, readEvalRecords, recordKey } from './eval-results';
import {
  checkSameRun,
  type EvalRunDescription,
  readRunDescription,
  writeRunDescription,
} from './eval-run-file';
import { type EvalOptions, prepareEval } from './prepare-eval';

/** How a run ended. */
export interface EvalOutcome {
  summary: EvalSummary;
  run: EvalRunDescription;
  /** Answers recorded in the folder for this run, of `total`. */
  done: number;
  total: number;
  /** Answers still failed: the next run retries them. */
  errors: number;
  /** Requests this run sent (answers, failures). */
  sent: number;
  wasInterrupted: boolean;
}

/**
 * Runs a MathVision-format data set at each thinking budget and writes, in `out`: `run.json` (what the
 * run is), `results.jsonl` (a line per item, budget and repeat, appended as answers arrive, each with
 * its answer text, thinking, extracted answer, tokens, the budget sent, latency and cost), and the report
 * (`summary.json`, `.csv`, `.md`, charts as SVG and PNG).
 *
 * Everything that can be refused is refused before the first request. Run again on the same `out` with
 * the same settings, it asks only what is missing or failed; with other settings it refuses (unless
 * `isFresh`). A failed request is recorded as a failure with its code, never scored.
 */
export async function runEval(options: EvalOptions): Promise<EvalOutcome> {
  const prepared = await prepareEval(options);
  const out = resolve(options.out);
  await mkdir(out, { recursive: true });
  const saved = options.isFresh ? undefined : await readRunDescription(out);
  if (options.isFresh) {
    await Promise.all(
      ['run.json', 'results.jsonl', ...REPORT_FILES].map((name) => rm(resolve(out, name), { force: true })),
    );
  }
  if (saved) checkSameRun(out, saved, prepared.run);
  const run = saved ? { ...saved, concurrency: prepared.run.concurrency } : prepared.run;
  await writeRunDescription(out, run);

  const records = new Map((await readEvalRecords(out)).map((record) => [recordKey(record), record]));
  const jobs: EvalJob[] = prepared.plans.flatMap((plan) =>
    Array.from({ length: run.repeats }, (_, repeat) =>
      prepared.items.map((item) => ({ item, plan, repeat })),
    ).flat(),
  );
  const keyOf = (job: EvalJob) => recordKey({ id: job.item.id, budget: job.plan.asked, repeat: job.repeat });
  // A failed answer is asked again; everything else recorded is kept.
  const isDone = (job: EvalJob) => {
    const status = records.get(keyOf(job))?.status;
    return status !== undefined && status !== 'error';
  };
  const queue = jobs.filter((job) => !isDone(job));
  const total = jobs.length;
  let done = total - queue.length;
  let sent = 0;
  const worker = async () => {
    for (let job = queue.shift(); job && !options.signal?.aborted; job = queue.shift()) {
      const record = await answerEvalItem(job, prepared, options);
      if (!record) continue;
      sent++;
      records.set(recordKey(record), record);
      await appendEvalRecord(out, record);
      if (record.status !== 'error') done++;
      options.onProgress?.(done, total, record);
    }
  };
  await Promise.all(Array.from({ length: run.concurrency }, worker));

  const current = new Set(jobs.map(keyOf));
  const wanted = [...records.values()].filter((record) => current.has(recordKey(record)));
  const summary = await writeEvalReport(out, run, wanted);
  return {
    summary,
    run,
    done,
    total,
    errors: wanted.filter((record) => record.status === 'error').length,
    sent,
    wasInterrupted: options.signal?.aborted === true,
  };
}
