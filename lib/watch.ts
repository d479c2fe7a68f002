/**
 * Followed runs: re-judged on a timer from any open MLflow tab of their host; a change to `overfitting` or
 * `diverging`, and the run's end, become browser notifications (sent by the background); a change to `overfitting`
 * or `diverging` also badges the toolbar icon until the user looks.
 */
import type { MlflowClient } from './mlflow/client';
import { loadRunVerdict } from './run-verdicts';
import type { AnalysisSettings, WatchedRun } from './settings';

export const ALERT_VERDICTS = new Set(['overfitting', 'diverging']);

export interface WatchOutcome {
  run: WatchedRun;
  verdict: string;
  finished: boolean;
  /** Turned overfitting or diverging with this check: the toolbar badge counts it until the user looks. */
  needsAttention: boolean;
  /** Set when the change deserves a notification. */
  alert?: { id: string; title: string; message: string; url: string };
}

/** How a verdict reads in a notification ("Watch" is a verdict here, never the switch: that one is "Follow"). */
const VERDICT_WORDS: Record<string, string> = {
  overfitting: 'overfitting',
  diverging: 'diverging',
  watch: 'early signs of overfitting (Watch)',
  healthy: 'healthy',
  'too-early': 'too early to judge',
  'no-validation': 'no validation metric',
  'not-judged': 'not judged',
};

/** What one check of a followed run comes to: its new state, and a notification when it turned bad or ended. */
export function watchOutcome(
  run: WatchedRun,
  result: { runName: string; status: string; finished: boolean; verdict: string; reason?: string },
): WatchOutcome {
  const { verdict } = result;
  const turnedBad = verdict !== run.lastVerdict && ALERT_VERDICTS.has(verdict);
  const outcome: WatchOutcome = {
    run: { ...run, runName: result.runName, lastVerdict: verdict, ...(turnedBad ? { attention: true } : {}) },
    verdict,
    finished: result.finished,
    needsAttention: turnedBad,
  };
  if (result.finished) {
    const ended = result.status === 'FAILED' ? 'failed' : result.status === 'KILLED' ? 'was stopped' : 'finished';
    outcome.alert = {
      id: `lens-watch-${run.runId}-finished`,
      title: `${result.runName} ${ended}`,
      message: `Lens’s verdict: ${VERDICT_WORDS[verdict] ?? verdict}.${result.reason ? ` ${result.reason}` : ''}`,
      url: run.runUrl,
    };
  } else if (turnedBad) {
    outcome.alert = {
      id: `lens-watch-${run.runId}-${verdict}`,
      title: `${result.runName} is ${verdict === 'overfitting' ? 'overfitting' : 'diverging'}`,
      message: result.reason ?? '',
      url: run.runUrl,
    };
  }
  return outcome;
}

export async function checkWatchedRun(
  client: MlflowClient,
  run: WatchedRun,
  settings: Partial<AnalysisSettings>,
  signal: AbortSignal,
): Promise<WatchOutcome> {
  const result = await loadRunVerdict(client, run.runId, settings, signal);
  return watchOutcome(run, {
    runName: result.runName,
    status: result.status,
    finished: result.finished,
    verdict: result.judgement.verdict,
    reason: result.judgement.primary?.reason,
  });
}

/** The toolbar badge: how many followed runs turned bad since the user last looked ("" clears it). */
export function attentionBadge(runs: readonly WatchedRun[]): string {
  const count = runs.filter((r) => r.attention).length;
  return count === 0 ? '' : count > 9 ? '9+' : String(count);
}
