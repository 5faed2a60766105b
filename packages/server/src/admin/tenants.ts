import { randomBytes } from 'node:crypto';
import type {
  IssuedWebhookSecret,
  NavigatorOrganisation,
  NavigatorOrgServiceEnd,
  NewNavigatorOrgService,
  NewWebhookSubscription,
  ProblemCode,
  WebhookSecretRotation,
  WebhookSubscription,
  WebhookSubscriptionChange,
} from '@henvis/contracts';
import { audit, type AuditActor, type AuditEntry } from '../audit.js';
import type { Database, Queryable } from '../db/database.js';
import { HttpProblem } from '../http-problem.js';
import { outboxEnd } from '../outbox.js';
import { WEBHOOKS_CHANNEL } from '../webhooks/subscriptions.js';
import {
  deleteWebhookSubscription,
  endService,
  findNavigatorOrg,
  findWebhookSubscription,
  insertService,
  insertWebhookSubscription,
  loadWebhookTargets,
  rotateWebhookSecret,
  saveNavigatorOrg,
  seedNavigatorOrgs,
  servicesOf,
  updateWebhookSubscription,
} from './store.js';

// The changes of tenant administration, one transaction each, the same for /v1/admin and `henvis-server admin`:
// the rules, the store, the audit line (a refusal too, with its code) and, for a webhook subscription, the
// notification that makes every instance's webhook worker read the subscriptions again.

/** Who asks: the administrator of a request, or the operator of a command, and from where. */
export interface AdminCaller {
  actor: AuditActor;
  clientIp?: string;
  /** Production refuses webhook URLs that are not https. */
  mode: 'development' | 'production';
}

type Work<T> = (tx: Queryable, log: AuditEntry[]) => Promise<T | ProblemCode>;

/**
 * Runs a change: its audit lines are written in its transaction, a refusal's too (nothing else was written then);
 * a refusal is thrown as its problem after the commit. `notify` wakes the instances' webhook workers on success.
 */
async function change<T>(db: Database, caller: AdminCaller, work: Work<T>, notify = false): Promise<T> {
  const result = await db.transaction(async (tx) => {
    const log: AuditEntry[] = [];
    const value = await work(tx, log);
    await audit(tx, caller.actor, log, caller.clientIp);
    if (notify && typeof value !== 'string') tx.notify(WEBHOOKS_CHANNEL, 'changed');
    return value;
  });
  if (typeof result === 'string') throw new HttpProblem(result as ProblemCode);
  return result;
}

const refused = (log: AuditEntry[], entry: Omit<AuditEntry, 'outcome' | 'detail'>, code: ProblemCode): ProblemCode => {
  log.push({ ...entry, outcome: 'refused', detail: code });
  return code;
};

/** Creates a navigator organisation, or renames it. */
export function saveOrganisation(
  db: Database,
  caller: AdminCaller,
  id: string,
  name: string,
): Promise<{ created: boolean; organisation: NavigatorOrganisation }> {
  return change(db, caller, async (tx, log) => {
    const created = await saveNavigatorOrg(tx, id, name, new Date());
    log.push({
      action: created ? 'admin.navigator_org.create' : 'admin.navigator_org.rename',
      outcome: 'ok',
      resourceType: 'navigator_org',
      resourceId: id,
    });
    const organisation = await findNavigatorOrg(tx, id);
    return organisation ? { created, organisation } : 'not_found';
  });
}

/**
 * The organisation begins to serve a practice from `validFrom` (default now): refused while it serves it already,
 * or when the new period would begin before an earlier one of the pair ended.
 */
export function servePractice(
  db: Database,
  caller: AdminCaller,
  orgId: string,
  input: NewNavigatorOrgService,
): Promise<NavigatorOrganisation> {
  return change(db, caller, async (tx, log) => {
    const entry = { action: 'admin.navigator_org.serve', resourceType: 'navigator_org', resourceId: orgId };
    if (!(await findNavigatorOrg(tx, orgId, true))) return refused(log, entry, 'not_found');
    const validFrom = input.validFrom ? new Date(input.validFrom) : new Date();
    const earlier = await servicesOf(tx, orgId, input.practiceId);
    if (earlier.some((s) => !s.valid_to || s.valid_to > validFrom)) return refused(log, entry, 'service_overlaps');
    await insertService(tx, orgId, input.practiceId, validFrom);
    log.push({ ...entry, outcome: 'ok', detail: `practice ${input.practiceId} from ${validFrom.toISOString()}` });
    return (await findNavigatorOrg(tx, orgId)) ?? 'not_found';
  });
}

/**
 * The organisation stops serving a practice at `validTo` (default now); the period is kept. A service that has not
 * begun by then ends at its start, having never been in force.
 */
export function endPracticeService(
  db: Database,
  caller: AdminCaller,
  orgId: string,
  practiceId: string,
  input: NavigatorOrgServiceEnd,
): Promise<NavigatorOrganisation> {
  return change(db, caller, async (tx, log) => {
    const entry = { action: 'admin.navigator_org.end_service', resourceType: 'navigator_org', resourceId: orgId };
    if (!(await findNavigatorOrg(tx, orgId, true))) return refused(log, entry, 'not_found');
    const open = (await servicesOf(tx, orgId, practiceId)).find((s) => !s.valid_to);
    if (!open) return refused(log, entry, 'not_found');
    let validTo = input.validTo ? new Date(input.validTo) : new Date();
    if (validTo < open.valid_from) {
      if (input.validTo) return refused(log, entry, 'service_end_invalid');
      validTo = open.valid_from;
    }
    await endService(tx, open, validTo);
    log.push({ ...entry, outcome: 'ok', detail: `practice ${practiceId} until ${validTo.toISOString()}` });
    return (await findNavigatorOrg(tx, orgId)) ?? 'not_found';
  });
}

