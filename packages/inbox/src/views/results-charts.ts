import * as Plot from '@observablehq/plot';
import { textsOf } from '../locale.js';
import type { LinkedRow, MonthRow, PracticeRow, Who5Row } from './results-chart-data.js';
import { formatMonth, formatNumber, hiddenMark, monthDate } from './results-format.js';
import { resultsTexts } from './results-texts.js';

// The dashboard's charts in Observable Plot, as SVG. Every colour has at least 3:1 against the white ground
// (WCAG 1.4.11); the goal and the pace are dashed as well as red, so they do not rest on colour alone.

const t = textsOf(resultsTexts);

export const chartColours = {
  /** The inbox's accent, 6.4:1 on white. */
  bar: '#0b5cad',
  /** 7.9:1 on white. */
  goal: '#a4161a',
  /** The inbox's muted ink, 5.9:1 on white: baseline bars and the marks of hidden counts. */
  muted: '#5a6472',
} as const;

const base = (width: number): Plot.PlotOptions => ({
  width,
  style: { fontSize: '13px', color: '#1d2430', background: '#ffffff' },
  marginLeft: 56,
  marginBottom: 36,
});

/** A label drawn over bars keeps a white halo, so it stays readable where it crosses one. */
const halo = { stroke: '#ffffff', strokeWidth: 4 } as const;
/** Where a bar is left out, its mark ("< 5", "–") is large enough to see. */
const hiddenStyle = { fill: chartColours.muted, fontWeight: 'bold', fontSize: 15 } as const;
const dashed = { stroke: chartColours.goal, strokeWidth: 2, strokeDasharray: '6 4' } as const;

/** At most one month label per ~80 px, so two years of months stay readable. */
function monthTicks(months: string[], width: number): string[] {
  const every = Math.max(1, Math.ceil(months.length / Math.max(2, Math.floor(width / 80))));
  return months.filter((_, i) => i % every === 0);
}

const wholeNumber = (n: number) => formatNumber(n, 0);
const percent = (n: number) => `${formatNumber(n, 0)} %`;
const shortMonth = (month: string) => formatMonth(month, 'short');
/** The months of a band chart: every month a place, named with a few of them; the caption says they are months. */
const monthAxis = (months: string[], width: number): Plot.ScaleOptions => ({
  type: 'band',
  domain: months,
  ticks: monthTicks(months, width),
  tickFormat: shortMonth,
  label: null,
  padding: 0.2,
});

/** A goal or pace line's name at its right end, above the line. */
const lineLabel = (months: string[], y: number, text: string) =>
  Plot.text(months.length ? [y] : [], {
    x: () => months.at(-1),
    y: (d: number) => d,
    text: () => text,
    textAnchor: 'end',
    dy: -10,
    fill: chartColours.goal,
    ...halo,
  });

/** (a) Referrals per month as bars, the pace per month to the goal as a dashed line; a hidden month says "< 5". */
export function monthlyBars(rows: MonthRow[], perMonth: number, width: number) {
  const c = t.value.chart;
  const months = rows.map((r) => r.month);
  return Plot.plot({
    ...base(width),
    height: 260,
    x: monthAxis(months, width),
    y: { label: c.referrals, grid: true, zero: true, nice: true, tickFormat: wholeNumber },
    marks: [
      Plot.barY(
        rows.filter((r) => r.value !== null),
        { x: 'month', y: 'value', fill: chartColours.bar },
      ),
      Plot.text(
        rows.filter((r) => r.value === null),
        { x: 'month', y: 0, text: (r: MonthRow) => hiddenMark(r.count), dy: -10, ...hiddenStyle },
      ),
      Plot.ruleY([perMonth], dashed),
      lineLabel(months, perMonth, c.pacePerMonth(formatNumber(perMonth))),
      Plot.ruleY([0]),
    ],
  });
}

/** (a) The running sum against the pace to the goal; gaps where the sum is withheld. */
export function cumulativeLines(rows: MonthRow[], width: number) {
  const c = t.value.chart;
  const last = rows.at(-1);
  return Plot.plot({
    ...base(width),
    height: 260,
    x: {
      type: 'utc',
      label: null,
      tickFormat: (d: Date) => shortMonth(d.toISOString().slice(0, 7)),
      ticks: monthTicks(
        rows.map((r) => r.month),
        width / 1.4,
      ).map(monthDate),
    },
    y: { label: c.cumulative, grid: true, zero: true, nice: true, tickFormat: wholeNumber },
    marks: [
      Plot.lineY(rows, { x: 'date', y: 'pace', ...dashed }),
      Plot.lineY(rows, { x: 'date', y: 'cumulative', stroke: chartColours.bar, strokeWidth: 3 }),
      Plot.dot(
        rows.filter((r) => r.cumulative !== null),
        { x: 'date', y: 'cumulative', fill: chartColours.bar, r: 3.5 },
      ),
      Plot.text(last ? [last] : [], {
        x: 'date',
        y: 'pace',
        text: () => c.pace,
        textAnchor: 'end',
        dy: -10,
        fill: chartColours.goal,
        ...halo,
      }),
      Plot.ruleY([0]),
    ],
  });
}

