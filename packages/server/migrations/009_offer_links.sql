-- Offers linked to a citizen's course, with each change of state (proposed, started, stopped, attending at 3 months).
create table offer_links (
  id uuid primary key,
  referral_id uuid not null references referrals (id) on delete cascade,
  offer_id uuid not null references offers (id),
  offer_name text not null,
  state text not null,
  history jsonb not null,
  updated_at timestamptz not null
);
create index offer_links_referral on offer_links (referral_id);
