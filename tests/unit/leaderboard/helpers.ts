/**
 * Replays what real MLflow servers answered to the leaderboard's requests (tests/support/record-leaderboard-fixtures.mjs,
 * from the seeded Churn experiment) through a real MlflowClient: the loader's requests go through the same http
 * layer, schemas and errors as on the page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MlflowClient } from '@/lib/mlflow/client';
import * as S from '@/lib/mlflow/schemas';

export const FIXTURES = join(__dirname, '..', 'fixtures');
export const VERSIONS = ['3.17.2', '2.22.5'] as const;

interface Recorded {
  request: { method: string; path: string; query?: Record<string, unknown>; body?: unknown };
  status: number;
  body: unknown;
}

export function recorded(version: string, name: string): Recorded {
  return JSON.parse(readFileSync(join(FIXTURES, version, `leaderboard-${name}.json`), 'utf8')) as Recorded;
}

export function recordedRuns(version: string): S.Run[] {
  return S.SearchRunsResponse.parse(recorded(version, 'runs-search').body).runs ?? [];
}

export function runIdOf(version: string, name: string): string {
  const run = recordedRuns(version).find((r) => r.info.run_name === name);
  if (!run) throw new Error(`no run ${name} in the ${version} recording`);
  return run.info.run_id;
}

export interface Replay {
  client: MlflowClient;
  /** Endpoints asked, in order (`runs/search`, `metrics/get-history-bulk-interval`…). */
  asked: string[];
  /** Makes the next matching requests answer `status` with `body` (as a proxy or MLflow would), until cleared. */
  fail(endpoint: string, status: number, body: string): void;
  clear(): void;
}

/**
 * A client whose fetch answers from the recording. Bulk-interval calls are answered with the recorded points of
 * the asked runs (the recording asked for all of them at once; MLflow answers per run, so a subset is the same
 * answer narrowed). `champion`: the registered model as it was recorded before or after the alias was set.
 */
export function replay(version: string, champion: 'champion' | 'latest' = 'champion'): Replay {
  const asked: string[] = [];
  let failure: { endpoint: string; status: number; body: string } | null = null;
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  const fetch = async (input: string | URL | Request) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const endpoint = url.pathname.replace(/^.*\/mlflow\//, '');
    asked.push(endpoint);
    if (failure && endpoint === failure.endpoint) return new Response(failure.body, { status: failure.status, headers: { 'Content-Type': 'text/html' } });
    switch (endpoint) {
      case 'runs/search':
        return json(recorded(version, 'runs-search').body);
      case 'model-versions/search':
        return json(recorded(version, 'model-versions-search').body);
      case 'registered-models/get':
        return json(recorded(version, `registered-models-get-${champion}`).body);
      case 'metrics/get-history-bulk-interval': {
        const key = url.searchParams.get('metric_key')!;
        const ids = new Set(url.searchParams.getAll('run_ids'));
        const points = [`bulk-${key}`, `bulk-${key}-long`].flatMap((name) => {
          try {
            return (recorded(version, name).body as { metrics?: { run_id: string }[] }).metrics ?? [];
          } catch {
            return []; // no long run logs this key
          }
        });
        return json({ metrics: points.filter((p) => ids.has(p.run_id)) });
      }
      default:
        return new Response(JSON.stringify({ error_code: 'ENDPOINT_NOT_FOUND', message: `not recorded: ${endpoint}` }), { status: 404 });
    }
  };
  return {
    client: new MlflowClient({ baseUrl: `http://replay-${version}.test/`, fetch: fetch as typeof globalThis.fetch }),
    asked,
    fail: (endpoint, status, body) => (failure = { endpoint, status, body }),
    clear: () => (failure = null),
  };
}
