// Checks every package under packages/ as it would be published: packed with pnpm (so `workspace:` versions are
// rewritten and `files` decides what ships), then the tarball linted with `publint --strict` and its types checked
// with `attw --profile esm-only` (the packages are ESM only; CommonJS resolutions are not promised). Run after the
// build: the tarballs hold what `dist` holds. Exits non-zero when a package fails either check.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules/.bin', name);
// Under `pnpm run`, npm_execpath is pnpm itself; run directly, fall back to the README's `npx -y pnpm@10`.
const pnpm = process.env.npm_execpath?.includes('pnpm') ? [process.execPath, process.env.npm_execpath] : ['npx', '-y', 'pnpm@10'];

// Plain text in the logs (picocolors colours whenever FORCE_COLOR is set at all).
const env = { ...process.env, NO_COLOR: '1' };
delete env.FORCE_COLOR;

/** Runs a command; its output, and whether it exited with 0. */
function run([command, ...args], cwd) {
  try {
    return { ok: true, output: execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe', env }) };
  } catch (error) {
    return { ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` || String(error) };
  }
}

const out = mkdtempSync(join(tmpdir(), 'henvis-packs-'));
let failed = false;
try {
  for (const name of readdirSync(join(root, 'packages')).sort()) {
    const dir = join(root, 'packages', name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    // A private app with nothing to import or run from the package (the inbox is served from its dist) has no
    // consumer whom a wrong `exports` could hurt; anything with exports, main or a bin is checked, private or not.
    if (manifest.private && !manifest.exports && !manifest.main && !manifest.bin) {
      console.log(`${manifest.name}: skipped (private, no exports, main or bin)`);
      continue;
    }
    const pack = run([...pnpm, 'pack', '--json', '--pack-destination', out], dir);
    if (!pack.ok) {
      console.log(`${manifest.name}: pnpm pack failed\n${pack.output}`);
      failed = true;
      continue;
    }
    const tarball = JSON.parse(pack.output.slice(pack.output.indexOf('{'))).filename;
    const checks = [
      ['publint --strict', run([bin('publint'), 'run', tarball, '--strict'], root)],
      ['attw --profile esm-only', run([bin('attw'), tarball, '--profile', 'esm-only', '--format', 'table-flipped'], root)],
    ];
    const bad = checks.filter(([, check]) => !check.ok);
    console.log(`${manifest.name}: ${checks.map(([what, check]) => `${what} ${check.ok ? 'ok' : 'FAILED'}`).join(', ')}`);
    // Failures in full; publint's suggestions too, which do not fail the check.
    for (const [what, check] of checks) {
      if (!check.ok || (what.startsWith('publint') && !check.output.includes('All good')))
        console.log(`--- ${what}\n${check.output.trim()}\n`);
    }
    if (bad.length > 0) failed = true;
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
