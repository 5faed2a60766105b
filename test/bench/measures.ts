/**
 * The results dashboard's latency with a national-scale table: REFERRALS referrals (default 100,000; set
 * BENCH_REFERRALS=1000000 for the million) over 2,000 practices in PostgreSQL, each with contacts, offer links,
 * consents and WHO-5 answers, of which the demo navigator organisation serves two practices (5 %). Measures the
 * requests the dashboard makes (GET /v1/measures: the whole period, one practice, half a year) against the built
 * server in its own process, beside a floor measured in the same run: GET /health, which reads one small table
 * through the same framework, guard-free, and driver. Bounded: DURATION seconds per request, 1 and 4 connections, on
 * 127.0.0.1 only. Prints figures; asserts nothing about speed. Skipped where PostgreSQL does not answer.
 */
import autocannon from 'autocannon';
import { signDevToken } from '@henvis/server';
import { openPostgresBench } from './postgres-bench.js';

const REFERRALS = Number(process.env.BENCH_REFERRALS ?? 100_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);

const bench = await openPostgresBench('measures');
if (!bench) process.exit(0);
const { admin, schema, server } = bench;
const s = schema;
try {
  const seeded = performance.now();
  // Loaded as a bulk load is: without the triggers that keep referral_facts, which are then made in one go.
  await admin.query("set session_replication_role = 'replica'");
  // Every 40th referral belongs to one of the two practices Norddjurs serves (045678, 045679). Statuses in the
  // proportions of a pilot; dates over two years.
  await admin.query(
    `insert into ${s}.referrals (id, practice_id, patient_key, status, created_at, updated_at, practice, referrer, content, flags, first_contact_due_at)
     select gen_random_uuid(), p.id, md5(i::text), st.status, t.at, t.at,
            jsonb_build_object('id', p.id, 'name', 'Lægehuset ' || p.id),
            '{"id":"gp-bench","name":"Bench Læge","role":"doctor"}'::jsonb,
            jsonb_build_object('patient', jsonb_build_object('cpr', '010190-2345', 'name', 'Borger ' || i), 'reasons', '["loneliness"]'::jsonb),
            case when i % 17 = 0 then '["not_reachable"]'::jsonb else '[]'::jsonb end,
            t.at + interval '2 days'
       from generate_series(1, $1::int) as i
       cross join lateral (select case when i % 40 = 0 then '045678' when i % 40 = 20 then '045679'
                                       else lpad((100000 + i % 2000)::text, 6, '0') end as id) p
       cross join lateral (select (array['closed','closed','closed','closed','closed','linked','linked','plan_made','contacted','rejected','accepted','cancelled'])[1 + i % 12] as status) st
       cross join lateral (select now() - interval '21 days' - (i % 710) * interval '1 day' - (i % 1440) * interval '1 minute' as at) t`,
    [REFERRALS],
  );
  const actor = `'{"id":"nav","name":"Navigatør","role":"navigator","orgId":"norddjurs-navigatorer"}'::jsonb`;
  // Four contacts each (the first sometimes not reached), an offer link for half, WHO-5 and consents for half.
  await admin.query(
    `insert into ${s}.contact_log (id, referral_id, kind, at, duration_minutes, by_actor, outcome)
     select gen_random_uuid(), r.id, 'phone', r.created_at + n * interval '3 days' + interval '5 hours', 20, ${actor},
            case when n = 0 and hashtext(r.id::text) % 5 = 0 then 'not_reached' else 'reached' end
       from ${s}.referrals r cross join generate_series(0, 3) as n where r.status not in ('cancelled', 'rejected', 'accepted')`,
  );
  await admin.query(
    `insert into ${s}.offer_links (id, referral_id, offer_id, offer_name, state, history, updated_at)
     select gen_random_uuid(), r.id, (select id from ${s}.offers limit 1), 'Strikkeklub', 'attending_3_months',
            jsonb_build_array(jsonb_build_object('state', 'started', 'at', r.created_at + interval '40 days', 'by', ${actor}),
                              jsonb_build_object('state', 'attending_3_months', 'at', r.created_at + interval '135 days', 'by', ${actor})),
            r.created_at + interval '135 days'
       from ${s}.referrals r where r.status in ('closed', 'linked') and hashtext(r.id::text) % 2 = 0`,
  );
  await admin.query(
    `insert into ${s}.consents (id, referral_id, kind, decision, decided_at, record)
     select gen_random_uuid(), r.id, k.kind, 'given', r.created_at + interval '3 days', '{}'::jsonb
       from ${s}.referrals r cross join (values ('journal_data'), ('wellbeing_data')) as k (kind)
      where r.status not in ('cancelled', 'rejected', 'accepted') and hashtext(r.id::text) % 3 <> 0`,
  );
  await admin.query(
    `insert into ${s}.who5_responses (id, referral_id, kind, answers, taken_at, late, recorded_by)
     select gen_random_uuid(), c.referral_id, w.kind, w.answers, r.created_at + w.after, false, ${actor}
       from ${s}.consents c join ${s}.referrals r on r.id = c.referral_id
       cross join (values ('baseline', '[2,2,3,2,2]'::jsonb, interval '4 days'), ('follow_up', '[3,3,3,3,2]'::jsonb, interval '200 days')) as w (kind, answers, after)
      where c.kind = 'wellbeing_data' and (w.kind = 'baseline' or r.created_at + interval '200 days' < now())`,
  );
  await admin.query(
    `insert into ${s}.referral_events (id, referral_id, seq, type, from_status, to_status, reason, actor, at)
     select gen_random_uuid(), r.id, 2, 'status_changed', 'linked', r.status,
            case r.status when 'closed' then (array['goal_reached','joined_community','declined','moved'])[1 + abs(hashtext(r.id::text)) % 4]
                          else 'outside_target_group' end, ${actor}, r.created_at + interval '180 days'
       from ${s}.referrals r where r.status in ('closed', 'rejected')`,
  );
  await admin.query("set session_replication_role = 'origin'");
  await admin.query(`select ${s}.refresh_referral_facts(array(select id from ${s}.referrals))`);
  for (const table of ['referrals', 'contact_log', 'offer_links', 'consents', 'who5_responses', 'referral_events', 'referral_facts'])
    await admin.query(`vacuum analyze ${s}.${table}`);
  const seedSeconds = ((performance.now() - seeded) / 1000).toFixed(1);
  const [{ visible }] = (await admin.query(`select count(*)::int as visible from ${s}.referrals where practice_id in ('045678', '045679')`))
    .rows;

  const coordinator = signDevToken({ role: 'coordinator', org: 'norddjurs-navigatorer', audience: 'henvis-api' });
  const since = new Date(Date.now() - 183 * 86_400_000).toISOString().slice(0, 7);
  const calls: [string, string, string | undefined][] = [
    ['floor: GET /health (one small table, no token)', '/health', undefined],
    ['dashboard: the whole period', '/v1/measures', coordinator],
    ['dashboard: one practice', '/v1/measures?practice=045679', coordinator],
    ['dashboard: the last half year', `/v1/measures?from=${since}`, coordinator],
  ];
  const rows = [];
  let floor = 0;
  // One coordinator at a time (what a request costs), then four at once (what two cores share out).
  for (const connections of [1, 4])
    for (const [label, path, token] of calls) {
      const result = await autocannon({
        url: server.url + path,
        connections,
        duration: DURATION,
        ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
      });
      const rate = result.requests.average;
      if (!token) floor = rate;
      rows.push({
        request: label,
        connections,
        'req/s': Math.round(rate),
        'p50 ms': result.latency.p50,
        'p99 ms': result.latency.p99,
        'of floor': token ? `${((rate / floor) * 100).toFixed(1)} %` : '100 %',
        'non-2xx': result.non2xx,
      });
    }
  console.log(
    `\nThe results dashboard on PostgreSQL with ${REFERRALS.toLocaleString('en')} referrals (${visible.toLocaleString('en')} in the coordinator's practices; seeded in ${seedSeconds} s), ${DURATION} s per request, 1 and 4 connections`,
  );
  console.table(rows);
} finally {
  await bench.close();
}
