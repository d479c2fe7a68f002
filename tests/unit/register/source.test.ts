import { describe, expect, it } from 'vitest';
import { findRunModels, parseServerVersion, versionRequest, type RunModel, type ServerVersion } from '@/lib/register';
import { loggedModels3x, run2x, run3x, seedOf, V2, V3 } from './helpers';

const v = (text: string) => parseServerVersion(text) as ServerVersion;
const target = { name: 'Churn', exists: true };

describe('versionRequest: the source each server version expects', () => {
  const run = run2x(V3);
  const runId = run.info.run_id;
  const artifact = findRunModels(run, [])[0]!;
  const logged = findRunModels(run3x(), loggedModels3x())[0] as Extract<RunModel, { kind: 'logged-model' }>;
  const loggedRunId = run3x().info.run_id;
  const modelId = seedOf(V3).logged_model_id!;

  it.each(['2.22.5', '3.0.0', '3.5.2'])('%s, run-artifact model: the absolute artifact URI', (version) => {
    expect(versionRequest(artifact, run, v(version), target)).toEqual({
      name: 'Churn',
      source: `mlflow-artifacts:/1/${runId}/artifacts/model`,
      run_id: runId,
    });
  });

  it.each(['3.6.0', '3.6.1.dev0', '3.17.2', '4.0.0'])('%s, run-artifact model: runs:/<run>/<path>', (version) => {
    expect(versionRequest(artifact, run, v(version), target)).toEqual({ name: 'Churn', source: `runs:/${runId}/model`, run_id: runId });
  });

  it.each(['3.0.0', '3.5.2'])('%s, logged model: its artifact URI plus model_id', (version) => {
    expect(versionRequest(logged, run3x(), v(version), target)).toEqual({
      name: 'Churn',
      source: `mlflow-artifacts:/1/models/${modelId}/artifacts`,
      run_id: loggedRunId,
      model_id: modelId,
    });
  });

  it.each(['3.6.0', '3.17.2'])('%s, logged model: models:/<model_id> plus model_id', (version) => {
    expect(versionRequest(logged, run3x(), v(version), target)).toEqual({
      name: 'Churn',
      source: `models:/${modelId}`,
      run_id: loggedRunId,
      model_id: modelId,
    });
  });

  it('unknown version: the pre-3.6 form, which every server accepts', () => {
    expect(versionRequest(artifact, run, null, target).source).toBe(`mlflow-artifacts:/1/${runId}/artifacts/model`);
    expect(versionRequest(logged, run3x(), null, target).source).toBe(`mlflow-artifacts:/1/models/${modelId}/artifacts`);
  });

  it('2.22.5 recorded run: the source its own UI sends; trailing and leading slashes do not double', () => {
    const r2 = run2x(V2);
    expect(versionRequest(findRunModels(r2, [])[0]!, r2, v('2.22.5'), target).source).toBe(`${r2.info.artifact_uri}/model`);
    const slashy = { ...r2, info: { ...r2.info, artifact_uri: `${r2.info.artifact_uri}/` } };
    const model: RunModel = { kind: 'run-artifact', artifactPath: '/nested/model/', label: '' };
    expect(versionRequest(model, slashy, v('2.22.5'), target).source).toBe(`${r2.info.artifact_uri}/nested/model`);
    expect(versionRequest(model, slashy, v('3.17.2'), target).source).toBe(`runs:/${r2.info.run_id}/nested/model`);
  });

  it('falls back to runs:/ and models:/ when the server did not give the URIs; run_link only when given', () => {
    const bare = { ...run, info: { ...run.info, artifact_uri: undefined } };
    expect(versionRequest(artifact, bare, v('2.22.5'), target).source).toBe(`runs:/${runId}/model`);
    expect(versionRequest({ ...logged, artifactUri: '' }, run3x(), v('3.2.0'), target).source).toBe(`models:/${modelId}`);
    expect(versionRequest(artifact, run, v('3.17.2'), target, { runLink: 'http://h/#/runs/x' }).run_link).toBe('http://h/#/runs/x');
  });
});

describe('parseServerVersion', () => {
  it.each([
    ['3.17.2', { major: 3, minor: 17, patch: 2 }],
    ['2.22.5\n', { major: 2, minor: 22, patch: 5 }],
    ['3.6.1.dev0', { major: 3, minor: 6, patch: 1 }],
    ['3.0.0rc1', { major: 3, minor: 0, patch: 0 }],
    ['2.22', { major: 2, minor: 22, patch: 0 }],
  ])('%j', (text, expected) => expect(parseServerVersion(text)).toEqual(expected));
  it.each(['', 'OK', '<!doctype html><html>', 'version 3', '3'])('%j is not a version', (text) => expect(parseServerVersion(text)).toBeNull());
});

// Issue #15.8: run_link was location.href, query string and all (a Snowflake session URL's token, say), and
// MLflow shows it as a link to everyone who reads the version.
describe('versionRequest: run_link is the run page without a query', () => {
  const run = run2x(V3);
  const artifact = findRunModels(run, [])[0]!;
  const linkOf = (href: string) => versionRequest(artifact, run, v('3.17.2'), target, { runLink: href }).run_link;

  it('drops the page query, user info and the hash route’s own query', () => {
    expect(linkOf('https://acct.snowflakecomputing.app/mlflow/?token=SECRET&x=1#/experiments/1/runs/abc/model-metrics?searchFilter=secret'))
      .toBe('https://acct.snowflakecomputing.app/mlflow/#/experiments/1/runs/abc/model-metrics');
    expect(linkOf('http://user:pass@localhost:5000/?session=1#/experiments/1/runs/abc')).toBe('http://localhost:5000/#/experiments/1/runs/abc');
  });

  it('keeps the workspace (MLflow 3.10+), which the link needs to find the run', () => {
    expect(linkOf('http://localhost:5000/#/experiments/1/runs/abc?o=1&workspace=team-a&token=x')).toBe('http://localhost:5000/#/experiments/1/runs/abc?workspace=team-a');
  });

  it('sends no link for what is not an http(s) run page', () => {
    expect(linkOf('javascript:alert(1)//#/experiments/1')).toBeUndefined();
    expect(linkOf('not a url')).toBeUndefined();
    expect(linkOf('http://localhost:5000/?token=x')).toBe('http://localhost:5000/');
  });
});
