import { generateKeyPairSync } from 'node:crypto';
import { Writable } from 'node:stream';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll } from 'vitest';
import { TOKEN_TYPE, type Role } from '@henvis/contracts';
import { devIssuer, signDevToken } from '../src/auth/dev-issuer.js';
import type { TrustedIssuer } from '../src/auth/trusted-issuer.js';
import type { ServerConfig } from '../src/config.js';
import type { Database, StorageKind } from '../src/db/database.js';
import { openTestDatabase, type TestDatabase } from '../src/db/test-database.js';
import { startServer } from '../src/server.js';

export { openTestDatabase, storages } from '../src/db/test-database.js';
export type { TestDatabase } from '../src/db/test-database.js';

export const AUDIENCE = 'henvis-api-test';
export const VENDOR_ISSUER = 'https://journal-vendor.test';

/** A journal vendor the test server trusts, whose private key the tests hold. */
export function makeVendor(issuer = VENDOR_ISSUER) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const trusted: TrustedIssuer = { issuer, kind: 'journal_vendor', keys: [{ kid: 'vendor-1', key: publicKey }] };
  return {
    trusted,
    privateKey,
    publicKey,
    /** Signs any claims, with iss/aud/iat/exp defaults that `claims` may override or drop (`undefined`). */
    sign(claims: Record<string, unknown>, header: Record<string, unknown> = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload = Object.fromEntries(
        Object.entries<unknown>({ iss: issuer, aud: AUDIENCE, iat: now, exp: now + 300, ...claims }).filter(([, v]) => v !== undefined),
      );
      return jwt.sign(payload, privateKey, {
        algorithm: 'ES256',
        noTimestamp: !('iat' in payload),
        header: { alg: 'ES256', typ: TOKEN_TYPE, kid: 'vendor-1', ...header },
      });
    },
  };
}

export const DOCTOR_CLAIMS = {
  sub: 'vendor-user-1',
  name: 'Mette Holm',
  role: 'doctor',
  authorisation_id: '0C4F1',
  org: { id: '045678', name: 'Lægehuset Grenaa', ydernummer: '045678' },
};

/** JSON as a test reads it: untyped, as it came; the test's assertions are what check it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON untyped (the config turns no-unsafe-* off for them); lint can't see it
export type UntypedJson = any;

export interface TestServer {
  url: string;
  db: Database;
  logs: string[];
  vendor: ReturnType<typeof makeVendor>;
  token(role: Role, org: string, patient?: string): string;
  request(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: UntypedJson }>;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * A server on a fresh store; `overrides` change its configuration (for example to mount the development login).
 * `store`: a store of the test's own instead (a PGlite folder, a database), disposed of when the server closes.
 */
export async function startTestServer(kind: StorageKind, overrides: Partial<ServerConfig> = {}, store?: TestDatabase): Promise<TestServer> {
  store ??= await openTestDatabase(kind);
  const vendor = makeVendor();
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config: ServerConfig = {
    mode: 'development',
    host: '127.0.0.1',
    port: 0,
    database: { kind: 'pglite', dataDir: ':memory:' },
    audience: AUDIENCE,
    issuers: [devIssuer, vendor.trusted],
    pseudonymKey: 'test-pseudonym-key',
    logLevel: 'info',
    corsOrigins: ['http://journal.test'],
    ...overrides,
  };
  const server = await startServer(config, { db: store.db, logStream });
  return {
    url: server.url,
    db: store.db,
    logs,
    vendor,
    token: (role, org, patient) => signDevToken({ role, org, audience: AUDIENCE, ...(patient ? { patient } : {}) }),
    async request(method, path, { token, body, raw, headers = {} } = {}) {
      const response = await fetch(server.url + path, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : raw !== undefined ? { body: raw } : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
    async count(table) {
      const [row] = await store.db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
      return row!.n;
    },
    async close() {
      await server.close();
      await store.dispose();
    },
  };
}

/**
 * A test server for the enclosing describe block: started before its tests, closed after them. Use it as the
 * server itself; it is there from the first test on (and in the block's own beforeAll, which runs after this one).
 */
export function suiteServer(kind: StorageKind, overrides: Partial<ServerConfig> = {}): TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(kind, overrides);
  });
  afterAll(() => server?.close());
  const current = () => {
    if (!server) throw new Error('the suite server starts in beforeAll');
    return server;
  };
  return {
    get url() {
      return current().url;
    },
    get db() {
      return current().db;
    },
    get logs() {
      return current().logs;
    },
    get vendor() {
      return current().vendor;
    },
    token: (...args) => current().token(...args),
    request: (...args) => current().request(...args),
    count: (table) => current().count(table),
    close: () => current().close(),
  };
}
