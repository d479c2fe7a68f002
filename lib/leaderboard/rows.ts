/**
 * The leaderboard's rows: one per run, its cell for the chosen validation metric (and the optional extra
 * metrics), its delta to the champion's best; sorted by any column, filtered by verdict, text and status.
 * Pure: the view renders what these return.
 */
import type { MetricDirection, Verdict } from '../analysis';
import type { MetricCell } from './cell';
import type { LeaderboardRun } from './runs';

/** A cell not read yet is `undefined`; a run that does not log the metric has `null`. */
export type CellState = MetricCell | null | undefined;

/** Run id → validation key → the run's cell (null: the run does not log it). */
export type CellsByRun = ReadonlyMap<string, ReadonlyMap<string, MetricCell | null>>;

export interface Champion {
  /** The run the champion version was made from: the leaderboard's baseline. */
  runId: string;
  modelName: string;
  version: string;
  /** 'champion' when the version has that alias; null when it is the model's latest version instead. */
  alias: string | null;
}

export interface LeaderboardRow {
  run: LeaderboardRun;
  cell: CellState;
  extras: ReadonlyMap<string, CellState>;
  champion: boolean;
  /** This run's best minus the champion's best (same metric); null without either. */
  delta: number | null;
}

export function leaderboardRows(
  runs: readonly LeaderboardRun[],
  cells: CellsByRun,
  metric: string,
  extraMetrics: readonly string[],
  champion: Champion | null,
): LeaderboardRow[] {
  const cellOf = (runId: string, key: string): CellState => {
    const byKey = cells.get(runId);
    return byKey?.has(key) ? byKey.get(key)! : undefined;
  };
  const baseline = champion ? cellOf(champion.runId, metric)?.best ?? null : null;
  return runs.map((run) => {
    const cell = cellOf(run.runId, metric);
    const best = cell?.best ?? null;
    return {
      run,
      cell,
      extras: new Map(extraMetrics.map((key) => [key, cellOf(run.runId, key)])),
      champion: champion?.runId === run.runId,
      delta: baseline === null || best === null ? null : best - baseline,
    };
  });
}

export type SortColumn = 'name' | 'status' | 'verdict' | 'best' | 'bestAt' | 'last' | 'trainAtBest' | 'pastBest' | 'delta' | `extra:${string}`;

export interface SortOrder {
  column: SortColumn;
  descending: boolean;
}

/** Best first: ascending for a metric that is minimised, descending for one maximised. */
export function defaultSort(direction: MetricDirection): SortOrder {
  return { column: 'best', descending: direction === 'max' };
}

/** Healthiest first when ascending; runs with nothing to judge last. */
const VERDICT_RANK: Record<Verdict, number> = {
  healthy: 0,
  watch: 1,
  overfitting: 2,
  diverging: 3,
  'too-early': 4,
  'not-judged': 5,
  'no-validation': 6,
};

function sortValue(row: LeaderboardRow, column: SortColumn): string | number | null {
  switch (column) {
    case 'name':
      return row.run.runName.toLowerCase();
    case 'status':
      return row.run.status;
    case 'verdict':
      return row.cell ? VERDICT_RANK[row.cell.verdict] : null;
    case 'delta':
      return row.delta;
    case 'best':
    case 'bestAt':
    case 'last':
    case 'trainAtBest':
    case 'pastBest':
      return finiteOrNull(row.cell?.[column]);
    default:
      return finiteOrNull(row.extras.get(column.slice('extra:'.length))?.best);
  }
}

/** NaN and ±Infinity (a diverged run's values) sort with the empty cells: they are not a rank. */
function finiteOrNull(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}

/**
 * Rows in `order`; empty cells (not judged yet, not logged, not finite) last either way, ties by run name then id,
 * so a row keeps its place while the others fill in.
 */
export function sortRows(rows: readonly LeaderboardRow[], order: SortOrder): LeaderboardRow[] {
  const keyed = rows.map((row) => ({ row, value: sortValue(row, order.column), name: row.run.runName.toLowerCase() }));
  keyed.sort((a, b) => {
    const x = a.value;
    const y = b.value;
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else {
      const by = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      if (by !== 0) return order.descending ? -by : by;
    }
    return a.name.localeCompare(b.name) || (a.row.run.runId < b.row.run.runId ? -1 : 1);
  });
  return keyed.map((k) => k.row);
}

export interface RowFilter {
  /** Part of the run name or the start of its id, any case; '' for all. */
  text: string;
  /** Only runs with this verdict (rows not judged yet are left out meanwhile); null for all. */
  verdict: Verdict | null;
  /** Only runs with this MLflow status (FINISHED, RUNNING, FAILED, KILLED…); null for all. */
  status: string | null;
}

export const NO_FILTER: RowFilter = Object.freeze({ text: '', verdict: null, status: null });

export function filterRows(rows: readonly LeaderboardRow[], filter: RowFilter): LeaderboardRow[] {
  const text = filter.text.trim().toLowerCase();
  return rows.filter(
    (row) =>
      (filter.verdict === null || row.cell?.verdict === filter.verdict) &&
      (filter.status === null || row.run.status === filter.status) &&
      (text === '' || row.run.runName.toLowerCase().includes(text) || row.run.runId.startsWith(text)),
  );
}

/** The statuses present, for the status filter's choices (MLflow's order: running first). */
export function statusesOf(runs: readonly LeaderboardRun[]): string[] {
  const order = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];
  const present = [...new Set(runs.map((r) => r.status))];
  return present.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  function rank(s: string) {
    const i = order.indexOf(s);
    return i < 0 ? order.length : i;
  }
}

/** How many of the runs have their cell for `metric` (a run that does not log it counts: there is nothing to judge). */
export function judgedCount(runs: readonly LeaderboardRun[], cells: CellsByRun, metric: string): number {
  let n = 0;
  for (const run of runs) if (cells.get(run.runId)?.has(metric)) n++;
  return n;
}
