import { errorMessage, exampleNewReferral, type HsdsImportReport } from '@henvis/contracts';
import { describe, expect, it, vi } from 'vitest';
import { createHenvisClient, type HenvisClientOptions } from './client.js';
import { HenvisError } from './henvis-error.js';

type Reply = Response | Error | ((init: RequestInit) => Promise<Response>);
const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
const problem = (status: number, code: string, extra: object = {}) =>
  json(status, { type: 'x', title: 't', status, code, ...extra }, 'application/problem+json');

/** A fetch that answers from a script and records every call. */
function scripted(...replies: Reply[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn(async (url: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: url instanceof Request ? url.url : url.toString(), init });
    const reply = replies.shift() ?? new Error('no more replies scripted');
    if (reply instanceof Error) throw new TypeError('fetch failed', { cause: reply });
    return typeof reply === 'function' ? reply(init) : reply;
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const client = (fetch: typeof globalThis.fetch, options: Partial<HenvisClientOptions> = {}) =>
  createHenvisClient({
    apiUrl: 'http://henvis.test/',
    getToken: () => 'token-1',
    fetch,
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    ...options,
  });

const stored = { id: 'r1', status: 'sent' };
const header = (init: RequestInit, name: string) => (init.headers as Record<string, string>)[name];

describe('createHenvisClient', () => {
  it('sends the token, JSON and an Idempotency-Key, and returns the stored referral', async () => {
    const { fetch, calls } = scripted(json(201, stored));
    expect(await client(fetch).createReferral(exampleNewReferral)).toEqual(stored);
    expect(calls[0]!.url).toBe('http://henvis.test/v1/referrals');
    expect(header(calls[0]!.init, 'authorization')).toBe('Bearer token-1');
    expect(header(calls[0]!.init, 'idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual(exampleNewReferral);
  });

  it('retries a create after network errors and 5xx with the same Idempotency-Key', async () => {
    const { fetch, calls } = scripted(
      new Error('ECONNREFUSED'),
      problem(503, 'service_unavailable'),
      new Response('<html>bad gateway</html>', { status: 502 }),
      json(201, stored),
    );
    expect(await client(fetch).createReferral(exampleNewReferral)).toEqual(stored);
    expect(calls).toHaveLength(4);
    expect(new Set(calls.map((c) => header(c.init, 'idempotency-key'))).size).toBe(1);
  });

  it('retries while the same key is still in flight (409)', async () => {
    const { fetch, calls } = scripted(problem(409, 'idempotency_in_flight'), json(201, stored));
    await client(fetch).createReferral(exampleNewReferral, { idempotencyKey: 'my-own-key-1' });
    expect(calls.map((c) => header(c.init, 'idempotency-key'))).toEqual(['my-own-key-1', 'my-own-key-1']);
  });

  it('gives up after the policy attempts with the last error', async () => {
    const { fetch, calls } = scripted(...Array.from({ length: 5 }, () => new Error('down')));
    const error = await client(fetch, { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 } })
      .createReferral(exampleNewReferral)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HenvisError);
    expect(error).toMatchObject({ code: 'network_error', status: 0, retryable: true });
    expect(calls).toHaveLength(3);
  });

  it('turns a problem into a typed error with its code, fields and Danish text, and does not retry it', async () => {
    const errors = [{ path: 'patient.cpr', code: 'invalid_cpr', message: 'CPR number does not hold a real birth date.' }];
    const { fetch, calls } = scripted(problem(400, 'validation_failed', { errors }));
    const error = (await client(fetch)
      .createReferral(exampleNewReferral)
      .catch((e: unknown) => e)) as HenvisError;
    expect(error).toMatchObject({ name: 'HenvisError', code: 'validation_failed', status: 400, errors, retryable: false });
    expect(errorMessage(error.code, 'da')).toBe('Nogle felter mangler eller er ugyldige.');
    expect(error.message).toBe('t'); // the problem's title, as the API sent it
    expect(calls).toHaveLength(1);
  });

  it('asks for a fresh token once when the token has expired', async () => {
    const getToken = vi.fn(({ refresh }: { refresh: boolean }) => (refresh ? 'fresh' : 'stale'));
    const { fetch, calls } = scripted(problem(401, 'token_expired'), json(200, stored));
    await client(fetch, { getToken }).getReferral('r1');
    expect(getToken.mock.calls.map(([r]) => r.refresh)).toEqual([false, true]);
    expect(header(calls[1]!.init, 'authorization')).toBe('Bearer fresh');

    const again = scripted(problem(401, 'token_expired'), problem(401, 'token_expired'));
    await expect(client(again.fetch, { getToken }).getReferral('r1')).rejects.toMatchObject({ code: 'token_expired' });
  });

  it('never retries a status change by itself', async () => {
    const { fetch, calls } = scripted(new Error('reset'));
    await expect(client(fetch).transitionReferral('r1', { to: 'received' })).rejects.toMatchObject({ code: 'network_error' });
    expect(calls).toHaveLength(1);
  });

  it('times out an attempt that hangs', async () => {
    const hang = (init: RequestInit) =>
      new Promise<Response>((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason as Error)));
    const { fetch } = scripted(hang, hang);
    await expect(
      client(fetch, { timeoutMs: 20, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } }).getReferral('r1'),
    ).rejects.toMatchObject({ code: 'timeout' });
  });

  it('stops at once when the caller aborts', async () => {
    const controller = new AbortController();
    const { fetch, calls } = scripted((init) => {
      controller.abort(new Error('closed by the user'));
      return Promise.reject(init.signal!.reason as Error);
    });
    await expect(client(fetch).getReferral('r1', { signal: controller.signal })).rejects.toThrow('closed by the user');
    expect(calls).toHaveLength(1);
  });

  it('builds list queries and unwraps the timeline', async () => {
    const { fetch, calls } = scripted(json(200, { items: [] }), json(200, { items: [{ id: 'e1' }] }));
    await client(fetch).listReferrals({ status: ['sent', 'received'], limit: 10 });
    expect(calls[0]!.url).toBe('http://henvis.test/v1/referrals?status=sent%2Creceived&limit=10');
    expect(await client(fetch).listEvents('a/b')).toEqual([{ id: 'e1' }]);
    expect(calls[1]!.url).toBe('http://henvis.test/v1/referrals/a%2Fb/events');
  });
});

