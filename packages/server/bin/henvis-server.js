#!/usr/bin/env node
import('../dist/cli.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND') {
    console.error('henvis-server is not built yet: run `pnpm build` in the workspace first.');
    process.exit(1);
  }
  throw error;
});
