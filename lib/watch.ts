/**
 * Watched runs: re-judged on a timer from any open MLflow tab of their host; a change to
 * `overfitting` or `diverging` becomes a browser notification (sent by the background).
 */
import type { MlflowClient } from './mlflow/client';
import { loadRunVerdict } from './overfit';
import type { AnalysisSettings, WatchedRun } from './settings';

export const ALERT_VERDICTS = new Set(['overfitting', 'diverging']);

/** The MLflow app's address without the hash route: what identifies one MLflow across its pages. */
export function pageBase(href: string): string {
  const url = new URL(href);
  return `${url.origin}${url.pathname}`;
}

/** An MLflow's page base as people say it: host and path, no scheme or trailing slash (`localhost:5000`). */
export function shortBase(base: string): string {
  const url = new URL(base);
  return `${url.host}${url.pathname}`.replace(/\/$/, '');
}

export interface WatchOutcome {
  run: WatchedRun;
  verdict: string;
  finished: boolean;
  /** Set when the change deserves a notification. */
  alert?: { id: string; title: string; message: string; url: string };
}

export async function checkWatchedRun(
  client: MlflowClient,
  run: WatchedRun,
  settings: Partial<AnalysisSettings>,
  signal: AbortSignal,
): Promise<WatchOutcome> {
  const result = await loadRunVerdict(client, run.runId, settings, signal);
  const verdict = result.judgement.verdict;
  const changed = verdict !== run.lastVerdict;
  const outcome: WatchOutcome = { run: { ...run, lastVerdict: verdict }, verdict, finished: result.finished };
  if (changed && ALERT_VERDICTS.has(verdict)) {
    const reason = result.judgement.primary?.reason ?? '';
    outcome.alert = {
      id: `lens-watch-${run.runId}-${verdict}`,
      title: `${result.runName} is ${verdict === 'overfitting' ? 'overfitting' : 'diverging'}`,
      message: reason,
      url: run.runUrl,
    };
  }
  return outcome;
}
