/**
 * Inbox list latency with a national-scale table: REFERRALS referrals (default 100,000) over 2,000 practices in
 * PostgreSQL, of which the demo navigator organisation serves two. Measures the lists a navigator's inbox asks
 * for, against the built server in its own process. Bounded: DURATION seconds per list, 10 connections, on
 * 127.0.0.1 only. Prints figures; asserts nothing about speed. Skipped where PostgreSQL does not answer.
 */
import autocannon from 'autocannon';
import { signDevToken } from '@henvis/server';
import { openPostgresBench } from './postgres-bench.js';

const REFERRALS = Number(process.env.BENCH_REFERRALS ?? 100_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);

const bench = await openPostgresBench('list');
if (!bench) process.exit(0);
const { admin, schema, server } = bench;
try {
  const seeded = performance.now();
  // Every 40th referral belongs to one of the two practices Norddjurs serves (045678, 045679): 5 % of the table.
  await admin.query(
    `insert into ${schema}.referrals (id, practice_id, patient_key, status, created_at, updated_at, practice, referrer, content, flags)
     select gen_random_uuid(), p.id, md5(i::text), s.status, t.at, t.at,
            jsonb_build_object('id', p.id, 'name', 'Lægehuset ' || p.id, 'ydernummer', p.id),
            '{"id":"gp-bench","name":"Bench Læge","role":"doctor"}'::jsonb,
            jsonb_build_object(
              'patient', jsonb_build_object('cpr', '0101902345', 'name', 'Borger ' || i),
              'reasons', jsonb_build_array((array['loneliness','inactivity','low_wellbeing','grief_or_loss','life_change','mental_strain'])[1 + i % 6]),
              'contact', '{"phone":"+45 20 30 40 50"}'::jsonb, 'companion', 'unknown',
              'inclusion', '{"motivated":true,"needsSocialSupport":true,"inArea":true}'::jsonb),
            '[]'::jsonb
       from generate_series(1, $1::int) as i
       cross join lateral (select case when i % 40 = 0 then '045678' when i % 40 = 20 then '045679'
                                       else lpad((100000 + i % 2000)::text, 6, '0') end as id) p
       cross join lateral (select (array['sent','received','accepted','contacted','plan_made','linked','closed','rejected'])[1 + i % 8] as status) s
       cross join lateral (select now() - (i % 730) * interval '1 day' - (i % 1440) * interval '1 minute' as at) t`,
    [REFERRALS],
  );
  await admin.query(`analyze ${schema}.referrals`);
  const seedSeconds = ((performance.now() - seeded) / 1000).toFixed(1);
  const [{ visible }] = (
    await admin.query(`select count(*)::int as visible from ${schema}.referrals where practice_id in ('045678', '045679')`)
  ).rows;

  const navigator = signDevToken({ role: 'navigator', org: 'norddjurs-navigatorer', audience: 'henvis-api' });
  const doctor = signDevToken({ role: 'doctor', org: '045678', audience: 'henvis-api' });
  const first = await fetch(`${server.url}/v1/referrals?limit=25`, { headers: { authorization: `Bearer ${navigator}` } });
  let cursor = ((await first.json()) as { nextCursor?: string }).nextCursor!;
  for (let page = 2; page < 20; page++) {
    const next = await fetch(`${server.url}/v1/referrals?limit=25&cursor=${cursor}`, { headers: { authorization: `Bearer ${navigator}` } });
    cursor = ((await next.json()) as { nextCursor?: string }).nextCursor!;
  }

  // What the inbox asks for: its lists (GET) and its searches (POST, so names and CPR numbers stay out of URLs).
  const search = (body: Record<string, string>) => ({ method: 'POST' as const, path: '/v1/referrals/search', body: JSON.stringify(body) });
  const lists: [string, { method: 'GET' | 'POST'; path: string; body?: string }, string][] = [
    ['navigator: newest 25', { method: 'GET', path: '/v1/referrals?limit=25' }, navigator],
    [
      'navigator: new (not taken, sent/received, oldest first)',
      { method: 'GET', path: '/v1/referrals?limit=25&owner=none&status=sent,received&sort=oldest' },
      navigator,
    ],
    [
      'navigator: my caseload',
      { method: 'GET', path: '/v1/referrals?limit=25&owner=me&status=accepted,contacted,plan_made,linked' },
      navigator,
    ],
    ['navigator: status sent', { method: 'GET', path: '/v1/referrals?limit=25&status=sent' }, navigator],
    [
      'navigator: reason grief, older than 30 days',
      { method: 'GET', path: `/v1/referrals?limit=25&reason=grief_or_loss&to=${new Date(Date.now() - 30 * 86_400_000).toISOString()}` },
      navigator,
    ],
    [
      'navigator: one practice, a month',
      { method: 'GET', path: '/v1/referrals?limit=25&practice=045679&from=2026-01-01&to=2026-01-31' },
      navigator,
    ],
    ['navigator: page 20 (cursor)', { method: 'GET', path: `/v1/referrals?limit=25&cursor=${cursor}` }, navigator],
    ['navigator: search a name (POST)', search({ text: 'Borger 4004', limit: '25' }), navigator],
    ['navigator: search a CPR number (POST)', search({ text: '010190-2345', limit: '25' }), navigator],
    ['practice: newest 25', { method: 'GET', path: '/v1/referrals?limit=25' }, doctor],
  ];
  const rows = [];
  for (const [label, call, token] of lists) {
    const result = await autocannon({
      url: server.url + call.path,
      method: call.method,
      connections: 10,
      duration: DURATION,
      headers: { authorization: `Bearer ${token}`, ...(call.body ? { 'content-type': 'application/json' } : {}) },
      ...(call.body ? { body: call.body } : {}),
    });
    rows.push({
      list: label,
      'req/s': Math.round(result.requests.average),
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
      'non-2xx': result.non2xx,
    });
  }
  console.log(
    `\nThe inbox's lists and searches on PostgreSQL with ${REFERRALS.toLocaleString('en')} referrals (${visible.toLocaleString('en')} visible to the navigators; seeded in ${seedSeconds} s), ${DURATION} s per list, 10 connections`,
  );
  console.table(rows);
} finally {
  await bench.close();
}
