import { describe, expect, it } from 'vitest';
import { publishCount, publishPartition, publishRatio, publishRunningSums, publishStatistic } from './small-cells.js';

describe('the small-cell rule', () => {
  it('shows 1 to 4 as "< 5", and 0 and 5 or more as they are', () => {
    expect([0, 1, 4, 5, 120].map(publishCount)).toEqual([0, '< 5', '< 5', 5, 120]);
  });

  it('hides the next smallest count of a partition when only one is small, so the total does not reveal it', () => {
    // Total 4 + 9 + 30 + 0 = 43 is published: 43 - 9 - 30 would give the 4 away.
    expect(publishPartition([4, 9, 30, 0])).toEqual(['< 5', null, 30, 0]);
    // Two small counts already hide each other; nothing more is hidden.
    expect(publishPartition([4, 2, 30])).toEqual(['< 5', '< 5', 30]);
    expect(publishPartition([12, 30])).toEqual([12, 30]);
    // A zero is no secret: the next smallest above zero goes.
    expect(publishPartition([3, 0, 7, 6])).toEqual(['< 5', 0, 7, null]);
  });

  it('leaves out a running sum when the hidden counts since the last one shown add up to 1-4', () => {
    const counts = [10, 3, 8, 20];
    const published = publishPartition(counts);
    expect(published).toEqual([10, '< 5', null, 20]);
    // After month 2 the sum would give the 3 away; after month 3 the hidden 3 + 8 = 11 is no small cell.
    expect(publishRunningSums(counts, published)).toEqual([10, null, 21, 41]);
    expect(publishRunningSums([10, 2, 10], [10, '< 5', null])).toEqual([10, null, 22]);
  });

  it('gives a share only when neither of its counts is hidden', () => {
    expect(publishRatio(6, 12)).toEqual({ numerator: 6, denominator: 12, share: 0.5 });
    expect(publishRatio(3, 12)).toEqual({ numerator: '< 5', denominator: 12, share: null });
    expect(publishRatio(0, 4)).toEqual({ numerator: 0, denominator: '< 5', share: null });
    expect(publishRatio(0, 0)).toEqual({ numerator: 0, denominator: 0, share: null });
  });

  it('withholds a median or a mean of fewer than 5 values', () => {
    expect(publishStatistic(7, 4)).toBeNull();
    expect(publishStatistic(7, 5)).toBe(7);
    expect(publishStatistic(null, 10)).toBeNull();
  });
});