describe('HSDS import and export', () => {
  const report: HsdsImportReport = {
    dryRun: true,
    created: 1,
    updated: 0,
    unchanged: 0,
    offers: [{ row: 1, name: 'Strikkecafé', outcome: 'created' }],
    rejected: [
      { row: 2, name: 'Gåtur', errors: [{ field: 'schedules[0].opens_at', code: 'invalid_time', message: 'Tidspunkt skal være TT:MM.' }] },
    ],
  };

  it('sends a JSON file as it is, as a dry run that may be retried, asking for the report in Danish', async () => {
    const file = new Blob(['{"contents":[]}'], { type: '' });
    const { fetch, calls } = scripted(problem(503, 'service_unavailable'), json(200, report));
    expect(await client(fetch).importOffers(file, { format: 'json', dryRun: true, locale: 'da' })).toEqual(report);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.url).toBe('http://henvis.test/v1/offers/import/hsds?dryRun=true&locale=da');
    expect(calls[1]!.init.method).toBe('POST');
    expect(header(calls[1]!.init, 'content-type')).toBe('application/json');
    expect(calls[1]!.init.body).toBe(file);
  });

  it('imports the zip package for real without retrying, and types a refusal', async () => {
    const file = new Blob([new Uint8Array([0x50, 0x4b, 3, 4])]);
    const { fetch, calls } = scripted(
      new Error('reset'),
      problem(400, 'validation_failed', {
        errors: [{ path: 'services.csv', code: 'required', message: 'The package has no services.csv.' }],
      }),
    );
    await expect(client(fetch).importOffers(file, { format: 'zip', dryRun: false })).rejects.toMatchObject({ code: 'network_error' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('http://henvis.test/v1/offers/import/hsds.zip');
    expect(header(calls[0]!.init, 'content-type')).toBe('application/zip');
    expect(calls[0]!.init.body).toBe(file);
    await expect(client(fetch).importOffers(file, { format: 'zip', dryRun: false })).rejects.toMatchObject({
      code: 'validation_failed',
      errors: [{ path: 'services.csv' }],
    });
  });

  it('downloads the export as a Blob with its bytes and type', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 5, 6, 0, 0]);
    const { fetch, calls } = scripted(
      new Response(bytes, { status: 200, headers: { 'content-type': 'application/zip' } }),
      json(200, { contents: [] }),
    );
    const zip = await client(fetch).exportOffers('zip');
    expect(zip).toBeInstanceOf(Blob);
    expect(zip.type).toBe('application/zip');
    expect(new Uint8Array(await zip.arrayBuffer())).toEqual(bytes);
    expect(calls[0]!.url).toBe('http://henvis.test/v1/offers/export/hsds.zip');
    expect(header(calls[0]!.init, 'accept')).toBe('application/zip, application/problem+json');
    expect(calls[0]!.init.body).toBeUndefined();
    const page = await client(fetch).exportOffers('json');
    expect(JSON.parse(await page.text())).toEqual({ contents: [] });
    expect(calls[1]!.url).toBe('http://henvis.test/v1/offers/export/hsds');
  });

  it('turns a refused export into a typed error', async () => {
    const { fetch } = scripted(problem(403, 'role_not_allowed'));
    await expect(client(fetch).exportOffers('json')).rejects.toMatchObject({ name: 'HenvisError', code: 'role_not_allowed', status: 403 });
  });

  it('keeps sending other bodies as JSON', async () => {
    const offer = { organization: { name: 'A' }, service: { name: 'B' }, schedules: [], contacts: [], categories: [] };
    const { fetch, calls } = scripted(json(200, { id: 'o1' }), json(201, { id: 'o2' }));
    await client(fetch).retireOffer('o1');
    await client(fetch).createOffer(offer);
    expect(calls[0]!.init.body).toBeUndefined();
    expect(header(calls[0]!.init, 'content-type')).toBeUndefined();
    expect(header(calls[1]!.init, 'content-type')).toBe('application/json');
    expect(JSON.parse(calls[1]!.init.body as string)).toEqual(offer);
  });
});
