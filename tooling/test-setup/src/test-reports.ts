import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What this summary reads of a report written by vitest's `json` reporter. */
export interface VitestJSONReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  success: boolean;
  testResults: { name: string; status: 'passed' | 'failed'; assertionResults: { status: string }[] }[];
}

/** One test task of the turbo run: `@seer/core#test`, and where its package writes its report. */
export interface TestTask {
  taskId: string;
  /** The report file, absolute. */
  report: string;
}

/** The counts of one task, or why there are none. */
export interface TaskCounts {
  taskId: string;
  passed: number;
  failed: number;
  skipped: number;
  /** Test files that failed outside any test (an import, a hook): each also counts as one failure. */
  brokenFiles: string[];
  /** Why the task has no counts (no report), or undefined. */
  missing?: string;
}

/** The counts of every test task together, and whether the run as a whole passed. */
export interface TestSummary {
  tasks: TaskCounts[];
  passed: number;
  failed: number;
  skipped: number;
  isSuccess: boolean;
}

/** The counts in one vitest JSON report. */
export function countReport(taskId: string, report: VitestJSONReport, root = ''): TaskCounts {
  const brokenFiles = report.testResults
    .filter((file) => file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed'))
    .map((file) => (root ? path.relative(root, file.name) : file.name));
  return {
    taskId,
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles.length,
    skipped: report.numPendingTests + report.numTodoTests,
    brokenFiles,
  };
}

/**
 * Reads the report of each task and adds them up. A task without a report (it did not run, or vitest
 * died before writing it) fails the summary, as does a run in which no test passed.
 */
export function summarizeReports(tasks: TestTask[], root = ''): TestSummary {
  const counts = tasks.map((task): TaskCounts => {
    if (!existsSync(task.report)) {
      const shown = root ? path.relative(root, task.report) : task.report;
      return {
        taskId: task.taskId,
        passed: 0,
        failed: 0,
        skipped: 0,
        brokenFiles: [],
        missing: `no ${shown}`,
      };
    }
    const report = JSON.parse(readFileSync(task.report, 'utf8')) as VitestJSONReport;
    return countReport(task.taskId, report, root);
  });
  const sum = (key: 'passed' | 'failed' | 'skipped') => counts.reduce((total, task) => total + task[key], 0);
  const passed = sum('passed');
  const failed = sum('failed');
  return {
    tasks: counts,
    passed,
    failed,
    skipped: sum('skipped'),
    isSuccess: passed > 0 && failed === 0 && counts.every((task) => task.missing === undefined),
  };
}

/** The summary as printed: a line per task, then the one closing `N passed, N failed` line. */
export function formatSummary(summary: TestSummary): string[] {
  const width = Math.max(0, ...summary.tasks.map((task) => task.taskId.length));
  const lines = summary.tasks.map((task) => {
    const name = task.taskId.padEnd(width);
    if (task.missing !== undefined) return `${name}  did not report (${task.missing})`;
    const skipped = task.skipped > 0 ? `, ${task.skipped} skipped` : '';
    const broken =
      task.brokenFiles.length > 0 ? ` (failed outside any test: ${task.brokenFiles.join(', ')})` : '';
    return `${name}  ${task.passed} passed, ${task.failed} failed${skipped}${broken}`;
  });
  if (summary.skipped > 0) lines.push(`${summary.skipped} skipped`);
  lines.push(`${summary.passed} passed, ${summary.failed} failed`);
  return lines;
}
