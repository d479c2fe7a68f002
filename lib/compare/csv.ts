/**
 * CSV export of what the drawer shows. Run names and param values are user text that a spreadsheet would
 * run as a formula if it started with "=", so strings are defused; numbers are data and are written as-is.
 */
import type { AlignedSeries } from './align';

export type CsvCell = string | number | null | undefined;

/** Leading characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP list). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function field(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    if (Number.isNaN(cell)) return 'NaN';
    if (cell === Infinity) return 'Infinity';
    if (cell === -Infinity) return '-Infinity';
    return String(cell);
  }
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180: comma separated, CRLF line ends (every record ends with one, the last included), fields quoted
 * when they contain a comma, quote, CR or LF (quotes doubled); null/undefined → empty; numbers via String()
 * except non-finite → "NaN"/"Infinity"/"-Infinity". Spreadsheet formula injection guard: a STRING cell
 * starting with = + - @ TAB or CR gets a leading apostrophe (numbers are never changed).
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  let out = '';
  for (const row of rows) out += row.map(field).join(',') + '\r\n';
  return out;
}

/**
 * An aligned metric as CSV. Header: xLabel, ...runLabels; one row per x; gaps are empty cells. `formatX`
 * turns an x into its cell (e.g. an ISO date for the wall axis); by default x is written as the number it is.
 * A run without a label gets an empty header cell.
 */
export function alignedSeriesCsv(
  aligned: AlignedSeries,
  runLabels: readonly string[],
  xLabel: string,
  formatX?: (x: number) => CsvCell,
): string {
  const { x, ys } = aligned;
  const rows: CsvCell[][] = [[xLabel, ...ys.map((_, k) => runLabels[k])]];
  for (let i = 0; i < x.length; i++) {
    const row: CsvCell[] = [formatX ? formatX(x[i]!) : x[i]!];
    for (const y of ys) row.push(y[i]);
    rows.push(row);
  }
  return toCsv(rows);
}
