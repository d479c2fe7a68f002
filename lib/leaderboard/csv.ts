/**
 * The leaderboard as CSV: what the table shows, every row that passes the filters, in its order. Run names are
 * user text: `toCsv` quotes every string and defuses the ones a spreadsheet would run as a formula.
 */
import { toCsv, type CsvCell } from '../compare/csv';
import type { CellState, LeaderboardRow } from './rows';

export function leaderboardCsv(rows: readonly LeaderboardRow[], metric: string, extraMetrics: readonly string[]): string {
  const header: CsvCell[] = [
    'run_name',
    'run_id',
    'experiment_id',
    'status',
    'verdict',
    `${metric} best`,
    'best at',
    'unit',
    `${metric} last`,
    'train at best',
    'past best',
    'delta to champion',
    'champion',
    ...extraMetrics.map((key) => `${key} best`),
  ];
  const number = (x: number | null | undefined): CsvCell => (x === undefined ? null : x);
  const lines: CsvCell[][] = rows.map((row) => {
    const c: CellState = row.cell;
    return [
      row.run.runName,
      row.run.runId,
      row.run.experimentId,
      row.run.status,
      c ? c.verdict : c === null ? 'not logged' : 'not judged yet',
      number(c?.best),
      number(c?.bestAt),
      c?.unit ?? null,
      number(c?.last),
      number(c?.trainAtBest),
      number(c?.pastBest),
      row.delta,
      row.champion ? 'yes' : '',
      ...extraMetrics.map((key) => number(row.extras.get(key)?.best)),
    ];
  });
  return toCsv([header, ...lines]);
}
