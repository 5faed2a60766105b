import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEV_ISSUER, devJwks } from './auth/dev-issuer.js';
import { devAuditSigningKey } from './audit/checkpoints.js';
import { configFromEnv } from './config.js';

const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const vendor = (jwk: object, issuer = 'https://vendor.example') =>
  JSON.stringify([{ issuer, kind: 'journal_vendor', jwks: { keys: [{ ...jwk, kid: 'k1' }] } }]);
const auditKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const production = {
  HENVIS_MODE: 'production',
  HENVIS_AUDIT_SIGNING_KEY: auditKey,
  HENVIS_TRUSTED_ISSUERS: vendor(publicKey.export({ format: 'jwk' })),
  HENVIS_PSEUDONYM_KEY: 'a-production-secret-of-at-least-32-chars',
  DATABASE_URL: 'postgres://henvis@db/henvis',
};

describe('configFromEnv', () => {
  it('defaults to development on PGlite under the user data folder, port 4000, trusting the development issuer', () => {
    const config = configFromEnv({ XDG_DATA_HOME: '/data' });
    expect(config).toMatchObject({
      mode: 'development',
      port: 4000,
      host: '127.0.0.1',
      database: { kind: 'pglite', dataDir: '/data/henvis/pgdata' },
    });
    expect(config.issuers.map((i) => i.issuer)).toEqual([DEV_ISSUER]);
  });

  it('uses PostgreSQL when DATABASE_URL is set, and PGlite in memory on request', () => {
    expect(configFromEnv({ DATABASE_URL: 'postgres://x@y/z' }).database).toEqual({ kind: 'postgres', url: 'postgres://x@y/z' });
    expect(configFromEnv({ HENVIS_DATA_DIR: ':memory:' }).database).toEqual({ kind: 'pglite', dataDir: ':memory:' });
  });

  it('starts in production with configured issuers only, and no browser origins unless listed', () => {
    const config = configFromEnv(production);
    expect(config.issuers.map((i) => [i.issuer, i.kind])).toEqual([['https://vendor.example', 'journal_vendor']]);
    expect(config.corsOrigins).toEqual([]);
    expect(configFromEnv({ ...production, HENVIS_CORS_ORIGINS: 'https://a.example, https://b.example:8443' }).corsOrigins).toEqual([
      'https://a.example',
      'https://b.example:8443',
    ]);
  });

  it("lets only the demo's own pages call the API from a browser in development, unless told otherwise", () => {
    const origins = configFromEnv({}).corsOrigins;
    expect(origins).toEqual([4100, 4101, 4001, 4200, 4300].flatMap((port) => [`http://127.0.0.1:${port}`, `http://localhost:${port}`]));
    expect(configFromEnv({ HENVIS_CORS_ORIGINS: '*' }).corsOrigins).toBe('*');
    expect(configFromEnv({ HENVIS_CORS_ORIGINS: 'http://127.0.0.1:5000' }).corsOrigins).toEqual(['http://127.0.0.1:5000']);
  });

  it.each([
    ['the development issuer', { HENVIS_TRUSTED_ISSUERS: vendor(publicKey.export({ format: 'jwk' }), DEV_ISSUER) }, /development issuer/],
    ['no issuers', { HENVIS_TRUSTED_ISSUERS: undefined }, /HENVIS_TRUSTED_ISSUERS/],
    ['no pseudonym key', { HENVIS_PSEUDONYM_KEY: undefined }, /HENVIS_PSEUDONYM_KEY/],
    ['a short pseudonym key', { HENVIS_PSEUDONYM_KEY: 'short' }, /HENVIS_PSEUDONYM_KEY/],
    ['the development login', { HENVIS_DEV_INBOX_URLS: 'http://127.0.0.1:4200' }, /HENVIS_DEV_INBOX_URLS is for development mode only/],
    [
      'the demo key under another issuer name',
      { HENVIS_TRUSTED_ISSUERS: JSON.stringify([{ issuer: 'http://127.0.0.1:4000/oidc', kind: 'navigator_idp', jwks: devJwks() }]) },
      /development issuer/,
    ],
  ])('refuses production with %s', (_what, change, message) => {
    expect(() => configFromEnv({ ...production, ...change })).toThrow(message);
  });

  it.each([
    ['a bad mode', { HENVIS_MODE: 'staging' }, /HENVIS_MODE/],
    ['a bad port', { PORT: 'eighty' }, /PORT/],
    ['issuers that are not JSON', { HENVIS_TRUSTED_ISSUERS: '{' }, /HENVIS_TRUSTED_ISSUERS/],
    ['an issuer of unknown kind', { HENVIS_TRUSTED_ISSUERS: JSON.stringify([{ issuer: 'x', kind: 'bank', jwks: { keys: [] } }]) }, /kind/],
    ['a CORS origin with a path', { HENVIS_CORS_ORIGINS: 'https://a.example/journal' }, /HENVIS_CORS_ORIGINS/],
    ['a CORS origin that is no URL', { HENVIS_CORS_ORIGINS: 'journal' }, /HENVIS_CORS_ORIGINS/],
    ['an inbox URL with a path', { HENVIS_DEV_INBOX_URLS: 'http://127.0.0.1:4200/inbox' }, /HENVIS_DEV_INBOX_URLS/],
    ['a public URL that is no URL', { HENVIS_PUBLIC_URL: 'api.example' }, /HENVIS_PUBLIC_URL/],
    ['a private key in the JWKS', { HENVIS_TRUSTED_ISSUERS: vendor(privateKey.export({ format: 'jwk' })) }, /private key/],
  ])('refuses %s with a message naming the variable', (_what, env, message) => {
    expect(() => configFromEnv(env)).toThrow(message);
  });
});

