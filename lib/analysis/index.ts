/**
 * Lens' analysis: pure functions over metric histories (typed arrays in, plain data out). No DOM, no browser
 * API, no UI: the same code runs in Node, in tests, in benchmarks and on the page.
 */
export { cleanSeries, cleanColumns, type SeriesColumns } from './series';
export { debiasedEma, clampSmoothingWeight, MAX_SMOOTHING_WEIGHT } from './smoothing';
export {
  metricDirection,
  metricBaseName,
  metricTokens,
  type Direction,
  type MetricDirection,
} from './direction';
export { stepAxis, epochKey, formatAt, positionOf, STEP_AXIS, type StepAxis } from './epochs';
export {
  pairMetrics,
  pairingLookedFor,
  byPriority,
  isJobMetric,
  type MetricPair,
  type PairOverride,
  type PairingResult,
} from './pairing';
export {
  judgePair,
  judgeRun,
  DEFAULT_VERDICT_PARAMS,
  type Verdict,
  type VerdictParams,
  type SeriesLike,
  type PairJudgement,
  type RunJudgement,
  type JudgeRunOptions,
} from './verdict';
