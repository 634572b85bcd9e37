import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countReport, formatSummary, summarizeReports, type VitestJSONReport } from './test-reports';

function report(overrides: Partial<VitestJSONReport> = {}): VitestJSONReport {
  return {
    numPassedTests: 3,
    numFailedTests: 0,
    numPendingTests: 0,
    numTodoTests: 0,
    success: true,
    testResults: [{ name: '/repo/a.test.ts', status: 'passed', assertionResults: [{ status: 'passed' }] }],
    ...overrides,
  };
}

describe('countReport', () => {
  it('counts a file that failed outside any test (an import, a hook) as one failure', () => {
    const counts = countReport(
      '@seer/x#test',
      report({
        numPassedTests: 2,
        numFailedTests: 1,
        numPendingTests: 1,
        numTodoTests: 1,
        success: false,
        testResults: [
          { name: '/repo/a.test.ts', status: 'failed', assertionResults: [{ status: 'failed' }] },
          { name: '/repo/b.test.ts', status: 'failed', assertionResults: [{ status: 'skipped' }] },
        ],
      }),
      '/repo',
    );
    expect(counts).toEqual({
      taskId: '@seer/x#test',
      passed: 2,
      failed: 2,
      skipped: 2,
      brokenFiles: ['b.test.ts'],
    });
  });
});

describe('summarizeReports', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'seer-test-reports-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const write = (name: string, content: VitestJSONReport) => {
    const file = path.join(directory, name);
    writeFileSync(file, JSON.stringify(content));
    return file;
  };

  it('adds up every task and ends with one `N passed, N failed` line', () => {
    const summary = summarizeReports([
      { taskId: '@seer/a#test', report: write('a.json', report()) },
      { taskId: '@seer/b#test', report: write('b.json', report({ numPassedTests: 4, numPendingTests: 2 })) },
    ]);
    expect(summary).toMatchObject({ passed: 7, failed: 0, skipped: 2, isSuccess: true });
    expect(formatSummary(summary)).toEqual([
      '@seer/a#test  3 passed, 0 failed',
      '@seer/b#test  4 passed, 0 failed, 2 skipped',
      '2 skipped',
      '7 passed, 0 failed',
    ]);
  });

  it('fails when a task wrote no report, though every other one passed', () => {
    const summary = summarizeReports(
      [
        { taskId: '@seer/a#test', report: write('a.json', report()) },
        { taskId: '@seer/b#test', report: path.join(directory, 'absent.json') },
      ],
      directory,
    );
    expect(summary.isSuccess).toBe(false);
    expect(formatSummary(summary)).toEqual([
      '@seer/a#test  3 passed, 0 failed',
      '@seer/b#test  did not report (no absent.json)',
      '3 passed, 0 failed',
    ]);
  });

  it('fails when a test failed, and when no test passed', () => {
    const failing = report({ numFailedTests: 1, success: false });
    expect(summarizeReports([{ taskId: 'a', report: write('f.json', failing) }]).isSuccess).toBe(false);
    const empty = report({ numPassedTests: 0, testResults: [] });
    expect(summarizeReports([{ taskId: 'a', report: write('e.json', empty) }]).isSuccess).toBe(false);
  });
});