describe("the audit log's signing key", () => {
  it("signs with the development key in development, and with the installation's own in production", () => {
    expect(configFromEnv({}).auditCheckpoints?.signingKey.asymmetricKeyType).toBe('ed25519');
    expect(configFromEnv(production).auditCheckpoints?.signingKey.export({ format: 'pem', type: 'pkcs8' })).toBe(auditKey);
    expect(configFromEnv({ HENVIS_AUDIT_CHECKPOINT_ROWS: '500' }).auditCheckpoints?.everyRows).toBe(500);
  });

  it.each([
    ['without a key', { HENVIS_AUDIT_SIGNING_KEY: undefined }, /needs HENVIS_AUDIT_SIGNING_KEY/],
    [
      'with the development key',
      { HENVIS_AUDIT_SIGNING_KEY: devAuditSigningKey().export({ format: 'pem', type: 'pkcs8' }).toString() },
      /development audit signing key/,
    ],
    ['with an EC key', { HENVIS_AUDIT_SIGNING_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() }, /Ed25519/],
    ['with a key that is no PEM', { HENVIS_AUDIT_SIGNING_KEY: 'secret' }, /PEM private key/],
    ['with a checkpoint interval of 0 rows', { HENVIS_AUDIT_CHECKPOINT_ROWS: '0' }, /HENVIS_AUDIT_CHECKPOINT_ROWS/],
  ])('refuses production %s', (_what, change, message) => {
    expect(() => configFromEnv({ ...production, ...change })).toThrow(message);
  });
});

describe('the development login', () => {
  it('lets the inbox at :4200 log in by default, or at the origins listed, and takes the public URL as given', () => {
    expect(configFromEnv({}).devLogin).toEqual({ inboxOrigins: ['http://127.0.0.1:4200', 'http://localhost:4200'] });
    expect(configFromEnv({ HENVIS_DEV_INBOX_URLS: 'http://127.0.0.1:5173, https://inbox.test' }).devLogin).toEqual({
      inboxOrigins: ['http://127.0.0.1:5173', 'https://inbox.test'],
    });
    expect(configFromEnv({}).publicUrl).toBeUndefined();
    expect(configFromEnv({ HENVIS_PUBLIC_URL: 'https://api.henvis.test' }).publicUrl).toBe('https://api.henvis.test');
  });

  it('is absent in production', () => {
    expect(configFromEnv(production).devLogin).toBeUndefined();
    expect(configFromEnv({ ...production, HENVIS_DEV_INBOX_URLS: ' ' }).devLogin).toBeUndefined();
  });
});

