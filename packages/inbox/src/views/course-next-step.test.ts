import { describe, expect, it } from 'vitest';
import { courseTexts } from './course-texts.js';
import { daysUntil } from './course-next-step.js';

describe("the next step's day", () => {
  it.each([
    ['2026-12-05', '2026-12-04T22:30:00Z', 1, 'i morgen'], // 23:30 in Denmark: still the 4th
    ['2026-12-05', '2026-12-04T23:30:00Z', 0, 'i dag'], // 00:30 in Denmark: the 5th has begun
    ['2026-12-10', '2026-12-04T09:00:00Z', 6, 'om 6 dage'],
    ['2026-12-03', '2026-12-04T09:00:00Z', -1, '1 dag over tiden'],
    ['2027-03-29', '2027-03-27T12:00:00Z', 2, 'om 2 dage'], // across the change to summer time
    ['2026-11-20', '2026-12-04T09:00:00Z', -14, '14 dage over tiden'],
  ])('%s seen at %s is %i days away: "%s"', (day, now, days, words) => {
    expect(daysUntil(day, new Date(now))).toBe(days);
    expect(courseTexts.da.relativeDay(days)).toBe(words);
  });
});
