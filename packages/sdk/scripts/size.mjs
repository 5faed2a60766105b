// Measures what a journal's bundle pays for one function of the SDK imported by name: a one-line entry bundled
// with esbuild (minified, for the browser, as ES modules) from the built dist, as a consumer resolves it (without
// the @henvis/source condition), then gzip -9. Exits non-zero when an import is over its budget, and then names
// the modules that cost the most.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const KB = 1024;
const budgets = { loadHenvis: 2 * KB, createHenvisClient: 4 * KB };
const packageDir = fileURLToPath(new URL('..', import.meta.url));

console.log('SDK imports, bundled from dist, gzip -9 (KB):');
for (const [name, budget] of Object.entries(budgets)) {
  const result = await build({
    // Resolved from the package itself (a self-reference through its exports), so dist is what is measured.
    stdin: { contents: `export { ${name} } from '@henvis/sdk';`, resolveDir: packageDir, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const size = gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
  const over = size > budget;
  console.log(
    `  ${(size / KB).toFixed(1).padStart(5)} / ${(budget / KB).toFixed(0)}  ${over ? 'OVER ' : 'ok   '} import { ${name} } from '@henvis/sdk'`,
  );
  if (!over) continue;
  process.exitCode = 1;
  const inputs = Object.entries(Object.values(result.metafile.outputs)[0].inputs).sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput);
  for (const [file, { bytesInOutput }] of inputs.slice(0, 10))
    console.log(`         ${String(bytesInOutput).padStart(7)} B minified  ${file}`);
}
