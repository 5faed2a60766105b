import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONSENT_TEXT_VERSION,
  consentText,
  consentTextCatalogue,
  consentTextHash,
  consentTextOf,
  consentTextString,
  type ConsentKind,
  type ConsentText,
  type ConsentTextCatalogue,
  type NewConsent,
} from '@henvis/contracts';
import { GRENAA, NORDDJURS, key, referral } from './fixtures.js';
import { openTestDatabase, startTestServer, storages, type TestDatabase, type TestServer, type UntypedJson } from './harness.js';

// Issue 12, point 6: a stored consent keeps pointing at the text it was given under. A server on the shipped texts
// records consents; a second server on the same store gets a catalogue with a version 2 (a new wording of the
// Danish journal data consent), as a release with new texts would, and must still show each consent its own text.

const V1 = CONSENT_TEXT_VERSION;
const V2 = '2099-01-1';
const shipped = consentTextCatalogue.versions[V1]!;
const reworded = {
  ...shipped.journal_data.da,
  title: 'Samtykke til journaloplysninger i resultatopfølgningen',
  sections: shipped.journal_data.da.sections.map((s, i) => (i === 0 ? { ...s, body: `${s.body} Ny ordlyd fra version 2.` } : s)),
};
/** The shipped catalogue with a version 2 added and made current; version 1 as it was. */
const withV2: ConsentTextCatalogue = {
  current: V2,
  versions: { ...consentTextCatalogue.versions, [V2]: { ...shipped, journal_data: { ...shipped.journal_data, da: reworded } } },
};
const textIn = (version: string, kind: ConsentKind, locale: 'da' | 'en') => consentTextOf(kind, locale, version, withV2)!;

async function shown(kind: ConsentKind, locale: 'da' | 'en', version: string): Promise<NewConsent> {
  const textHash = await consentTextHash(textIn(version, kind, locale));
  return { kind, decision: 'given', method: 'signed_on_screen', textVersion: version, locale, textHash };
}

/** What a FHIR Attachment of `text` must carry (R4: `data` base64 of the bytes, `hash` base64 of their SHA-1). */
function attachmentOf(text: ConsentText) {
  const bytes = Buffer.from(consentTextString(text), 'utf8');
  return {
    contentType: 'text/plain; charset=utf-8',
    title: `${text.title} (version ${text.version})`,
    // Where the API serves the text itself, absolute.
    url: expect.stringMatching(new RegExp(`^http://[^/]+/v1/consent-texts/${text.version}/`)) as unknown as string,
    data: bytes.toString('base64'),
    size: bytes.length,
    hash: createHash('sha1').update(bytes).digest('base64'),
  };
}

/** A store the test keeps past a server's close, so that the next server opens the same one. */
const kept = (store: TestDatabase): TestDatabase => ({ db: store.db, dispose: async () => {} });

