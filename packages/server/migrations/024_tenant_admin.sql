-- Tenant administration at runtime (/v1/admin, `henvis-server admin`): navigator organisations, the practices each
-- serves and from when, and the journal vendors' webhook subscriptions, kept in the database instead of SQL by hand
-- and HENVIS_WEBHOOKS alone. Every instance reads them from here, so a change needs no restart.

create table navigator_orgs (
  id text primary key,
  name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Each period in which an organisation serves a practice. Ending one sets valid_to and keeps the row: the history
-- says who could see a practice's referrals when. At most one open period per pair; periods of a pair do not
-- overlap (checked under a lock on the organisation's row, as PGlite has no btree_gist for an exclusion constraint).
create table navigator_org_services (
  id bigint generated always as identity primary key,
  navigator_org_id text not null references navigator_orgs (id),
  practice_id text not null,
  valid_from timestamptz not null default now(),
  valid_to timestamptz,
  check (valid_to is null or valid_to >= valid_from)
);
create unique index navigator_org_services_open on navigator_org_services (navigator_org_id, practice_id) where valid_to is null;
create index navigator_org_services_org on navigator_org_services (navigator_org_id, practice_id);
create index navigator_org_services_practice on navigator_org_services (practice_id);

-- What was there: its organisations by id (their names come from configuration or an administrator), each service
-- in force since this migration.
insert into navigator_orgs (id, name) select distinct navigator_org_id, navigator_org_id from navigator_org_practices;
insert into navigator_org_services (navigator_org_id, practice_id) select navigator_org_id, practice_id from navigator_org_practices;
drop table navigator_org_practices;

-- The services in force now, under the old table's name: the access scope (and whatever else reads which
-- practices an organisation serves) reads this, so a change is seen by the next request on any instance, and a
-- service dated ahead begins by itself. A simple view, so an insert or delete of a pair still works on it.
create view navigator_org_practices as
  select navigator_org_id, practice_id from navigator_org_services
   where valid_from <= now() and (valid_to is null or valid_to > now());

-- A vendor's subscription: where the changes of its practices are posted.
create table webhook_subscriptions (
  id text primary key,
  url text not null,
  practices jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Its signing secrets: the current one (accepted_until null) and, after a rotation, the earlier ones, which sign
-- beside it until accepted_until so the receiver can switch without losing a delivery. The HMAC needs the secret
-- itself, so it is stored as given: the database is as secret as HENVIS_WEBHOOKS was.
create table webhook_secrets (
  id bigint generated always as identity primary key,
  subscription_id text not null references webhook_subscriptions (id) on delete cascade,
  secret text not null,
  created_at timestamptz not null default now(),
  accepted_until timestamptz
);
create unique index webhook_secrets_current on webhook_secrets (subscription_id) where accepted_until is null;
create index webhook_secrets_subscription on webhook_secrets (subscription_id);