describe('the demo pilot history', () => {
  it('is seeded in development when HENVIS_DEMO_HISTORY is 1, and not otherwise', () => {
    expect(configFromEnv({ HENVIS_DEMO_HISTORY: '1' }).demoHistory).toBe(true);
    expect(configFromEnv({}).demoHistory).toBeUndefined();
    expect(configFromEnv({ HENVIS_DEMO_HISTORY: '0' }).demoHistory).toBeUndefined();
    expect(() => configFromEnv({ HENVIS_DEMO_HISTORY: 'yes' })).toThrow(/HENVIS_DEMO_HISTORY must be 1 or 0/);
  });

  it('is refused in production, where it would write fictitious citizens into the store', () => {
    expect(() => configFromEnv({ ...production, HENVIS_DEMO_HISTORY: '1' })).toThrow(/HENVIS_DEMO_HISTORY is for development mode only/);
    expect(configFromEnv({ ...production, HENVIS_DEMO_HISTORY: '0' }).demoHistory).toBeUndefined();
  });
});

describe('webhook configuration', () => {
  const hook = { id: 'demo-vendor', url: 'https://journal.example/henvis', secret: 'x'.repeat(32), practices: ['045678'] };
  it('reads the vendors’ webhooks, and refuses a weak secret, a bad id or plain http in production', () => {
    expect(configFromEnv({ HENVIS_WEBHOOKS: JSON.stringify([hook]) }).webhooks).toEqual([hook]);
    expect(configFromEnv({ HENVIS_WEBHOOKS: JSON.stringify([{ ...hook, url: 'http://127.0.0.1:9/h' }]) }).webhooks?.[0]?.url).toBe(
      'http://127.0.0.1:9/h',
    );
    expect(() => configFromEnv({ HENVIS_WEBHOOKS: JSON.stringify([{ ...hook, secret: 'short' }]) })).toThrow(/secret: at least 32/);
    expect(() => configFromEnv({ HENVIS_WEBHOOKS: JSON.stringify([{ ...hook, id: 'Not OK' }]) })).toThrow(/\.id/);
    expect(() => configFromEnv({ HENVIS_WEBHOOKS: '{' })).toThrow(/must be JSON/);
    expect(configFromEnv({ ...production, HENVIS_WEBHOOKS: JSON.stringify([hook]) }).webhooks).toHaveLength(1);
    expect(() => configFromEnv({ ...production, HENVIS_WEBHOOKS: JSON.stringify([{ ...hook, url: 'http://journal.example/h' }]) })).toThrow(
      /url must be https/,
    );
  });
});

describe('research projects', () => {
  const project = { id: 'vive-2027', name: 'VIVE: evaluering', key: 'k'.repeat(32) };
  it('reads the projects with a key of their own each, a demo project in development and none in production by default', () => {
    expect(configFromEnv({ HENVIS_RESEARCH_PROJECTS: JSON.stringify([project]) }).researchProjects).toEqual([project]);
    expect(configFromEnv({}).researchProjects?.map((p) => p.id)).toEqual(['demo-evaluering']);
    expect(configFromEnv(production).researchProjects).toEqual([]);
    expect(() => configFromEnv({ HENVIS_RESEARCH_PROJECTS: JSON.stringify([{ ...project, key: 'short' }]) })).toThrow(/key: at least 32/);
    const twin = { ...project, id: 'other' };
    expect(() => configFromEnv({ HENVIS_RESEARCH_PROJECTS: JSON.stringify([project, twin]) })).toThrow(/a key of its own/);
    expect(() => configFromEnv({ HENVIS_RESEARCH_PROJECTS: JSON.stringify([project, { ...project, key: 'j'.repeat(32) }]) })).toThrow(
      /each id once/,
    );
  });
});