/** (b) Referrals per practice as horizontal bars; a hidden count says "< 5" (or "–") instead of a bar. */
export function practiceBars(rows: PracticeRow[], width: number) {
  const names = new Map(rows.map((r) => [r.id, r.name]));
  const longest = Math.max(0, ...rows.map((r) => r.name.length));
  return Plot.plot({
    ...base(width),
    height: 56 + rows.length * 32,
    marginLeft: Math.min(260, 16 + longest * 7.5),
    marginRight: 48,
    x: { label: t.value.chart.referrals, grid: true, zero: true, nice: true, tickFormat: wholeNumber },
    y: { domain: rows.map((r) => r.id), tickFormat: (id: string) => names.get(id) ?? id, label: null, padding: 0.25 },
    marks: [
      Plot.barX(
        rows.filter((r) => r.value !== null),
        { y: 'id', x: 'value', fill: chartColours.bar },
      ),
      Plot.text(
        rows.filter((r) => r.value !== null),
        { y: 'id', x: 'value', text: (r: PracticeRow) => wholeNumber(r.value ?? 0), textAnchor: 'start', dx: 6 },
      ),
      Plot.text(
        rows.filter((r) => r.value === null),
        { y: 'id', x: 0, text: (r: PracticeRow) => hiddenMark(r.count), textAnchor: 'start', dx: 6, ...hiddenStyle },
      ),
      Plot.ruleX([0]),
    ],
  });
}

/** (c) The share linked within 3 months per referral month, against the goal; a withheld share says "–". */
export function linkedBars(rows: LinkedRow[], goalShare: number, width: number) {
  const c = t.value.chart;
  const months = rows.map((r) => r.month);
  const goal = goalShare * 100;
  return Plot.plot({
    ...base(width),
    height: 260,
    x: monthAxis(months, width),
    y: { label: c.share, domain: [0, 100], grid: true, tickFormat: percent },
    marks: [
      Plot.barY(
        rows.filter((r) => r.percent !== null),
        { x: 'month', y: 'percent', fill: chartColours.bar },
      ),
      Plot.text(
        rows.filter((r) => r.percent === null),
        { x: 'month', y: 0, text: () => t.value.shown.dash, dy: -10, ...hiddenStyle },
      ),
      Plot.ruleY([goal], dashed),
      lineLabel(months, goal, c.goalLine),
      Plot.ruleY([0]),
    ],
  });
}

const whenLabel = (when: Who5Row['when']) => (when === 'baseline' ? t.value.chart.baseline : t.value.chart.followUp);

/** (d) WHO-5 before and after: the mean score (0-100) at baseline and at follow-up. */
export function who5MeanBars(rows: Who5Row[], width: number) {
  return who5Bars(
    rows.filter((r) => r.measure === 'mean'),
    width,
    t.value.chart.score,
    (n) => formatNumber(n),
  );
}

/** (d) WHO-5 before and after: the shares at or below 50 and at or below 28, side by side. */
export function who5ShareBars(rows: Who5Row[], width: number) {
  return who5Bars(
    rows.filter((r) => r.measure !== 'mean'),
    width,
    t.value.chart.share,
    (n) => percent(n),
    true,
  );
}

function who5Bars(rows: Who5Row[], width: number, label: string, format: (n: number) => string, grouped = false) {
  const c = t.value.chart;
  const fill = (r: Who5Row) => (r.when === 'baseline' ? chartColours.muted : chartColours.bar);
  const fx = grouped ? { fx: (r: Who5Row) => c[r.measure] } : {};
  const x = (r: Who5Row) => whenLabel(r.when);
  const shown = rows.filter((r) => r.value !== null);
  return Plot.plot({
    ...base(width),
    height: 260,
    ...(grouped ? { fx: { label: null, padding: 0.15, domain: [c.atOrBelow50, c.atOrBelow28] } } : {}),
    x: { domain: [c.baseline, c.followUp], label: null, padding: 0.25 },
    y: { label, domain: [0, 100], grid: true, tickFormat: (n: number) => format(n) },
    marks: [
      Plot.barY(shown, { ...fx, x, y: 'value', fill }),
      Plot.text(shown, { ...fx, x, y: 'value', text: (r: Who5Row) => format(r.value ?? 0), dy: -8 }),
      Plot.text(
        rows.filter((r) => r.value === null),
        { ...fx, x, y: 0, text: () => t.value.shown.dash, dy: -10, ...hiddenStyle },
      ),
      Plot.ruleY([0]),
    ],
  });
}
