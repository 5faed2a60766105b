-- When the first contact falls due (2 Danish working days after the referral, `firstContactDueAt` in the
-- contracts), kept with the referral so the measures can count "within the deadline" in SQL. Computed when a
-- referral is stored; the rows before this column get theirs at the next start (backfillFirstContactDue), as the
-- Danish holidays are known to the application, not to SQL.
alter table referrals add column first_contact_due_at timestamptz;
create index referrals_practice_month on referrals (practice_id, created_at) include (status, first_contact_due_at);
