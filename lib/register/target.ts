/**
 * Where a run's model goes by default: the registered model that already holds versions from the experiment's
 * runs (the one with the most recent such version), else a new model named after the experiment
 * (`defaultModelName`).
 */
import { collectPages, type MlflowClient } from '../mlflow/client';
import { isMlflowError } from '../mlflow/errors';
import type { ModelVersion } from '../mlflow/schemas';
import { FAILED_REGISTRATION, newestFirst } from './existing';
import { defaultModelName } from './names';
import { NEWEST_RUNS_FIRST, versionsOfRun, versionsOfRuns } from '../mlflow/filters';

export interface RegisterTarget {
  name: string;
  /** The registered model exists already (only a version is created). */
  exists: boolean;
}

export interface DefaultTarget extends RegisterTarget {
  /** The version number the next registration will most likely get (for "Register as Churn · v4"). */
  nextVersion: number;
}

/** Runs of the experiment looked at (the most recent ones). */
export const DEFAULT_TARGET_MAX_RUNS = 200;
/**
 * Run ids per `model-versions/search` call. The filter travels in the URL, and 2.x's gunicorn refuses request
 * lines over 4094 bytes: 40 quoted, URL-encoded ids take about 1,700.
 */
export const RUN_IDS_PER_SEARCH = 40;
/** When the server rejects `run_id IN (…)`, this many of the most recent runs are asked one by one. */
const EQUALITY_FALLBACK_RUNS = 20;

export function defaultTarget(experimentVersions: readonly ModelVersion[], experimentName: string): RegisterTarget {
  const latest = experimentVersions.filter((v) => v.status !== FAILED_REGISTRATION).sort(newestFirst)[0];
  if (latest) return { name: latest.name, exists: true };
  return { name: defaultModelName(experimentName), exists: false };
}

/** The model versions made from the given runs (`run_id IN (…)` in chunks; one run at a time if IN is refused). */
export async function searchVersionsOfRuns(
  client: MlflowClient,
  runIds: readonly string[],
  signal?: AbortSignal,
): Promise<ModelVersion[]> {
  const opts = { signal };
  const all = (filter: string) =>
    collectPages((pageToken) => client.searchModelVersions({ filter, maxResults: 1_000, pageToken }, opts), 5_000);
  const chunks: string[][] = [];
  for (let i = 0; i < runIds.length; i += RUN_IDS_PER_SEARCH) chunks.push(runIds.slice(i, i + RUN_IDS_PER_SEARCH));
  try {
    const pages = await Promise.all(chunks.map((ids) => all(versionsOfRuns(ids))));
    return pages.flat();
  } catch (error) {
    if (!isMlflowError(error, 'invalid-input')) throw error;
    const pages = await Promise.all(runIds.slice(0, EQUALITY_FALLBACK_RUNS).map((id) => all(versionsOfRun(id))));
    return pages.flat();
  }
}

/**
 * The default target for registering a model of `experiment`'s runs, looking at its `maxRuns` most recent
 * runs; `exists` and `nextVersion` are checked with `registered-models/get`.
 */
export async function loadDefaultTarget(
  client: MlflowClient,
  experiment: { experiment_id: string; name: string },
  signal?: AbortSignal,
  options: { maxRuns?: number } = {},
): Promise<DefaultTarget> {
  const maxRuns = options.maxRuns ?? DEFAULT_TARGET_MAX_RUNS;
  const runs = await client.searchAllRuns(
    { experimentIds: [experiment.experiment_id], orderBy: [NEWEST_RUNS_FIRST], maxResults: Math.min(maxRuns, 1_000) },
    maxRuns,
    { signal },
  );
  const versions = await searchVersionsOfRuns(client, runs.map((r) => r.info.run_id), signal);
  const target = defaultTarget(versions, experiment.name);
  try {
    const model = await client.getRegisteredModel(target.name, { signal });
    const highest = Math.max(0, ...(model.latest_versions ?? []).map((v) => Number(v.version) || 0));
    return { name: target.name, exists: true, nextVersion: highest + 1 };
  } catch (error) {
    if (!isMlflowError(error, 'not-found')) throw error;
    return { name: target.name, exists: false, nextVersion: 1 };
  }
}

/**
 * What registering to `name` does to the one-click default of the experiment's other runs: the default is the
 * model holding the experiment's newest version, so another name becomes their default too. null when it stays.
 */
export function defaultChangeNotice(current: RegisterTarget, name: string): string | null {
  const next = name.trim();
  if (next === '' || next === current.name) return null;
  return `Other runs of this experiment will then register to "${next}" in one click, not to "${current.name}".`;
}
