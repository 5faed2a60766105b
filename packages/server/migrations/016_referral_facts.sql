-- One narrow row per referral with the facts the pilot's measures count, kept by triggers as its course is
-- written: the measures read these rows (an index-only scan of the practices and months asked for) instead of
-- gathering each referral's contacts, offers, consents and WHO-5 answers on every read. The definitions are the
-- ones of packages/server/src/measures (first contact = the first that reached the citizen; linked = an offer
-- started; WHO-5 under a well-being consent in force, the follow-up paired unless late).
create table referral_facts (
  referral_id uuid primary key references referrals (id) on delete cascade,
  practice_id text not null,
  created_at timestamptz not null,
  -- The Danish calendar month the referral was sent: its cohort.
  month text not null,
  status text not null,
  first_contact_due_at timestamptz,
  flags text[] not null,
  -- 3 Danish calendar months after the referral: linked in time means an offer started by then.
  linked_by timestamptz not null,
  first_reached_at timestamptz,
  reached_contacts int not null,
  started_at timestamptz,
  -- The start of the Danish day 3 months after the first offer started: "attending at 3 months" is known from then.
  attending_known_at timestamptz,
  attending boolean not null,
  closing_reason text,
  rejection_reason text,
  wellbeing_in_force boolean not null,
  who5_baseline int,
  who5_baseline_at timestamptz,
  -- The follow-up window opens at the start of the Danish day 6 months after the baseline.
  who5_due_at timestamptz,
  who5_follow_up int,
  who5_late boolean not null
);
create index referral_facts_practice_created on referral_facts (practice_id, created_at)
  include (month, status, flags, first_contact_due_at, linked_by, first_reached_at, reached_contacts, started_at,
           attending_known_at, attending, closing_reason, rejection_reason, wellbeing_in_force, who5_baseline, who5_due_at,
           who5_follow_up, who5_late);

-- Both functions keep the schema they were made in, whatever the search_path of the session that writes.
create function refresh_referral_facts(rids uuid[]) returns void language sql set search_path from current as $$
  insert into referral_facts
  select f.referral_id, f.practice_id, f.created_at, f.month, f.status, f.first_contact_due_at, f.flags,
         ((f.created_at at time zone 'Europe/Copenhagen') + interval '3 months') at time zone 'Europe/Copenhagen',
         f.first_reached_at, f.reached_contacts, f.started_at,
         (date_trunc('day', f.started_at at time zone 'Europe/Copenhagen') + interval '3 months') at time zone 'Europe/Copenhagen',
         f.attending, f.closing_reason, f.rejection_reason, f.wellbeing_in_force, f.who5_baseline, f.who5_baseline_at,
         (date_trunc('day', f.who5_baseline_at at time zone 'Europe/Copenhagen') + interval '6 months') at time zone 'Europe/Copenhagen',
         f.who5_follow_up, f.who5_late
    from (
  select r.id as referral_id, r.practice_id, r.created_at, to_char(r.created_at at time zone 'Europe/Copenhagen', 'YYYY-MM') as month,
         r.status, r.first_contact_due_at,
         array(select jsonb_array_elements_text(r.flags)) as flags,
         (select min(k.at) from contact_log k where k.referral_id = r.id and k.outcome = 'reached') as first_reached_at,
         (select count(*) from contact_log k where k.referral_id = r.id and k.outcome = 'reached') as reached_contacts,
         (select min((h->>'at')::timestamptz) from offer_links l cross join lateral jsonb_array_elements(l.history) h
           where l.referral_id = r.id and h->>'state' = 'started') as started_at,
         exists (select 1 from offer_links l where l.referral_id = r.id and l.history @> '[{"state":"attending_3_months"}]') as attending,
         (select e.reason from referral_events e where e.referral_id = r.id and e.to_status = 'closed' order by e.seq desc limit 1)
           as closing_reason,
         (select e.reason from referral_events e where e.referral_id = r.id and e.to_status = 'rejected' order by e.seq desc limit 1)
           as rejection_reason,
         coalesce((select k.decision = 'given' and k.withdrawn_at is null from consents k
                    where k.referral_id = r.id and k.kind = 'wellbeing_data' order by k.decided_at desc, k.id limit 1), false)
           as wellbeing_in_force,
         (select (select sum(v::int) from jsonb_array_elements_text(x.answers) v) * 4
            from who5_responses x where x.referral_id = r.id and x.kind = 'baseline') as who5_baseline,
         (select x.taken_at from who5_responses x where x.referral_id = r.id and x.kind = 'baseline') as who5_baseline_at,
         (select (select sum(v::int) from jsonb_array_elements_text(x.answers) v) * 4
            from who5_responses x where x.referral_id = r.id and x.kind = 'follow_up' and not x.late) as who5_follow_up,
         exists (select 1 from who5_responses x where x.referral_id = r.id and x.kind = 'follow_up' and x.late) as who5_late
    from referrals r where r.id = any(rids)
    ) f
  on conflict (referral_id) do update set
    practice_id = excluded.practice_id, created_at = excluded.created_at, month = excluded.month, status = excluded.status,
    first_contact_due_at = excluded.first_contact_due_at, flags = excluded.flags, linked_by = excluded.linked_by,
    first_reached_at = excluded.first_reached_at, reached_contacts = excluded.reached_contacts, started_at = excluded.started_at,
    attending_known_at = excluded.attending_known_at, attending = excluded.attending,
    closing_reason = excluded.closing_reason, rejection_reason = excluded.rejection_reason,
    wellbeing_in_force = excluded.wellbeing_in_force, who5_baseline = excluded.who5_baseline,
    who5_baseline_at = excluded.who5_baseline_at, who5_due_at = excluded.who5_due_at, who5_follow_up = excluded.who5_follow_up,
    who5_late = excluded.who5_late
$$;

create function referral_facts_refresh() returns trigger language plpgsql set search_path from current as $$
begin
  if tg_table_name = 'referrals' then
    perform refresh_referral_facts(array[new.id]);
  elsif tg_op = 'DELETE' then
    perform refresh_referral_facts(array[old.referral_id]);
  else
    perform refresh_referral_facts(array[new.referral_id]);
  end if;
  return null;
end
$$;

create trigger referral_facts_refresh after insert or update on referrals
  for each row execute function referral_facts_refresh();
create trigger referral_facts_refresh after insert or update or delete on contact_log
  for each row execute function referral_facts_refresh();
create trigger referral_facts_refresh after insert or update or delete on offer_links
  for each row execute function referral_facts_refresh();
create trigger referral_facts_refresh after insert or update or delete on who5_responses
  for each row execute function referral_facts_refresh();
create trigger referral_facts_refresh after insert or update or delete on consents
  for each row execute function referral_facts_refresh();
create trigger referral_facts_refresh after insert or update on referral_events
  for each row execute function referral_facts_refresh();

-- The referrals stored before, at once (a bulk load may do the same after loading with the triggers off).
select refresh_referral_facts(array(select id from referrals));
