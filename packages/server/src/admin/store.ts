import type { NavigatorOrganisation, WebhookSubscription } from '@henvis/contracts';
import { one, type Queryable } from '../db/database.js';
import type { OutboxPosition } from '../outbox.js';

// The tenants' SQL: navigator organisations and the periods in which they serve practices, and the vendors' webhook
// subscriptions with their secrets. The rules (overlaps, rotation) are in tenants.ts.

interface OrgRow {
  id: string;
  name: string;
  created_at: Date;
  updated_at: Date;
}

export interface ServiceRow {
  id: string;
  navigator_org_id: string;
  practice_id: string;
  valid_from: Date;
  valid_to: Date | null;
}

const toOrganisation = (org: OrgRow, services: ServiceRow[]): NavigatorOrganisation => ({
  id: org.id,
  name: org.name,
  services: services
    .filter((s) => s.navigator_org_id === org.id)
    .map((s) => ({
      practiceId: s.practice_id,
      validFrom: s.valid_from.toISOString(),
      ...(s.valid_to ? { validTo: s.valid_to.toISOString() } : {}),
    })),
  createdAt: org.created_at.toISOString(),
  updatedAt: org.updated_at.toISOString(),
});

const SERVICE_COLUMNS = 'id::text as id, navigator_org_id, practice_id, valid_from, valid_to';

/** Every navigator organisation with its services, oldest first. */
export async function listNavigatorOrgs(tx: Queryable): Promise<NavigatorOrganisation[]> {
  const orgs = await tx.query<OrgRow>('select * from navigator_orgs order by id');
  const services = await tx.query<ServiceRow>(`select ${SERVICE_COLUMNS} from navigator_org_services order by practice_id, valid_from, id`);
  return orgs.map((org) => toOrganisation(org, services));
}

/** One organisation with its services; `forUpdate` locks its row, which serialises changes to its services. */
export async function findNavigatorOrg(tx: Queryable, id: string, forUpdate = false): Promise<NavigatorOrganisation | undefined> {
  const [org] = await tx.query<OrgRow>(`select * from navigator_orgs where id = $1${forUpdate ? ' for update' : ''}`, [id]);
  if (!org) return undefined;
  return toOrganisation(org, await servicesOf(tx, id));
}

/** The organisation's services, of one practice or all, oldest first. */
export async function servicesOf(tx: Queryable, orgId: string, practiceId?: string): Promise<ServiceRow[]> {
  return tx.query<ServiceRow>(
    `select ${SERVICE_COLUMNS} from navigator_org_services
      where navigator_org_id = $1 and ($2::text is null or practice_id = $2) order by practice_id, valid_from, id`,
    [orgId, practiceId ?? null],
  );
}

/** Creates the organisation, or renames it; true when it was created. */
export async function saveNavigatorOrg(tx: Queryable, id: string, name: string, at: Date): Promise<boolean> {
  const row = one(
    await tx.query<{ created: boolean }>(
      `insert into navigator_orgs (id, name, created_at, updated_at) values ($1, $2, $3, $3)
       on conflict (id) do update set name = excluded.name, updated_at = excluded.updated_at
       returning (xmax = 0) as created`,
      [id, name, at],
    ),
  );
  return row.created;
}

export async function insertService(tx: Queryable, orgId: string, practiceId: string, validFrom: Date): Promise<void> {
  await tx.query('insert into navigator_org_services (navigator_org_id, practice_id, valid_from) values ($1, $2, $3)', [
    orgId,
    practiceId,
    validFrom,
  ]);
  await tx.query('update navigator_orgs set updated_at = now() where id = $1', [orgId]);
}

export async function endService(tx: Queryable, service: ServiceRow, validTo: Date): Promise<void> {
  await tx.query('update navigator_org_services set valid_to = $2 where id = $1', [service.id, validTo]);
  await tx.query('update navigator_orgs set updated_at = now() where id = $1', [service.navigator_org_id]);
}

/**
 * Seeds organisations and services from configuration, idempotently: an organisation that is missing is created
 * (one that has only the placeholder name the migration gave it, its id, gets the configured name); a service is
 * added only for a pair that never had one, so a service an administrator ended is not opened again by a restart.
 * Instances starting together may seed at once: the open-service index makes the later one add nothing.
 */
export async function seedNavigatorOrgs(
  tx: Queryable,
  seeds: readonly { id: string; name: string; practices: readonly string[] }[],
): Promise<void> {
  if (seeds.length === 0) return;
  await tx.query(
    `insert into navigator_orgs (id, name) select id, name from jsonb_to_recordset($1::jsonb) as s(id text, name text)
     on conflict (id) do update set name = excluded.name, updated_at = now() where navigator_orgs.name = navigator_orgs.id`,
    [JSON.stringify(seeds.map(({ id, name }) => ({ id, name })))],
  );
  const pairs = seeds.flatMap((seed) => seed.practices.map((practice) => ({ org: seed.id, practice })));
  await tx.query(
    `insert into navigator_org_services (navigator_org_id, practice_id)
     select p.org, p.practice from jsonb_to_recordset($1::jsonb) as p(org text, practice text)
      where not exists (select 1 from navigator_org_services s where s.navigator_org_id = p.org and s.practice_id = p.practice)
     on conflict do nothing`,
    [JSON.stringify(pairs)],
  );
}

interface SubscriptionRow {
  id: string;
  url: string;
  practices: string[];
  created_at: Date;
  updated_at: Date;
}

