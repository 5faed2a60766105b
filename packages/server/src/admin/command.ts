import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import {
  NavigatorOrgId,
  NavigatorOrgServiceEnd,
  NavigatorOrganisationChange,
  NewNavigatorOrgService,
  NewWebhookSubscription,
  WebhookSecretRotation,
  WebhookSubscriptionChange,
  errorMessage,
  parseContract,
  type IssuedWebhookSecret,
  type NavigatorOrganisation,
  type WebhookSubscription,
} from '@henvis/contracts';
import type { AdminPrincipal } from '../auth/principal.js';
import { configFromEnv } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { chainUnchainedRows } from '../audit/chain.js';
import { HttpProblem } from '../http-problem.js';
import { launchIssuer } from '../launch/launch-issuer.js';
import { describeIssuers } from './issuers.js';
import { findNavigatorOrg, findWebhookSubscription, listNavigatorOrgs, listWebhookSubscriptions } from './store.js';
import {
  changeSubscription,
  createSubscription,
  endPracticeService,
  removeSubscription,
  rotateSecret,
  saveOrganisation,
  servePractice,
  type AdminCaller,
} from './tenants.js';

export const ADMIN_USAGE = `  henvis-server admin orgs [list | show <id>]
  henvis-server admin orgs set <id> --name <name>
  henvis-server admin orgs serve <id> --practice <id> [--from <ISO time>]
  henvis-server admin orgs end <id> --practice <id> [--at <ISO time>]
      Navigator organisations and the practices each serves (a ydernummer or SOR code): "set" creates or renames
      one, "serve" begins a service (now, or from a later time, when it takes effect by itself), "end" ends it (the
      period is kept). The navigators' next request on any instance sees the change.
  henvis-server admin webhooks [list | show <id>]
  henvis-server admin webhooks add <id> --url <url> --practice <id>... [--secret-file <file>]
  henvis-server admin webhooks set <id> --url <url> --practice <id>...
  henvis-server admin webhooks rotate <id> --previous-until <ISO time> [--secret-file <file>]
  henvis-server admin webhooks remove <id>
      Journal vendors' webhook subscriptions. "add" and "rotate" print the new secret once (made by Henvis unless
      --secret-file holds one); after "rotate" the previous secret signs beside the new one until --previous-until.
      Every instance's webhook worker reads the change at once.
  henvis-server admin issuers
      The token issuers the API trusts, from configuration (HENVIS_TRUSTED_ISSUERS, the development issuer, the
      launch page's with HENVIS_LAUNCH_SIGNING_KEY): kind, MFA rule, whether it signs admins, and each key's id and
      RFC 7638 thumbprint. GET /v1/admin/issuers lists those a running instance trusts.
      Every change is audited as its operator: --operator <name> (default: the system user). --json prints JSON.`;

/** Where the command reads its environment and writes its lines; the tests pass their own. */
export interface AdminIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
}

const processIo: AdminIo = { env: process.env, out: (line) => console.log(line), err: (line) => console.error(line) };

