import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { devAuditSigningKey, keyId } from './audit/checkpoints.js';
import type { WebhookSubscription } from './webhooks/deliver.js';
import { NavigatorOrgId, PracticeId, parseContract, type ConsentTextCatalogue, type MedComAddress } from '@henvis/contracts';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseOptions } from './db/database.js';
import { DEV_ISSUER, devIssuer } from './auth/dev-issuer.js';
import type { AuthFailureLimit } from './http/auth-failures.js';
import { parseTrustedIssuers, type TrustedIssuer } from './auth/trusted-issuer.js';
import { parseMedComDirectory } from './medcom/directory.js';
import { parseLaunchConfig, type LaunchConfig } from './launch/launch-config.js';

export type Mode = 'development' | 'production';

export interface ServerConfig {
  mode: Mode;
  host: string;
  port: number;
  database: DatabaseOptions;
  /** The `aud` every token must carry. */
  audience: string;
  issuers: TrustedIssuer[];
  /** Key of the HMAC that pseudonymises CPR numbers in lookups and the audit log. */
  pseudonymKey: string;
  logLevel: string;
  /**
   * Origins whose pages may call the API from a browser (the journal hosts of the widget), or `*`. Tokens travel
   * in the Authorization header, never in cookies, so no origin gets credentials.
   */
  corsOrigins: string[] | '*';
  /**
   * The research projects an export may be made for, each with its own key: the pseudonyms of two projects cannot
   * be joined by anyone who does not hold both keys.
   */
  researchProjects?: ResearchProject[];
  /**
   * Journal vendors' webhooks: each gets the changes of its practices, signed (see webhooks/deliver.ts). Seeded into
   * the database at start when it lacks them; administered there since (/v1/admin/webhooks, `henvis-server admin`).
   */
  webhooks?: WebhookSubscription[];
  /**
   * Navigator organisations and the practices each serves (HENVIS_NAVIGATOR_ORGS), seeded at start the same way: an
   * organisation or a service the database lacks is added, nothing it has is changed. The demo's in development.
   */
  navigatorOrgs?: NavigatorOrgSeed[];
  /** How long a client may take to send a whole request; default 30 s (buildApp). */
  requestTimeoutMs?: number;
  /** The API's origin as browsers reach it; default `http://<host>:<port>` of the listening server. */
  publicUrl?: string;
  /**
   * The development login (udviklings-login): an OpenID provider at `<publicUrl>/oidc` where the navigators' inbox,
   * served at one of `inboxOrigins`, logs demo navigators in. Development mode only; absent, nothing is mounted.
   */
  devLogin?: { inboxOrigins: string[] };
  /**
   * Two years of fictitious pilot history for the demo (seed-pilot-history.ts), seeded once at start so that every
   * chart of the coordinator's results shows something. Development mode only.
   */
  demoHistory?: boolean;
  /**
   * Failed authentications allowed per client address in a window before the address's requests are answered 429
   * `too_many_attempts` until the window ends (HENVIS_AUTH_FAILURE_LIMIT, default 30 a minute). Absent: no limit.
   */
  authFailureLimit?: AuthFailureLimit;
  /**
   * The reverse proxies (addresses or CIDR ranges) whose `X-Forwarded-For` names the client (HENVIS_TRUST_PROXY).
   * Without them the client address of the audit log and of the limit above is the proxy's, for everyone.
   */
  trustProxy?: string[];
  /** The tamper-evident audit log's checkpoints (audit/checkpoints.ts); absent, the development key signs them. */
  auditCheckpoints?: AuditCheckpointConfig;
  /**
   * The consent texts of every version and the one consents are given under now; absent, the shipped catalogue.
   * Another must hold every shipped version unchanged, or the server does not start.
   */
  consentTexts?: ConsentTextCatalogue;
  /**
   * The MedCom addresses (SOR code, GLN, phone) of the practices and navigator organisations whose dialogue is
   * exported as CareCommunication (HENVIS_MEDCOM_DIRECTORY). Absent: the demo's in development, none in production.
   */
  medcomDirectory?: MedComAddress[];
  /**
   * The launch page (`POST /launch`, launch/routes.ts), where a journal opens Henvis in a page of its own with a
   * signed launch token; absent, it is not mounted. On by default in development.
   */
  launch?: LaunchConfig;
}

export interface NavigatorOrgSeed {
  id: string;
  name: string;
  practices: string[];
}

