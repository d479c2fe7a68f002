/**
 * The runs a leaderboard lists, as `runs/search` gives them, and which of their validation metrics it can rank
 * them by. Pairing needs only the runs' metric keys, so the choice of metric is known before any history is read.
 */
import { epochKey, pairMetrics, type PairOverride } from '../analysis';
import type { Run } from '../mlflow/schemas';
import { autologFlavour, metricKeys } from '../run-verdicts';

export interface LeaderboardRun {
  runId: string;
  /** MLflow's run name (user text: shown as text only); the id when the run has none. */
  runName: string;
  experimentId: string;
  status: string;
  startTime: number | null;
  keys: readonly string[];
  autologFlavour: string | null;
  /** The run as `runs/search` answered: its latest metric steps tell which histories are long. */
  run: Run;
}

export function leaderboardRun(run: Run): LeaderboardRun {
  const start = Number(run.info.start_time);
  return {
    runId: run.info.run_id,
    runName: run.info.run_name || run.info.run_id,
    experimentId: run.info.experiment_id,
    status: run.info.status ?? 'UNKNOWN',
    startTime: Number.isFinite(start) && run.info.start_time !== undefined ? start : null,
    keys: metricKeys(run),
    autologFlavour: autologFlavour(run),
    run,
  };
}

export interface MetricChoice {
  /** A validation key. */
  key: string;
  /** Runs that log it. */
  runs: number;
  /** Runs whose primary pair it is (the metric their badge judges). */
  primaryOf: number;
}

/**
 * The validation metrics the runs log, the one most runs are judged on first (their badge's metric), then by how
 * many runs log it, then by name. The first is the leaderboard's default.
 */
export function metricChoices(runs: readonly LeaderboardRun[], overrides: readonly PairOverride[] = []): MetricChoice[] {
  const byKey = new Map<string, MetricChoice>();
  for (const run of runs) {
    const { pairs, primary } = pairMetrics(run.keys, overrides);
    for (const pair of pairs) {
      const choice = byKey.get(pair.validation) ?? { key: pair.validation, runs: 0, primaryOf: 0 };
      choice.runs++;
      if (pair === primary) choice.primaryOf++;
      byKey.set(pair.validation, choice);
    }
  }
  return [...byKey.values()].sort((a, b) => b.primaryOf - a.primaryOf || b.runs - a.runs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Training keys tried per pair, as the runs table does (the Trainer's one-value `train_loss`, then `loss`). */
const MAX_TRAIN_CANDIDATES = 3;

/**
 * The histories `metric`'s verdict needs for this run: the validation key, its training candidates and the run's
 * `epoch` metric. Empty when the run does not log `metric` as a validation metric.
 */
export function keysFor(run: LeaderboardRun, metric: string, overrides: readonly PairOverride[] = []): string[] {
  const pair = pairMetrics(run.keys, overrides).pairs.find((p) => p.validation === metric);
  if (!pair) return [];
  const epoch = epochKey(run.keys);
  return [...new Set([pair.validation, ...pair.trainCandidates.slice(0, MAX_TRAIN_CANDIDATES), ...(epoch ? [epoch] : [])])];
}
