import { useEffect, useRef, useState } from 'preact/hooks';
import { textsOf } from '../locale.js';
import { downloadCsv, type Period } from './results-csv.js';
import type { Shown } from './results-format.js';
import type { Table } from './results-tables.js';
import { resultsTexts } from './results-texts.js';

const t = textsOf(resultsTexts);

export interface Chart {
  /** Draws the chart's SVG (Observable Plot) at this width. */
  make: (width: number) => Element;
  /** Its text alternative: what kind of chart of what, and that the table has the numbers. */
  label: string;
}

/**
 * One Plot chart in a box. The SVG is made again only when `signature` (the data shown, in the language shown)
 * changes; it is an image to assistive technology, named by `label`, as its numbers are in the table beside it.
 */
function PlotChart({ chart, signature }: { chart: Chart; signature: string }) {
  const box = useRef<HTMLDivElement>(null);
  const latest = useRef(chart);
  latest.current = chart;
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const svg = latest.current.make(Math.max(320, Math.min(element.clientWidth || 640, 960)));
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', latest.current.label);
    // Plot names its groups ("bar", "rule"); inside an image they are not read, and a <g> may not have a name.
    for (const part of svg.querySelectorAll('[aria-label], [aria-description]')) {
      part.removeAttribute('aria-label');
      part.removeAttribute('aria-description');
    }
    element.replaceChildren(svg);
    return () => svg.remove();
  }, [signature]);
  return <div class="chart-plot" ref={box} />;
}

export interface LegendItem {
  label: string;
  colour: string;
  dashed?: boolean;
}

function Legend({ items }: { items: LegendItem[] }) {
  return (
    <ul class="chart-legend">
      {items.map((item) => (
        <li key={item.label}>
          <span class={item.dashed ? 'swatch dashed' : 'swatch'} style={{ '--swatch': item.colour }} aria-hidden="true" />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/** A chart as a figure: its caption, how it is computed, and its numbers as a table behind a toggle, with a CSV. */
export function ChartFigure({
  id,
  caption,
  definition,
  charts,
  legend = [],
  table,
  period,
}: {
  id: string;
  caption: string;
  definition: string;
  charts: Chart[];
  legend?: LegendItem[];
  table: Table;
  period: Period;
}) {
  const [open, setOpen] = useState(false);
  const signature = `${caption}\n${JSON.stringify(table.rows)}`;
  return (
    <figure class="chart" id={id}>
      <figcaption>{caption}</figcaption>
      <div class="chart-plots">
        {charts.map((chart) => (
          <PlotChart key={chart.label} chart={chart} signature={signature} />
        ))}
      </div>
      {legend.length > 0 && <Legend items={legend} />}
      <Definition text={definition} />
      <div class="chart-actions">
        <button type="button" aria-expanded={open} aria-controls={`${id}-table`} onClick={() => setOpen((o) => !o)}>
          {t.value.showTable}
        </button>
        <CsvButton table={table} period={period} />
      </div>
      <div id={`${id}-table`} class="chart-table" hidden={!open}>
        {open && <DataTable table={table} />}
      </div>
    </figure>
  );
}

export function Definition({ text }: { text: string }) {
  return (
    <details class="definition">
      <summary>{t.value.howComputed}</summary>
      <p>{text}</p>
    </details>
  );
}

export function CsvButton({ table, period }: { table: Table; period: Period }) {
  return (
    <button type="button" class="csv" aria-label={t.value.csvOf(table.caption)} onClick={() => downloadCsv(table, period)}>
      {t.value.csv}
    </button>
  );
}

function Cell({ shown }: { shown: Shown }) {
  return (
    <>
      {shown.text}
      {shown.note && <span class="cell-note"> ({shown.note})</span>}
    </>
  );
}

/** A table of the results: a caption, column headers, each row headed by its first cell. */
export function DataTable({ table }: { table: Table }) {
  const numeric = (i: number) => (table.columns[i]?.numeric ? 'number' : undefined);
  return (
    <table class="data results-table">
      <caption>{table.caption}</caption>
      <thead>
        <tr>
          {table.columns.map((column, i) => (
            <th key={column.label} scope="col" class={numeric(i)}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.length === 0 ? (
          <tr>
            <td colSpan={table.columns.length} class="empty">
              {t.value.empty}
            </td>
          </tr>
        ) : (
          table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    <Cell shown={cell} />
                  </th>
                ) : (
                  <td key={i} class={numeric(i)}>
                    <Cell shown={cell} />
                  </td>
                ),
              )}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

/** A table of the results with how it is computed and its CSV. */
export function TableSection({ table, definition, period }: { table: Table; definition: string; period: Period }) {
  return (
    <section class="results-table-section" aria-label={table.caption}>
      <DataTable table={table} />
      <Definition text={definition} />
      <div class="chart-actions">
        <CsvButton table={table} period={period} />
      </div>
    </section>
  );
}
