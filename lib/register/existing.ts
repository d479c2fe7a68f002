/**
 * Is this run's model already registered? A version counts when it comes from the same run and the same model,
 * whichever `source` format made it: `runs:/<run>/<path>` (3.6+ UI), the absolute artifact URI
 * (`…/<run_id>/artifacts/<path>`, 2.x and 3.0–3.5 UI), `models:/<model_id>` or the logged model's artifact URI
 * with `model_id` (3.x). Versions whose registration failed do not count.
 */
import type { ModelVersion, Run } from '../mlflow/schemas';
import type { RunModel } from './models';

export const FAILED_REGISTRATION = 'FAILED_REGISTRATION';
export const PENDING_REGISTRATION = 'PENDING_REGISTRATION';

/** The most recent version made from `model` of `run`, if any. */
export function findExistingVersion(versions: readonly ModelVersion[], model: RunModel, run: Run): ModelVersion | undefined {
  const runId = run.info.run_id;
  const matches = versions.filter((v) => {
    if (v.status === FAILED_REGISTRATION) return false;
    // A version with another run's id is another run's model, whatever its source says.
    if (v.run_id && v.run_id !== runId) return false;
    const source = trimSlashes(v.source ?? '');
    if (model.kind === 'logged-model') {
      if (v.model_id) return v.model_id === model.modelId;
      return (
        source === `models:/${model.modelId}` ||
        (model.artifactUri !== '' && source === trimSlashes(model.artifactUri)) ||
        source.endsWith(`/models/${model.modelId}/artifacts`)
      );
    }
    if (!v.run_id) return false;
    const path = trimSlashes(model.artifactPath);
    const root = trimSlashes(run.info.artifact_uri ?? '');
    return (
      source === `runs:/${runId}/${path}` ||
      (root !== '' && source === `${root}/${path}`) ||
      source.endsWith(`/${runId}/artifacts/${path}`)
    );
  });
  return matches.sort(newestFirst)[0];
}

/** Most recent first: by creation time, then by version number. */
export function newestFirst(a: ModelVersion, b: ModelVersion): number {
  return Number(b.creation_timestamp ?? 0) - Number(a.creation_timestamp ?? 0) || Number(b.version) - Number(a.version);
}

function trimSlashes(s: string): string {
  return s.trim().replace(/\/+$/, '');
}
