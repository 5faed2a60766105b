import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { problemStatuses, TOKEN_TYPE, type ProblemCode } from '@henvis/contracts';
import type { Queryable } from '../src/db/database.js';
import { seededRandom } from '../src/pilot-history/random.js';
import { GRENAA, NORDDJURS, SYDDJURS, key, referral } from './fixtures.js';
import { PERSONAL, PERSONAL_TRACES, fuzzRequests, operationsOf, type FuzzRequest } from './fuzz-requests.js';
import { AUDIENCE, DOCTOR_CLAIMS, VENDOR_ISSUER, makeVendor, storages, suiteServer, type TestServer, type UntypedJson } from './harness.js';

// A bounded fuzz of the whole API: generated bad requests across every operation of its OpenAPI document, with
// personal data in them. FUZZ_SEED replays a run (the seed is printed); FUZZ_REQUESTS changes how many.

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 32);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3_000);
const PARALLEL = 4;

/**
 * Tables that change when a request is refused, as they should: the audit log records each refusal, and its hash
 * chain's head and checkpoints follow it; the staff directory records each navigator or coordinator whose token
 * verified (from the token, before the route looks at the referral). Every other table must be as it was, the
 * idempotency keys among them: a create refused before its handler leaves none.
 */
const GROWS_WITH_REFUSALS = /^(audit_.*|staff)$/;

async function snapshot(db: Queryable): Promise<Map<string, string[]>> {
  const tables = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
  );
  const rows = new Map<string, string[]>();
  for (const { name } of tables) {
    if (GROWS_WITH_REFUSALS.test(name)) continue;
    rows.set(name, (await db.query(`select * from "${name}"`)).map((row) => JSON.stringify(row)).sort());
  }
  return rows;
}

/** Tokens the API must refuse, several carrying the fuzz's personal data. */
function badAuthorizations(s: TestServer): [string, string | undefined][] {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  const personal = { ...DOCTOR_CLAIMS, name: PERSONAL.name, patient: { cpr: PERSONAL.cpr } };
  const claims = { ...personal, iss: VENDOR_ISSUER, aud: AUDIENCE, iat: now, exp: now + 300 };
  const hs256 = () => {
    const header = b64({ alg: 'HS256', typ: TOKEN_TYPE, kid: 'vendor-1' });
    const body = b64(claims);
    const pem = s.vendor.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    return `${header}.${body}.${createHmac('sha256', pem).update(`${header}.${body}`).digest('base64url')}`;
  };
  const valid = s.vendor.sign(personal);
  const [header, , signature] = valid.split('.');
  return [
    ['none', undefined],
    ['Basic', `Basic ${b64(`${PERSONAL.cpr}:${PERSONAL.name}`)}`],
    ['Bearer without a token', 'Bearer'],
    ['a CPR number as the token', `Bearer ${PERSONAL.cpr}`],
    ['not a JWT', 'Bearer a.b.c'],
    ['alg none', `Bearer ${b64({ alg: 'none', typ: TOKEN_TYPE })}.${b64(claims)}.`],
    ['HS256 with the public key', `Bearer ${hs256()}`],
    ['a trusted name, another key', `Bearer ${makeVendor(VENDOR_ISSUER).sign(personal)}`],
    ['an untrusted issuer', `Bearer ${makeVendor('https://evil.test').sign(personal)}`],
    ['expired', `Bearer ${s.vendor.sign({ ...personal, iat: now - 3_600, exp: now - 3_300 })}`],
    ['issued in the future', `Bearer ${s.vendor.sign({ ...personal, iat: now + 3_600, exp: now + 3_900 })}`],
    ['a wrong audience', `Bearer ${s.vendor.sign({ ...personal, aud: 'another-api' })}`],
    ['living an hour', `Bearer ${s.vendor.sign({ ...personal, exp: now + 3_600 })}`],
    ['crit', `Bearer ${s.vendor.sign(personal, { crit: ['exp'] })}`],
    ['typ JWT', `Bearer ${s.vendor.sign(personal, { typ: 'JWT' })}`],
    ['an unknown kid', `Bearer ${s.vendor.sign(personal, { kid: 'nobody' })}`],
    ['a payload that is not JSON', `Bearer ${header}.${b64(`{"patient":{"cpr":"${PERSONAL.cpr}"}, not json`)}.${signature}`],
    ['a cut signature', `Bearer ${valid.slice(0, -6)}`],
    ['a vendor signing for a navigator', `Bearer ${s.vendor.sign({ ...personal, role: 'navigator' })}`],
    ['no role', `Bearer ${s.vendor.sign({ ...personal, role: undefined })}`],
    ['9 kB of token', `Bearer ${'A'.repeat(9_000)}`],
  ];
}

/** Data for the paths' ids: a referral taken by Norddjurs with a consent, a contact, a message, a plan and an offer. */
async function seedCourse(s: TestServer, document: UntypedJson) {
  const example = (path: string, method: string): unknown => document.paths[path][method].requestBody.content['application/json'].example;
  const navigator = s.token('navigator', NORDDJURS);
  const ok = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await s.request(method, path, {
      token,
      ...(body === undefined ? {} : { body }),
      headers: { 'idempotency-key': key() },
    });
    expect(response.status, `${method} ${path}`).toBeLessThan(300);
    return response.body;
  };
  const id = (await ok('POST', '/v1/referrals', s.token('doctor', GRENAA), referral())).id as string;
  for (const to of ['received', 'accepted']) await ok('POST', `/v1/referrals/${id}/transitions`, navigator, { to });
  const consent = await ok('POST', `/v1/referrals/${id}/consents`, navigator, example('/v1/referrals/{id}/consents', 'post'));
  await ok('POST', `/v1/referrals/${id}/contacts`, navigator, example('/v1/referrals/{id}/contacts', 'post'));
  await ok('POST', `/v1/referrals/${id}/messages`, navigator, example('/v1/referrals/{id}/messages', 'post'));
  await ok('PUT', `/v1/referrals/${id}/plan`, navigator, example('/v1/referrals/{id}/plan', 'put'));
  const offers = (await ok('GET', '/v1/offers', navigator)).items as { id: string }[];
  const link = await ok('POST', `/v1/referrals/${id}/offer-links`, navigator, { offerId: offers[0]!.id });
  return { referral: id, consent: consent.id as string, link: link.id as string, offer: offers[0]!.id };
}

