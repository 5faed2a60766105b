import { describe, expect, it } from 'vitest';
import { consentExpiry, consentRefusal, consentValidity, lastValidDay, mayWithdraw, newConsentRecord } from './consent-rules.js';
import type { NewConsent } from './consent.js';
import {
  CONSENT_TEXT_VERSION,
  consentText,
  consentTextCatalogue,
  consentTextHash,
  consentTextOf,
  type ConsentTextCatalogue,
} from './consent-texts.js';
import { addYears, danishDate, startOfDanishDay } from './danish-time.js';

const given = (decidedAt: string, extra: { withdrawnAt?: string } = {}) =>
  ({ kind: 'journal_data', decision: 'given', decidedAt, ...extra }) as const;

describe('journal data consent lapses one year after it was given', () => {
  it('in winter (UTC+1): valid through the day before the anniversary, Danish time', () => {
    const record = given('2025-03-10T13:00:00Z');
    expect(consentExpiry('journal_data', new Date(record.decidedAt))?.toISOString()).toBe('2026-03-09T23:00:00.000Z');
    expect(consentValidity(record, new Date('2026-03-09T22:59:59Z')).valid).toBe(true);
    expect(consentValidity(record, new Date('2026-03-09T23:00:00Z'))).toMatchObject({ valid: false, reason: 'expired' });
  });

  it('in summer (UTC+2), after midnight Danish time but before it in UTC', () => {
    const record = given('2025-06-15T22:30:00Z'); // 00:30 on 16 June in Denmark
    expect(consentExpiry('journal_data', new Date(record.decidedAt))?.toISOString()).toBe('2026-06-15T22:00:00.000Z');
  });

  it('given on 29 February, lapses at the start of 28 February', () => {
    const record = given('2024-02-29T10:00:00Z');
    expect(consentExpiry('journal_data', new Date(record.decidedAt))?.toISOString()).toBe('2025-02-27T23:00:00.000Z');
    expect(consentValidity(record, new Date('2025-02-27T22:59:00Z')).valid).toBe(true);
    expect(consentValidity(record, new Date('2025-02-28T12:00:00Z')).valid).toBe(false);
  });

  it('is not valid before it was given', () => {
    expect(consentValidity(given('2025-03-10T13:00:00Z'), new Date('2025-03-10T12:59:59Z'))).toMatchObject({
      valid: false,
      reason: 'not_yet_given',
    });
  });

  it('stops being valid the moment it is withdrawn', () => {
    const record = given('2025-03-10T13:00:00Z', { withdrawnAt: '2025-05-01T08:00:00Z' });
    expect(consentValidity(record, new Date('2025-05-01T07:59:59Z')).valid).toBe(true);
    expect(consentValidity(record, new Date('2025-05-01T08:00:00Z'))).toMatchObject({ valid: false, reason: 'withdrawn' });
  });

  it('is never valid when declined', () => {
    const record = { kind: 'journal_data', decision: 'declined', decidedAt: '2025-03-10T13:00:00Z' } as const;
    expect(consentValidity(record, new Date('2025-03-11T00:00:00Z'))).toEqual({ valid: false, reason: 'declined' });
  });
});

describe('well-being data consent', () => {
  it('does not lapse by itself, only by withdrawal', () => {
    const record = { kind: 'wellbeing_data', decision: 'given', decidedAt: '2025-03-10T13:00:00Z' } as const;
    expect(consentExpiry('wellbeing_data', new Date(record.decidedAt))).toBeUndefined();
    expect(consentValidity(record, new Date('2030-01-01T00:00:00Z'))).toEqual({ valid: true });
  });
});

