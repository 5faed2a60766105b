import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { UntypedJson } from './harness.js';

// docs/openapi.json (the generated document, kept equal to the live one by openapi-document.test.ts) linted by
// @redocly/cli with the repository's redocly.yaml (recommended rules, every warning an error, and more) and its
// .redocly.lint-ignore.yaml (each ignored problem with its reason). The CLI runs from node_modules with telemetry
// and update checks off; where the machine allows it, in a network namespace of its own, so it cannot go online.

const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
const run = promisify(execFile);

interface Lint {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
}

let offline: boolean | undefined;
async function canGoOffline(): Promise<boolean> {
  offline ??= await run('unshare', ['-n', 'true']).then(
    () => true,
    () => false,
  );
  return offline;
}

/** `redocly lint --format=json` of `docs/openapi.json` in `folder` (which holds the config), offline. */
async function lint(folder: string): Promise<Lint> {
  const args = [cli, 'lint', 'docs/openapi.json', '--format=json'];
  const [command, argv] = (await canGoOffline()) ? ['unshare', ['-n', process.execPath, ...args]] : [process.execPath, args];
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  // The CLI exits 1 when it finds errors; its report is on stdout either way.
  const { stdout } = await run(command, argv, { cwd: folder, env, maxBuffer: 64 * 1024 * 1024 }).catch((error: unknown) => {
    const { stdout: report, stderr } = error as { stdout?: string; stderr?: string };
    if (!report) throw new Error(`redocly lint did not run: ${stderr ?? ''}`, { cause: error });
    return { stdout: report };
  });
  return JSON.parse(stdout.slice(stdout.indexOf('{'))) as Lint;
}

const summary = (result: Lint) => result.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);

describe('the OpenAPI document, linted by @redocly/cli', () => {
  it('has no errors and no warnings under the repository rules', { timeout: 60_000 }, async () => {
    const result = await lint(root);
    expect(summary(result)).toEqual([]);
    expect(result.totals).toEqual({ errors: 0, warnings: 0, ignored: 2 });
  });

  it(
    'catches planted faults: an operation without operationId, a duplicate operationId, no tag, a 4xx not problem+json',
    { timeout: 60_000 },
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'henvis-openapi-lint-'));
      try {
        for (const file of ['redocly.yaml', '.redocly.lint-ignore.yaml']) copyFileSync(join(root, file), join(folder, file));
        mkdirSync(join(folder, 'docs'));
        const doc: UntypedJson = JSON.parse(readFileSync(join(root, 'docs/openapi.json'), 'utf8'));
        delete doc.paths['/v1/referrals'].post.operationId;
        doc.paths['/v1/referrals/{id}'].get.operationId = doc.paths['/v1/referrals'].get.operationId;
        delete doc.paths['/v1/offers'].get.tags;
        doc.paths['/v1/colleagues'].get.responses['403'].content = { 'application/json': { schema: { type: 'object' } } };
        writeFileSync(join(folder, 'docs/openapi.json'), JSON.stringify(doc, null, 2));
        const result = await lint(folder);
        const found = result.problems.map((p) => [p.ruleId, p.location[0]?.pointer]);
        expect(found).toHaveLength(4);
        expect(found).toEqual(
          expect.arrayContaining([
            ['operation-operationId', '#/paths/~1v1~1referrals/post/operationId'],
            ['operation-operationId-unique', `#/paths/~1v1~1referrals~1{id}/get/${doc.paths['/v1/referrals'].get.operationId}`],
            ['operation-tag-defined', '#/paths/~1v1~1offers/get'],
            ['operation-4xx-problem-details-rfc7807', '#/paths/~1v1~1colleagues/get/responses/403'],
          ]),
        );
        expect(result.totals.errors).toBe(result.problems.length);
        expect(result.problems.every((p) => p.severity === 'error')).toBe(true);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  );
});
