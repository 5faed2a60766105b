import { rspack } from '@rspack/core';
import config from './rspack.config.mjs';

rspack(config).run((error, stats) => {
  if (error) throw error;
  if (stats.hasErrors()) {
    console.error(stats.toString({ colors: false, all: false, errors: true }));
    process.exitCode = 1;
  }
});