const OPTIONS = {
  name: { type: 'string' },
  practice: { type: 'string', multiple: true },
  from: { type: 'string' },
  at: { type: 'string' },
  url: { type: 'string' },
  'secret-file': { type: 'string' },
  'previous-until': { type: 'string' },
  operator: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** A command refused before it ran: the message says what to fix (exit 2). */
class UsageError extends Error {}

type Contract = Parameters<typeof parseContract>[0];

/** Input for a contract, checked by it, as the API checks a body; the fields that fail are named. */
function checked<C extends Contract>(
  contract: C,
  input: Record<string, unknown>,
): Extract<ReturnType<typeof parseContract<C>>, { ok: true }>['value'] {
  const result = parseContract(contract, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
  if (!result.ok) throw new UsageError(result.errors.map((e) => `${e.path || 'input'}: ${e.message}`).join('\n'));
  return result.value;
}

const readSecret = (file: string | undefined) => (file ? readFileSync(file, 'utf8').trim() : undefined);

const describeOrg = (o: NavigatorOrganisation) => [
  `${o.id}  ${o.name}`,
  ...o.services.map((s) => `  serves ${s.practiceId} from ${s.validFrom}${s.validTo ? ` until ${s.validTo}` : ''}`),
];
const describeWebhook = (w: WebhookSubscription) => [
  `${w.id}  ${w.url}  practices ${w.practices.join(', ') || '(none)'}`,
  ...w.secrets.map((s) => `  secret of ${s.createdAt}${s.acceptedUntil ? `, signs until ${s.acceptedUntil}` : ', current'}`),
];

/** `henvis-server admin …`: tenant administration at the command line, through the same changes as /v1/admin. */
export async function adminCommand(args: string[], io: AdminIo = processIo): Promise<number> {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    io.err(`${(error as Error).message}\n\nUsage:\n${ADMIN_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [area, verb = 'list', id] = positionals;
  const config = configFromEnv(io.env);
  const print = (json: unknown, lines: string[]) => {
    if (values.json) io.out(JSON.stringify(json, null, 2));
    else for (const line of lines) io.out(line);
  };

  if (area === 'issuers') {
    const publicUrl = config.publicUrl ?? `http://${config.host}:${config.port}`;
    // The launch page's issuer with its configured key; a development server makes its own at each start instead.
    const launchKeyConfigured = !!config.launch && !!io.env.HENVIS_LAUNCH_SIGNING_KEY?.trim();
    const issuers = [
      ...config.issuers,
      ...(config.launch && launchKeyConfigured ? [launchIssuer(publicUrl, config.launch.signingKey)] : []),
    ];
    const items = describeIssuers(issuers);
    print(
      { items },
      items.flatMap((i) => [
        `${i.issuer}  ${i.kind}${i.requireMfa ? ', MFA required' : ''}${i.admins ? ', signs admins' : ''}`,
        ...i.keys.map((k) => `  key ${k.kid ?? '(no kid)'} ${k.kty}${k.crv ? ` ${k.crv}` : ''} thumbprint ${k.thumbprint}`),
      ]),
    );
    return 0;
  }
  if (area !== 'orgs' && area !== 'webhooks') {
    io.err(`Usage:\n${ADMIN_USAGE}`);
    return 2;
  }
  const needsId = verb !== 'list';
  if (needsId && !id) {
    io.err(`admin ${area} ${verb} needs the id.\n\nUsage:\n${ADMIN_USAGE}`);
    return 2;
  }
  const operator = values.operator?.trim() || userInfo().username;
  const actor: AdminPrincipal = {
    issuer: `henvis-server admin@${hostname()}`,
    issuerKind: 'command_line',
    sub: operator,
    name: operator,
    role: 'admin',
    org: { id: 'command-line', name: 'henvis-server admin' },
    expiresAt: new Date(),
  };
  const caller: AdminCaller = { actor, mode: config.mode };

  const db = await openDatabase(config.database);
  try {
    await migrate(db);
    const run = area === 'orgs' ? orgs : webhooks;
    return await run(db, caller, verb, id ?? '', values, print, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      return 2;
    }
    if (error instanceof HttpProblem) {
      io.err(`Refused (${error.code}): ${errorMessage(error.code, 'en')}`);
      return 1;
    }
    throw error;
  } finally {
    // The command's audit lines take their place in the chain now, as a server does when it stops.
    await chainUnchainedRows(db).catch((error: unknown) =>
      io.err(`The audit lines are written but not yet chained (the next server to run chains them): ${(error as Error).message}`),
    );
    await db.close();
  }
}

type Print = (json: unknown, lines: string[]) => void;

async function orgs(
  db: Database,
  caller: AdminCaller,
  verb: string,
  id: string,
  values: Values,
  print: Print,
  io: AdminIo,
): Promise<number> {
  const [practice, ...more] = values.practice ?? [];
  if ((verb === 'serve' || verb === 'end') && (!practice || more.length > 0))
    throw new UsageError(`orgs ${verb} needs one --practice <id>.`);
  if (verb === 'list') {
    const items = await listNavigatorOrgs(db);
    print({ items }, items.flatMap(describeOrg));
    return 0;
  }
  if (verb === 'show') {
    const org = await findNavigatorOrg(db, id);
    if (!org) throw new HttpProblem('not_found');
    print(org, describeOrg(org));
    return 0;
  }
  let org: NavigatorOrganisation;
  if (verb === 'set') {
    const orgId = parseContract(NavigatorOrgId, id);
    if (!orgId.ok) throw new UsageError(`id: ${orgId.errors[0]?.message ?? 'invalid'}`);
    const change = checked(NavigatorOrganisationChange, { name: values.name });
    const saved = await saveOrganisation(db, caller, orgId.value, change.name);
    io.err(saved.created ? `Created ${id}.` : `Renamed ${id}.`);
    org = saved.organisation;
  } else if (verb === 'serve') {
    org = await servePractice(db, caller, id, checked(NewNavigatorOrgService, { practiceId: practice, validFrom: values.from }));
  } else if (verb === 'end') {
    org = await endPracticeService(db, caller, id, practice ?? '', checked(NavigatorOrgServiceEnd, { validTo: values.at }));
  } else throw new UsageError(`Unknown: admin orgs ${verb}.\n\nUsage:\n${ADMIN_USAGE}`);
  print(org, describeOrg(org));
  return 0;
}

async function webhooks(
  db: Database,
  caller: AdminCaller,
  verb: string,
  id: string,
  values: Values,
  print: Print,
  io: AdminIo,
): Promise<number> {
  if (verb === 'list') {
    const items = await listWebhookSubscriptions(db, new Date());
    print({ items }, items.flatMap(describeWebhook));
    return 0;
  }
  if (verb === 'show') {
    const subscription = await findWebhookSubscription(db, id, new Date());
    if (!subscription) throw new HttpProblem('not_found');
    print(subscription, describeWebhook(subscription));
    return 0;
  }
  if (verb === 'remove') {
    await removeSubscription(db, caller, id);
    io.err(`Removed ${id}; nothing more is posted to it.`);
    return 0;
  }
  if (verb === 'set') {
    const subscription = await changeSubscription(
      db,
      caller,
      id,
      checked(WebhookSubscriptionChange, { url: values.url, practices: values.practice ?? [] }),
    );
    print(subscription, describeWebhook(subscription));
    return 0;
  }
  const secret = readSecret(values['secret-file']);
  let issued: IssuedWebhookSecret;
  if (verb === 'add')
    issued = await createSubscription(
      db,
      caller,
      checked(NewWebhookSubscription, { id, url: values.url, practices: values.practice ?? [], secret }),
    );
  else if (verb === 'rotate')
    issued = await rotateSecret(
      db,
      caller,
      id,
      checked(WebhookSecretRotation, { previousAcceptedUntil: values['previous-until'], secret }),
    );
  else throw new UsageError(`Unknown: admin webhooks ${verb}.\n\nUsage:\n${ADMIN_USAGE}`);
  print(issued, [...describeWebhook(issued.subscription), `secret: ${issued.secret}`]);
  if (!values.json) io.err('Give the secret to the vendor now: Henvis does not show it again.');
  return 0;
}
