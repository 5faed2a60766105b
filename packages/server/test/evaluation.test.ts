import { describe, expect, it } from 'vitest';
import {
  CONSENT_TEXT_VERSION,
  consentText,
  consentTextHash,
  danishDate,
  who5FollowUpWindow,
  type ConsentKind,
  type NewConsent,
} from '@henvis/contracts';
import { storages, suiteServer } from './harness.js';
import { AUNING, GRENAA, KAREN, NORDDJURS, SYDDJURS, key, referral } from './fixtures.js';

const hashes: Record<string, string> = {};
async function consent(kind: ConsentKind, decision: 'given' | 'declined' = 'given', locale: 'da' | 'en' = 'da'): Promise<NewConsent> {
  hashes[`${kind}/${locale}`] ??= await consentTextHash(consentText(kind, locale));
  return { kind, decision, method: 'signed_on_screen', textVersion: CONSENT_TEXT_VERSION, locale, textHash: hashes[`${kind}/${locale}`]! };
}

describe.each(storages)('consents, disclosures and WHO-5 on %s', (kind) => {
  const s = suiteServer(kind);

  const doctor = () => s.token('doctor', GRENAA);
  const navigator = () => s.token('navigator', NORDDJURS);
  const newReferral = async (overrides = {}): Promise<string> => {
    const created = await s.request('POST', '/v1/referrals', {
      token: doctor(),
      body: referral(overrides),
      headers: { 'idempotency-key': key() },
    });
    expect(created.status).toBe(201);
    return created.body.id;
  };
  const record = async (id: string, body: unknown, token = navigator()) =>
    s.request('POST', `/v1/referrals/${id}/consents`, { token, body });
  const who5 = (id: string, body: unknown, token = navigator()) => s.request('POST', `/v1/referrals/${id}/who5`, { token, body });
  const baseline = { kind: 'baseline', answers: [3, 2, 2, 3, 2] };
  /** Moves a stored instant back, as the passing of time would. */
  const age = (table: string, column: string, id: string, interval: string) =>
    s.db.query(`update ${table} set ${column} = ${column} - interval '${interval}' where id = $1`, [id]);

  it('records each consent apart, with who informed the citizen and where, from the token', async () => {
    const id = await newReferral();
    const journal = await record(id, await consent('journal_data'));
    expect(journal.status).toBe(201);
    expect(journal.body).toMatchObject({
      kind: 'journal_data',
      decision: 'given',
      setting: 'navigator_conversation',
      informedBy: { name: 'Sofie Kjær', role: 'navigator' },
      textVersion: CONSENT_TEXT_VERSION,
      textHash: hashes['journal_data/da'],
    });
    const lapses = new Date(journal.body.expiresAt).getTime() - new Date(journal.body.decidedAt).getTime();
    expect(lapses / 86_400_000).toBeGreaterThan(364);
    expect(lapses / 86_400_000).toBeLessThan(366.1);

    const wellbeing = await record(id, await consent('wellbeing_data', 'declined', 'en'), doctor());
    expect(wellbeing.body).toMatchObject({
      kind: 'wellbeing_data',
      decision: 'declined',
      setting: 'consultation',
      locale: 'en',
      informedBy: { name: 'Mette Holm' },
    });
    expect(wellbeing.body.expiresAt).toBeUndefined();

    for (const token of [doctor(), navigator()]) {
      const history = await s.request('GET', `/v1/referrals/${id}/consents`, { token });
      expect(history.body.items.map((c: { kind: string }) => c.kind)).toEqual(['wellbeing_data', 'journal_data']);
    }
  });

  it('shows the consent history to no one else, and lets no one else record or withdraw (404)', async () => {
    const id = await newReferral();
    const given = await record(id, await consent('wellbeing_data'));
    for (const token of [s.token('navigator', SYDDJURS), s.token('doctor', AUNING)]) {
      expect((await s.request('GET', `/v1/referrals/${id}/consents`, { token })).status).toBe(404);
      expect((await record(id, await consent('journal_data'), token)).status).toBe(404);
      expect((await s.request('POST', `/v1/referrals/${id}/consents/${given.body.id}/withdrawal`, { token, body: {} })).status).toBe(404);
    }
    expect((await s.request('GET', `/v1/referrals/${id}/consents`, { token: doctor() })).body.items).toHaveLength(1);
  });

  it('refuses a text it did not write (hash or version) and a malformed decision, and stores nothing', async () => {
    const id = await newReferral();
    const before = await s.count('consents');
    const wrongHash = await record(id, { ...(await consent('journal_data')), textHash: 'f'.repeat(64) });
    expect(wrongHash).toMatchObject({ status: 422, body: { code: 'consent_text_mismatch' } });
    const englishHashForDanish = await record(id, {
      ...(await consent('journal_data')),
      textHash: (await consent('journal_data', 'given', 'en')).textHash,
    });
    expect(englishHashForDanish.body.code).toBe('consent_text_mismatch');
    expect((await record(id, { ...(await consent('journal_data')), textVersion: '2020-01-1' })).body.code).toBe('consent_text_mismatch');
    const merged = await record(id, { ...(await consent('journal_data')), kind: 'both' });
    expect(merged).toMatchObject({ status: 400, body: { code: 'validation_failed', errors: [{ path: 'kind' }] } });
    expect(await s.count('consents')).toBe(before);
  });

  it('withdraws a given consent in one action, at once, audited, from the journal or the inbox', async () => {
    const id = await newReferral();
    const journal = await record(id, await consent('journal_data'));
    const withdrawn = await s.request('POST', `/v1/referrals/${id}/consents/${journal.body.id}/withdrawal`, { token: doctor(), body: {} });
    expect(withdrawn).toMatchObject({ status: 200, body: { withdrawnBy: { name: 'Mette Holm', role: 'doctor' } } });
    expect(Date.now() - new Date(withdrawn.body.withdrawnAt).getTime()).toBeLessThan(60_000);
    const again = await s.request('POST', `/v1/referrals/${id}/consents/${journal.body.id}/withdrawal`, { token: navigator(), body: {} });
    expect(again).toMatchObject({ status: 409, body: { code: 'consent_not_withdrawable' } });
    const declined = await record(id, await consent('wellbeing_data', 'declined'));
    expect(
      (await s.request('POST', `/v1/referrals/${id}/consents/${declined.body.id}/withdrawal`, { token: navigator(), body: {} })).body.code,
    ).toBe('consent_not_withdrawable');
    const [audited] = await s.db.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'consent.withdraw.journal_data' and outcome = 'ok' and resource_id = $1",
      [journal.body.id],
    );
    expect(audited!.n).toBe(1);
  });

  it('discloses record data only under a journal data consent valid at that moment', async () => {
    const id = await newReferral();
    const disclose = (token = doctor()) => s.request('POST', `/v1/referrals/${id}/disclosures`, { token, body: {} });
    expect(await disclose()).toMatchObject({
      status: 422,
      body: { code: 'journal_data_consent_invalid', detail: 'The journal data consent is missing.' },
    });
    const given = await record(id, await consent('journal_data'));
    expect(await disclose()).toMatchObject({ status: 201, body: { consentId: given.body.id, disclosedBy: { role: 'doctor' } } });
    expect((await disclose(navigator())).body.code).toBe('role_not_allowed');

    await age('consents', 'decided_at', given.body.id, '1 year');
    await age('consents', 'expires_at', given.body.id, '1 year');
    expect((await disclose()).body.detail).toBe('The journal data consent is expired.');

    const renewed = await record(id, await consent('journal_data'));
    expect((await disclose()).status).toBe(201);
    await s.request('POST', `/v1/referrals/${id}/consents/${renewed.body.id}/withdrawal`, { token: navigator(), body: {} });
    expect((await disclose()).body.detail).toBe('The journal data consent is withdrawn.');
    expect(await s.count('disclosures')).toBeGreaterThanOrEqual(2);
  });

  it('stores WHO-5 answers only under a valid well-being consent, for navigators only', async () => {
    const id = await newReferral();
    expect(await who5(id, baseline, doctor())).toMatchObject({ status: 403, body: { code: 'role_not_allowed' } });
    expect(await who5(id, baseline)).toMatchObject({ status: 422, body: { code: 'wellbeing_consent_missing' } });
    await record(id, await consent('wellbeing_data', 'declined'));
    expect((await who5(id, baseline)).body.code).toBe('wellbeing_consent_missing');
    await record(id, await consent('journal_data')); // the other consent does not count
    expect((await who5(id, baseline)).body.code).toBe('wellbeing_consent_missing');
    await record(id, await consent('wellbeing_data'));
    const stored = await who5(id, baseline);
    expect(stored).toMatchObject({ status: 201, body: { kind: 'baseline', answers: [3, 2, 2, 3, 2], recordedBy: { name: 'Sofie Kjær' } } });
    const stored2 = await who5(id, baseline);
    expect(stored2).toMatchObject({ status: 409, body: { code: 'who5_baseline_exists' } });

    const list = await s.request('GET', `/v1/referrals/${id}/who5`, { token: navigator() });
    expect(list.body).toMatchObject({ items: [{ id: stored.body.id }], followUp: { state: 'not_due' } });
    expect((await s.request('GET', `/v1/referrals/${id}/who5`, { token: doctor() })).status).toBe(403);
  });

  it('refuses a missing item or an answer out of range with the field that is wrong', async () => {
    const id = await newReferral();
    await record(id, await consent('wellbeing_data'));
    const before = await s.count('who5_responses');
    const missing = await who5(id, { kind: 'baseline', answers: [3, 2, 2, 3] });
    expect(missing).toMatchObject({ status: 400, body: { code: 'validation_failed', errors: [{ path: 'answers' }] } });
    const outOfRange = await who5(id, { kind: 'baseline', answers: [3, 2, 6, 3, 2] });
    expect(outOfRange.body.errors).toEqual([expect.objectContaining({ path: 'answers.2' })]);
    expect((await who5(id, { kind: 'baseline', answers: [3, 2, 2.5, 3, 2] })).status).toBe(400);
    expect(await s.count('who5_responses')).toBe(before);
  });

  it('refuses a follow-up after the well-being consent was withdrawn, and the referral goes on regardless', async () => {
    const id = await newReferral();
    const wellbeing = await record(id, await consent('wellbeing_data'));
    expect((await who5(id, { kind: 'follow_up', answers: [4, 4, 3, 3, 4] })).body.code).toBe('who5_baseline_missing');
    expect((await who5(id, baseline)).status).toBe(201);
    await s.request('POST', `/v1/referrals/${id}/consents/${wellbeing.body.id}/withdrawal`, { token: doctor(), body: {} });
    const followUp = await who5(id, { kind: 'follow_up', answers: [4, 4, 3, 3, 4] });
    expect(followUp).toMatchObject({ status: 422, body: { code: 'wellbeing_consent_withdrawn' } });
    expect((await s.request('POST', `/v1/referrals/${id}/transitions`, { token: navigator(), body: { to: 'received' } })).status).toBe(200);
  });

  it('refuses a follow-up before its window opens, with the day it opens, and marks one after 8 months late', async () => {
    const early = await newReferral();
    await record(early, await consent('wellbeing_data'));
    const first = await who5(early, baseline);
    const before = await s.count('who5_responses');
    const tooSoon = await who5(early, { kind: 'follow_up', answers: [5, 5, 5, 5, 5] });
    const opens = danishDate(who5FollowUpWindow(new Date(first.body.takenAt)).dueAt);
    expect(tooSoon).toMatchObject({ status: 422, body: { code: 'who5_follow_up_not_due' } });
    expect(tooSoon.body.detail).toContain(opens);
    expect(await s.count('who5_responses')).toBe(before);
    const refused = await s.db.query(
      "select detail from audit_log where action = 'who5.record.follow_up' and outcome = 'refused' and resource_id = $1",
      [early],
    );
    expect(refused).toEqual([{ detail: 'who5_follow_up_not_due' }]);

    await age('who5_responses', 'taken_at', first.body.id, '7 months');
    expect((await who5(early, { kind: 'follow_up', answers: [4, 4, 4, 4, 4] })).body).toMatchObject({ kind: 'follow_up', late: false });

    const late = await newReferral();
    await record(late, await consent('wellbeing_data'));
    await age('who5_responses', 'taken_at', (await who5(late, baseline)).body.id, '9 months');
    expect((await who5(late, { kind: 'follow_up', answers: [4, 4, 4, 4, 4] })).body).toMatchObject({ kind: 'follow_up', late: true });
    const list = await s.request('GET', `/v1/referrals/${late}/who5`, { token: navigator() });
    expect(list.body.items.map((r: { late: boolean }) => r.late)).toEqual([false, true]);
  });

  it('collects no evaluation data for a citizen under 18, who may still be referred', async () => {
    const id = await newReferral({ patient: { cpr: '150612-4007', name: 'Ung Borger' } });
    expect(await record(id, await consent('wellbeing_data'))).toMatchObject({ status: 422, body: { code: 'under_18_no_data' } });
    expect((await who5(id, baseline)).body.code).toBe('under_18_no_data');
  });

  it('lists follow-ups that are due (after 6 months) and overdue (after 8) to the navigators who serve the practice', async () => {
    const due = await newReferral();
    const overdue = await newReferral();
    const withdrawn = await newReferral();
    for (const id of [due, overdue, withdrawn]) await record(id, await consent('wellbeing_data'));
    const ids = await Promise.all([due, overdue, withdrawn].map(async (id) => (await who5(id, baseline)).body.id as string));
    await age('who5_responses', 'taken_at', ids[0]!, '7 months');
    await age('who5_responses', 'taken_at', ids[1]!, '9 months');
    await age('who5_responses', 'taken_at', ids[2]!, '9 months');
    const consents = await s.request('GET', `/v1/referrals/${withdrawn}/consents`, { token: navigator() });
    await s.request('POST', `/v1/referrals/${withdrawn}/consents/${consents.body.items[0].id}/withdrawal`, {
      token: navigator(),
      body: {},
    });

    const all = await s.request('GET', '/v1/who5-follow-ups', { token: navigator() });
    const states = Object.fromEntries(all.body.items.map((i: { referralId: string; state: string }) => [i.referralId, i.state]));
    expect(states[due]).toBe('due');
    expect(states[overdue]).toBe('overdue');
    expect(states[withdrawn]).toBeUndefined();
    expect(all.body.items.find((i: { referralId: string }) => i.referralId === due)).toMatchObject({ patientName: 'Karen Jensen' });
    const onlyOverdue = await s.request('GET', '/v1/who5-follow-ups?state=overdue', { token: navigator() });
    expect(onlyOverdue.body.items.every((i: { state: string }) => i.state === 'overdue')).toBe(true);
    expect((await s.request('GET', '/v1/who5-follow-ups', { token: s.token('navigator', SYDDJURS) })).body.items).toEqual([]);
    expect((await s.request('GET', '/v1/who5-follow-ups?state=soon', { token: navigator() })).body.code).toBe('invalid_query');
    expect((await s.request('GET', '/v1/who5-follow-ups', { token: doctor() })).status).toBe(403);
  });

  it('gives a consent as a FHIR R4 Consent and WHO-5 answers as a QuestionnaireResponse to KL’s questionnaire', async () => {
    const id = await newReferral();
    const given = await record(id, await consent('wellbeing_data'));
    const fhirConsent = await s.request('GET', `/fhir/Consent/${given.body.id}`, { token: doctor() });
    expect(fhirConsent.body).toMatchObject({
      resourceType: 'Consent',
      status: 'active',
      policy: [{ uri: 'http://data.europa.eu/eli/reg/2016/679/oj' }, { uri: 'https://www.retsinformation.dk/eli/lta/2018/502' }],
      provision: { type: 'permit' },
    });
    const answers = await who5(id, { kind: 'baseline', answers: [5, 3, 5, 5, 5] });
    const qr = await s.request('GET', `/fhir/QuestionnaireResponse/${answers.body.id}`, { token: navigator() });
    expect(qr.body).toMatchObject({
      resourceType: 'QuestionnaireResponse',
      questionnaire: 'http://fhir.kl.dk/ffinst/Questionnaire/KLToolsCareWHO5',
      status: 'completed',
    });
    expect(qr.body.item[1].answer[0].valueCoding.code).toBe('1ab11c78-6258-4069-9065-0f076833b133');
    expect(s.logs.join('')).not.toContain(KAREN);
  });
});
