import { defineConfig } from 'tsup';
import { shared } from '../../tsup.shared.js';

// Unlike the libraries, the server stays bundled: it is a bin (and a library for the workspace's tests) that runs
// in Node, where nothing tree-shakes it, so one file per entry (and the chunks they share) starts fastest.
export default defineConfig({
  ...shared,
  entry: ['src/index.ts', 'src/cli.ts'],
  dts: { entry: 'src/index.ts' },
  target: 'node20',
});
