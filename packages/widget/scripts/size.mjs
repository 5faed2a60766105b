// Measures the built widget against its budgets (gzip -9 of the built files) and exits non-zero when one is
// exceeded. Chunks are attributed by the modules the build stats say they hold.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const KB = 1024;
const budgets = { launcherOwn: 8 * KB, firstLoad: 30 * KB, dialog: 20 * KB };
const dir = new URL('../dist/remote/', import.meta.url);
const stats = JSON.parse(readFileSync(new URL('stats.json', dir), 'utf8'));
const gz = (file) => gzipSync(readFileSync(new URL(file, dir)), { level: 9 }).length;

const chunks = stats.chunks
  .filter((c) => c.files.some((f) => f.endsWith('.js')))
  .map((c) => ({ file: c.files.find((f) => f.endsWith('.js')), modules: (c.modules ?? []).map((m) => String(m.name)).join('\n'), size: 0 }))
  .map((c) => ({ ...c, size: gz(c.file) }));
const find = (pattern) => chunks.filter((c) => pattern.test(c.modules));
const one = (pattern) => find(pattern)[0]?.size ?? 0;

const remoteEntry = gz('remoteEntry.js');
const embed = one(/src\/henvis\.ts/);
const vendor = {
  preact: one(/preact\/dist\/preact\.module/),
  hooks: one(/preact\/hooks\//),
  jsxRuntime: one(/preact\/jsx-runtime\//),
  signals: one(/@preact\/signals\/dist/),
};
const dialog = find(/src\/referral-dialog\.tsx|node_modules\/.*zod\//).reduce((sum, c) => sum + c.size, 0);
const status = one(/src\/status-list\.tsx/);
const firstLoad = remoteEntry + embed + Object.values(vendor).reduce((a, b) => a + b, 0);

const rows = [
  ['launcher and embed, own code', embed, budgets.launcherOwn],
  ['first load, host without Preact (remoteEntry + embed + Preact + signals)', firstLoad, budgets.firstLoad],
  ['dialog on first open (dialog + zod/mini)', dialog, budgets.dialog],
];
const script = gz(new URL('../script/henvis.js', dir));
console.log('Widget sizes, gzip -9 (KB):');
for (const [what, size, budget] of rows) console.log(`  ${(size / KB).toFixed(1).padStart(5)} / ${(budget / KB).toFixed(0)}  ${size > budget ? 'OVER ' : 'ok   '} ${what}`);
console.log(`  ${(status / KB).toFixed(1).padStart(5)}       status list chunk (loaded where the status view is mounted)`);
console.log(`  ${(remoteEntry / KB).toFixed(1).padStart(5)}       remoteEntry.js (external MF runtime: the host provides it)`);
console.log(`  ${(script / KB).toFixed(1).padStart(5)}       script build henvis.js (everything but the dialog, Preact included)`);
if (rows.some(([, size, budget]) => size > budget)) process.exitCode = 1;
