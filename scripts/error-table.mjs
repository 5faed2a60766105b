// @ts-check
// Writes docs/errors.md from the contracts' error catalogue. The table is rendered by
// packages/contracts/src/error-docs.ts, and its test holds docs/errors.md as a file snapshot (so the test fails when
// the page is out of date): this runs that test, updating the snapshot.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const vitest = fileURLToPath(new URL('vitest.mjs', `file://${createRequire(import.meta.url).resolve('vitest/package.json')}`));
execFileSync(process.execPath, [vitest, 'run', 'packages/contracts/src/error-docs.test.ts', '--update=all'], {
  cwd: root,
  stdio: 'inherit',
});
