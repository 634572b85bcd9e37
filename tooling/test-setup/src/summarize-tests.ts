/**
 * Prints a line per test task and then one closing `N passed, N failed` line for the whole workspace,
 * from the JSON report each package's vitest run writes. The reports are turbo outputs, restored on a
 * cache hit, so the counts are the same whether a package's tests ran or were replayed. Exits 1 unless
 * every task reported, none failed and some test passed.
 *
 * @example
 * pnpm exec tsx tooling/test-setup/src/summarize-tests.ts test test:e2e
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSummary, summarizeReports, type TestTask } from './test-reports';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The tasks as turbo plans them: the ones with a script, each with the report turbo.json names. */
function plannedTasks(taskNames: string[]): TestTask[] {
  const dryRun = execFileSync(
    path.join(repoRoot, 'node_modules', '.bin', 'turbo'),
    ['run', ...taskNames, '--dry=json'],
    { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const plan = JSON.parse(dryRun) as {
    tasks: { taskId: string; task: string; command: string; directory: string; outputs: string[] | null }[];
  };
  return plan.tasks
    .filter((task) => taskNames.includes(task.task) && task.command !== '<NONEXISTENT>')
    .map((task) => {
      const report = task.outputs?.find((output) => output.endsWith('.json'));
      if (!report) throw new Error(`turbo.json names no JSON report among the outputs of ${task.taskId}.`);
      return { taskId: task.taskId, report: path.join(repoRoot, task.directory, report) };
    });
}

const taskNames = process.argv.slice(2);
if (taskNames.length === 0) {
  console.error('Usage: summarize-tests.ts <turbo task>…, e.g. test test:e2e');
  process.exit(2);
}
const summary = summarizeReports(plannedTasks(taskNames), repoRoot);
const lines = formatSummary(summary);
for (const line of lines.slice(0, -1)) console.log(line);
if (summary.passed === 0) console.error('No test ran.');
console.log(lines.at(-1));
process.exitCode = summary.isSuccess ? 0 : 1;
