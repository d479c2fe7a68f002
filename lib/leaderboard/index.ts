/**
 * The experiment leaderboard (issue #17): every run of an experiment ranked by its best validation value, with its
 * verdict, where the best was, how far it went past it, and its delta to the registered champion. Pure logic, the
 * loader (MLflow client only, no DOM) and the row's register action.
 */
export { metricCell, type MetricCell } from './cell';
export { championVersion, CHAMPION_ALIAS } from './champion';
export { leaderboardCsv } from './csv';
export { LeaderboardLoader, loadChampion, JUDGE_BATCH_RUNS, JUDGE_CONCURRENCY, MAX_LEADERBOARD_RUNS, RUNS_PAGE_SIZE, type LeaderboardLoadOptions, type LeaderboardState } from './load';
export { registerRun, versionLabel, NothingToRegister, type RegisterRunOptions } from './register-run';
export {
  defaultSort,
  filterRows,
  judgedCount,
  leaderboardRows,
  NO_FILTER,
  sortRows,
  statusesOf,
  type CellState,
  type CellsByRun,
  type Champion,
  type LeaderboardRow,
  type RowFilter,
  type SortColumn,
  type SortOrder,
} from './rows';
export { keysFor, leaderboardRun, metricChoices, type LeaderboardRun, type MetricChoice } from './runs';
