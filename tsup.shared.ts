import type { Options } from 'tsup';

/**
 * What every tsup build in the workspace has in common: ES modules with source maps, a clean `dist` each time.
 * The maps point into `src`, which the libraries ship beside `dist`.
 */
export const shared = {
  format: ['esm'],
  target: 'es2022',
  sourcemap: true,
  clean: true,
} satisfies Options;

/** A library's modules, without its tests, type tests and stories. */
export const libraryEntry = ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/*.test-d.ts', '!src/**/*.stories.ts'];

/**
 * A published library (`@henvis/contracts`, `@henvis/sdk`): one output file per module, not one bundle, so a
 * consumer's bundler drops what is not imported (`sideEffects: false` can only skip whole files). The sources
 * import each other with `.js` extensions, so the transpiled files' imports resolve as they are.
 */
export function library(options: Options = {}): Options {
  return { ...shared, entry: libraryEntry, bundle: false, dts: true, ...options };
}
