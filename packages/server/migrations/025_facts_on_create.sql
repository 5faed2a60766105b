-- A new referral's facts need no look at its course: it has none yet. Computing them with refresh_referral_facts
-- (a dozen subqueries, planned anew on each call) cost 2.6 ms of a 4.2 ms create, inside the statement that holds
-- the audit chain's head, so every create in the country waited for it. A new referral's facts are now written
-- from the row itself, and an event changes the facts only when it closes or rejects (its reason); the status
-- itself is the referral's, whose update refreshes them as before.
create or replace function referral_facts_refresh() returns trigger language plpgsql set search_path from current as $$
begin
  if tg_table_name = 'referrals' and tg_op = 'INSERT' then
    insert into referral_facts (referral_id, practice_id, created_at, month, status, first_contact_due_at, flags, linked_by,
      first_reached_at, reached_contacts, started_at, attending_known_at, attending, closing_reason, rejection_reason,
      wellbeing_in_force, who5_baseline, who5_baseline_at, who5_due_at, who5_follow_up, who5_late)
    values (new.id, new.practice_id, new.created_at, to_char(new.created_at at time zone 'Europe/Copenhagen', 'YYYY-MM'), new.status,
      new.first_contact_due_at, array(select jsonb_array_elements_text(new.flags)),
      ((new.created_at at time zone 'Europe/Copenhagen') + interval '3 months') at time zone 'Europe/Copenhagen',
      null, 0, null, null, false, null, null, false, null, null, null, null, false)
    on conflict (referral_id) do nothing;
    -- A row that was there (a bulk load that wrote its facts first) is brought up to date the long way.
    if not found then
      perform refresh_referral_facts(array[new.id]);
    end if;
  elsif tg_table_name = 'referrals' then
    perform refresh_referral_facts(array[new.id]);
  elsif tg_table_name = 'referral_events' then
    if new.to_status in ('closed', 'rejected') then
      perform refresh_referral_facts(array[new.referral_id]);
    end if;
  elsif tg_op = 'DELETE' then
    perform refresh_referral_facts(array[old.referral_id]);
  else
    perform refresh_referral_facts(array[new.referral_id]);
  end if;
  return null;
end
$$;
