-- The individual plan, one row per saved version; the highest version is the plan.
create table plans (
  referral_id uuid not null references referrals (id) on delete cascade,
  version int not null,
  content jsonb not null,
  saved_at timestamptz not null,
  saved_by jsonb not null,
  primary key (referral_id, version)
);
