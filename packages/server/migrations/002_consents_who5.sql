-- The citizen's two consents, each decision a row of its own: the newest row of a kind is the one in force, and
-- the rows before it are the history. `record` keeps how the consent was obtained (method, setting, text version,
-- language and the SHA-256 of the exact text, who informed).
create table consents (
  id uuid primary key,
  referral_id uuid not null references referrals (id) on delete cascade,
  kind text not null check (kind in ('journal_data', 'wellbeing_data')),
  decision text not null check (decision in ('given', 'declined')),
  decided_at timestamptz not null,
  expires_at timestamptz,
  withdrawn_at timestamptz,
  withdrawn_by jsonb,
  record jsonb not null
);
create index consents_referral on consents (referral_id, decided_at desc);

-- Record data disclosed for the evaluation, each under the journal data consent valid at that moment.
create table disclosures (
  id uuid primary key,
  referral_id uuid not null references referrals (id) on delete cascade,
  consent_id uuid not null references consents (id),
  disclosed_at timestamptz not null,
  disclosed_by jsonb not null
);

-- WHO-5 answers: evaluation data (not journal data), stored only under a valid well-being consent. One baseline
-- and one follow-up per referral.
create table who5_responses (
  id uuid primary key,
  referral_id uuid not null references referrals (id) on delete cascade,
  kind text not null check (kind in ('baseline', 'follow_up')),
  answers jsonb not null,
  taken_at timestamptz not null,
  recorded_by jsonb not null,
  unique (referral_id, kind)
);
