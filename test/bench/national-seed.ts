import type pg from 'pg';

/**
 * A national-size referrals table, loaded as a bulk load is: 2,000 practices, 100 navigator organisations each
 * serving 20 of them, `referrals` referrals over two years. The demo organisation Norddjurs serves the two demo
 * practices, which are big (every 40th referral each: 5 % of the table), and 18 ordinary ones, so its navigators see
 * about 5.9 % of the table: the hardest inbox of the country. Statuses, reasons, owners and names come from a hash
 * of the row number, not from its residues, so no practice gets only one status or one reason. Each organisation has
 * ten navigators who own its courses; the demo navigator is one of Norddjurs'.
 *
 * Loaded with the referral_facts triggers off (session_replication_role = replica, as migration 016 says for a bulk
 * load) and the facts then written in one statement, as a new referral's are (migration 025); the secondary indexes
 * of `referrals` are dropped for the load and built again after it, which is also how long building them takes on a
 * table of that size (the figure migration 026 costs an installation that has one).
 */
export interface NationalSeed {
  /** Seconds to load the rows and their facts, then to build the indexes again. */
  loadSeconds: number;
  indexSeconds: number;
  /** Referrals the demo navigator organisation sees. */
  visible: number;
}

const FIRST_NAMES = (
  'Karen Søren Åse Jørgen Mette Ole Hanne Bjørn Lærke René Inge Niels Birthe Poul Kirsten Jens Lone Mads Anne Henrik ' +
  'Susanne Lars Grethe Peter Bodil Rasmus Ida Frederik Signe Morten Zoë Anders Dorthe Thomas Ellen Jesper Aase Kåre ' +
  'Birgitte Michael Camilla Erik Ulla'
).split(' ');
const LAST_NAMES = (
  'Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen Petersen Madsen Kristensen ' +
  'Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen Knudsen Jakobsen Mikkelsen Olesen Frederiksen Laursen ' +
  'Henriksen Lund Holm Schmidt Eriksen Kristiansen Clausen Simonsen Svendsen Andreasen Iversen Østergaard Jeppesen ' +
  'Vestergaard Nissen Lauridsen Kjær Jepsen Mogensen Nørgaard Bæk'
).split(' ');
// Weighted as a roll-out that has run for two years: most courses closed or under way, a few new.
const STATUSES = 'sent received accepted contacted plan_made linked linked closed closed closed closed rejected cancelled'.split(' ');
const REASONS = 'loneliness inactivity low_wellbeing grief_or_loss life_change mental_strain'.split(' ');

const textArray = (values: string[]) => `array[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')}]`;

/** The navigator organisation serving generated practice number `k` (0..1997), as SQL over `k`. */
const orgOf = (k: string) =>
  `case when ${k} < 18 then 'norddjurs-navigatorer' when ${k} < 38 then 'syddjurs-navigatorer'
        else 'bench-navigatorer-' || lpad(((${k} - 38) / 20 + 1)::text, 2, '0') end`;

