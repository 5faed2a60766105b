-- Needs no offer met, by category and area: where the coordinator should look for new offers. The area is the
-- place, not the citizen; the note is the navigator's, and read only with the referral's access.
create table unmet_needs (
  id uuid primary key,
  referral_id uuid not null references referrals (id) on delete cascade,
  practice_id text not null,
  category text not null,
  area text not null,
  note text,
  recorded_at timestamptz not null,
  recorded_by jsonb not null
);
create index unmet_needs_practice on unmet_needs (practice_id, category, area);
