/**
 * "Register" in a leaderboard row: the run header's one-click path, for a run whose page is not open. The same
 * steps in the same order (its model, the experiment's default target, the description and `lens.*` tags from the
 * run's exact verdict, never twice: registerRunModel finds a version already made from the model), under the same
 * cross-tab lock as the run header's button.
 */
import type { MlflowClient } from '../mlflow/client';
import type { ModelVersion } from '../mlflow/schemas';
import { loadRunVerdict } from '../run-verdicts';
import { loadDefaultTarget, loadRunModels, loadServerVersion, registerRunModel, registrationDetails, registrationLockName, type RegisterResult } from '../register';
import type { AnalysisSettings } from '../settings';

export interface RegisterRunOptions {
  signal: AbortSignal;
  settings: Partial<AnalysisSettings>;
  /** Write the `lens.*` tags (the register menu's choice, which one-click follows). */
  writeTags: boolean;
  /** This MLflow's page base URL: the lock is per server and run. */
  base: string;
  /** Holds the Web Lock of that name while `task` runs (lib/dom/page-lock.ts on the page). */
  lock<T>(name: string, task: () => Promise<T>): Promise<T>;
  /** The run page's URL, sent as `run_link`. */
  runLink?: string;
}

/** Thrown when the run has nothing to register: said in the row. */
export class NothingToRegister extends Error {}

export async function registerRun(client: MlflowClient, runId: string, options: RegisterRunOptions): Promise<RegisterResult> {
  const { signal } = options;
  const run = await client.getRun(runId, { signal });
  const serverVersion = await loadServerVersion(client, signal);
  const models = await loadRunModels(client, run, signal, { serverVersion });
  const model = models[0];
  if (!model) throw new NothingToRegister('This run has no logged model to register.');
  const experiment = await client.getExperiment(run.info.experiment_id, { signal });
  const target = await loadDefaultTarget(client, experiment, signal);
  const judgement = await loadRunVerdict(client, runId, options.settings, signal).then((r) => r.judgement).catch(() => null);
  const details = registrationDetails(run, judgement);
  const request = { run, model, target, description: details.description, tags: options.writeTags ? details.tags : [], serverVersion, runLink: options.runLink };
  return options.lock(registrationLockName(options.base, runId), () => registerRunModel(client, request, { signal }));
}

/** `Churn v3`, as the run header's "✓ Registered as Churn v3" names a version. */
export function versionLabel(version: ModelVersion): string {
  return `${version.name} v${version.version}`;
}