describe('Danish calendar helpers', () => {
  it('find the Danish date and the instant a Danish day begins, across daylight saving', () => {
    expect(danishDate(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    expect(startOfDanishDay('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDanishDay('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfDanishDay('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
});

describe('lastValidDay', () => {
  it('is the Danish day before a journal data consent lapses, in winter and in summer', () => {
    expect(lastValidDay('journal_data', new Date('2025-03-10T13:00:00Z'))).toBe('2026-03-09');
    // 00:30 on 16 June in Denmark, still 15 June in UTC: valid through 15 June 2026.
    expect(lastValidDay('journal_data', new Date('2025-06-15T22:30:00Z'))).toBe('2026-06-15');
    // 23:30 on 31 December in Denmark is the Danish day that counts, not 1 January (nor the UTC date).
    expect(lastValidDay('journal_data', new Date('2025-12-31T22:30:00Z'))).toBe('2026-12-30');
  });

  it('given on 29 February, is 27 February of the next year (it lapses at the start of the 28th)', () => {
    expect(lastValidDay('journal_data', new Date('2024-02-29T10:00:00Z'))).toBe('2025-02-27');
  });

  it('agrees with consentValidity: valid all of that day, expired the next', () => {
    const record = { kind: 'journal_data', decision: 'given', decidedAt: '2025-10-26T12:00:00Z' } as const;
    const last = lastValidDay(record.kind, new Date(record.decidedAt))!;
    expect(consentValidity(record, new Date(`${last}T22:59:59Z`)).valid).toBe(true);
    expect(consentValidity(record, new Date(`${last}T23:00:00Z`))).toMatchObject({ valid: false, reason: 'expired' });
  });

  it('is undefined for a well-being consent, which does not lapse by itself', () => {
    expect(lastValidDay('wellbeing_data', new Date('2025-03-10T13:00:00Z'))).toBeUndefined();
  });
});

describe('consentRefusal', () => {
  const adult = '010190-2345';
  const minor = '150610-4321'; // born 15 June 2010
  const at = new Date('2026-11-24T10:00:00Z');
  const shown = async (kind: NewConsent['kind'], locale: NewConsent['locale']) => ({
    kind,
    locale,
    textVersion: CONSENT_TEXT_VERSION,
    textHash: await consentTextHash(consentText(kind, locale)),
  });

  it('accepts the current text of the kind and language shown, for a citizen of 18 or more', async () => {
    for (const kind of ['journal_data', 'wellbeing_data'] as const) {
      for (const locale of ['da', 'en'] as const)
        expect(await consentRefusal(await shown(kind, locale), { cpr: adult, at })).toBeUndefined();
    }
  });

  it('refuses another version, the hash of another text, and the hash of the same text in the other language', async () => {
    const current = await shown('journal_data', 'da');
    expect(await consentRefusal({ ...current, textVersion: '2025-01-1' }, { cpr: adult, at })).toBe('consent_text_mismatch');
    expect(await consentRefusal({ ...current, textHash: 'a'.repeat(64) }, { cpr: adult, at })).toBe('consent_text_mismatch');
    expect(await consentRefusal({ ...current, textHash: (await shown('wellbeing_data', 'da')).textHash }, { cpr: adult, at })).toBe(
      'consent_text_mismatch',
    );
    expect(await consentRefusal({ ...current, locale: 'en' }, { cpr: adult, at })).toBe('consent_text_mismatch');
  });

  it('refuses evaluation data of a citizen under 18, judged on the day of the decision', async () => {
    const current = await shown('wellbeing_data', 'da');
    expect(await consentRefusal(current, { cpr: minor, at })).toBe('under_18_no_data');
    expect(await consentRefusal(current, { cpr: minor, at: new Date('2028-06-14T12:00:00Z') })).toBe('under_18_no_data');
    expect(await consentRefusal(current, { cpr: minor, at: new Date('2028-06-15T12:00:00Z') })).toBeUndefined();
  });

  it('once a version 2 is current, refuses version 1 (still readable) and accepts version 2 only', async () => {
    const v1 = consentTextCatalogue.versions[CONSENT_TEXT_VERSION]!;
    const v2 = { ...v1, wellbeing_data: { ...v1.wellbeing_data, da: { ...v1.wellbeing_data.da, title: 'Ny ordlyd' } } };
    const texts: ConsentTextCatalogue = { current: '2027-05-1', versions: { ...consentTextCatalogue.versions, '2027-05-1': v2 } };
    const old = await shown('wellbeing_data', 'da');
    expect(await consentRefusal(old, { cpr: adult, at, texts })).toBe('consent_text_mismatch');
    const next = {
      ...old,
      textVersion: '2027-05-1',
      textHash: await consentTextHash(consentTextOf('wellbeing_data', 'da', '2027-05-1', texts)!),
    };
    expect(await consentRefusal(next, { cpr: adult, at, texts })).toBeUndefined();
    // Version 2's number with version 1's hash is a text nobody showed.
    expect(await consentRefusal({ ...next, textHash: old.textHash }, { cpr: adult, at, texts })).toBe('consent_text_mismatch');
    // A catalogue whose current version it does not hold accepts nothing.
    expect(await consentRefusal(old, { cpr: adult, at, texts: { ...texts, current: 'missing' } })).toBe('consent_text_mismatch');
    expect(await consentRefusal(old, { cpr: adult, at })).toBeUndefined();
  });

  it('names a wrong text before the age: the text is wrong whoever the citizen is', async () => {
    expect(await consentRefusal({ ...(await shown('journal_data', 'da')), textVersion: 'old' }, { cpr: minor, at })).toBe(
      'consent_text_mismatch',
    );
  });
});

describe('newConsentRecord', () => {
  const input: NewConsent = {
    kind: 'journal_data',
    decision: 'given',
    method: 'signed_on_screen',
    textVersion: CONSENT_TEXT_VERSION,
    locale: 'da',
    textHash: 'b'.repeat(64),
  };
  const navigator = { id: 'n-1', name: 'Sofie Kjær', role: 'navigator' } as const;
  const at = new Date('2026-11-24T10:00:00Z');
  const referralId = 'b3a5e0e2-1c2d-4d3e-8f9a-0b1c2d3e4f50';

  it('stores a given journal data consent with when it lapses, informed at the navigator conversation', () => {
    expect(newConsentRecord(input, { referralId, informedBy: navigator, at })).toEqual({
      ...input,
      referralId,
      decidedAt: '2026-11-24T10:00:00.000Z',
      expiresAt: '2027-11-23T23:00:00.000Z',
      informedBy: navigator,
      setting: 'navigator_conversation',
    });
  });

  it('places a decision recorded by practice staff in the consultation, and by a coordinator at the navigator conversation', () => {
    for (const role of ['doctor', 'nurse', 'midwife', 'practice_staff'] as const) {
      expect(newConsentRecord(input, { referralId, informedBy: { ...navigator, role }, at }).setting).toBe('consultation');
    }
    expect(newConsentRecord(input, { referralId, informedBy: { ...navigator, role: 'coordinator' }, at }).setting).toBe(
      'navigator_conversation',
    );
  });

  it('gives no expiry to a declined consent, nor to a well-being consent', () => {
    expect(newConsentRecord({ ...input, decision: 'declined' }, { referralId, informedBy: navigator, at })).not.toHaveProperty('expiresAt');
    expect(newConsentRecord({ ...input, kind: 'wellbeing_data' }, { referralId, informedBy: navigator, at })).not.toHaveProperty(
      'expiresAt',
    );
  });

  it('keeps only the fields of a consent record, whatever else the caller holds', () => {
    const principal = { ...navigator, orgId: 'norddjurs-navigatorer', email: 'sofie@example.org' };
    const record = newConsentRecord({ ...input, extra: 'x' } as NewConsent, { referralId, informedBy: principal, at });
    expect(record.informedBy).toEqual(navigator);
    expect(record).not.toHaveProperty('extra');
  });
});

describe('mayWithdraw', () => {
  it('allows withdrawing a given consent, once', () => {
    expect(mayWithdraw({ decision: 'given' })).toBe(true);
    expect(mayWithdraw({ decision: 'given', withdrawnAt: '2026-12-01T08:00:00.000Z' })).toBe(false);
  });

  it('has nothing to withdraw from a declined consent', () => {
    expect(mayWithdraw({ decision: 'declined' })).toBe(false);
  });
});
