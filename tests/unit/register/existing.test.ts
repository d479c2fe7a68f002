import { describe, expect, it } from 'vitest';
import type { ModelVersion } from '@/lib/mlflow/schemas';
import { findExistingVersion, findRunModels, type RunModel } from '@/lib/register';
import { createdVersion, loggedModels3x, run2x, run3x, seedOf, V2, V3, versionsOf } from './helpers';

describe('findExistingVersion on versions recorded from real servers', () => {
  it.each([V2, V3])('%s: finds the version its UI\'s source made from crawling-mole-592\'s model', (version) => {
    const run = run2x(version);
    const model = findRunModels(run, [])[0]!;
    const versions = versionsOf(version, 'model-versions-search-run-2x-model');
    expect(findExistingVersion(versions, model, run)).toMatchObject({ name: 'LensFixture', version: '1', run_id: run.info.run_id });
    // Another artifact path of the same run is another model.
    expect(findExistingVersion(versions, { kind: 'run-artifact', artifactPath: 'other', label: 'other' }, run)).toBeUndefined();
  });

  it('3.17.2: finds the logged model\'s version by its models:/ source (the server stores no model_id on it)', () => {
    const run = run3x();
    const model = findRunModels(run, loggedModels3x())[0]!;
    const versions = versionsOf(V3, 'model-versions-search-run-3x-model');
    expect(versions[0]!.model_id).toBeUndefined();
    expect(findExistingVersion(versions, model, run)).toMatchObject({ version: '2', source: `models:/${seedOf(V3).logged_model_id}` });
    // The 2.x-way model of another run is not it.
    expect(findExistingVersion([createdVersion(V3, 'model-versions-create-run-artifact')], model, run)).toBeUndefined();
  });
});

describe('findExistingVersion matching rules', () => {
  const run = run2x(V3);
  const runId = run.info.run_id;
  const artifact: RunModel = { kind: 'run-artifact', artifactPath: 'model', label: 'model' };
  const logged: RunModel = { kind: 'logged-model', modelId: 'm-abc', name: 'model', artifactUri: 'mlflow-artifacts:/1/models/m-abc/artifacts', label: '' };
  const mv = (over: Partial<ModelVersion>): ModelVersion => ({ name: 'M', version: '1', run_id: runId, status: 'READY', ...over });

  it('run-artifact models: runs:/ source, absolute URI, any store\'s …/<run>/artifacts/<path>', () => {
    for (const source of [
      `runs:/${runId}/model`,
      `runs:/${runId}/model/`,
      `${run.info.artifact_uri}/model`,
      `s3://bucket/mlartifacts/1/${runId}/artifacts/model`,
      `file:///tmp/mlruns/1/${runId}/artifacts/model`,
    ]) {
      const version = mv({ source });
      expect(findExistingVersion([version], artifact, run), source).toBe(version);
    }
    for (const source of [`runs:/${runId}/model2`, `runs:/${runId}/sub/model`, `runs:/other/model`, `models:/m-abc`]) {
      expect(findExistingVersion([mv({ source })], artifact, run), source).toBeUndefined();
    }
  });

  it('needs the same run id', () => {
    expect(findExistingVersion([mv({ source: `runs:/${runId}/model`, run_id: 'another' })], artifact, run)).toBeUndefined();
    expect(findExistingVersion([mv({ source: `runs:/${runId}/model`, run_id: undefined })], artifact, run)).toBeUndefined();
  });

  it('logged models: model_id, or a models:/<id> or artifact-URI source', () => {
    expect(findExistingVersion([mv({ source: 'whatever', model_id: 'm-abc' })], logged, run)).toMatchObject({ source: 'whatever', model_id: 'm-abc' });
    expect(findExistingVersion([mv({ source: 'models:/m-abc', model_id: 'm-other' })], logged, run)).toBeUndefined();
    expect(findExistingVersion([mv({ source: 'models:/m-abc' })], logged, run)).toMatchObject({ source: 'models:/m-abc' });
    expect(findExistingVersion([mv({ source: 'mlflow-artifacts:/1/models/m-abc/artifacts' })], logged, run)).toMatchObject({ source: 'mlflow-artifacts:/1/models/m-abc/artifacts' });
    expect(findExistingVersion([mv({ source: 'models:/m-abcd' })], logged, run)).toBeUndefined();
    // Registered from the logged model page without a run id: still this model.
    expect(findExistingVersion([mv({ source: 'models:/m-abc', run_id: undefined })], logged, run)).toMatchObject({ source: 'models:/m-abc', run_id: undefined });
  });

  it('ignores FAILED_REGISTRATION; the most recent of several wins; a pending one counts', () => {
    const source = `runs:/${runId}/model`;
    expect(findExistingVersion([mv({ source, status: 'FAILED_REGISTRATION' })], artifact, run)).toBeUndefined();
    const found = findExistingVersion(
      [
        mv({ source, version: '2', creation_timestamp: 200 }),
        mv({ source, version: '5', creation_timestamp: 500, status: 'FAILED_REGISTRATION' }),
        mv({ source, version: '3', creation_timestamp: 300, name: 'Other' }),
        mv({ source, version: '4', creation_timestamp: 400, status: 'PENDING_REGISTRATION' }),
      ],
      artifact,
      run,
    );
    expect(found).toMatchObject({ version: '4', status: 'PENDING_REGISTRATION' });
  });
});
