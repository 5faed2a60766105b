import type { Measures, PublishedCount, PublishedRatio } from '@henvis/contracts';
import { monthDate, plottable } from './results-format.js';

// The rows each chart plots, made from the measures by pure functions: the tables under the charts show the same
// rows, and a hidden count ("< 5") or a withheld share is null here, so no chart draws it as a number.

export interface MonthRow {
  month: string;
  date: Date;
  count: PublishedCount;
  /** The bar's height; null when the count is hidden. */
  value: number | null;
  /** Referrals so far in the period; null where it would give a hidden count away. */
  cumulative: number | null;
  /** Where the pace to the goal has got to by the end of this month. */
  pace: number;
}

export const referralMonths = (m: Measures): MonthRow[] =>
  m.referrals.byMonth.map((row) => ({
    month: row.month,
    date: monthDate(row.month),
    count: row.count,
    value: plottable(row.count),
    cumulative: row.cumulative,
    pace: row.pace,
  }));

export interface PracticeRow {
  id: string;
  name: string;
  count: PublishedCount;
  value: number | null;
}

export const referralPractices = (m: Measures): PracticeRow[] =>
  m.referrals.byPractice.map((row) => ({ id: row.practiceId, name: row.practiceName, count: row.count, value: plottable(row.count) }));

export interface LinkedRow {
  month: string;
  date: Date;
  ratio: PublishedRatio;
  /** Percent (0-100); null when the share is withheld. */
  percent: number | null;
}

export const linkedMonths = (m: Measures): LinkedRow[] =>
  m.linked.byMonth.map((row) => ({
    month: row.month,
    date: monthDate(row.month),
    ratio: row.linked,
    percent: row.linked.share === null ? null : row.linked.share * 100,
  }));

export type Who5When = 'baseline' | 'followUp';
export type Who5Measure = 'mean' | 'atOrBelow50' | 'atOrBelow28';

export interface Who5Row {
  measure: Who5Measure;
  when: Who5When;
  /** The mean score (0-100) or the share in percent (0-100); null when withheld. */
  value: number | null;
  /** The counts behind a share; none for the mean. */
  ratio?: PublishedRatio;
}

/** WHO-5 at baseline and at follow-up, from the paired measurements: the mean, then the two shares. */
export function who5Rows(m: Measures): Who5Row[] {
  const rows: Who5Row[] = [];
  for (const when of ['baseline', 'followUp'] as const) {
    const at = m.who5[when];
    rows.push({ measure: 'mean', when, value: at.mean });
    for (const measure of ['atOrBelow50', 'atOrBelow28'] as const) {
      const ratio = at[measure];
      rows.push({ measure, when, value: ratio.share === null ? null : ratio.share * 100, ratio });
    }
  }
  return rows;
}
