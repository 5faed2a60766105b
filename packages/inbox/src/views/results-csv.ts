import { toCsv } from '@henvis/contracts';
import { saveFile } from '../save-file.js';
import { shownText } from './results-format.js';
import type { Table } from './results-tables.js';

/** A table as it is shown, "< 5" and "–" with their notes included, under a header of its column names. */
export const tableCsv = (table: Table): string =>
  toCsv([table.columns.map((c) => c.label), ...table.rows.map((row) => row.map(shownText))]);

export interface Period {
  from: string;
  to: string;
}

export const csvFileName = (table: Table, period: Period): string => `henvis-${table.name}-${period.from}-${period.to}.csv`;

export function downloadCsv(table: Table, period: Period) {
  saveFile(new Blob([tableCsv(table)], { type: 'text/csv;charset=utf-8' }), csvFileName(table, period));
}
