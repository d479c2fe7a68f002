/** Recorded responses of real MLflow servers (tests/support/record-register-fixtures.mjs) for the register tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as S from '@/lib/mlflow/schemas';

export const FIXTURES = join(__dirname, '..', 'fixtures');
export const V3 = '3.17.2';
export const V2 = '2.22.5';

export interface Recorded {
  request: { method: string; path: string; query?: Record<string, unknown>; body?: unknown };
  status: number;
  body: unknown;
}

export function recorded(version: string, name: string): Recorded {
  return JSON.parse(readFileSync(join(FIXTURES, version, `register-${name}.json`), 'utf8')) as Recorded;
}

export function seedOf(version: string): {
  runs: Record<string, { run_id: string; experiment_id: string }>;
  logged_model_id: string | null;
  experiments: { churn: { id: string; name: string } };
} {
  return JSON.parse(readFileSync(join(FIXTURES, version, 'register-seed.json'), 'utf8'));
}

/** runs/get of crawling-mole-592 (model logged the 2.x way), parsed as the client parses it. */
export function run2x(version: string): S.Run {
  return S.GetRunResponse.parse(recorded(version, 'runs-get-2x-model').body).run;
}

/** runs/get of logged-model-3x (3.17.2 only). */
export function run3x(): S.Run {
  return S.GetRunResponse.parse(recorded(V3, 'runs-get-3x-model').body).run;
}

export function loggedModels3x(): S.LoggedModel[] {
  return S.SearchLoggedModelsResponse.parse(recorded(V3, 'logged-models-search').body).models ?? [];
}

export function versionsOf(version: string, name: string): S.ModelVersion[] {
  return S.SearchModelVersionsResponse.parse(recorded(version, name).body).model_versions ?? [];
}

export function createdVersion(version: string, name: string): S.ModelVersion {
  return S.ModelVersionResponse.parse(recorded(version, name).body).model_version;
}
