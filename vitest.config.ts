import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run against sources: every workspace package exports `src/index.ts` under the `@henvis/source`
// condition. Only workspace packages are resolved by Vite; dependencies keep Node's own resolution.
const conditions = ['@henvis/source', 'module', 'node', 'development|production'];
// Vitest finds this file from a package's folder too, but resolves a relative outputFile against the cwd: the
// report (read by scripts/test-summary.mjs) always goes to the root's test/artifacts.
const report = fileURLToPath(new URL('test/artifacts/vitest-results.json', import.meta.url));

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: report }]],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
