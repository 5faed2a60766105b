import {
  AssignRequest,
  MedComAcknowledgement,
  NavigatorOrgServiceEnd,
  NavigatorOrganisationChange,
  NewNavigatorOrgService,
  NewWebhookSubscription,
  WebhookSecretRotation,
  WebhookSubscriptionChange,
  ReferralSearch,
  NewConsent,
  NewOffer,
  NewOfferLink,
  OfferLinkChange,
  NewPlan,
  NewUnmetNeed,
  NewContactLogEntry,
  NewMessage,
  NewReferral,
  NewWho5Response,
  ResearchExportRequest,
  TransitionRequest,
  parseContract,
} from '@henvis/contracts';
import { describe, expect, it } from 'vitest';
import { loadMigrations } from '../src/db/migrate.js';
import { suiteServer, type UntypedJson } from './harness.js';
import { GRENAA, KAREN, key } from './fixtures.js';

describe('service endpoints and privacy', () => {
  const s = suiteServer('pglite');

  it('reports health with the storage kind and applied migrations', async () => {
    const versions = loadMigrations().map((m) => m.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1)); // numbered 1, 2, 3, … without gaps
    expect(await s.request('GET', '/health')).toMatchObject({
      status: 200,
      body: { status: 'ok', storage: 'pglite', migrations: versions },
    });
  });

  it('serves an OpenAPI 3.1 document whose every request body example is valid', async () => {
    const { body: doc } = await s.request('GET', '/openapi.json');
    expect(doc.openapi).toBe('3.1.0');
    const contracts: Record<string, Parameters<typeof parseContract>[0]> = {
      NewReferral,
      TransitionRequest,
      NewConsent,
      NewWho5Response,
      NewMessage,
      NewContactLogEntry,
      AssignRequest,
      NewPlan,
      NewUnmetNeed,
      NewOffer,
      NewOfferLink,
      OfferLinkChange,
      ReferralSearch,
      ResearchExportRequest,
      MedComAcknowledgement,
      NavigatorOrganisationChange,
      NewNavigatorOrgService,
      NavigatorOrgServiceEnd,
      NewWebhookSubscription,
      WebhookSubscriptionChange,
      WebhookSecretRotation,
    };
    const bodies = Object.values(doc.paths as Record<string, Record<string, UntypedJson>>)
      .flatMap((ops) => Object.values(ops))
      .filter((op) => op.requestBody);
    expect(bodies.length).toBeGreaterThan(0);
    for (const op of bodies) {
      const media = op.requestBody.content['application/json'];
      const name = media.schema.$ref.split('/').at(-1);
      expect(doc.components.schemas[name]).toBeDefined();
      expect(parseContract(contracts[name]!, media.example)).toMatchObject({ ok: true });
    }
    expect(doc.components.schemas.NewReferral.properties.reasons.items.enum).toContain('loneliness');
  });

  it('lets listed browser origins call the API with a bearer token, and no others', async () => {
    const preflight = (origin: string) =>
      fetch(`${s.url}/v1/referrals`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });
    const allowed = await preflight('http://journal.test');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://journal.test');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await preflight('http://evil.test')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers unknown routes with a problem, not an HTML page', async () => {
    expect(await s.request('GET', '/v1/nothing-here?cpr=0101902345', { token: s.token('doctor', GRENAA) })).toMatchObject({
      status: 404,
      body: { code: 'route_not_found' },
    });
  });

  it('keeps CPR numbers, names and notes out of the application log', async () => {
    const token = s.token('doctor', GRENAA, KAREN);
    const note = 'Meget fortrolig bemærkning om borgeren';
    const body = { ...(await import('./fixtures.js')).referral({ note }) };
    const created = await s.request('POST', '/v1/referrals', { token, body, headers: { 'idempotency-key': key() } });
    await s.request('POST', '/v1/referrals', {
      token,
      body: { ...body, patient: { cpr: '3104901234', name: 'Karen Jensen' } },
      headers: { 'idempotency-key': key() },
    });
    await s.request('POST', '/v1/referrals', { token, raw: `{"patient":{"cpr":"${KAREN}"`, headers: { 'idempotency-key': key() } });
    await s.request('GET', `/v1/referrals/${created.body.id}`, { token });
    await s.request('GET', `/v1/referrals?practice=${KAREN}`, { token });
    await s.request('GET', '/v1/unknown?cpr=0101902345');
    const log = s.logs.join('');
    expect(log).toContain('"route":"/v1/referrals"');
    for (const secret of ['010190', '0101902345', '310490', 'Karen', 'Jensen', 'fortrolig', 'Mette Holm'])
      expect(log).not.toContain(secret);
  });
});
