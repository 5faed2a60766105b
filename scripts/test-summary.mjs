// Prints the closing line CI reads ("N passed, N failed, N skipped") from vitest's JSON report.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(new URL('../test/artifacts/vitest-results.json', import.meta.url), 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
const storage = process.env.DATABASE_URL ? 'PGlite and PostgreSQL' : 'PGlite only (set DATABASE_URL to add PostgreSQL)';
console.log(`storage tests ran on: ${storage}`);
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
if (report.numTotalTests === 0) process.exit(1);