interface Outcome {
  request: FuzzRequest;
  status: number;
  problems: string[];
}

async function send(url: string, request: FuzzRequest): Promise<Outcome> {
  const problems: string[] = [];
  let response: Response;
  try {
    response = await fetch(url + request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    return { request, status: 0, problems: [`no answer: ${(error as Error).message}`] };
  }
  const type = response.headers.get('content-type') ?? '';
  // The live stream stays open while the token lasts: its headers are the answer.
  const text = type.startsWith('text/event-stream') ? (await response.body?.cancel(), '') : await response.text();
  const { status } = response;
  if (status >= 500) problems.push(`answered ${status}: ${text.slice(0, 200)}`);
  else if (status >= 300 && status < 400) problems.push(`answered ${status}`);
  else if (status >= 400) {
    let code: unknown;
    try {
      ({ code } = JSON.parse(text) as { code?: unknown });
    } catch {
      problems.push(`answered ${status} with a body that is not JSON`);
    }
    if (!type.startsWith('application/problem+json')) problems.push(`answered ${status} as ${type || 'no type'}`);
    if (typeof code !== 'string' || !(code in problemStatuses))
      problems.push(`answered ${status} with a code not in the catalogue: ${String(code)}`);
    else if (problemStatuses[code as ProblemCode] !== status)
      problems.push(`answered ${status} with ${code}, which is ${problemStatuses[code as ProblemCode]}`);
  }
  const seen = [text, ...[...response.headers].map(([name, value]) => `${name}: ${value}`)].join('\n');
  for (const trace of PERSONAL_TRACES) if (seen.includes(trace)) problems.push(`echoed "${trace}"`);
  return { request, status, problems };
}

describe.each(storages)('generated bad requests against every operation, on %s', (kind) => {
  const s = suiteServer(kind);

  it(`refuses ${REQUESTS} of them with a problem, echoing and storing nothing`, async () => {
    console.log(`fuzz on ${kind}: seed ${SEED} (FUZZ_SEED=${SEED} replays it), ${REQUESTS} requests`);
    const document = (await s.request('GET', '/openapi.json')).body;
    const operations = operationsOf(document);
    const ids = await seedCourse(s, document);
    const before = await snapshot(s.db);
    const deniedBefore = await s.count("audit_log where action = 'authenticate'");

    const next = fuzzRequests(seededRandom(SEED), document, operations, {
      validTokens: [
        s.token('doctor', GRENAA),
        s.token('nurse', GRENAA),
        s.token('navigator', NORDDJURS),
        s.token('coordinator', NORDDJURS),
        s.token('navigator', SYDDJURS),
        s.vendor.sign(DOCTOR_CLAIMS),
        // Bound to the fuzz's citizen: valid, and the CPR number in it must not come back either.
        s.vendor.sign({ ...DOCTOR_CLAIMS, patient: { cpr: PERSONAL.cpr } }),
      ],
      badAuthorizations: badAuthorizations(s),
      idFor: (path, param) => {
        if (param === 'consentId') return ids.consent;
        if (param === 'linkId') return ids.link;
        if (param === 'id') return path.startsWith('/v1/offers') ? ids.offer : ids.referral;
        return '5f0c3e2a-9b1d-4c8e-a7f6-2d4b6e8a0c13';
      },
    });
    const outcomes: Outcome[] = [];
    const started = performance.now();
    let sent = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (sent < REQUESTS) {
          sent++;
          outcomes.push(await send(s.url, next()));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    const statuses = new Map<number, number>();
    for (const { status } of outcomes) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    console.log(
      `fuzz on ${kind}: ${outcomes.length} requests in ${seconds.toFixed(1)} s (${Math.round(outcomes.length / seconds)}/s);`,
      [...statuses]
        .sort(([a], [b]) => a - b)
        .map(([status, n]) => `${status}: ${n}`)
        .join(', '),
    );

    const failures = outcomes
      .filter((o) => o.problems.length > 0)
      .map(
        ({ request, problems }) => `${request.method} ${request.url.slice(0, 160)} [${request.faults.join('; ')}]: ${problems.join('; ')}`,
      );
    expect(failures.slice(0, 20), `seed ${SEED}: ${failures.length} bad answers`).toEqual([]);

    // Every operation was fuzzed, and got past authentication at least once (its validation was reached).
    for (const operation of operations) {
      const mine = outcomes.filter((o) => o.request.operation === operation.id);
      expect(mine.length, `${operation.id} was not fuzzed`).toBeGreaterThan(0);
      expect(
        mine.some((o) => o.status !== 401),
        `${operation.id} never got past authentication`,
      ).toBe(true);
    }

    // Nothing stored changed; every refused token left its audit line.
    const after = await snapshot(s.db);
    const accepted = outcomes
      .filter((o) => o.request.method !== 'GET' && o.status < 300)
      .map(({ request, status }) => `${status} ${request.method} ${request.url.slice(0, 120)} [${request.faults.join('; ')}]`);
    for (const [table, rows] of before) {
      expect(after.get(table), `${table} changed (seed ${SEED}); writes answered 2xx:\n${accepted.join('\n')}`).toEqual(rows);
    }
    expect(await s.count("audit_log where action = 'authenticate'")).toBe(deniedBefore + (statuses.get(401) ?? 0));

    // The personal data went nowhere: not into the log, not into the audit log.
    const logs = s.logs.filter((line) => PERSONAL_TRACES.some((trace) => line.includes(trace)));
    expect(logs.slice(0, 3), 'log lines with personal data').toEqual([]);
    const audit = (await s.db.query('select * from audit_log')).map((row) => JSON.stringify(row));
    expect(
      audit.filter((row) => PERSONAL_TRACES.some((trace) => row.includes(trace))).slice(0, 3),
      'audit rows with personal data',
    ).toEqual([]);
  }, 120_000);
});
