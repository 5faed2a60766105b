// Builds the remote and the script-tag bundle, writes each compilation's stats for the size check, and prepares
// the files to be served as a CDN would (precompress.mjs): a brotli and a gzip variant beside each script and source
// map, and immutable.json naming the files whose name carries their content's hash.
import { writeFileSync } from 'node:fs';
import { rspack } from '@rspack/core';
import configs from '../rspack.config.mjs';
import { precompress } from './precompress.mjs';

const compiler = rspack(configs);
compiler.run(async (error, stats) => {
  if (error) throw error;
  // rspack calls back with stats whenever it gives no error; this only says so to the type checker.
  if (!stats) throw new Error('rspack gave neither an error nor stats');
  for (const child of stats.stats) {
    const name = child.compilation.name;
    if (child.hasErrors()) {
      console.error(child.toString({ colors: false, all: false, errors: true }));
      process.exitCode = 1;
      continue;
    }
    const json = child.toJson({ all: false, assets: true, chunks: true, chunkModules: true, chunkGroups: true, ids: true });
    const dir = new URL(`../dist/${name}/`, import.meta.url);
    writeFileSync(new URL('stats.json', dir), JSON.stringify(json));
    // Asked for above (assets: true), so always present.
    if (!json.assets) throw new Error(`the ${name} stats have no assets`);
    console.log(
      `${name}: ${json.assets
        .filter((a) => a.name.endsWith('.js'))
        .map((a) => `${a.name} ${a.size} B`)
        .join(', ')}`,
    );
    const { files, ms } = await precompress(dir, json.assets);
    console.log(`${name}: ${files} br and gz variants in ${ms} ms`);
  }
  compiler.close(() => {});
});
