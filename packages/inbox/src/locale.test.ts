import { describe, expect, it } from 'vitest';
import { daysSince, formatDeadline, formatInstant } from './locale.js';

describe('dates as the inbox shows them', () => {
  it('names the last day of a deadline given as the start of the next Danish day, in winter and summer time', () => {
    expect(formatDeadline('2026-11-26T23:00:00Z')).toBe('26. nov. 2026');
    expect(formatDeadline('2026-03-29T22:00:00Z')).toBe('29. mar. 2026');
    expect(formatInstant('2026-11-26T23:00:00Z', 'date')).toBe('27. nov. 2026');
  });

  it('counts whole days since a referral', () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    expect(daysSince('2026-11-24T08:00:00Z', now)).toBe(0);
    expect(daysSince('2026-11-21T12:00:00Z', now)).toBe(3);
    expect(daysSince('2026-11-25T12:00:00Z', now)).toBe(0);
  });
});
