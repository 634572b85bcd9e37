import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { RequestError } from '../errors';
import { accuracyByBudgetChart, accuracyByThinkingChart } from '../eval/accuracy-charts';
import type { EvalRecord } from '../eval/record';
import { type EvalSummary, summarizeEval } from '../eval/summarize-eval';
import { summaryToCSV, summaryToMarkdown } from '../eval/summary-tables';
import type { EvalRunDescription } from './eval-run-file';
import { renderChartPNG } from './render-chart';

/** The files a report writes into a run's folder, besides `results.jsonl` and `run.json`. */
export const REPORT_FILES = [
  'summary.json',
  'summary.csv',
  'summary.md',
  'accuracy-vs-budget.svg',
  'accuracy-vs-budget.png',
  'accuracy-vs-thinking.svg',
  'accuracy-vs-thinking.png',
] as const;

/** A run's chart title: what was measured, on what, with which model. */
function chartTitles(run: EvalRunDescription): { budget: string; thinking: string; subtitle: string } {
  const dataset = basename(dirname(run.dataset.path)) || basename(run.dataset.path);
  const subtitle = `${run.dataset.items} items of ${dataset} · prompt ${run.template.id} · ${run.repeats > 1 ? `${run.repeats} repeats · ` : ''}95 % intervals`;
  return {
    budget: `Accuracy against thinking budget · ${run.model.id}`,
    thinking: `Accuracy against thinking used · ${run.model.id}`,
    subtitle,
  };
}

/**
 * Sums up a run's answers and writes its report: `summary.json` (the run's description and the summary
 * by budget, subject and level), `summary.csv`, `summary.md`, and both charts as SVG and PNG.
 */
export async function writeEvalReport(
  folder: string,
  run: EvalRunDescription,
  records: readonly EvalRecord[],
): Promise<EvalSummary> {
  const summary: EvalSummary = {
    run: { ...run },
    ...summarizeEval([...records], { budgetsInOrder: run.budgets.map((budget) => budget.asked) }),
  };
  const titles = chartTitles(run);
  const series = [{ label: run.model.id, summary }];
  const byBudget = accuracyByBudgetChart(series, { title: titles.budget, subtitle: titles.subtitle });
  const byThinking = accuracyByThinkingChart(series, { title: titles.thinking, subtitle: titles.subtitle });
  await Promise.all([
    writeFile(join(folder, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`),
    writeFile(join(folder, 'summary.csv'), summaryToCSV(summary, run.model.id)),
    writeFile(
      join(folder, 'summary.md'),
      summaryToMarkdown(summary, { title: `${run.model.id} on ${basename(run.dataset.path)}` }),
    ),
    writeFile(join(folder, 'accuracy-vs-budget.svg'), byBudget),
    writeFile(join(folder, 'accuracy-vs-thinking.svg'), byThinking),
    renderChartPNG(byBudget).then((png) => writeFile(join(folder, 'accuracy-vs-budget.png'), png)),
    renderChartPNG(byThinking).then((png) => writeFile(join(folder, 'accuracy-vs-thinking.png'), png)),
  ]);
  return summary;
}

/**
 * Draws several runs (one per folder, e.g. one per model) on one accuracy-against-budget chart, and
 * writes it as `<out>.svg` and `<out>.png`. Each run is named by its model.
 *
 * @throws RequestError when a folder holds no `summary.json`.
 */
export async function writeComparisonChart(folders: readonly string[], out: string): Promise<string[]> {
  const series = await Promise.all(
    folders.map(async (folder) => {
      let summary: EvalSummary;
      try {
        summary = JSON.parse(await readFile(join(folder, 'summary.json'), 'utf8')) as EvalSummary;
      } catch {
        throw new RequestError({
          code: 'invalid_run',
          message: `${folder} holds no summary.json: run seer eval there first.`,
        });
      }
      const run = summary.run as Partial<EvalRunDescription> | undefined;
      return { label: run?.model?.id ?? basename(folder), summary };
    }),
  );
  const datasets = [
    ...new Set(
      series.map((entry) => {
        const path = (entry.summary.run as Partial<EvalRunDescription> | undefined)?.dataset?.path;
        return path ? basename(path) : 'unknown data set';
      }),
    ),
  ];
  const svg = accuracyByBudgetChart(series, {
    title: `Accuracy against thinking budget · ${series.map((entry) => entry.label).join(' vs ')}`,
    subtitle: `${datasets.join(', ')} · 95 % intervals`,
  });
  const base = out.replace(/\.(svg|png)$/i, '');
  await writeFile(`${base}.svg`, svg);
  await writeFile(`${base}.png`, await renderChartPNG(svg));
  return [`${base}.svg`, `${base}.png`];
}