export async function seedNational(admin: pg.Client, s: string, referrals: number): Promise<NationalSeed> {
  const started = performance.now();
  await admin.query("set maintenance_work_mem = '256MB'");
  await admin.query("set session_replication_role = 'replica'");

  // The organisations and what each serves, in whichever shape the schema keeps them (migration 024 made
  // navigator_org_practices a view over navigator_org_services).
  const [{ services }] = (await admin.query(`select to_regclass('${s}.navigator_org_services') is not null as services`)).rows as [
    { services: boolean },
  ];
  const pairs = `select ${orgOf('k')} as org, '1' || lpad(k::text, 5, '0') as practice from generate_series(0, 1997) as k
                 union all select 'norddjurs-navigatorer', p from unnest(array['045678', '045679']) as p`;
  if (services) {
    await admin.query(
      `insert into ${s}.navigator_orgs (id, name) select distinct org, 'Bench ' || org from (${pairs}) x on conflict (id) do nothing`,
    );
    await admin.query(
      `insert into ${s}.navigator_org_services (navigator_org_id, practice_id, valid_from)
       select org, practice, now() - interval '3 years' from (${pairs}) x
        where not exists (select 1 from ${s}.navigator_org_services o where o.navigator_org_id = x.org and o.practice_id = x.practice)`,
    );
  } else {
    await admin.query(
      `insert into ${s}.navigator_org_practices (navigator_org_id, practice_id) select org, practice from (${pairs}) x on conflict do nothing`,
    );
  }

  const indexes = (
    await admin.query(
      `select indexname, indexdef from pg_indexes where schemaname = $1 and tablename = 'referrals'
          and indexname not in (select conname from pg_constraint where conrelid = '${s}.referrals'::regclass)`,
      [s],
    )
  ).rows as { indexname: string; indexdef: string }[];
  for (const index of indexes) await admin.query(`drop index ${s}.${index.indexname}`);

  const owned = "('accepted', 'contacted', 'plan_made', 'linked', 'closed')";
  await admin.query(
    `insert into ${s}.referrals (id, practice_id, patient_key, status, created_at, updated_at, practice, referrer, content, flags,
                                 first_contact_due_at, owner, next_step_date)
     select gen_random_uuid(), p.id, md5(i::text), v.status, v.at, v.at,
            jsonb_build_object('id', p.id, 'name', 'Lægehuset ' || p.id, 'ydernummer', p.id),
            '{"id":"gp-bench","name":"Bench Læge","role":"doctor"}'::jsonb,
            jsonb_build_object(
              'patient', jsonb_build_object('cpr', '010190-2345', 'name', v.name),
              'reasons', v.reasons,
              'contact', '{"phone":"+45 20 30 40 50"}'::jsonb, 'companion', 'unknown',
              'inclusion', '{"motivated":true,"needsSocialSupport":true,"inArea":true}'::jsonb),
            '[]'::jsonb, v.at + interval '7 days',
            case when v.status in ${owned} then
              jsonb_build_object('id', v.owner, 'name', 'Navigatør ' || v.owner, 'orgId', p.org) end,
            -- A planned course's next step (migration 028): from 45 days ago to 14 days ahead.
            case when v.status in ('plan_made', 'linked') then (now() + ((h.a / 7) % 60 - 45) * interval '1 day')::date end
       from generate_series(1, $1::int) as i
       cross join lateral (select hashint4(i)::bigint + 2147483648 as a, hashint4(-i)::bigint + 2147483648 as b) h
       cross join lateral (
         select case when i % 40 = 0 then '045678' when i % 40 = 20 then '045679' else '1' || lpad((i % 1998)::text, 5, '0') end as id,
                case when i % 40 in (0, 20) then 'norddjurs-navigatorer' else ${orgOf('(i % 1998)')} end as org) p
       cross join lateral (
         select (${textArray(STATUSES)})[1 + h.a % ${STATUSES.length}] as status,
                now() - (h.b % (730 * 86400)) * interval '1 second' as at,
                (${textArray(FIRST_NAMES)})[1 + (h.b / 7) % ${FIRST_NAMES.length}] || ' ' ||
                (${textArray(LAST_NAMES)})[1 + (h.b / 301) % ${LAST_NAMES.length}] as name,
                case when (h.a / 100) % 3 = 0 and (h.a / 13) % 6 <> (h.b / 17) % 6
                     then jsonb_build_array((${textArray(REASONS)})[1 + (h.a / 13) % 6], (${textArray(REASONS)})[1 + (h.b / 17) % 6])
                     else jsonb_build_array((${textArray(REASONS)})[1 + (h.a / 13) % 6]) end as reasons,
                case when p.org = 'norddjurs-navigatorer' and (h.a / 1000) % 10 = 0 then 'demo-navigator'
                     else p.org || '-' || ((h.a / 1000) % 10) end as owner) v`,
    [referrals],
  );
  // A new referral's facts, for every row at once (its course is not part of the load).
  await admin.query(
    `insert into ${s}.referral_facts (referral_id, practice_id, created_at, month, status, first_contact_due_at, flags, linked_by,
       first_reached_at, reached_contacts, started_at, attending_known_at, attending, closing_reason, rejection_reason,
       wellbeing_in_force, who5_baseline, who5_baseline_at, who5_due_at, who5_follow_up, who5_late)
     select id, practice_id, created_at, to_char(created_at at time zone 'Europe/Copenhagen', 'YYYY-MM'), status, first_contact_due_at,
            '{}', ((created_at at time zone 'Europe/Copenhagen') + interval '3 months') at time zone 'Europe/Copenhagen',
            null, 0, null, null, false, null, null, false, null, null, null, null, false
       from ${s}.referrals
     on conflict (referral_id) do nothing`,
  );
  await admin.query("set session_replication_role = 'origin'");
  const loaded = performance.now();
  for (const index of indexes) await admin.query(index.indexdef);
  // As autovacuum leaves a table at rest: statistics, and the visibility map that index-only scans read.
  await admin.query(`vacuum (analyze) ${s}.referrals`);
  await admin.query(`vacuum (analyze) ${s}.referral_facts`);
  // The load's pages written out now, not by the checkpointer while the first lists are measured (superuser only).
  await admin.query('checkpoint').catch(() => undefined);
  const indexed = performance.now();

  const [{ visible }] = (
    await admin.query(
      `select count(*)::int as visible from ${s}.referrals
        where practice_id in (select practice_id from ${s}.navigator_org_practices where navigator_org_id = 'norddjurs-navigatorer')`,
    )
  ).rows as [{ visible: number }];
  return { loadSeconds: (loaded - started) / 1000, indexSeconds: (indexed - loaded) / 1000, visible };
}
