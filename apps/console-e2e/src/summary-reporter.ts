import type { FullResult, Reporter, TestCase } from '@playwright/test/reporter';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes the browser tests' totals to $JEST_RESULTS_DIR in the shape of
 * tools/jest-summary-reporter.js, so `npm test` counts them in its closing line.
 */
export default class SummaryReporter implements Reporter {
  private readonly totals = {
    numPassedTests: 0,
    numFailedTests: 0,
    numPendingTests: 0,
    numTodoTests: 0,
  };

  onTestEnd(test: TestCase): void {
    // Counted once per test, on its final attempt.
    if (test.results.length - 1 < test.retries && test.outcome() === 'unexpected') return;
    const outcome = test.outcome();
    if (outcome === 'expected' || outcome === 'flaky') this.totals.numPassedTests += 1;
    else if (outcome === 'skipped') this.totals.numPendingTests += 1;
    else this.totals.numFailedTests += 1;
  }

  onEnd(result: FullResult): void {
    const dir = process.env.JEST_RESULTS_DIR;
    // A run that broke before any test (global error) still counts as a failure.
    if (result.status !== 'passed' && this.totals.numFailedTests === 0)
      this.totals.numFailedTests += 1;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, `console-e2e-${process.pid}.json`),
      JSON.stringify(this.totals),
    );
  }
}
