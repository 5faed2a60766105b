-- The navigator's contacts with the citizen: how, when, how long, and a note. The first one measures the time
-- from referral to first contact.
create table contact_log (
  id uuid primary key,
  referral_id uuid not null references referrals (id) on delete cascade,
  kind text not null check (kind in ('phone', 'meeting', 'home_visit', 'email', 'sms')),
  at timestamptz not null,
  duration_minutes int not null check (duration_minutes between 1 and 600),
  note text,
  by_actor jsonb not null
);
create index contact_log_referral on contact_log (referral_id, at, id);
