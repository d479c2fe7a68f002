/**
 * Every model a run has, whichever way it was logged:
 *  - the 2.x way: artifacts under the run (`<artifact_path>/MLmodel`), listed in the run tag
 *    `mlflow.log-model.history` (a JSON list of `{run_id, artifact_path, utc_time_created, flavors, model_uuid?}`;
 *    what drives MLflow's own run-header "Register model" button);
 *  - the 3.x way: logged models (`m-…`) whose `source_run_id` is the run, or listed in the run's
 *    `outputs.model_outputs`. 3.x `log_model` writes no history tag and no run artifacts for them.
 */
import { collectPages, type MlflowClient } from '../mlflow/client';
import { isMlflowError } from '../mlflow/errors';
import type { LoggedModel, Run } from '../mlflow/schemas';
import type { ServerVersion } from './server-version';
import { loggedModelsOfRun, loggedModelsWithIds } from '../mlflow/filters';

export const LOG_MODEL_HISTORY_TAG = 'mlflow.log-model.history';

export type RunModel =
  | {
      kind: 'run-artifact';
      /** Relative to the run's artifact root, e.g. `model`. */
      artifactPath: string;
      label: string;
      /** Flavors other than python_function (`sklearn`, …), or `['pyfunc']`. */
      flavors?: string[];
    }
  | {
      kind: 'logged-model';
      /** `m-<32 hex>` */
      modelId: string;
      name: string;
      /** `<experiment artifact root>/models/<model_id>/artifacts`; '' when the server did not say. */
      artifactUri: string;
      label: string;
    };

interface HistoryEntry {
  artifactPath: string;
  flavors: string[];
  time: number;
  order: number;
}

/** The entries of `mlflow.log-model.history`, de-duplicated by artifact path (the latest entry wins), oldest first. */
export function parseLogModelHistory(value: string | undefined): { artifactPath: string; flavors: string[] }[] {
  if (!value) return [];
  let entries: unknown[] = [];
  try {
    const parsed: unknown = JSON.parse(value);
    entries = Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    // Cut off (older servers truncate long tag values) or otherwise broken: keep the paths that can be read.
    entries = [...value.matchAll(/"artifact_path"\s*:\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => ({ artifact_path: safeJsonString(m[1] ?? '') }));
  }
  const byPath = new Map<string, HistoryEntry>();
  entries.forEach((entry, order) => {
    if (!entry || typeof entry !== 'object') return;
    const record = entry as Record<string, unknown>;
    const artifactPath = typeof record.artifact_path === 'string' ? normalisePath(record.artifact_path) : '';
    if (!artifactPath) return;
    const flavorsObj = record.flavors && typeof record.flavors === 'object' ? Object.keys(record.flavors as object) : [];
    const own = flavorsObj.filter((f) => f !== 'python_function');
    const flavors = own.length ? own : flavorsObj.length ? ['pyfunc'] : [];
    const time = typeof record.utc_time_created === 'string' ? Date.parse(record.utc_time_created.replace(' ', 'T') + 'Z') : NaN;
    const previous = byPath.get(artifactPath);
    const candidate: HistoryEntry = { artifactPath, flavors, time: Number.isNaN(time) ? -Infinity : time, order };
    if (!previous || candidate.time >= previous.time) byPath.set(artifactPath, candidate);
  });
  return [...byPath.values()]
    .sort((a, b) => a.time - b.time || a.order - b.order)
    .map(({ artifactPath, flavors }) => ({ artifactPath, flavors }));
}

/** The run's models: run-artifact models (latest logged first), then logged models (newest first). */
export function findRunModels(run: Run, loggedModels: readonly LoggedModel[]): RunModel[] {
  const runId = run.info.run_id;
  const history = run.data?.tags?.find((t) => t.key === LOG_MODEL_HISTORY_TAG)?.value;
  const models: RunModel[] = parseLogModelHistory(history)
    .reverse()
    .map(({ artifactPath, flavors }) => ({ kind: 'run-artifact', artifactPath, label: artifactPath, flavors }));

  const outputs = new Set((run.outputs?.model_outputs ?? []).map((o) => o.model_id));
  const seen = new Set<string>();
  const logged = loggedModels
    .filter((m) => m.info.source_run_id === runId || outputs.has(m.info.model_id))
    .filter((m) => m.info.status !== 'LOGGED_MODEL_UPLOAD_FAILED')
    .filter((m) => !seen.has(m.info.model_id) && seen.add(m.info.model_id))
    .sort((a, b) => Number(b.info.creation_timestamp_ms ?? 0) - Number(a.info.creation_timestamp_ms ?? 0));
  for (const m of logged) {
    const name = m.info.name ?? '';
    models.push({
      kind: 'logged-model',
      modelId: m.info.model_id,
      name,
      artifactUri: m.info.artifact_uri ?? '',
      label: name ? `${name} (${m.info.model_id})` : m.info.model_id,
    });
  }
  return models;
}

/** Stable identity of a run's model, for de-duplication and keys. */
export function runModelKey(model: RunModel): string {
  return model.kind === 'logged-model' ? `logged:${model.modelId}` : `artifact:${model.artifactPath}`;
}

/**
 * The run's models, asking the server for its logged models (`logged-models/search` on `source_run_id`, plus
 * the ids in `outputs.model_outputs` not found that way). A server without logged models (2.x answers the
 * endpoint with 404) simply has none; known 2.x servers are not asked.
 */
export async function loadRunModels(
  client: MlflowClient,
  run: Run,
  signal?: AbortSignal,
  options: {
    serverVersion?: ServerVersion | null;
    /** Told the names (or ids) of the run's logged models whose upload failed: they exist but can't be registered. */
    onFailedUploads?: (names: string[]) => void;
  } = {},
): Promise<RunModel[]> {
  const loggedModels: LoggedModel[] = [];
  if (!options.serverVersion || options.serverVersion.major >= 3) {
    const experimentIds = [run.info.experiment_id];
    const search = (filter: string) =>
      collectPages((pageToken) => client.searchLoggedModels({ experimentIds, filter, maxResults: 100, pageToken }, { signal }), 500);
    try {
      loggedModels.push(...(await search(loggedModelsOfRun(run.info.run_id))));
      const found = new Set(loggedModels.map((m) => m.info.model_id));
      const missing = [...new Set((run.outputs?.model_outputs ?? []).map((o) => o.model_id))].filter((id) => !found.has(id));
      if (missing.length) {
        loggedModels.push(...(await search(loggedModelsWithIds(missing))));
      }
    } catch (error) {
      if (!isMlflowError(error, 'not-found')) throw error;
    }
  }
  const failed = failedUploads(run, loggedModels);
  if (failed.length) options.onFailedUploads?.(failed);
  return findRunModels(run, loggedModels);
}

/** The run's logged models that MLflow marks `LOGGED_MODEL_UPLOAD_FAILED`, by name (or id). */
export function failedUploads(run: Run, loggedModels: readonly LoggedModel[]): string[] {
  const outputs = new Set((run.outputs?.model_outputs ?? []).map((o) => o.model_id));
  const names = loggedModels
    .filter((m) => m.info.source_run_id === run.info.run_id || outputs.has(m.info.model_id))
    .filter((m) => m.info.status === 'LOGGED_MODEL_UPLOAD_FAILED')
    .map((m) => m.info.name || m.info.model_id);
  return [...new Set(names)];
}

function normalisePath(path: string): string {
  return path.trim().replace(/^\/+|\/+$/g, '');
}

function safeJsonString(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
