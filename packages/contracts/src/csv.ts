// CSV as the dashboard's downloads and the research export write it; one writer, so both quote alike.

/** Makes Excel read the file as UTF-8 (æ, ø, å, "–", "≤"). */
const BOM = '\uFEFF';

/**
 * One field of a CSV line (RFC 4180): quoted when it holds a comma, a quote or a line break, its quotes doubled. A
 * field that a spreadsheet would run as a formula (=, +, -, @, a tab or a return first; an area's name is typed
 * by people) gets a leading apostrophe, which spreadsheets show as text.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows (the first the header) as CSV text: comma-separated, CRLF line ends, with a UTF-8 byte order mark. */
export const toCsv = (rows: readonly (readonly string[])[]): string =>
  BOM + rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
