// @ts-check
// The widget's built files (packages/widget/dist: remote/ and script/) served as a CDN would serve them, for the
// demo and the end-to-end tests: the brotli or gzip variant the browser accepts, a year's caching for the files
// named after their content's hash, a minute for the entry files whose names never change (remoteEntry.js,
// henvis.js: a new release reaches an open journal within a minute, then revalidates with its ETag), and CORS and
// Timing-Allow-Origin for the journals' pages. docs/sdk.md gives a vendor's origin or CDN the same rules.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

/** The widget's build output. */
export const widgetDist = fileURLToPath(new URL('../packages/widget/dist', import.meta.url));

/** Seconds an entry file may be used before the browser asks again. */
export const ENTRY_MAX_AGE = 60;

/**
 * Whether a file of `root` may be cached for good: its folder's immutable.json (written by the widget's build from
 * rspack's own `info.immutable`, packages/widget/scripts/precompress.mjs) names it. Read again when it changes, so a
 * rebuild under a running server is followed; a folder without one has no immutable files.
 * @param {string} root
 * @returns {(path: string) => boolean} given a path from the root with `/`
 */
export function immutableFiles(root) {
  /** @type {Map<string, { mtimeMs: number, names: Set<string> }>} */
  const manifests = new Map();
  return (path) => {
    const manifest = join(root, dirname(path), 'immutable.json');
    let known = manifests.get(manifest);
    try {
      const { mtimeMs } = statSync(manifest);
      if (known?.mtimeMs !== mtimeMs) {
        const names = /** @type {unknown} */ (JSON.parse(readFileSync(manifest, 'utf8')));
        known = { mtimeMs, names: new Set(Array.isArray(names) ? names.filter((name) => typeof name === 'string') : []) };
        manifests.set(manifest, known);
      }
    } catch {
      // No manifest, or one being written: nothing is immutable, which costs a revalidation and is never wrong.
      return false;
    }
    return known.names.has(path.split('/').pop() ?? '');
  };
}

/**
 * Serves the widget's files on `port` (0: any free port).
 * @param {object} options
 * @param {number} options.port
 * @param {string} [options.root] the build output, packages/widget/dist by default
 * @returns {Promise<import('node:http').Server>}
 */
export function serveWidgetFiles({ port, root = widgetDist }) {
  return serve({ root, port, cors: true, maxAge: ENTRY_MAX_AGE, immutable: immutableFiles(root) });
}
