import { describe, expect, it } from 'vitest';
import { ageOn, cprCentury, parseCpr } from './cpr.js';
import { CprNumber } from './identifiers.js';

const today = new Date('2026-11-24T12:00:00Z');

describe('parseCpr', () => {
  it('accepts a number that passes modulus 11, with and without the hyphen', () => {
    for (const input of ['070761-4285', '0707614285']) {
      const result = parseCpr(input, today);
      expect(result).toEqual({ ok: true, value: { cpr: '070761-4285', birthDate: '1961-07-07', modulus11: true }, warnings: [] });
    }
  });

  it('accepts a number that fails modulus 11, with a warning only', () => {
    const result = parseCpr('070761-4286', today);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.modulus11).toBe(false);
      expect(result.warnings).toEqual(['modulus11']);
    }
  });

  it.each([
    ['010190-2345', '1990-01-01'],
    ['010105-4001', '2005-01-01'],
    ['010137-4001', '1937-01-01'],
    ['010110-5001', '2010-01-01'],
    ['010160-5001', '1860-01-01'],
    ['010120-9001', '2020-01-01'],
    ['010150-9001', '1950-01-01'],
    ['290200-4001', '2000-02-29'],
  ])('derives the century of %s from digit 7 and the year', (cpr, birthDate) => {
    const result = parseCpr(cpr, today);
    expect(result.ok && result.value.birthDate).toBe(birthDate);
  });

  it.each([
    ['310490-1234', 'no 31 April'],
    ['290200-1234', '1900 was no leap year'],
    ['001290-1234', 'day zero'],
    ['011390-1234', 'month 13'],
    ['010136-4001', 'a birth date in the future (2036)'],
  ])('refuses %s: %s', (cpr) => {
    expect(parseCpr(cpr, today)).toEqual({ ok: false, error: 'date' });
  });

  it.each(['', '010190', '010190-234', '010190 2345', '01019O-2345', '010190--2345', ' 010190-2345'])('refuses the malformed %j', (cpr) => {
    expect(parseCpr(cpr, today)).toEqual({ ok: false, error: 'format' });
  });
});

describe('cprCentury', () => {
  it('follows the CPR office table at its edges', () => {
    expect([
      cprCentury(3, 99),
      cprCentury(4, 36),
      cprCentury(4, 37),
      cprCentury(5, 57),
      cprCentury(8, 58),
      cprCentury(9, 36),
      cprCentury(9, 37),
    ]).toEqual([1900, 2000, 1900, 2000, 1800, 2000, 1900]);
  });
});

describe('ageOn', () => {
  it('counts a birthday from its first day', () => {
    expect(ageOn('2008-11-24', today)).toBe(18);
    expect(ageOn('2008-11-25', today)).toBe(17);
  });
});

describe('CprNumber schema', () => {
  it('refuses an impossible date with a message that does not repeat the number', () => {
    const result = CprNumber.safeParse('310490-1234');
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).not.toContain('310490');
  });
});
