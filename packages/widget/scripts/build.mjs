// Builds the remote and the script-tag bundle, and writes each compilation's stats for the size check.
import { writeFileSync } from 'node:fs';
import { rspack } from '@rspack/core';
import configs from '../rspack.config.mjs';

const compiler = rspack(configs);
compiler.run((error, stats) => {
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
    writeFileSync(new URL(`../dist/${name}/stats.json`, import.meta.url), JSON.stringify(json));
    // Asked for above (assets: true), so always present.
    if (!json.assets) throw new Error(`the ${name} stats have no assets`);
    console.log(
      `${name}: ${json.assets
        .filter((a) => a.name.endsWith('.js'))
        .map((a) => `${a.name} ${a.size} B`)
        .join(', ')}`,
    );
  }
  compiler.close(() => {});
});
