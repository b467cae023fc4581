// Prints the one-line CI summary "N passed, N failed" from vitest's JSON report.
// When npm test failed before vitest ran (typecheck, lint), the failure still counts.
import { existsSync, readFileSync } from 'node:fs';

const [file = '.vitest-results.json', statusArg = '0'] = process.argv.slice(2);
const status = Number(statusArg);
let passed = 0;
let failed = 0;
if (existsSync(file)) {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed = report.numPassedTests ?? 0;
    failed = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
  } catch {
    failed = 1;
  }
}
if (status !== 0 && failed === 0) failed = 1;
if (passed === 0 && failed === 0) failed = 1; // a run that tested nothing is not a pass
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
