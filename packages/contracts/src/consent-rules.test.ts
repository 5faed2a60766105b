import { describe, expect, it } from 'vitest';
import { consentExpiry, consentValidity } from './consent-rules.js';
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
