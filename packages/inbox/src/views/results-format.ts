import { SMALL_CELL, type PublishedCount, type PublishedRatio } from '@henvis/contracts';
import { locale, textsOf } from '../locale.js';
import { resultsTexts } from './results-texts.js';

const t = textsOf(resultsTexts);

/**
 * A figure as the dashboard shows it: the text, and why it is a dash where it is one. Tables, charts' labels and
 * the CSV all take this one form, so a download says exactly what the page says.
 */
export interface Shown {
  text: string;
  note?: string;
}

const numberLocale = () => (locale.value === 'da' ? 'da-DK' : 'en-GB');

export const formatNumber = (n: number, digits = 1): string =>
  new Intl.NumberFormat(numberLocale(), { maximumFractionDigits: digits }).format(n);

/** A share (0-1) as a percentage with at most one decimal: "42,5 %". */
export const formatShare = (share: number): string =>
  new Intl.NumberFormat(numberLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(share);

/** A count of people: "< 5" stays as it came from the server, and a withheld count (null) is a dash. */
export const formatCount = (count: PublishedCount): string =>
  count === null ? t.value.shown.dash : count === SMALL_CELL ? SMALL_CELL : formatNumber(count, 0);

/** A count as a number to plot, or null where it is hidden: a chart never draws "< 5" or a withheld count as a value. */
export const plottable = (count: PublishedCount): number | null => (count === SMALL_CELL ? null : count);

/** "1.234", "< 5", or "–" with why (withheld so that a total does not give a small count away). */
export const countShown = (count: PublishedCount): Shown =>
  count === null ? { text: t.value.shown.dash, note: t.value.shown.withheld } : { text: formatCount(count) };

/** What a chart writes where it draws no bar: "< 5" for a small count, "–" for a withheld one. */
export const hiddenMark = (count: PublishedCount): string => (count === SMALL_CELL ? SMALL_CELL : t.value.shown.dash);

/** A share with why it is missing: hidden when a count behind it is, nothing to compute when there is no denominator. */
export function shareShown(ratio: PublishedRatio): Shown {
  if (ratio.share !== null) return { text: formatShare(ratio.share) };
  return { text: t.value.shown.dash, note: ratio.denominator === 0 ? t.value.shown.none : t.value.shown.hidden };
}

/** "84 af 200", the counts behind a share. */
export const ratioCounts = (ratio: PublishedRatio): string => t.value.of(formatCount(ratio.numerator), formatCount(ratio.denominator));

/** A median, percentile or mean; the server withholds it (null) below 5 values. */
export function statisticShown(value: number | null, format: (text: string) => string = (text) => text, digits = 1): Shown {
  if (value === null) return { text: t.value.shown.dash, note: t.value.shown.fewValues };
  return { text: format(formatNumber(value, digits)) };
}

/** A change with its sign: "+8,4". */
export const formatChange = (value: number): string => (value > 0 ? '+' : '') + formatNumber(value);

/** A Shown as one line of text, its note in brackets, as it reads on the page. */
export const shownText = (shown: Shown): string => (shown.note ? `${shown.text} (${shown.note})` : shown.text);

/** A referral month (YYYY-MM) as a date at its start, for time scales. */
export function monthDate(month: string): Date {
  const [year = 0, m = 1] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m - 1, 1));
}

/** "januar 2026" or "jan. 2026"; months are calendar months in Danish time, so they are formatted as UTC dates. */
export function formatMonth(month: string, style: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(numberLocale(), { month: style, year: 'numeric', timeZone: 'UTC' }).format(monthDate(month));
}
