-- The current plan's next step day, kept with its referral, so that "Frister" finds the open courses whose next step
-- has come without reading every plan: insertPlan (src/course/store.ts) writes it with each version. The index holds
-- the open courses that have a next step, by practice and day, so the worklist reads the practices it serves from
-- their earliest day up to today and no further, whatever the size of the table. A course that ends leaves it.
alter table referrals add column next_step_date date;

update referrals r set next_step_date = (p.content->>'nextStepDate')::date
  from (select distinct on (referral_id) referral_id, content from plans order by referral_id, version desc) p
 where r.id = p.referral_id and p.content->>'nextStepDate' is not null;

create index referrals_next_step on referrals (practice_id, next_step_date, id) include (owner_org, owner_id)
  where next_step_date is not null and status not in ('closed', 'rejected', 'cancelled');