export interface SecretRow {
  subscription_id: string;
  secret: string;
  created_at: Date;
  accepted_until: Date | null;
}

/** The secrets in force at `now` (the current one and those still accepted), newest first. */
async function secretsInForce(tx: Queryable, now: Date, subscriptionId?: string): Promise<SecretRow[]> {
  return tx.query<SecretRow>(
    `select subscription_id, secret, created_at, accepted_until from webhook_secrets
      where (accepted_until is null or accepted_until > $1) and ($2::text is null or subscription_id = $2)
      order by subscription_id, accepted_until is not null, created_at desc, id desc`,
    [now, subscriptionId ?? null],
  );
}

const toSubscription = (row: SubscriptionRow, secrets: SecretRow[]): WebhookSubscription => ({
  id: row.id,
  url: row.url,
  practices: row.practices,
  secrets: secrets
    .filter((s) => s.subscription_id === row.id)
    .map((s) => ({
      createdAt: s.created_at.toISOString(),
      ...(s.accepted_until ? { acceptedUntil: s.accepted_until.toISOString() } : {}),
    })),
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** Every subscription as an administrator sees it: its secrets by date, never their values. */
export async function listWebhookSubscriptions(tx: Queryable, now: Date): Promise<WebhookSubscription[]> {
  const rows = await tx.query<SubscriptionRow>('select * from webhook_subscriptions order by id');
  const secrets = await secretsInForce(tx, now);
  return rows.map((row) => toSubscription(row, secrets));
}

export async function findWebhookSubscription(
  tx: Queryable,
  id: string,
  now: Date,
  forUpdate = false,
): Promise<WebhookSubscription | undefined> {
  const [row] = await tx.query<SubscriptionRow>(`select * from webhook_subscriptions where id = $1${forUpdate ? ' for update' : ''}`, [id]);
  return row && toSubscription(row, await secretsInForce(tx, now, id));
}

/** A stored subscription as the webhook worker delivers it: with the values of its secrets in force. */
export interface StoredWebhookTarget {
  id: string;
  url: string;
  practices: string[];
  /** Newest first; each signs until `acceptedUntil` (the current one: always). */
  secrets: { secret: string; acceptedUntil?: Date }[];
}

export async function loadWebhookTargets(tx: Queryable, now: Date): Promise<StoredWebhookTarget[]> {
  const rows = await tx.query<SubscriptionRow>('select * from webhook_subscriptions order by id');
  const secrets = await secretsInForce(tx, now);
  return rows.map((row) => ({
    id: row.id,
    url: row.url,
    practices: row.practices,
    secrets: secrets
      .filter((s) => s.subscription_id === row.id)
      .map((s) => ({ secret: s.secret, ...(s.accepted_until ? { acceptedUntil: s.accepted_until } : {}) })),
  }));
}

/** A new subscription and its first secret; its cursor at `from`, so it gets every event recorded after it. */
export async function insertWebhookSubscription(
  tx: Queryable,
  subscription: { id: string; url: string; practices: readonly string[] },
  secret: string,
  at: Date,
  from?: OutboxPosition,
): Promise<boolean> {
  const inserted = await tx.query(
    `insert into webhook_subscriptions (id, url, practices, created_at, updated_at) values ($1, $2, $3::jsonb, $4, $4)
     on conflict (id) do nothing returning id`,
    [subscription.id, subscription.url, JSON.stringify(subscription.practices), at],
  );
  if (inserted.length === 0) return false;
  await tx.query('insert into webhook_secrets (subscription_id, secret, created_at) values ($1, $2, $3)', [subscription.id, secret, at]);
  if (from)
    await tx.query(
      `insert into webhook_cursors (subscription_id, last_txid, last_seq, next_attempt_at) values ($1, $2, $3, $4)
       on conflict (subscription_id) do update set last_txid = excluded.last_txid, last_seq = excluded.last_seq, attempts = 0,
         next_attempt_at = excluded.next_attempt_at, leased_by = null, leased_until = null`,
      [subscription.id, from.txid.toString(), from.seq.toString(), at],
    );
  return true;
}

export async function updateWebhookSubscription(
  tx: Queryable,
  id: string,
  url: string,
  practices: readonly string[],
  at: Date,
): Promise<void> {
  await tx.query('update webhook_subscriptions set url = $2, practices = $3::jsonb, updated_at = $4 where id = $1', [
    id,
    url,
    JSON.stringify(practices),
    at,
  ]);
}

/** The new secret becomes the current one; the one it replaces is accepted until `previousUntil`; expired ones go. */
export async function rotateWebhookSecret(tx: Queryable, id: string, secret: string, previousUntil: Date, at: Date): Promise<void> {
  await tx.query('update webhook_secrets set accepted_until = $2 where subscription_id = $1 and accepted_until is null', [
    id,
    previousUntil,
  ]);
  await tx.query('delete from webhook_secrets where subscription_id = $1 and accepted_until <= $2', [id, at]);
  await tx.query('insert into webhook_secrets (subscription_id, secret, created_at) values ($1, $2, $3)', [id, secret, at]);
  await tx.query('update webhook_subscriptions set updated_at = $2 where id = $1', [id, at]);
}

/** Removes a subscription, its secrets and its cursor; its delivery log stays. */
export async function deleteWebhookSubscription(tx: Queryable, id: string): Promise<void> {
  await tx.query('delete from webhook_cursors where subscription_id = $1', [id]);
  await tx.query('delete from webhook_subscriptions where id = $1', [id]);
}
