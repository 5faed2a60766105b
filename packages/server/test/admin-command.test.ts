import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminCommand } from '../src/admin/command.js';
import { openDatabase } from '../src/db/database.js';
import { key, referral } from './fixtures.js';
import { startTestServer } from './harness.js';

const DOCTOR = { role: 'doctor', org: '045678' } as const;

/** Runs `henvis-server admin …` in this process with its own environment, collecting what it prints. */
async function run(args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await adminCommand([...args, '--operator', 'test-operator'], {
    env,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('henvis-server admin on a PGlite folder', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'henvis-admin-'));
  const env = { HENVIS_DATA_DIR: join(dir, 'data') };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps navigator organisations and their services, refusing what the API refuses, audited as its operator', async () => {
    expect(await run(['orgs', 'set', 'cli-navigatorer', '--name', 'CLI Kommune'], env)).toMatchObject({
      code: 0,
      err: 'Created cli-navigatorer.',
    });
    expect((await run(['orgs', 'set', 'cli-navigatorer', '--name', 'CLI Kommune – Socialnavigatører'], env)).err).toBe(
      'Renamed cli-navigatorer.',
    );
    const served = await run(['orgs', 'serve', 'cli-navigatorer', '--practice', '045678'], env);
    expect(served.code).toBe(0);
    expect(served.out).toMatch(/^cli-navigatorer {2}CLI Kommune – Socialnavigatører\n {2}serves 045678 from \d{4}-\d\d-\d\dT[\d:.]+Z$/);

    // What the API refuses, the command refuses: the same rules and contracts.
    expect(await run(['orgs', 'serve', 'cli-navigatorer', '--practice', '045678'], env)).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^Refused \(service_overlaps\)/),
    });
    expect(await run(['orgs', 'serve', 'cli-navigatorer', '--practice', '12'], env)).toMatchObject({
      code: 2,
      err: 'practiceId: Practice id must be a ydernummer (6 digits) or a SOR code (11-18 digits).',
    });
    expect(await run(['orgs', 'set', 'CLI Kommune', '--name', 'x'], env)).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^id: Organisation id/),
    });
    expect(await run(['orgs', 'serve', 'cli-navigatorer'], env)).toMatchObject({ code: 2, err: 'orgs serve needs one --practice <id>.' });
    expect(await run(['orgs', 'end', 'nobody', '--practice', '045678'], env)).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^Refused \(not_found\)/),
    });
    expect((await run(['orgs', 'serve'], env)).code).toBe(2);
    expect((await run(['orgs', 'set', 'x', '--colour', 'red'], env)).code).toBe(2);

    const ended = await run(['orgs', 'end', 'cli-navigatorer', '--practice', '045678', '--json'], env);
    expect(ended.code).toBe(0);
    expect(JSON.parse(ended.out)).toMatchObject({
      id: 'cli-navigatorer',
      services: [{ practiceId: '045678', validTo: expect.any(String) }],
    });
    const listed = JSON.parse((await run(['orgs', 'list', '--json'], env)).out) as { items: { id: string }[] };
    expect(listed.items.map((o) => o.id)).toEqual(['cli-navigatorer']); // the server seeds configuration's at its start, not the command

    const db = await openDatabase({ kind: 'pglite', dataDir: env.HENVIS_DATA_DIR });
    try {
      const rows = await db.query<{
        issuer: string;
        actor_sub: string;
        actor_role: string;
        action: string;
        outcome: string;
        detail: string | null;
        seq: string | null;
      }>(
        "select issuer, actor_sub, actor_role, action, outcome, detail, seq::text as seq from audit_log where action like 'admin.%' order by id",
      );
      expect(rows.map((r) => [r.action, r.outcome, r.outcome === 'ok' ? null : r.detail])).toEqual([
        ['admin.navigator_org.create', 'ok', null],
        ['admin.navigator_org.rename', 'ok', null],
        ['admin.navigator_org.serve', 'ok', null],
        ['admin.navigator_org.serve', 'refused', 'service_overlaps'],
        ['admin.navigator_org.end_service', 'refused', 'not_found'],
        ['admin.navigator_org.end_service', 'ok', null],
      ]);
      for (const row of rows) {
        expect(row).toMatchObject({
          actor_sub: 'test-operator',
          actor_role: 'admin',
          issuer: expect.stringMatching(/^henvis-server admin@/),
        });
        expect(row.seq).not.toBeNull(); // chained before the command ended
      }
    } finally {
      await db.close();
    }
  });

  it('adds a webhook subscription with a secret from a file or made for it, rotates it and removes it, never listing a secret', async () => {
    const secretFile = join(dir, 'secret');
    writeFileSync(secretFile, `${'k'.repeat(40)}\n`);
    const added = await run(
      ['webhooks', 'add', 'vendor-cli', '--url', 'http://127.0.0.1:9/h', '--practice', '045678', '--secret-file', secretFile],
      env,
    );
    expect(added).toMatchObject({ code: 0, err: 'Give the secret to the vendor now: Henvis does not show it again.' });
    expect(added.out).toContain(`secret: ${'k'.repeat(40)}`);
    expect(await run(['webhooks', 'add', 'vendor-cli', '--url', 'http://127.0.0.1:9/h'], env)).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^Refused \(webhook_subscription_exists\)/),
    });
    expect(
      await run(['webhooks', 'add', 'vendor-two', '--url', 'ftp://x', '--practice', '045678', '--practice', '045678'], env),
    ).toMatchObject({
      code: 2,
      err: 'url: Must be an http or https URL.\npractices: Must not list the same item twice.',
    });

    const until = new Date(Date.now() + 86_400_000).toISOString();
    const rotated = await run(['webhooks', 'rotate', 'vendor-cli', '--previous-until', until, '--json'], env);
    expect(rotated.code).toBe(0);
    const issued = JSON.parse(rotated.out) as { secret: string; subscription: { secrets: { acceptedUntil?: string }[] } };
    expect(issued.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.subscription.secrets).toEqual([
      { createdAt: expect.any(String) },
      { createdAt: expect.any(String), acceptedUntil: until },
    ]);
    expect((await run(['webhooks', 'rotate', 'vendor-cli'], env)).err).toBe('previousAcceptedUntil: Required.');

    expect((await run(['webhooks', 'set', 'vendor-cli', '--url', 'http://127.0.0.1:9/other', '--practice', '045679'], env)).out).toMatch(
      /^vendor-cli {2}http:\/\/127\.0\.0\.1:9\/other {2}practices 045679\n {2}secret of .+, current\n {2}secret of .+, signs until /,
    );
    const listed = await run(['webhooks', 'list', '--json'], env);
    expect(listed.out).not.toContain('k'.repeat(40));
    expect(listed.out).not.toContain(issued.secret);
    expect(await run(['webhooks', 'remove', 'vendor-cli'], env)).toMatchObject({
      code: 0,
      err: 'Removed vendor-cli; nothing more is posted to it.',
    });
    expect(JSON.parse((await run(['webhooks', '--json'], env)).out)).toEqual({ items: [] });
    expect((await run(['webhooks', 'remove', 'vendor-cli'], env)).code).toBe(1);
  });

  it('lists the trusted issuers of the configuration', async () => {
    const { code, out } = await run(['issuers', '--json'], env);
    expect(code).toBe(0);
    const { items } = JSON.parse(out) as { items: { issuer: string }[] };
    // The development launch key is made by each server at its start: only a configured one is listed.
    expect(items).toEqual([expect.objectContaining({ issuer: 'https://dev-issuer.henvis.invalid', kind: 'development', admins: true })]);
    const launchKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const withLaunch = JSON.parse((await run(['issuers', '--json'], { ...env, HENVIS_LAUNCH_SIGNING_KEY: launchKey })).out) as {
      items: unknown[];
    };
    expect(withLaunch.items[1]).toMatchObject({ issuer: 'http://127.0.0.1:4000/launch', kind: 'henvis_launch', admins: false });
    expect(out).not.toMatch(/"d":|PRIVATE/);
    expect((await run(['nothing'], env)).code).toBe(2);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('henvis-server admin beside a running server on PostgreSQL', () => {
  it("adds a subscription that the running server's webhook worker delivers to at once, without a restart", async () => {
    const s = await startTestServer('postgres');
    const posted: string[] = [];
    const receiver: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        posted.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const [row] = await s.db.query<{ schema: string }>('select current_schema() as schema');
      const url = new URL(process.env.DATABASE_URL ?? '');
      url.searchParams.set('options', `-c search_path=${row!.schema}`);
      const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/h`;
      expect(
        (await run(['webhooks', 'add', 'vendor-live', '--url', hook, '--practice', '045678'], { DATABASE_URL: url.toString() })).code,
      ).toBe(0);
      const created = await s.request('POST', '/v1/referrals', {
        token: s.token(DOCTOR.role, DOCTOR.org),
        body: referral(),
        headers: { 'idempotency-key': key() },
      });
      await expect.poll(() => posted.length, { timeout: 15_000 }).toBe(1);
      expect(JSON.parse(posted[0]!)).toMatchObject({ type: 'referral.created', referralId: created.body.id });
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
      await s.close();
    }
  });
});