export interface AuditCheckpointConfig {
  /** The installation's Ed25519 private key. */
  signingKey: KeyObject;
  /** A checkpoint every this many rows (default 10,000), or every hour. */
  everyRows?: number;
  /** A file the checkpoints are appended to as JSON lines, to publish them outside the database. */
  file?: string;
}

export interface ResearchProject {
  id: string;
  name: string;
  /** The HMAC key of the project's pseudonyms; at least 32 characters. */
  key: string;
}

/** A configuration that cannot run; the message says which variable to fix. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEV_PSEUDONYM_KEY = 'henvis-development-pseudonym-key';
/** The demo's research project: a key known to everyone, so development mode only. */
const DEV_RESEARCH_PROJECTS: ResearchProject[] = [
  { id: 'demo-evaluering', name: 'Demo: evaluering af social henvisning', key: 'henvis-development-research-key-demo-evaluering' },
];
const DEV_INBOX_ORIGINS = 'http://127.0.0.1:4200,http://localhost:4200';
/**
 * The demo's own pages: the journals (4100, 4101), the widget's files (4001) and the inbox (4200) of `pnpm start`,
 * and the vendor example's page (4300, examples/vendor-backend).
 */
const DEV_CORS_ORIGINS = [4100, 4101, 4001, 4200, 4300]
  .flatMap((port) => [`http://127.0.0.1:${port}`, `http://localhost:${port}`])
  .join(',');

function defaultDataDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'henvis', 'pgdata');
}

