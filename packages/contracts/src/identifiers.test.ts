import { describe, expect, it } from 'vitest';
import { Gln, SorCode, glnCheckDigit, isGln } from './identifiers.js';
import { parseContract } from './field-errors.js';

// GLNs of MedCom's own CareCommunication and Messaging examples, whose check digits GS1's rule must reproduce.
const MEDCOM_EXAMPLE_GLNS = ['5790000209354', '5790001348120', '5790000121526', '5790001382445', '5798002472264'];

describe('GLN (lokationsnummer)', () => {
  it("computes GS1's mod-10 check digit: weights 1 and 3 from the left, up to a multiple of 10", () => {
    // 5·1 + 7·3 + 9·1 + 0 + 0 + 0 + 0 + 2·3 + 0 + 9·3 + 3·1 + 5·3 = 86, so 4
    expect(glnCheckDigit('579000020935')).toBe(4);
    // A sum that is already a multiple of 10 has check digit 0, not 10
    expect(glnCheckDigit('579000134812')).toBe(0);
    for (const gln of MEDCOM_EXAMPLE_GLNS) expect(glnCheckDigit(gln.slice(0, 12))).toBe(Number(gln[12]));
  });

  it('takes a 13-digit GLN with its check digit', () => {
    for (const gln of MEDCOM_EXAMPLE_GLNS) {
      expect(isGln(gln)).toBe(true);
      expect(parseContract(Gln, gln)).toEqual({ ok: true, value: gln });
    }
  });

  it('refuses a GLN with one digit wrong, anywhere, as invalid_gln', () => {
    const gln = '5790000209354';
    for (let i = 0; i < 13; i++) {
      const digit = Number(gln[i]);
      const wrong = gln.slice(0, i) + String((digit + 1) % 10) + gln.slice(i + 1);
      expect(isGln(wrong)).toBe(false);
      expect(parseContract(Gln, wrong)).toMatchObject({ ok: false, errors: [{ code: 'invalid_gln' }] });
    }
  });

  it('refuses 12 and 14 digits, letters, spaces and a number instead of a string', () => {
    const refused: unknown[] = [
      '579000020935', // 12
      '57900002093540', // 14
      '579000020935X',
      '57900O0209354', // a letter O for a zero
      '5790000 209354',
      ' 5790000209354',
      '',
      5790000209354,
    ];
    for (const value of refused) {
      const result = parseContract(Gln, value);
      expect(result.ok).toBe(false);
      if (typeof value === 'string') expect(isGln(value)).toBe(false);
    }
    expect(parseContract(Gln, '579000020935X')).toMatchObject({
      errors: [{ code: 'invalid_gln', message: 'GLN must be 13 digits ending in its GS1 check digit.' }],
    });
  });
});

describe('SOR code (SOR-kode)', () => {
  it('takes 11 to 18 digits, as DK Core asks (min-digits-sor)', () => {
    for (const sor of ['12345678901', '265161000016000', '953741000016009', '123456789012345678'])
      expect(parseContract(SorCode, sor)).toEqual({ ok: true, value: sor });
  });

  it('refuses 10 digits or fewer, 19 or more, and letters', () => {
    for (const sor of ['1234567890', '123456', '1234567890123456789', '26516100001600A', ''])
      expect(parseContract(SorCode, sor)).toMatchObject({ ok: false, errors: [{ code: 'invalid_sor_code' }] });
  });
});
