/**
 * CSV export of what the drawer shows. Run names and param values are user text that a spreadsheet would
 * run as a formula if it started with "=", so strings are defused; numbers are data and are written as-is.
 */
import type { AlignedSeries } from './align';

export type CsvCell = string | number | null | undefined;

/**
 * A string cell a spreadsheet would read as a formula (OWASP's list: = + - @ TAB CR), also behind leading
 * whitespace (spreadsheets trim it: space, NBSP, the ideographic space, BOM…) and in the full-width forms
 * (＝ ＋ － ＠) and the minus sign (−) that some spreadsheets fold into their ASCII twins.
 */
const FORMULA_START = /^[\s\ufeff]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20\u2212]/;

function field(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    if (Number.isNaN(cell)) return 'NaN';
    if (cell === Infinity) return 'Infinity';
    if (cell === -Infinity) return '-Infinity';
    return String(cell);
  }
  // Every string is quoted: opened with another separator (";" is Excel's default in many locales), an
  // unquoted "a;=1+1" would end its first cell at the ";" and start a formula in the next.
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * RFC 4180: comma separated, CRLF line ends (every record ends with one, the last included), every string
 * quoted (quotes doubled); null/undefined → empty; numbers unquoted via String() except non-finite →
 * "NaN"/"Infinity"/"-Infinity". Spreadsheet formula injection guard: a STRING cell starting, after any
 * leading whitespace, with = + - @ TAB or CR (or a full-width form of them) gets a leading apostrophe
 * inside its quotes (numbers are never changed).
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
