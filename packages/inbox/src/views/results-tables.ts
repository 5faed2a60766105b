import { categoryLabels, closeReasonLabels, rejectReasonLabels, type Measures } from '@henvis/contracts';
import { locale, textsOf } from '../locale.js';
import { courseTexts } from './course-texts.js';
import { linkedMonths, referralMonths, referralPractices, who5Rows, type Who5Measure } from './results-chart-data.js';
import {
  countShown,
  formatCount,
  formatMonth,
  formatNumber,
  ratioCounts,
  shareShown,
  statisticShown,
  type Shown,
} from './results-format.js';
import { resultsTexts } from './results-texts.js';

const t = textsOf(resultsTexts);

export interface Column {
  label: string;
  numeric?: boolean;
}

/**
 * A table of the dashboard as it is shown: every cell already formatted ("< 5", "–" with its note), the first
 * column the row's header. The page and the CSV are both made from it.
 */
export interface Table {
  /** Names the CSV file: henvis-<name>-<from>-<to>.csv. */
  name: string;
  caption: string;
  columns: Column[];
  rows: Shown[][];
}

const text = (value: string): Shown => ({ text: value });
const count = (label: string): Column => ({ label, numeric: true });

export function monthlyTable(m: Measures): Table {
  const c = t.value.chart;
  return {
    name: 'referrals-by-month',
    caption: t.value.figures.monthly.caption,
    columns: [{ label: c.month }, count(c.referrals), count(c.cumulative), count(c.pace)],
    rows: referralMonths(m).map((row) => [
      text(formatMonth(row.month)),
      countShown(row.count),
      row.cumulative === null ? { text: t.value.shown.dash, note: t.value.shown.withheld } : text(formatCount(row.cumulative)),
      text(formatNumber(row.pace)),
    ]),
  };
}

export function practicesTable(m: Measures): Table {
  return {
    name: 'referrals-by-practice',
    caption: t.value.figures.practices.caption,
    columns: [{ label: t.value.chart.practice }, count(t.value.chart.referrals)],
    rows: referralPractices(m).map((row) => [text(row.name), countShown(row.count)]),
  };
}

export function linkedTable(m: Measures): Table {
  const c = t.value.chart;
  return {
    name: 'linked-by-month',
    caption: t.value.figures.linked.caption,
    columns: [{ label: c.month }, count(c.linked), count(c.referred), count(c.share)],
    rows: linkedMonths(m).map((row) => [
      text(formatMonth(row.month)),
      countShown(row.ratio.numerator),
      countShown(row.ratio.denominator),
      shareShown(row.ratio),
    ]),
  };
}

export function who5Table(m: Measures): Table {
  const c = t.value.chart;
  const rows = who5Rows(m);
  const cell = (measure: Who5Measure, when: 'baseline' | 'followUp'): Shown => {
    const row = rows.find((r) => r.measure === measure && r.when === when);
    if (!row?.ratio) return statisticShown(row?.value ?? null);
    const share = shareShown(row.ratio);
    return share.note ? share : text(`${share.text} (${ratioCounts(row.ratio)})`);
  };
  return {
    name: 'who5',
    caption: t.value.figures.who5.caption,
    columns: [{ label: 'WHO-5' }, count(c.baseline), count(c.followUp)],
    rows: (['mean', 'atOrBelow50', 'atOrBelow28'] as const).map((measure) => [
      text(c[measure]),
      cell(measure, 'baseline'),
      cell(measure, 'followUp'),
    ]),
  };
}

export function closingTable(m: Measures): Table {
  const labels = closeReasonLabels[locale.value];
  return {
    name: 'closing-reasons',
    caption: t.value.tableCaptions.closing(formatCount(m.closing.total)),
    columns: [{ label: t.value.columns.reason }, count(t.value.columns.count)],
    rows: m.closing.reasons.map((row) => [text(labels[row.reason]), countShown(row.count)]),
  };
}

export function rejectionsTable(m: Measures): Table {
  const labels = rejectReasonLabels[locale.value];
  return {
    name: 'rejection-reasons',
    caption: t.value.tableCaptions.rejections(formatCount(m.rejections.total)),
    columns: [{ label: t.value.columns.reason }, count(t.value.columns.count)],
    rows: m.rejections.reasons.map((row) => [text(labels[row.reason]), countShown(row.count)]),
  };
}

export function inclusionFlagsTable(m: Measures): Table {
  const labels = courseTexts[locale.value].flag;
  return {
    name: 'inclusion-flags',
    caption: t.value.tableCaptions.inclusionFlags(formatCount(m.inclusionFlags.referrals)),
    columns: [{ label: t.value.columns.flag }, count(t.value.columns.count)],
    rows: m.inclusionFlags.flags.map((row) => [text(labels[row.flag] ?? row.flag), countShown(row.count)]),
  };
}

export function unmetNeedsTable(m: Measures): Table {
  const labels = categoryLabels[locale.value];
  return {
    name: 'unmet-needs',
    caption: t.value.tableCaptions.unmetNeeds,
    columns: [{ label: t.value.columns.category }, { label: t.value.columns.area }, count(t.value.columns.count)],
    rows: m.unmetNeeds.items.map((row) => [text(labels[row.category]), text(row.area), countShown(row.count)]),
  };
}
