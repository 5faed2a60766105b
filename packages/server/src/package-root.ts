import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'migrations'))) return dir;
  }
  throw new Error('@henvis/server: cannot find its package folder (with migrations/)');
}

/** The folder of @henvis/server, whether this runs from `src/` or from the built `dist/`. */
export const packageRoot = findRoot(dirname(fileURLToPath(import.meta.url)));
