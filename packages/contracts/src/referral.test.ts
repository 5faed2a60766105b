import { describe, expect, it } from 'vitest';
import { exampleNewReferral, exampleTransitions } from './examples.js';
import { parseContract } from './field-errors.js';
import { NewReferral, inclusionFlagsFor } from './referral.js';
import { TransitionRequest } from './referral-status.js';

const at = new Date('2026-11-24T12:00:00Z');

describe('the documented examples', () => {
  it('are valid against their schemas', () => {
    expect(parseContract(NewReferral, exampleNewReferral)).toMatchObject({ ok: true });
    for (const t of Object.values(exampleTransitions)) expect(parseContract(TransitionRequest, t)).toMatchObject({ ok: true });
  });
});

describe('inclusionFlagsFor', () => {
  it('flags nothing when every criterion is met', () => {
    expect(inclusionFlagsFor(exampleNewReferral, at)).toEqual([]);
  });

  it('flags each missing criterion, and a minor (who may be referred, but gives no data)', () => {
    const referral: NewReferral = {
      ...exampleNewReferral,
      patient: { cpr: '251110-4001', name: 'Ung Borger' },
      contact: { bestTime: 'Eftermiddag' },
      inclusion: { motivated: false, needsSocialSupport: false, inArea: false },
    };
    expect(inclusionFlagsFor(referral, at)).toEqual(['under_18', 'not_motivated', 'no_social_need', 'outside_area', 'not_reachable']);
  });

  it('counts an e-mail alone as reachable', () => {
    expect(inclusionFlagsFor({ ...exampleNewReferral, contact: { email: 'karen@example.dk' } }, at)).toEqual([]);
  });
});

describe('parseContract on a new referral', () => {
  const errorsOf = (data: unknown) => {
    const result = parseContract(NewReferral, data);
    if (result.ok) throw new Error('expected errors');
    return result.errors;
  };

  it('names each bad field with a stable code', () => {
    const errors = errorsOf({
      ...exampleNewReferral,
      patient: { cpr: '310490-1234', name: '' },
      reasons: [],
      companion: 'maybe',
      contact: { phone: 'call me', email: 'not-an-email' },
      extra: true,
    });
    expect(errors.map((e) => [e.path, e.code])).toEqual(
      expect.arrayContaining([
        ['patient.cpr', 'invalid_cpr'],
        ['patient.name', 'required'],
        ['reasons', 'too_short'],
        ['companion', 'invalid_value'],
        ['contact.phone', 'invalid_phone'],
        ['contact.email', 'invalid_email'],
        ['extra', 'unknown_field'],
      ]),
    );
  });

  it('asks for a reason in words people use, with the code of its kind', () => {
    const result = parseContract(NewReferral, { ...exampleNewReferral, reasons: [] }, 'da');
    expect(result.ok ? [] : result.errors).toEqual([
      expect.objectContaining({ path: 'reasons', code: 'too_short', message: 'Vælg mindst én årsag.' }),
    ]);
    const en = parseContract(NewReferral, { ...exampleNewReferral, reasons: [] }, 'en');
    expect(en.ok ? [] : en.errors[0]?.message).toBe('Choose at least one reason.');
  });

  it('names an unknown field, but not a key that is data (a CPR number, a name)', () => {
    const errors = errorsOf({
      ...exampleNewReferral,
      diagnosis_code: 1,
      patient: { ...exampleNewReferral.patient, '120383-4417': true },
      contact: { ...exampleNewReferral.contact, 'Gunhild Fuglsang': '+45 61 72 83 94' },
    });
    expect(errors.map((e) => [e.path, e.code])).toEqual(
      expect.arrayContaining([
        ['diagnosis_code', 'unknown_field'],
        ['patient.(key)', 'unknown_field'],
        ['contact.(key)', 'unknown_field'],
      ]),
    );
    expect(JSON.stringify(errors)).not.toMatch(/120383|Gunhild|Fuglsang|61 72/);
  });

  it('tells a missing field from a wrong type', () => {
    const { companion: _companion, ...withoutCompanion } = exampleNewReferral;
    expect(errorsOf(withoutCompanion)).toEqual([{ path: 'companion', code: 'required', message: 'Required.' }]);
    expect(errorsOf({ ...exampleNewReferral, note: 42 })).toEqual([{ path: 'note', code: 'invalid_type', message: 'Must be a string.' }]);
  });

  it('never echoes personal data in its messages', () => {
    const errors = errorsOf({ ...exampleNewReferral, patient: { cpr: '3104901234x', name: 'Hemmelig Person'.repeat(20) } });
    const text = JSON.stringify(errors);
    expect(text).not.toContain('310490');
    expect(text).not.toContain('Hemmelig');
  });

  it('speaks Danish when asked', () => {
    const result = parseContract(NewReferral, { ...exampleNewReferral, patient: { cpr: '310490-1234', name: 'A' } }, 'da');
    expect(!result.ok && result.errors[0]?.message).toBe('CPR-nummeret indeholder ikke en gyldig fødselsdato.');
  });
});
