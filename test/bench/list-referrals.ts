/**
 * The inbox's and the journal's lists at national size: BENCH_REFERRALS referrals (default 1,000,000) over 2,000
 * practices and 100 navigator organisations in PostgreSQL (national-seed.ts), against the built server in its own
 * process. Measures every list and search the inbox asks for, the journal's lists (a practice's own, one patient's)
 * and a status change, BENCH_SECONDS seconds each (default 5) with 10 connections, on 127.0.0.1 only; then prints
 * the plans (explain analyze, buffers) of the slowest two lists as the API runs them (or of those BENCH_EXPLAIN
 * names). Prints figures; asserts nothing about speed. Skipped where PostgreSQL does not answer.
 */
import autocannon from 'autocannon';
import { signDevToken } from '@henvis/server';
import { explainCalls, type BenchCall } from './explain-lists.js';
import { seedNational } from './national-seed.js';
import { openPostgresBench } from './postgres-bench.js';

const REFERRALS = Number(process.env.BENCH_REFERRALS ?? 1_000_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const CITIZEN = '010190-2345';

const bench = await openPostgresBench('list');
if (!bench) process.exit(0);
const { admin, schema, server } = bench;
try {
  const seed = await seedNational(admin, schema, REFERRALS);
  const navigator = signDevToken({ role: 'navigator', org: 'norddjurs-navigatorer', audience: 'henvis-api' });
  const doctor = signDevToken({ role: 'doctor', org: '045678', audience: 'henvis-api' });
  const patientDoctor = signDevToken({ role: 'doctor', org: '045678', patient: CITIZEN, audience: 'henvis-api' });
  const smallPractice = signDevToken({ role: 'doctor', org: '100005', audience: 'henvis-api' });

  // One citizen known by CPR number: three referrals sent through the API, so the server's pseudonym finds them.
  for (let n = 0; n < 3; n++) {
    const created = await fetch(`${server.url}/v1/referrals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${doctor}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({
        patient: { cpr: CITIZEN, name: 'Karen Jensen' },
        reasons: ['loneliness'],
        contact: { phone: '+45 20 30 40 50' },
        companion: 'unknown',
        inclusion: { motivated: true, needsSocialSupport: true, inArea: true },
      }),
    });
    if (created.status !== 201) throw new Error(`creating the bench citizen's referral: ${created.status}`);
  }
  let cursor: string | undefined;
  for (let page = 1; page < 20; page++) {
    const next = await fetch(`${server.url}/v1/referrals?limit=25${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { authorization: `Bearer ${navigator}` },
    });
    cursor = ((await next.json()) as { nextCursor?: string }).nextCursor;
  }
  const lastMonth = new Date();
  lastMonth.setUTCDate(1);
  lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
  const month = lastMonth.toISOString().slice(0, 7);
  const monthEnd = new Date(Date.UTC(lastMonth.getUTCFullYear(), lastMonth.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);

  // What the inbox asks for (GET lists; searches are POSTs so names and CPR numbers stay out of URLs), and the journal.
  const search = (body: Record<string, string>): BenchCall => ({
    method: 'POST',
    path: '/v1/referrals/search',
    body: JSON.stringify(body),
  });
  const get = (path: string): BenchCall => ({ method: 'GET', path });
  const lists: { label: string; call: BenchCall; token: string }[] = [
    { label: 'inbox: newest 25', call: get('/v1/referrals?limit=25'), token: navigator },
    {
      label: 'inbox: new (not taken, sent/received, oldest first)',
      call: get('/v1/referrals?limit=25&owner=none&status=sent,received&sort=oldest'),
      token: navigator,
    },
    {
      label: 'inbox: my caseload',
      call: get('/v1/referrals?limit=25&owner=me&status=accepted,contacted,plan_made,linked'),
      token: navigator,
    },
    {
      label: 'inbox: Mine forløb, next step first',
      call: get('/v1/referrals?limit=25&owner=me&status=accepted,contacted,plan_made,linked&sort=next_step'),
      token: navigator,
    },
    {
      label: 'inbox: Mine forløb, longest since contact first',
      call: get('/v1/referrals?limit=25&owner=me&status=accepted,contacted,plan_made,linked&sort=last_contact'),
      token: navigator,
    },
    { label: 'inbox: Frister, next steps due', call: get('/v1/next-steps'), token: navigator },
    { label: 'inbox: status sent', call: get('/v1/referrals?limit=25&status=sent'), token: navigator },
    {
      label: 'inbox: reason grief, older than 30 days',
      call: get(`/v1/referrals?limit=25&reason=grief_or_loss&to=${new Date(Date.now() - 30 * 86_400_000).toISOString()}`),
      token: navigator,
    },
    {
      label: 'inbox: one practice, a month',
      call: get(`/v1/referrals?limit=25&practice=045679&from=${month}-01&to=${monthEnd}`),
      token: navigator,
    },
    { label: 'inbox: page 20 (cursor)', call: get(`/v1/referrals?limit=25&cursor=${cursor}`), token: navigator },
    { label: 'inbox: search a name', call: search({ text: 'Søren Jørgensen', limit: '25' }), token: navigator },
    { label: 'inbox: search part of a name, no accents', call: search({ text: 'jorgen', limit: '25' }), token: navigator },
    { label: 'inbox: search a CPR number', call: search({ text: CITIZEN, limit: '25' }), token: navigator },
    { label: 'journal: the practice, newest 25 (a big practice)', call: get('/v1/referrals?limit=25'), token: doctor },
    { label: 'journal: the practice, newest 25 (an ordinary one)', call: get('/v1/referrals?limit=25'), token: smallPractice },
    { label: "journal: one patient's referrals", call: get('/v1/referrals?limit=25'), token: patientDoctor },
  ];

  const headers = (call: BenchCall, token: string) => ({
    authorization: `Bearer ${token}`,
    ...(call.body ? { 'content-type': 'application/json' } : {}),
  });
  const measure = async (call: BenchCall, token: string, setup?: autocannon.Request['setupRequest'], duration = DURATION) => {
    const result = await autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration,
      requests: [
        {
          method: call.method,
          path: call.path,
          headers: headers(call, token),
          ...(call.body ? { body: call.body } : {}),
          ...(setup ? { setupRequest: setup } : {}),
        },
      ],
    });
    return {
      'req/s': Math.round(result.requests.average),
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
      'non-2xx': result.non2xx,
    };
  };

  const rows: ({ list: string } & Awaited<ReturnType<typeof measure>>)[] = [];
  for (const { label, call, token } of lists) {
    // A second of the same load first, unmeasured: the list's pages read in, the server's code warm.
    await measure(call, token, undefined, 1);
    rows.push({ list: label, ...(await measure(call, token)) });
  }

  // A status change: the navigators receive new referrals, each once (sent -> received).
  const sent = (
    await admin.query(
      `select id from ${schema}.referrals where status = 'sent'
          and practice_id in (select practice_id from ${schema}.navigator_org_practices where navigator_org_id = 'norddjurs-navigatorer')
        limit 50000`,
    )
  ).rows.map((r: { id: string }) => r.id);
  let next = 0;
  rows.push({
    list: 'inbox: status change (sent -> received)',
    ...(await measure({ method: 'POST', path: '/v1/referrals', body: JSON.stringify({ to: 'received' }) }, navigator, (request) => ({
      ...request,
      path: `/v1/referrals/${sent[next++ % sent.length]}/transitions`,
    }))),
  });

  const [{ audit }] = (await admin.query(`select count(*)::int as audit from ${schema}.audit_log`)).rows as [{ audit: number }];
  console.log(
    `\nThe inbox's and the journal's lists on PostgreSQL with ${REFERRALS.toLocaleString('en')} referrals over 2,000 practices and ` +
      `100 navigator organisations (${seed.visible.toLocaleString('en')} visible to the Norddjurs navigators; loaded in ` +
      `${seed.loadSeconds.toFixed(1)} s, indexes built in ${seed.indexSeconds.toFixed(1)} s), ${DURATION} s per list, ` +
      `${CONNECTIONS} connections; ${audit.toLocaleString('en')} audit lines written`,
  );
  console.table(rows);

  // The slowest two, or the lists BENCH_EXPLAIN names (parts of their labels, comma-separated): to hold one run's
  // plans against another's.
  const named = process.env.BENCH_EXPLAIN?.split(',').map((part) => part.trim());
  const slowest = named
    ? lists.filter((list) => named.some((part) => list.label.includes(part)))
    : lists
        .map((list) => ({ list, p99: rows.find((r) => r.list === list.label)?.['p99 ms'] ?? 0 }))
        .sort((a, b) => b.p99 - a.p99)
        .slice(0, 2)
        .map((s) => s.list);
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  for (const { label, plans } of await explainCalls(url, schema, slowest)) {
    console.log(`\nThe plan of "${label}" (explain analyze, buffers; each statement on referrals the request ran):`);
    for (const plan of plans) console.log(`${plan}\n`);
  }
} finally {
  await bench.close();
}
