import { defineConfig } from 'vitest/config';

// Tests run against sources: every workspace package exports `src/index.ts` under the `@henvis/source`
// condition. Only workspace packages are resolved by Vite; dependencies keep Node's own resolution.
const conditions = ['@henvis/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test/artifacts/vitest-results.json' }]],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
