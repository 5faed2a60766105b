import { describe, expect, it } from 'vitest';
import { danishOffsetPeriods, danishUtcOffset } from './danish-offset-periods.js';

describe("Denmark's periods of one UTC offset", () => {
  it('are UTC+1 in winter and UTC+2 in summer', () => {
    expect(danishUtcOffset(new Date('2026-01-15T12:00:00Z'))).toBe(1);
    expect(danishUtcOffset(new Date('2026-07-15T12:00:00Z'))).toBe(2);
  });

  it('run from the last Sunday of March and of October, the one holding the date first', () => {
    expect(danishOffsetPeriods(new Date('2026-12-03T10:00:00Z'), 3)).toEqual([
      { from: '2026-10-25', to: '2027-03-27', offsetHours: 1 },
      { from: '2027-03-28', to: '2027-10-30', offsetHours: 2 },
      { from: '2027-10-31', to: '2028-03-25', offsetHours: 1 },
    ]);
    // The day the clocks go forward (at 02:00) belongs to summer time; so does the night before in UTC.
    expect(danishOffsetPeriods(new Date('2026-03-28T23:30:00Z'), 1)).toEqual([{ from: '2026-03-29', to: '2026-10-24', offsetHours: 2 }]);
    expect(danishOffsetPeriods(new Date('2026-03-28T22:30:00Z'), 1)).toEqual([{ from: '2025-10-26', to: '2026-03-28', offsetHours: 1 }]);
  });
});
