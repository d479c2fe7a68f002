/**
 * The `model-versions/create` request for a run's model, with the `source` the server's own UI sends:
 *  - 3.6+ (MLflow PR #18501): `models:/<model_id>` plus `model_id` for logged models, `runs:/<run_id>/<path>`
 *    for run-artifact models;
 *  - before 3.6, and when the version is unknown: the absolute artifact URI — `<run artifact_uri>/<path>`
 *    for run-artifact models, the logged model's `artifact_uri` plus `model_id` (3.0–3.5) for logged models.
 * `run_id` is always set, so the version links back to its run on every server.
 */
import type { Run } from '../mlflow/schemas';
import type { RunModel } from './models';
import { isAtLeast, type ServerVersion } from './server-version';

export interface VersionRequest {
  name: string;
  source: string;
  run_id: string;
  model_id?: string;
  /** See `runLink`: never the page's query string. */
  run_link?: string;
}

export function usesModelUriSources(serverVersion: ServerVersion | null): boolean {
  return serverVersion !== null && isAtLeast(serverVersion, 3, 6);
}

export function versionRequest(
  model: RunModel,
  run: Run,
  serverVersion: ServerVersion | null,
  target: { name: string },
  options: { runLink?: string } = {},
): VersionRequest {
  const runId = run.info.run_id;
  const modern = usesModelUriSources(serverVersion);
  const request: VersionRequest = { name: target.name, source: '', run_id: runId };
  if (model.kind === 'logged-model') {
    request.source = modern || !model.artifactUri ? `models:/${model.modelId}` : model.artifactUri;
    request.model_id = model.modelId;
  } else {
    const path = model.artifactPath.replace(/^\/+|\/+$/g, '');
    const root = (run.info.artifact_uri ?? '').replace(/\/+$/, '');
    request.source = modern || !root ? `runs:/${runId}/${path}` : `${root}/${path}`;
  }
  const link = options.runLink ? runLink(options.runLink) : undefined;
  if (link) request.run_link = link;
  return request;
}

/**
 * The `run_link` MLflow shows every reader of the version: the run page's origin, path and hash route, and
 * the route's `workspace` (MLflow 3.10+) — never the page's query string (a Snowflake session URL's token),
 * the route's other parameters or user info. Undefined for what is not an http(s) address.
 */
export function runLink(pageUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const [route = '', query = ''] = url.hash.slice(1).split('?', 2);
  const workspace = new URLSearchParams(query).get('workspace');
  const hash = route ? `#${route}${workspace ? `?${new URLSearchParams({ workspace })}` : ''}` : '';
  return `${url.origin}${url.pathname}${hash}`;
}
