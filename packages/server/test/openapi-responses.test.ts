import { CONSENT_TEXT_VERSION, consentText, consentTextHash, type ConsentKind } from '@henvis/contracts';
import { describe, expect, it } from 'vitest';
import { OpenApiConformance, type Answer } from './openapi-conformance.js';
import { signDevToken } from '../src/auth/dev-issuer.js';
import { AUDIENCE, suiteServer, type UntypedJson } from './harness.js';
import { GRENAA, KAREN, NORDDJURS, key } from './fixtures.js';

// The API's real answers against its own OpenAPI document: a course driven through the API as the journal, the
// navigator and the coordinator do it, then every GET operation of the document reached with the ids those answers
// hold (so an operation added later is checked too), then every operation without a token. Each answer must be
// documented for its operation and status and match that response's schema.

interface Call {
  token?: string;
  body?: unknown;
  bytes?: Uint8Array;
  mediaType?: string;
  headers?: Record<string, string>;
}

describe('live answers match the OpenAPI document', () => {
  const s = suiteServer('pglite');
  const answers: Answer[] = [];

  /** A request whose answer is recorded for the check; `expected` statuses fail the test at once when missed. */
  async function call(
    method: string,
    path: string,
    options: Call = {},
    expected?: number[],
  ): Promise<{ status: number; body: UntypedJson }> {
    const controller = new AbortController();
    const response = await fetch(s.url + path, {
      method,
      signal: controller.signal,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.bytes ? { 'content-type': options.mediaType ?? 'application/octet-stream' } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : options.bytes ? { body: Buffer.from(options.bytes) } : {}),
    });
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    let body: unknown;
    if (mediaType === 'text/event-stream')
      controller.abort(); // a stream never ends: its answer is the status and type
    else if (mediaType === 'application/json' || mediaType.endsWith('+json')) body = await response.json();
    else body = new Uint8Array(await response.arrayBuffer());
    answers.push({ method, path: path.split('?')[0]!, status: response.status, mediaType, body });
    if (expected) expect(expected, `${method} ${path}: ${JSON.stringify(body)}`).toContain(response.status);
    return { status: response.status, body };
  }

  const consent = async (kind: ConsentKind) => ({
    kind,
    decision: 'given',
    method: 'signed_on_screen',
    textVersion: CONSENT_TEXT_VERSION,
    locale: 'da',
    textHash: await consentTextHash(consentText(kind, 'da')),
  });

  it('for a course from referral to closing, every GET the answers lead to, and every operation without a token', async () => {
    const document: UntypedJson = (await s.request('GET', '/openapi.json')).body;
    const example = (path: string, method: string): unknown =>
      document.paths[path][method].requestBody.content['application/json'].example as unknown;
    const doctor = s.token('doctor', GRENAA, KAREN);
    const navigator = s.token('navigator', NORDDJURS);
    const coordinator = s.token('coordinator', NORDDJURS);
    const ok = [200];

    await call('GET', '/health', {}, ok);
    // The practice refers (the document's own example), the navigators take it on.
    const created = await call(
      'POST',
      '/v1/referrals',
      { token: doctor, body: example('/v1/referrals', 'post'), headers: { 'idempotency-key': key() } },
      [201],
    );
    const id = created.body.id as string;
    await call('GET', '/v1/referrals', { token: doctor }, ok);
    await call('GET', `/v1/referrals/${id}`, { token: doctor }, ok);
    await call('POST', '/v1/referrals/search', { token: navigator, body: { text: 'Karen', limit: '10' } }, ok);
    await call('GET', '/v1/colleagues', { token: coordinator }, ok);
    for (const to of ['received', 'accepted'])
      await call('POST', `/v1/referrals/${id}/transitions`, { token: navigator, body: { to } }, ok);
    await call('POST', `/v1/referrals/${id}/owner`, { token: navigator, body: { id: 'demo-coordinator', name: 'Jonas Berg' } }, ok);
    await call('POST', `/v1/referrals/${id}/owner`, { token: coordinator, body: { id: 'demo-navigator', name: 'Sofie Kjær' } }, ok);
    await call('GET', `/v1/referrals/${id}/events`, { token: navigator }, ok);

    // Consents, WHO-5 and the disclosure of journal data.
    const journal = await call('POST', `/v1/referrals/${id}/consents`, { token: navigator, body: await consent('journal_data') }, [201]);
    const wellbeing = await call(
      'POST',
      `/v1/referrals/${id}/consents`,
      { token: navigator, body: await consent('wellbeing_data') },
      [201],
    );
    await call('GET', `/v1/referrals/${id}/consents`, { token: doctor }, ok);
    await call('POST', `/v1/referrals/${id}/who5`, { token: navigator, body: example('/v1/referrals/{id}/who5', 'post') }, [201]);
    await call('GET', `/v1/referrals/${id}/who5`, { token: navigator }, ok);
    await call('GET', '/v1/who5-follow-ups', { token: navigator }, ok);
    await call('POST', `/v1/referrals/${id}/disclosures`, { token: doctor, body: {} }, [201]);

    // The course: a contact, the plan, an unmet need, an offer linked and started, messages both ways.
    const at = new Date(Date.now() - 60_000).toISOString();
    await call(
      'POST',
      `/v1/referrals/${id}/contacts`,
      { token: navigator, body: { kind: 'phone', outcome: 'reached', at, durationMinutes: 10 } },
      [201],
    );
    await call('GET', `/v1/referrals/${id}/contacts`, { token: navigator }, ok);
    await call('GET', '/v1/first-contacts', { token: navigator }, ok);
    await call('GET', `/v1/referrals/${id}/plan`, { token: doctor }, ok); // no plan yet: { plan: null }
    await call('PUT', `/v1/referrals/${id}/plan`, { token: navigator, body: example('/v1/referrals/{id}/plan', 'put') }, ok);
    await call('GET', `/v1/referrals/${id}/plan`, { token: doctor }, ok);
    await call('POST', '/v1/unmet-needs', { token: navigator, body: { referralId: id, category: 'creative', area: 'Allingåbro' } }, [201]);
    await call('GET', '/v1/unmet-needs/summary', { token: navigator }, ok);
    const offers = await call('GET', '/v1/offers?category=walking', { token: navigator }, ok);
    const offerId = offers.body.items[0].id as string;
    await call('GET', `/v1/offers/${offerId}`, { token: navigator }, ok);
    const link = await call('POST', `/v1/referrals/${id}/offer-links`, { token: navigator, body: { offerId } }, [201]);
    await call('POST', `/v1/referrals/${id}/offer-links/${link.body.id}/state`, { token: navigator, body: { state: 'started' } }, ok);
    await call('GET', `/v1/referrals/${id}/offer-links`, { token: doctor }, ok);
    const message = await call(
      'POST',
      `/v1/referrals/${id}/messages`,
      { token: navigator, body: example('/v1/referrals/{id}/messages', 'post') },
      [201],
    );
    await call(
      'POST',
      `/v1/referrals/${id}/messages`,
      { token: doctor, body: { body: 'Tak for besked.', inReplyTo: message.body.id } },
      [201],
    );
    await call('GET', `/v1/referrals/${id}/messages`, { token: doctor }, ok);

    // The catalogue: kept by the coordinator, exported and imported as HSDS, JSON and tabular.
    const added = await call('POST', '/v1/offers', { token: coordinator, body: example('/v1/offers', 'post') }, [201]);
    await call('PUT', `/v1/offers/${added.body.id}`, { token: coordinator, body: example('/v1/offers/{id}', 'put') }, ok);
    await call('POST', `/v1/offers/${added.body.id}/retire`, { token: coordinator }, ok);
    const page = await call('GET', '/v1/offers/export/hsds', { token: navigator }, ok);
    const zip = await call('GET', '/v1/offers/export/hsds.zip', { token: navigator }, ok);
    await call('POST', '/v1/offers/import/hsds?dryRun=true', { token: coordinator, body: page.body }, ok);
    await call('POST', '/v1/offers/import/hsds.zip?dryRun=true', { token: coordinator, bytes: zip.body, mediaType: 'application/zip' }, ok);

    // The results, the refused access, the research export (too few citizens here: refused, as documented).
    await call('GET', '/v1/measures', { token: coordinator }, ok);
    await call('GET', '/v1/audit/refusals', { token: coordinator }, ok);
    await call('POST', '/v1/research-exports', { token: coordinator, body: { project: 'demo-evaluering' } }, [200, 422]);
    await call('GET', '/v1/events/stream', { token: navigator }, ok);

    // Closing: a consent withdrawn, the course closed with its reason.
    await call('POST', `/v1/referrals/${id}/consents/${wellbeing.body.id}/withdrawal`, { token: navigator }, ok);
    await call(
      'POST',
      `/v1/referrals/${id}/transitions`,
      { token: navigator, body: example('/v1/referrals/{id}/transitions', 'post') },
      ok,
    );
    expect(journal.body.id).toBeTruthy();

    // Tenant administration: a navigator organisation and its service, webhook subscriptions and a rotation.
    const admin = signDevToken({ role: 'admin', org: 'henvis-drift', audience: AUDIENCE });
    const org = '/v1/admin/navigator-organisations/openapi-navigatorer';
    await call('PUT', org, { token: admin, body: example('/v1/admin/navigator-organisations/{id}', 'put') }, [201]);
    await call('PUT', org, { token: admin, body: { name: 'Omdøbt' } }, ok);
    const serve = example('/v1/admin/navigator-organisations/{id}/services', 'post');
    await call('POST', `${org}/services`, { token: admin, body: serve }, [201]);
    const end = example('/v1/admin/navigator-organisations/{id}/services/{practiceId}/end', 'post');
    await call('POST', `${org}/services/${GRENAA}/end`, { token: admin, body: end }, ok);
    await call('POST', '/v1/admin/webhooks', { token: admin, body: example('/v1/admin/webhooks', 'post') }, [201]);
    await call(
      'POST',
      '/v1/admin/webhooks',
      { token: admin, body: { id: 'removed-vendor', url: 'https://removed.example/h', practices: [] } },
      [201],
    );
    await call('PUT', '/v1/admin/webhooks/journal-vendor', { token: admin, body: example('/v1/admin/webhooks/{id}', 'put') }, ok);
    const rotation = example('/v1/admin/webhooks/{id}/secret-rotations', 'post');
    await call('POST', '/v1/admin/webhooks/journal-vendor/secret-rotations', { token: admin, body: rotation }, [201]);
    await call('DELETE', '/v1/admin/webhooks/removed-vendor', { token: admin }, [204]);
    await call('GET', '/v1/admin/issuers', { token: admin }, ok);

    // Every GET of the document reached with what the answers hold: their links (a consent's textUrl, …) and,
    // for a path parameter, the ids of the kind its path names (a referral's, an offer's, a FHIR resource's, a
    // definition's canonical URL), in rounds, since one answer gives the ids of the next (a Consent names the
    // StructureDefinition of its extension). An open operation (`security: []`) is called without a token.
    const conformance = new OpenApiConformance(document);
    const tokensOf = (operation: { security: unknown[] }) =>
      operation.security.length === 0 ? [undefined] : [doctor, navigator, coordinator, admin];
    const answered = (method: string, template: string) =>
      answers.some((a) => a.status < 300 && a.method === method && conformance.operationOf(a.method, a.path)?.template === template);
    const gets = conformance.operations.filter((o) => o.method === 'GET');
    for (const operation of gets.filter((o) => !o.template.includes('{')))
      for (const token of tokensOf(operation))
        if (!answered('GET', operation.template)) await call('GET', operation.template, token ? { token } : {});

    const links = new Set<string>();
    const ids = new Map<string, Set<string>>(); // by what they are the id of: 'referrals', 'offers', 'Consent', …
    const note = (kind: string, value: unknown) => {
      if (typeof value === 'string' && /^[A-Za-z0-9\-.]{1,64}$/.test(value))
        (ids.get(kind) ?? ids.set(kind, new Set()).get(kind)!).add(value);
    };
    const walk = (value: unknown, kind: string) => {
      if (Array.isArray(value)) for (const item of value) walk(item, kind);
      else if (value && typeof value === 'object') {
        const object = value as Record<string, unknown>;
        if (typeof object.resourceType === 'string') note(object.resourceType, object.id);
        for (const [field, item] of Object.entries(object)) {
          if (field === 'id') note(kind, item);
          else if (field.endsWith('Id')) note(field, item);
          walk(item, field === 'items' || field === 'entry' || field === 'resource' ? kind : field);
        }
      } else if (typeof value === 'string') {
        const path = value.startsWith(s.url) ? value.slice(s.url.length) : value;
        if (/^\/(v1|fhir)\//.test(path)) links.add(path);
        const canonical = /\/fhir\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\|[^/]*)?$/.exec(value);
        if (canonical) note(canonical[1]!, canonical[2]);
      }
    };
    let harvested = 0;
    /** Takes the links and ids of the answers not yet read. */
    const harvest = () => {
      for (const answer of answers.slice(harvested)) {
        // What a body's ids are the ids of: the last literal segment of its path (`consents`, `offers`, `Bundle`).
        const template = conformance.operationOf(answer.method, answer.path)?.template ?? answer.path;
        walk(
          answer.body,
          template
            .split('/')
            .filter((segment) => segment && !segment.startsWith('{'))
            .at(-1) ?? '',
        );
      }
      harvested = answers.length;
    };
    for (let round = 0; round < 3; round++) {
      harvest();
      for (const link of links) {
        const operation = conformance.operationOf('GET', link.split('?')[0]!);
        if (operation && !answered('GET', operation.template))
          for (const token of tokensOf(operation)) await call('GET', link, token ? { token } : {});
      }
      for (const operation of gets.filter((o) => o.template.includes('{'))) {
        harvest();
        const segments = operation.template.split('/');
        const params = segments.flatMap((segment, index) => (/^\{.+\}$/.test(segment) ? [index] : []));
        // Two ids together (a consent text's version and kind) come from links.
        if (answered('GET', operation.template) || params.length !== 1) continue;
        const index = params[0]!;
        const name = segments[index]!.slice(1, -1);
        const pool = ids.get(name === 'id' ? segments[index - 1]! : name);
        // The ids of its kind first, then (first round only) every id seen.
        const every = round === 0 ? [...ids.values()].flatMap((p) => [...p]) : [];
        const values = new Set([...(pool ?? []), ...every]);
        for (const value of values) {
          for (const token of tokensOf(operation)) {
            const path = segments.map((segment, i) => (i === index ? value : segment)).join('/');
            if ((await call('GET', path, token ? { token } : {})).status < 300) break;
          }
          if (answered('GET', operation.template)) break;
        }
      }
    }

    // Every operation without a token: the open ones answer, the others refuse as documented.
    for (const operation of conformance.operations) {
      if (operation.template === '/v1/events/stream') continue; // answered above; unauthenticated it is a 401 like the rest
      const path = operation.template.replace(/\{[^}]+\}/g, id);
      await call(operation.method, path, operation.method === 'GET' ? {} : { body: {} });
    }

    const mismatches = answers.flatMap((answer) => conformance.mismatches(answer));
    const covered = new Set(
      answers.filter((a) => a.status < 300).map((a) => `${a.method} ${conformance.operationOf(a.method, a.path)?.template}`),
    );
    const uncovered = conformance.operations.map((o) => `${o.method} ${o.template}`).filter((o) => !covered.has(o));
    console.info(
      `OpenAPI conformance: ${answers.length} answers checked, ${covered.size} of ${conformance.operations.length} operations answered with a 2xx` +
        (uncovered.length ? `; not reached with a 2xx: ${uncovered.join(', ')}` : ''),
    );
    expect(mismatches).toEqual([]);
    // Every GET without a path parameter answers someone with a 2xx.
    expect(
      conformance.operations
        .filter((o) => o.method === 'GET' && !o.template.includes('{'))
        .map((o) => `GET ${o.template}`)
        .filter((o) => !covered.has(o)),
    ).toEqual([]);
  });

  it('reports a planted fault: a body off its schema, an undocumented status or media type, an unknown path', async () => {
    const document: UntypedJson = (await s.request('GET', '/openapi.json')).body;
    const conformance = new OpenApiConformance(document);
    const health = await s.request('GET', '/health');
    const answer: Answer = { method: 'GET', path: '/health', status: 200, mediaType: 'application/json', body: health.body };
    expect(conformance.mismatches(answer)).toEqual([]);
    expect(conformance.mismatches({ ...answer, body: { ...health.body, uptime: 3 } })).toEqual([
      expect.stringMatching(/^GET \/health → 200: \(body\) must NOT have additional properties .*uptime/),
    ]);
    expect(conformance.mismatches({ ...answer, body: { ...health.body, migrations: 'all' } })).toEqual([
      expect.stringMatching(/^GET \/health → 200: \/migrations must be array/),
    ]);
    const token = s.token('doctor', GRENAA, KAREN);
    const referral = (await s.request('GET', '/v1/referrals', { token })).body;
    const list: Answer = { method: 'GET', path: '/v1/referrals', status: 200, mediaType: 'application/json', body: referral };
    expect(conformance.mismatches(list)).toEqual([]);
    const { items: _items, ...withoutItems } = referral as Record<string, unknown>;
    expect(conformance.mismatches({ ...list, body: withoutItems })).toEqual([
      expect.stringMatching(/^GET \/v1\/referrals → 200: \(body\) must have required property 'items'/),
    ]);
    expect(conformance.mismatches({ ...answer, status: 500 })).toEqual([
      'GET /health → 500: a status the operation does not document (200)',
    ]);
    expect(conformance.mismatches({ ...answer, mediaType: 'text/html' })).toEqual([
      'GET /health → 200: media type text/html, not one of application/json',
    ]);
    expect(conformance.mismatches({ ...answer, path: '/v1/nowhere' })).toEqual([
      'GET /v1/nowhere → 200: no operation of the document has this path',
    ]);
    const zip = { method: 'GET', path: '/v1/offers/export/hsds.zip', status: 200, mediaType: 'application/zip', body: new Uint8Array() };
    expect(conformance.mismatches(zip)).toEqual(['GET /v1/offers/export/hsds.zip → 200: an empty body']);
  });
});