/** A new shared secret: 32 random bytes, base64url. */
export const newWebhookSecret = () => randomBytes(32).toString('base64url');

const insecure = (caller: AdminCaller, url: string) => caller.mode === 'production' && new URL(url).protocol !== 'https:';

/** A new subscription; it gets the events recorded from now on, signed with the secret answered (once). */
export function createSubscription(db: Database, caller: AdminCaller, input: NewWebhookSubscription): Promise<IssuedWebhookSecret> {
  return change(
    db,
    caller,
    async (tx, log) => {
      const entry = { action: 'admin.webhook.create', resourceType: 'webhook_subscription', resourceId: input.id };
      if (insecure(caller, input.url)) return refused(log, entry, 'webhook_url_insecure');
      const secret = input.secret ?? newWebhookSecret();
      const now = new Date();
      if (!(await insertWebhookSubscription(tx, input, secret, now, await outboxEnd(tx))))
        return refused(log, entry, 'webhook_subscription_exists');
      log.push({ ...entry, outcome: 'ok' });
      const subscription = await findWebhookSubscription(tx, input.id, now);
      return subscription ? { subscription, secret } : 'not_found';
    },
    true,
  );
}

/** A subscription's new URL and practices; it goes on from where it is in the outbox. */
export function changeSubscription(
  db: Database,
  caller: AdminCaller,
  id: string,
  input: WebhookSubscriptionChange,
): Promise<WebhookSubscription> {
  return change(
    db,
    caller,
    async (tx, log) => {
      const entry = { action: 'admin.webhook.update', resourceType: 'webhook_subscription', resourceId: id };
      const now = new Date();
      if (!(await findWebhookSubscription(tx, id, now, true))) return refused(log, entry, 'not_found');
      if (insecure(caller, input.url)) return refused(log, entry, 'webhook_url_insecure');
      await updateWebhookSubscription(tx, id, input.url, input.practices, now);
      log.push({ ...entry, outcome: 'ok' });
      return (await findWebhookSubscription(tx, id, now)) ?? 'not_found';
    },
    true,
  );
}

/** A new secret that signs from now on; the one before signs beside it until `previousAcceptedUntil`. */
export function rotateSecret(db: Database, caller: AdminCaller, id: string, input: WebhookSecretRotation): Promise<IssuedWebhookSecret> {
  return change(
    db,
    caller,
    async (tx, log) => {
      const entry = { action: 'admin.webhook.rotate_secret', resourceType: 'webhook_subscription', resourceId: id };
      const now = new Date();
      if (!(await findWebhookSubscription(tx, id, now, true))) return refused(log, entry, 'not_found');
      const secret = input.secret ?? newWebhookSecret();
      const until = new Date(input.previousAcceptedUntil);
      await rotateWebhookSecret(tx, id, secret, until, now);
      log.push({ ...entry, outcome: 'ok', detail: `previous accepted until ${until.toISOString()}` });
      const subscription = await findWebhookSubscription(tx, id, now);
      return subscription ? { subscription, secret } : 'not_found';
    },
    true,
  );
}

/** Removes a subscription: nothing more is posted to it; its delivery log stays. */
export function removeSubscription(db: Database, caller: AdminCaller, id: string): Promise<void> {
  return change(
    db,
    caller,
    async (tx, log) => {
      const entry = { action: 'admin.webhook.delete', resourceType: 'webhook_subscription', resourceId: id };
      if (!(await findWebhookSubscription(tx, id, new Date(), true))) return refused(log, entry, 'not_found');
      await deleteWebhookSubscription(tx, id);
      log.push({ ...entry, outcome: 'ok' });
      return undefined;
    },
    true,
  );
}

/** What configuration seeds at start: HENVIS_NAVIGATOR_ORGS (or the demo's), and HENVIS_WEBHOOKS. */
export interface TenantSeeds {
  navigatorOrgs?: readonly { id: string; name: string; practices: readonly string[] }[];
  webhooks?: readonly { id: string; url: string; secret: string; practices: readonly string[] }[];
}

/**
 * Seeds the tenants from configuration at start, idempotently, so a deployment configured by environment goes on as
 * it was: what the database lacks is added; what it has stays as an administrator left it. Returns the ids of the
 * configured webhook subscriptions the database holds otherwise (another URL, practices or secret), to warn of.
 */
export async function seedTenants(db: Database, seeds: TenantSeeds): Promise<string[]> {
  return db.transaction(async (tx) => {
    await seedNavigatorOrgs(tx, seeds.navigatorOrgs ?? []);
    const now = new Date();
    let added = false;
    for (const webhook of seeds.webhooks ?? []) if (await insertWebhookSubscription(tx, webhook, webhook.secret, now)) added = true;
    if (added) tx.notify(WEBHOOKS_CHANNEL, 'seeded');
    const stored = new Map((await loadWebhookTargets(tx, now)).map((t) => [t.id, t]));
    return (seeds.webhooks ?? [])
      .filter((w) => {
        const s = stored.get(w.id);
        return !s || s.url !== w.url || s.practices.join() !== w.practices.join() || s.secrets[0]?.secret !== w.secret;
      })
      .map((w) => w.id);
  });
}