/**
 * Reads the configuration from the environment: PORT (4000), HOST (127.0.0.1), HENVIS_MODE (development),
 * DATABASE_URL (PostgreSQL) or else HENVIS_DATA_DIR (a PGlite folder, or `:memory:`), HENVIS_AUDIENCE
 * (henvis-api), HENVIS_TRUSTED_ISSUERS (JSON, or `@path` to a JSON file), HENVIS_PSEUDONYM_KEY, LOG_LEVEL,
 * HENVIS_CORS_ORIGINS (comma-separated origins, or `*`; default the demo's pages in development: the journals on 4100
 * and 4101, the widget on 4001, the inbox on 4200 and the vendor example on 4300, at 127.0.0.1 and localhost; none in
 * production),
 * HENVIS_AUDIT_SIGNING_KEY (the installation's Ed25519 private key in PEM, or `@path`, that signs the audit log's
 * checkpoints; required in production), HENVIS_AUDIT_CHECKPOINT_ROWS (a checkpoint every so many rows, default
 * 10000, and at least hourly), HENVIS_AUDIT_CHECKPOINT_FILE (JSON lines the checkpoints are appended to, to publish
 * them outside the database),
 * HENVIS_WEBHOOKS (JSON, or `@path`: `[{ "id", "url", "secret", "practices": ["045678"] }]`; https in production),
 * HENVIS_NAVIGATOR_ORGS (JSON, or `@path`: `[{ "id", "name", "practices": ["045678"] }]`; the demo's in development),
 * HENVIS_RESEARCH_PROJECTS (JSON, or `@path`: `[{ "id", "name", "key" }]`, a key of 32+ characters each; a demo project in development),
 * HENVIS_PUBLIC_URL (the API's origin as browsers reach it; default `http://<HOST>:<PORT>`), HENVIS_DEV_INBOX_URLS
 * (development only: comma-separated origins of the navigators' inbox that may log in at the development login;
 * default http://127.0.0.1:4200 and http://localhost:4200), HENVIS_DEMO_HISTORY (development only: `1` seeds two
 * years of fictitious pilot history once, for the coordinator's results; `pnpm start` sets it),
 * HENVIS_AUTH_FAILURE_LIMIT (failed authentications per client address and window before it is locked out until the
 * window ends; default 30, `0` turns the limit off) and HENVIS_AUTH_FAILURE_WINDOW (the window in seconds; default 60),
 * HENVIS_MEDCOM_DIRECTORY (JSON, or `@path`: the MedCom address of each practice and navigator organisation,
 * `[{ "id", "name", "sorCode", "gln", "phone" }]`, a SOR code of 11-18 digits and a GLN with its check digit; the
 * demo's in development),
 * HENVIS_TRUST_PROXY (comma-separated addresses or CIDR ranges of the reverse proxies in front of the API, whose
 * X-Forwarded-For is believed; default none), and the launch page's HENVIS_LAUNCH_WIDGET_URL, HENVIS_LAUNCH_SIGNING_KEY and
 * HENVIS_LAUNCH_SESSION_MINUTES (launch/launch-config.ts).
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const mode = env.HENVIS_MODE ?? 'development';
  if (mode !== 'development' && mode !== 'production') {
    throw new ConfigError('HENVIS_MODE must be "development" or "production"');
  }
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('PORT must be a port number');

  const issuersSource = env.HENVIS_TRUSTED_ISSUERS;
  let issuers: TrustedIssuer[] = [];
  if (issuersSource) {
    try {
      issuers = parseTrustedIssuers(issuersSource.startsWith('@') ? readFileSync(issuersSource.slice(1), 'utf8') : issuersSource, mode);
    } catch (error) {
      throw new ConfigError(`HENVIS_TRUSTED_ISSUERS: ${(error as Error).message}`);
    }
  }
  if (mode === 'development') issuers = [devIssuer, ...issuers];

  const pseudonymKey = env.HENVIS_PSEUDONYM_KEY ?? (mode === 'development' ? DEV_PSEUDONYM_KEY : '');
  if (mode === 'production') {
    const [devKey] = devIssuer.keys;
    if (issuers.some((i) => i.issuer === DEV_ISSUER || i.keys.some((k) => devKey && k.key.equals(devKey.key)))) {
      throw new ConfigError('production mode refuses to trust the development issuer; remove it from HENVIS_TRUSTED_ISSUERS');
    }
    if (issuers.length === 0) throw new ConfigError('production mode needs HENVIS_TRUSTED_ISSUERS');
    if (pseudonymKey.length < 32 || pseudonymKey === DEV_PSEUDONYM_KEY) {
      throw new ConfigError('production mode needs HENVIS_PSEUDONYM_KEY: a secret of at least 32 characters');
    }
    if (env.HENVIS_DEV_INBOX_URLS?.trim()) {
      throw new ConfigError(
        "HENVIS_DEV_INBOX_URLS is for development mode only: in production navigators log in at their organisation's identity provider",
      );
    }
  }
  const auditCheckpoints = parseAuditCheckpoints(env, mode);
  const demoHistory = env.HENVIS_DEMO_HISTORY?.trim();
  if (demoHistory && demoHistory !== '0' && demoHistory !== '1') throw new ConfigError('HENVIS_DEMO_HISTORY must be 1 or 0');
  if (mode === 'production' && demoHistory === '1') {
    throw new ConfigError('HENVIS_DEMO_HISTORY is for development mode only: it writes fictitious citizens into the store');
  }
  const publicUrl = env.HENVIS_PUBLIC_URL?.trim();
  if (publicUrl) parseOriginList(publicUrl, 'HENVIS_PUBLIC_URL');
  const launch = parseLaunchConfig(env, mode, publicUrl, (message) => new ConfigError(message));

  const medcomDirectory = parseMedComDirectoryEnv(env.HENVIS_MEDCOM_DIRECTORY?.trim());

  const webhooksSource = env.HENVIS_WEBHOOKS;
  const webhooks = webhooksSource
    ? parseWebhooks(webhooksSource.startsWith('@') ? readFileSync(webhooksSource.slice(1), 'utf8') : webhooksSource, mode)
    : [];

  const orgsSource = env.HENVIS_NAVIGATOR_ORGS?.trim();
  const navigatorOrgs = orgsSource
    ? parseNavigatorOrgs(orgsSource.startsWith('@') ? readFileSync(orgsSource.slice(1), 'utf8') : orgsSource)
    : undefined;

  const projectsSource = env.HENVIS_RESEARCH_PROJECTS;
  const researchProjects = projectsSource
    ? parseResearchProjects(projectsSource.startsWith('@') ? readFileSync(projectsSource.slice(1), 'utf8') : projectsSource)
    : mode === 'development'
      ? DEV_RESEARCH_PROJECTS
      : [];

  return {
    mode,
    webhooks,
    ...(navigatorOrgs ? { navigatorOrgs } : {}),
    researchProjects,
    host: env.HOST ?? '127.0.0.1',
    port,
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'pglite', dataDir: env.HENVIS_DATA_DIR ?? defaultDataDir(env) },
    audience: env.HENVIS_AUDIENCE ?? 'henvis-api',
    issuers,
    pseudonymKey,
    logLevel: env.LOG_LEVEL ?? 'info',
    corsOrigins: parseOrigins(env.HENVIS_CORS_ORIGINS ?? (mode === 'development' ? DEV_CORS_ORIGINS : '')),
    ...(publicUrl ? { publicUrl } : {}),
    ...(mode === 'development'
      ? { devLogin: { inboxOrigins: parseOriginList(env.HENVIS_DEV_INBOX_URLS?.trim() || DEV_INBOX_ORIGINS, 'HENVIS_DEV_INBOX_URLS') } }
      : {}),
    ...(mode === 'development' && demoHistory === '1' ? { demoHistory: true } : {}),
    ...parseAuthFailureLimit(env),
    ...parseTrustProxy(env.HENVIS_TRUST_PROXY),
    auditCheckpoints,
    ...(medcomDirectory ? { medcomDirectory } : {}),
    ...(launch ? { launch } : {}),
  };
}

function parseAuditCheckpoints(env: NodeJS.ProcessEnv, mode: Mode): AuditCheckpointConfig {
  const source = env.HENVIS_AUDIT_SIGNING_KEY?.trim();
  let signingKey: KeyObject;
  if (source) {
    try {
      signingKey = createPrivateKey(source.startsWith('@') ? readFileSync(source.slice(1), 'utf8') : source);
    } catch (error) {
      throw new ConfigError(`HENVIS_AUDIT_SIGNING_KEY must be a PEM private key (or @file): ${(error as Error).message}`);
    }
    if (signingKey.asymmetricKeyType !== 'ed25519') throw new ConfigError('HENVIS_AUDIT_SIGNING_KEY must be an Ed25519 key');
  } else if (mode === 'development') {
    signingKey = devAuditSigningKey();
  } else {
    throw new ConfigError(
      'production mode needs HENVIS_AUDIT_SIGNING_KEY: an Ed25519 private key in PEM (openssl genpkey -algorithm ed25519), or @file',
    );
  }
  if (mode === 'production' && keyId(signingKey) === keyId(devAuditSigningKey())) {
    throw new ConfigError('production mode refuses the development audit signing key: it is public knowledge');
  }
  const rows = env.HENVIS_AUDIT_CHECKPOINT_ROWS?.trim();
  const everyRows = rows ? Number(rows) : undefined;
  if (everyRows !== undefined && (!Number.isInteger(everyRows) || everyRows < 1)) {
    throw new ConfigError('HENVIS_AUDIT_CHECKPOINT_ROWS must be a whole number of rows, at least 1');
  }
  const file = env.HENVIS_AUDIT_CHECKPOINT_FILE?.trim();
  return { signingKey, ...(everyRows ? { everyRows } : {}), ...(file ? { file } : {}) };
}

function parseMedComDirectoryEnv(source: string | undefined): MedComAddress[] | undefined {
  if (!source) return undefined;
  try {
    return parseMedComDirectory(source.startsWith('@') ? readFileSync(source.slice(1), 'utf8') : source);
  } catch (error) {
    throw new ConfigError(`HENVIS_MEDCOM_DIRECTORY: ${(error as Error).message}`);
  }
}

function parseAuthFailureLimit(env: NodeJS.ProcessEnv): { authFailureLimit?: AuthFailureLimit } {
  const whole = (variable: string, fallback: number, min: number) => {
    const value = env[variable]?.trim();
    const n = value ? Number(value) : fallback;
    if (!Number.isInteger(n) || n < min) throw new ConfigError(`${variable} must be a whole number, at least ${min}`);
    return n;
  };
  const max = whole('HENVIS_AUTH_FAILURE_LIMIT', 30, 0);
  const seconds = whole('HENVIS_AUTH_FAILURE_WINDOW', 60, 1);
  return max === 0 ? {} : { authFailureLimit: { max, windowMs: seconds * 1000 } };
}

function parseTrustProxy(value: string | undefined): { trustProxy?: string[] } {
  const proxies = (value ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const proxy of proxies) {
    const [address = '', bits, ...rest] = proxy.split('/');
    const maxBits = isIP(address) === 6 ? 128 : 32;
    if (!isIP(address) || rest.length > 0 || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits)))
      throw new ConfigError(`HENVIS_TRUST_PROXY: "${proxy}" is not an address or a CIDR range like 10.0.0.0/8`);
  }
  return proxies.length > 0 ? { trustProxy: proxies } : {};
}

function parseOrigins(value: string): string[] | '*' {
  return value.trim() === '*' ? '*' : parseOriginList(value, 'HENVIS_CORS_ORIGINS');
}

function parseOriginList(value: string, variable: string): string[] {
  const origins = value
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new ConfigError(`${variable}: "${origin}" is not an origin like https://journal.example`);
    }
    if (parsed.origin !== origin) throw new ConfigError(`${variable}: "${origin}" must be an origin, without a path`);
  }
  return origins;
}

function parseWebhooks(source: string, mode: Mode): WebhookSubscription[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    throw new ConfigError('HENVIS_WEBHOOKS must be JSON');
  }
  if (!Array.isArray(parsed)) throw new ConfigError('HENVIS_WEBHOOKS must be a JSON array');
  return parsed.map((entry: Record<string, unknown>, i) => {
    const where = `HENVIS_WEBHOOKS[${i}]`;
    if (typeof entry.id !== 'string' || !/^[a-z0-9-]{1,64}$/.test(entry.id)) throw new ConfigError(`${where}.id: 1-64 of a-z, 0-9 and -`);
    let url: URL;
    try {
      url = new URL(String(entry.url));
    } catch {
      throw new ConfigError(`${where}.url is not a URL`);
    }
    if (url.protocol !== 'https:' && !(mode === 'development' && url.protocol === 'http:'))
      throw new ConfigError(`${where}.url must be https`);
    if (typeof entry.secret !== 'string' || entry.secret.length < 32) throw new ConfigError(`${where}.secret: at least 32 characters`);
    if (!Array.isArray(entry.practices) || !entry.practices.every((p) => typeof p === 'string'))
      throw new ConfigError(`${where}.practices: a list of practice ids`);
    return { id: entry.id, url: url.toString(), secret: entry.secret, practices: entry.practices };
  });
}

function parseNavigatorOrgs(source: string): NavigatorOrgSeed[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    throw new ConfigError('HENVIS_NAVIGATOR_ORGS must be JSON');
  }
  if (!Array.isArray(parsed)) throw new ConfigError('HENVIS_NAVIGATOR_ORGS must be a JSON array');
  const orgs = parsed.map((entry: Record<string, unknown>, i) => {
    const where = `HENVIS_NAVIGATOR_ORGS[${i}]`;
    const id = parseContract(NavigatorOrgId, entry.id);
    if (!id.ok) throw new ConfigError(`${where}.id: 1-64 of a-z, 0-9 and -`);
    if (typeof entry.name !== 'string' || !entry.name.trim() || entry.name.length > 200)
      throw new ConfigError(`${where}.name: the organisation's name (at most 200 characters)`);
    const practices = Array.isArray(entry.practices) ? entry.practices : undefined;
    if (!practices?.every((p) => parseContract(PracticeId, p).ok))
      throw new ConfigError(`${where}.practices: a list of practice ids (ydernummer or SOR code)`);
    return { id: id.value, name: entry.name, practices: [...new Set(practices as string[])] };
  });
  if (new Set(orgs.map((o) => o.id)).size !== orgs.length) throw new ConfigError('HENVIS_NAVIGATOR_ORGS: each id once');
  return orgs;
}

function parseResearchProjects(source: string): ResearchProject[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    throw new ConfigError('HENVIS_RESEARCH_PROJECTS must be JSON');
  }
  if (!Array.isArray(parsed)) throw new ConfigError('HENVIS_RESEARCH_PROJECTS must be a JSON array');
  const projects = parsed.map((entry: Record<string, unknown>, i) => {
    const where = `HENVIS_RESEARCH_PROJECTS[${i}]`;
    if (typeof entry.id !== 'string' || !/^[a-z0-9-]{1,64}$/.test(entry.id)) throw new ConfigError(`${where}.id: 1-64 of a-z, 0-9 and -`);
    if (typeof entry.name !== 'string' || !entry.name.trim()) throw new ConfigError(`${where}.name: the project's name`);
    if (typeof entry.key !== 'string' || entry.key.length < 32) throw new ConfigError(`${where}.key: at least 32 characters`);
    return { id: entry.id, name: entry.name, key: entry.key };
  });
  if (new Set(projects.map((p) => p.id)).size !== projects.length) throw new ConfigError('HENVIS_RESEARCH_PROJECTS: each id once');
  if (new Set(projects.map((p) => p.key)).size !== projects.length)
    throw new ConfigError('HENVIS_RESEARCH_PROJECTS: a key of its own for each project, or their pseudonyms could be joined');
  return projects;
}
