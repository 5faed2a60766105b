-- The navigator who took the referral: set on accept, changed by reassigning to a colleague. Drives "my caseload".
alter table referrals add column owner jsonb;
create index referrals_owner_created on referrals ((owner->>'id'), created_at desc, id desc);
