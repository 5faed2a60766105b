import { describe, expect, it } from 'vitest';
import { danishPublicHolidays, firstContactDueAt, isWorkingDay } from './working-days.js';

describe('Danish working days', () => {
  it('knows the public holidays, Easter included, and that Great Prayer Day is gone since 2024', () => {
    expect(danishPublicHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-02',
      '2026-04-03',
      '2026-04-05',
      '2026-04-06',
      '2026-05-14',
      '2026-05-24',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(danishPublicHolidays(2023)).toContain('2023-05-05'); // store bededag, the last one
    expect(danishPublicHolidays(2025)).toContain('2025-04-20'); // Easter Sunday 2025
    expect(isWorkingDay('2026-11-24')).toBe(true); // a Tuesday
    expect(isWorkingDay('2026-11-28')).toBe(false); // a Saturday
    expect(isWorkingDay('2026-04-06')).toBe(false); // 2. påskedag
    expect(isWorkingDay('2026-12-24')).toBe(false); // juleaftensdag: a day off in the public sector
    expect(isWorkingDay('2026-06-05')).toBe(false); // grundlovsdag
  });

  it('makes a referral without first contact overdue after 2 working days, from the start of the next Danish day', () => {
    // Sent Tuesday 24 Nov 2026 at 10:00 → due through Thursday → overdue Friday 27 Nov 00:00 Danish time (UTC+1).
    expect(firstContactDueAt(new Date('2026-11-24T09:00:00Z')).toISOString()).toBe('2026-11-26T23:00:00.000Z');
    // Sent Friday → Monday and Tuesday count → overdue Wednesday.
    expect(firstContactDueAt(new Date('2026-11-27T14:00:00Z')).toISOString()).toBe('2026-12-01T23:00:00.000Z');
    // Sent on Maundy Thursday 2026: Good Friday, Easter and 2. påskedag do not count → Tue 7, Wed 8 → overdue Thursday 9 April (UTC+2).
    expect(firstContactDueAt(new Date('2026-04-02T08:00:00Z')).toISOString()).toBe('2026-04-08T22:00:00.000Z');
    // Sent late on 23 December: Christmas Eve, the holidays and the weekend do not count → Mon 28, Tue 29 → overdue 30th.
    expect(firstContactDueAt(new Date('2026-12-23T20:00:00Z')).toISOString()).toBe('2026-12-29T23:00:00.000Z');
    // 23:30 UTC on a Monday is already Tuesday in Denmark.
    expect(firstContactDueAt(new Date('2026-11-23T23:30:00Z'))).toEqual(firstContactDueAt(new Date('2026-11-24T09:00:00Z')));
  });
});
