// Measures the built widget against its budgets (gzip -9 of the built files) and exits non-zero when one is
// exceeded. What a page loads is read from the build stats: each exposed module and each lazily loaded part is a
// named chunk group (see rspack.config.mjs and the webpackChunkName comments), and its files are what it costs.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const KB = 1024;
const budgets = { launcherOwn: 8 * KB, firstLoad: 30 * KB, dialog: 21 * KB, script: 17 * KB };
const dir = new URL('../dist/remote/', import.meta.url);

/**
 * The part of the remote's build stats (written by scripts/build.mjs) that this check reads.
 * @typedef {object} BuildStats
 * @property {Record<string, { assets: { name: string }[] }>} namedChunkGroups each named chunk group and its files
 * @property {{ files: string[], modules?: { name?: string | null }[] }[]} chunks each chunk, its files and modules
 */

/** @type {BuildStats} */
const stats = JSON.parse(readFileSync(new URL('stats.json', dir), 'utf8'));
/** @param {string} file a file of the remote build, relative to its directory */
const gz = (file) => gzipSync(readFileSync(new URL(file, dir)), { level: 9 }).length;

/**
 * The JavaScript files of a named chunk group, less those already loaded.
 * @param {string} group
 * @param {Set<string>} [loaded]
 */
function filesOf(group, loaded = new Set()) {
  const entry = stats.namedChunkGroups[group];
  if (!entry) throw new Error(`the build stats have no chunk group "${group}"`);
  return entry.assets.map((a) => a.name).filter((name) => name.endsWith('.js') && !loaded.has(name));
}
/** @param {string[]} files */
const sum = (files) => files.reduce((total, file) => total + gz(file), 0);

/**
 * Preact and signals as a host without them loads them: the remote's fallback copies of the shared modules.
 * @returns {string[]}
 */
function vendorFiles() {
  const patterns = [/preact\/dist\/preact\.module/, /preact\/hooks\/dist/, /preact\/jsx-runtime\/dist/, /@preact\/signals\/dist/];
  // One chunk may hold several of them (rspack.config.mjs puts Preact's three entry points together): count it once.
  const files = patterns.map((pattern) => {
    const chunk = stats.chunks.find(
      (c) => (c.modules ?? []).some((m) => pattern.test(String(m.name))) && c.files.some((f) => f.endsWith('.js')),
    );
    // The chunk was chosen for having a .js file, so `file` is missing only when no chunk was found.
    const file = chunk?.files.find((f) => f.endsWith('.js'));
    if (!file) throw new Error(`no chunk holds ${pattern}`);
    return file;
  });
  return [...new Set(files)];
}

const embed = filesOf('expose-embed');
const own = sum(embed);
const firstLoad = gz('remoteEntry.js') + own + sum(vendorFiles());
const dialog = sum(filesOf('dialog'));
const script = gzipSync(readFileSync(new URL('../script/henvis.js', dir)), { level: 9 }).length;
const status = sum(filesOf('status', new Set(embed)));
const consent = sum(filesOf('consent', new Set(embed)));
const who5 = sum(filesOf('who5', new Set(embed)));
const openReferrals = sum(filesOf('open-referrals', new Set([...embed, ...filesOf('dialog')])));

/** @type {[what: string, size: number, budget: number][]} */
const rows = [
  ['launcher and embed, own code', own, budgets.launcherOwn],
  ['first load, host without Preact (remoteEntry + embed + Preact + signals)', firstLoad, budgets.firstLoad],
  ['dialog on first open (dialog + zod/mini)', dialog, budgets.dialog],
  ['script build henvis.js (launcher and embed, Preact included)', script, budgets.script],
];
console.log('Widget sizes, gzip -9 (KB):');
for (const [what, size, budget] of rows)
  console.log(`  ${(size / KB).toFixed(1).padStart(5)} / ${(budget / KB).toFixed(0)}  ${size > budget ? 'OVER ' : 'ok   '} ${what}`);
console.log(`  ${(status / KB).toFixed(1).padStart(5)}       status list (loaded where the status view is mounted)`);
console.log(`  ${(consent / KB).toFixed(1).padStart(5)}       consents (loaded where the consent view is mounted)`);
console.log(`  ${(who5 / KB).toFixed(1).padStart(5)}       WHO-5 form (loaded where the who5 view is mounted)`);
console.log(
  `  ${(openReferrals / KB).toFixed(1).padStart(5)}       the dialog's warning of an open referral (loaded when the citizen has one)`,
);
console.log(`  ${(gz('remoteEntry.js') / KB).toFixed(1).padStart(5)}       remoteEntry.js (external MF runtime: the host provides it)`);
if (rows.some(([, size, budget]) => size > budget)) process.exitCode = 1;
