-- Referrals and their timeline. Personal data stays in `content`; `patient_key` is a keyed pseudonym of the CPR
-- number, used for lookups and the audit log so that neither needs the number itself.
create table referrals (
  id uuid primary key,
  practice_id text not null,
  patient_key text not null,
  status text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  practice jsonb not null,
  referrer jsonb not null,
  content jsonb not null,
  flags jsonb not null
);
create index referrals_practice_created on referrals (practice_id, created_at desc, id desc);
create index referrals_patient_created on referrals (patient_key, created_at desc, id desc);
create index referrals_created on referrals (created_at desc, id desc);

create table referral_events (
  id uuid primary key,
  referral_id uuid not null references referrals (id) on delete cascade,
  seq int not null,
  type text not null,
  from_status text,
  to_status text not null,
  reason text,
  note text,
  actor jsonb not null,
  at timestamptz not null,
  unique (referral_id, seq)
);

-- One row per Idempotency-Key and caller. `locked_until` lets a key whose request died be taken over.
create table idempotency_keys (
  scope text not null,
  key text not null,
  request_hash text not null,
  state text not null check (state in ('in_flight', 'done')),
  locked_until timestamptz not null,
  response_status int,
  response_body jsonb,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);

-- Which practices a navigator organisation serves: the basis of the navigators' access.
create table navigator_org_practices (
  navigator_org_id text not null,
  practice_id text not null,
  primary key (navigator_org_id, practice_id)
);
create index navigator_org_practices_practice on navigator_org_practices (practice_id);

-- Every read and write of personal data, and every refused attempt, written in the transaction of the work.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  issuer text,
  actor_sub text,
  actor_role text,
  actor_org text,
  patient_key text,
  action text not null,
  resource_type text,
  resource_id text,
  outcome text not null check (outcome in ('ok', 'denied', 'refused')),
  detail text,
  client_ip text
);
create index audit_log_patient on audit_log (patient_key, at);
create index audit_log_at on audit_log (at);
