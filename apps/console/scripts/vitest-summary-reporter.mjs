// Writes the console's unit-test totals to $JEST_RESULTS_DIR in the shape of
// tools/jest-summary-reporter.js, so `npm test` counts them in its closing line.
import fs from 'node:fs';
import path from 'node:path';

export default class SummaryReporter {
  onTestRunEnd(testModules) {
    const dir = process.env.JEST_RESULTS_DIR;
    if (!dir) return;
    const totals = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 };
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') totals.numPassedTests += 1;
        else if (state === 'failed') totals.numFailedTests += 1;
        else totals.numPendingTests += 1;
      }
      // A file that failed to load has no tests: count it as one failure.
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0)
        totals.numFailedTests += 1;
    }
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `console-${process.pid}.json`), JSON.stringify(totals));
  }
}
