// Prepares a build's output to be served as a CDN would. Compressing at build time, not when the file server starts,
// because brotli at its best quality costs about 3 s of CPU for the two builds with their source maps, which every
// `pnpm start` and end-to-end run would pay again on a shared 2-core machine; the variants on disk are also what a
// vendor uploads to its own origin or CDN (docs/sdk.md), and rspack's `clean` removes them with the files they
// belong to.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * What the build stats say of one emitted file: rspack marks `info.immutable` on a file whose name holds its
 * content hash (`[name].[contenthash:8].js`, rspack.config.mjs); the entries `remoteEntry.js` and `henvis.js` keep
 * their names and are not.
 * @typedef {object} EmittedAsset
 * @property {string} name
 * @property {{ immutable?: boolean }} info
 */

/** Scripts and their source maps: the files the browser (and its developer tools) fetch. */
const compressible = /\.(?:js|map)$/;

/**
 * Writes `<file>.br` (brotli quality 11, text mode) and `<file>.gz` (gzip level 9) beside each script and source map
 * in `dir`, each only where it is smaller than the file, and `immutable.json`: the names of the files a cache may
 * keep for good.
 * @param {URL} dir a build's output folder, ending in `/`
 * @param {readonly EmittedAsset[]} assets the build stats' assets
 * @returns {Promise<{ files: number, ms: number }>} how many files got variants, and the time it took
 */
export async function precompress(dir, assets) {
  const started = performance.now();
  const immutable = assets.filter((asset) => asset.info.immutable === true).map((asset) => asset.name);
  await writeFile(new URL('immutable.json', dir), `${JSON.stringify(immutable.sort(), null, 2)}\n`);
  const names = (await readdir(dir)).filter((name) => compressible.test(name));
  // zlib's asynchronous calls run on libuv's thread pool, so the files are compressed side by side.
  await Promise.all(
    names.map(async (name) => {
      const body = await readFile(new URL(name, dir));
      const [br, gzipped] = await Promise.all([
        brotli(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        }),
        gz(body, { level: constants.Z_BEST_COMPRESSION, memLevel: 9 }),
      ]);
      await Promise.all([
        br.length < body.length ? writeFile(new URL(`${name}.br`, dir), br) : undefined,
        gzipped.length < body.length ? writeFile(new URL(`${name}.gz`, dir), gzipped) : undefined,
      ]);
    }),
  );
  return { files: names.length, ms: Math.round(performance.now() - started) };
}