describe.each(storages)('consent texts of every version on %s', (kind) => {
  let store: TestDatabase;
  let s: TestServer;
  let referralId: string;
  const old: Record<string, UntypedJson> = {};
  const doctor = () => s.token('doctor', GRENAA);
  const navigator = () => s.token('navigator', NORDDJURS);
  const consents = async (): Promise<UntypedJson[]> =>
    (await s.request('GET', `/v1/referrals/${referralId}/consents`, { token: doctor() })).body.items;
  const fhir = async (consentId: string) => (await s.request('GET', `/fhir/Consent/${consentId}`, { token: doctor() })).body;

  beforeAll(async () => {
    store = await openTestDatabase(kind);
    s = await startTestServer(kind, {}, kept(store));
  });
  afterAll(async () => {
    await s.close();
    await store.dispose();
  });

  it('under the shipped texts: each consent names its text, which the API serves, and FHIR carries it inline', async () => {
    const created = await s.request('POST', '/v1/referrals', { token: doctor(), body: referral(), headers: { 'idempotency-key': key() } });
    expect(created.status).toBe(201);
    referralId = created.body.id;
    for (const [consentKind, locale] of [
      ['journal_data', 'da'],
      ['wellbeing_data', 'en'],
    ] as const) {
      const recorded = await s.request('POST', `/v1/referrals/${referralId}/consents`, {
        token: navigator(),
        body: await shown(consentKind, locale, V1),
      });
      expect(recorded.status).toBe(201);
      expect(recorded.body).toMatchObject({
        textVersion: V1,
        textTitle: consentText(consentKind, locale).title,
        textUrl: `/v1/consent-texts/${V1}/${consentKind}?locale=${locale}`,
      });
      old[consentKind] = recorded.body;
    }
    const served = await s.request('GET', old.journal_data.textUrl, { token: navigator() });
    expect(served.status).toBe(200);
    expect(served.body).toEqual({
      version: V1,
      kind: 'journal_data',
      locale: 'da',
      title: consentText('journal_data', 'da').title,
      sections: consentText('journal_data', 'da').sections,
      text: consentTextString(consentText('journal_data', 'da')),
      textHash: old.journal_data.textHash,
      current: true,
    });
    expect((await fhir(old.journal_data.id)).sourceAttachment).toEqual({
      ...attachmentOf(consentText('journal_data', 'da')),
      language: 'da',
    });
    // A version 2 the server was not given does not exist for it.
    expect((await s.request('GET', `/v1/consent-texts/${V2}/journal_data?locale=da`, { token: doctor() })).status).toBe(404);
  });

  it('after a version 2 is added, on the same store: the old consents still show their version 1 text and title', async () => {
    await s.close();
    s = await startTestServer(kind, { consentTexts: withV2 }, kept(store));

    const [wellbeing, journal] = await consents();
    expect(journal).toMatchObject({
      id: old.journal_data.id,
      textVersion: V1,
      textHash: old.journal_data.textHash,
      textTitle: consentText('journal_data', 'da').title,
      textUrl: `/v1/consent-texts/${V1}/journal_data?locale=da`,
    });
    expect(journal.textTitle).not.toBe(reworded.title);
    expect(wellbeing).toMatchObject({ id: old.wellbeing_data.id, textTitle: consentText('wellbeing_data', 'en').title });

    const served = await s.request('GET', journal.textUrl, { token: doctor() });
    expect(served.body).toMatchObject({ version: V1, title: consentText('journal_data', 'da').title, current: false });
    expect(served.body.text).toBe(consentTextString(consentText('journal_data', 'da')));
    expect(served.body.textHash).toBe(journal.textHash);

    const view = await fhir(journal.id);
    expect(view.sourceAttachment).toEqual({ ...attachmentOf(consentText('journal_data', 'da')), language: 'da' });
    expect(Buffer.from(view.sourceAttachment.data, 'base64').toString('utf8')).not.toContain('Ny ordlyd');
    expect(view.extension).toEqual([{ url: expect.stringContaining('consent-text-sha256'), valueString: journal.textHash }]);
  });

  it('serves version 2 as the current text and version 1 beside it', async () => {
    const next = await s.request('GET', `/v1/consent-texts/${V2}/journal_data?locale=da`, { token: navigator() });
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ version: V2, title: reworded.title, current: true });
    expect(next.body.text).toContain('Ny ordlyd fra version 2.');
    expect(next.body.textHash).toBe(await consentTextHash(textIn(V2, 'journal_data', 'da')));
    expect(next.body.textHash).not.toBe(old.journal_data.textHash);
    // Danish unless asked; the English text of version 2 is version 1's wording under the new number.
    expect((await s.request('GET', `/v1/consent-texts/${V2}/journal_data`, { token: doctor() })).body.textHash).toBe(next.body.textHash);
    const english = await s.request('GET', `/v1/consent-texts/${V1}/journal_data?locale=en`, { token: doctor() });
    expect(english.body).toMatchObject({ version: V1, locale: 'en', title: consentText('journal_data', 'en').title });
  });

  it('refuses a new consent under version 1 as a stale text, stores nothing, and takes one under version 2', async () => {
    const before = await s.count('consents');
    const stale = await s.request('POST', `/v1/referrals/${referralId}/consents`, {
      token: navigator(),
      body: await shown('journal_data', 'da', V1),
    });
    expect(stale.status).toBe(422);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body).toMatchObject({ code: 'consent_text_mismatch', detail: `The current text is version ${V2}.` });
    // Version 2's number over version 1's words is a text nobody was shown.
    const mixed = await s.request('POST', `/v1/referrals/${referralId}/consents`, {
      token: navigator(),
      body: { ...(await shown('journal_data', 'da', V2)), textHash: old.journal_data.textHash },
    });
    expect(mixed.body.code).toBe('consent_text_mismatch');
    expect(await s.count('consents')).toBe(before);

    const renewed = await s.request('POST', `/v1/referrals/${referralId}/consents`, {
      token: navigator(),
      body: await shown('journal_data', 'da', V2),
    });
    expect(renewed.status).toBe(201);
    expect(renewed.body).toMatchObject({
      textVersion: V2,
      textTitle: reworded.title,
      textUrl: `/v1/consent-texts/${V2}/journal_data?locale=da`,
    });
    expect((await fhir(renewed.body.id)).sourceAttachment).toEqual({ ...attachmentOf(textIn(V2, 'journal_data', 'da')), language: 'da' });

    // The history: each consent with its own version's title, the old one withdrawn still its own.
    const withdrawn = await s.request('POST', `/v1/referrals/${referralId}/consents/${old.journal_data.id}/withdrawal`, {
      token: navigator(),
      body: {},
    });
    expect(withdrawn.body).toMatchObject({ textVersion: V1, textTitle: consentText('journal_data', 'da').title });
    const titles = (await consents()).map((c) => [c.kind, c.textVersion, c.textTitle]);
    expect(titles).toEqual([
      ['journal_data', V2, reworded.title],
      ['wellbeing_data', V1, consentText('wellbeing_data', 'en').title],
      ['journal_data', V1, consentText('journal_data', 'da').title],
    ]);
  });

  it('answers an unknown version or kind 404 problem+json without echoing the path, and audits it', async () => {
    const cpr = '120383-4417';
    for (const path of [
      `/v1/consent-texts/${cpr}/journal_data`,
      `/v1/consent-texts/2020-01-1/journal_data?locale=da`,
      `/v1/consent-texts/constructor/journal_data`,
      `/v1/consent-texts/__proto__/journal_data`,
      `/v1/consent-texts/${V1}/both`,
      `/v1/consent-texts/${V1}/constructor`,
      `/v1/consent-texts/${V1}/toString?locale=en`,
    ]) {
      const answer = await s.request('GET', path, { token: doctor() });
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body.code).toBe('not_found');
      expect(answer.body.detail).toBe(`No consent text of that version and kind. Versions: ${V1}, ${V2}.`);
      expect(JSON.stringify(answer.body)).not.toContain('1203834417');
      expect(JSON.stringify(answer.body)).not.toContain(cpr);
    }
    const audited = await s.db.query<{ action: string; outcome: string; detail: string }>(
      "select action, outcome, detail from audit_log where action like '%consent-texts%' order by id desc limit 7",
    );
    expect(audited).toHaveLength(7);
    for (const row of audited)
      expect(row).toEqual({ action: 'GET /v1/consent-texts/:version/:kind', outcome: 'refused', detail: 'not_found' });
    expect(s.logs.join('')).not.toContain('1203834417');
    expect(s.logs.join('')).not.toContain(cpr);

    const badLocale = await s.request('GET', `/v1/consent-texts/${V1}/journal_data?locale=de`, { token: doctor() });
    expect(badLocale).toMatchObject({ status: 400, body: { code: 'invalid_query' } });
    const anonymous = await s.request('GET', `/v1/consent-texts/${V1}/journal_data`);
    expect(anonymous).toMatchObject({ status: 401, body: { code: 'token_missing' } });
  });

  it('will not start on texts that edit or drop a shipped version, or that lack their current one', async () => {
    const edited: ConsentTextCatalogue = {
      current: V1,
      versions: {
        [V1]: { ...shipped, wellbeing_data: { ...shipped.wellbeing_data, en: { ...shipped.wellbeing_data.en, title: 'Edited' } } },
      },
    };
    const dropped: ConsentTextCatalogue = { current: V2, versions: { [V2]: withV2.versions[V2]! } };
    const missing: ConsentTextCatalogue = { current: '2100-01-1', versions: consentTextCatalogue.versions };
    for (const [consentTexts, message] of [
      [edited, `consent text version ${V1} was shipped and must stay in the catalogue unchanged`],
      [dropped, `consent text version ${V1} was shipped and must stay in the catalogue unchanged`],
      [missing, 'the current consent text version 2100-01-1 is not in the catalogue for every kind and language'],
    ] as const) {
      await expect(startTestServer(kind, { consentTexts }, kept(store))).rejects.toThrow(message);
    }
  });
});
