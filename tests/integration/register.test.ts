/**
 * One-click registration (lib/register) against real MLflow servers of both lines. Every result is checked
 * through the REST API with plain fetch, not only through what registerRunModel returns. Node's fetch stands
 * in for the page's; URLs, headers and bodies are the ones the content script sends.
 *
 * Each test uses its own registered model name. crawling-mole-592 (the seeded 2.x-way model) is registered by
 * one test only: a run's model is registered once, whatever the target, so the other tests register runs of
 * their own, made the way seed.py's log_model_2x_way makes them (a run in the Churn experiment with the
 * `mlflow.log-model.history` tag; registration does not read the artifacts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MlflowClient } from '@/lib/mlflow/client';
import { isMlflowError } from '@/lib/mlflow/errors';
import type { ModelVersion, Run } from '@/lib/mlflow/schemas';
import {
  findRunModels,
  loadDefaultTarget,
  loadRunModels,
  loadServerVersion,
  registerRunModel,
  RegistrationError,
  type RunModel,
  type ServerVersion,
} from '@/lib/register';
import { MLFLOW_VERSIONS, startMlflow } from '../support/mlflow-server.mjs';

type Server = Awaited<ReturnType<typeof startMlflow>>;
const API = 'ajax-api/2.0/mlflow/';

interface Sent {
  method: string;
  path: string;
  body: any;
}

/** A fetch that records what goes out (method, path, JSON body). */
function countingFetch(): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const fn = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    sent.push({ method: init?.method ?? 'GET', path: url.pathname, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    return fetch(input, init);
  }) as typeof fetch;
  return { fetch: fn, sent };
}

describe.each([MLFLOW_VERSIONS.latest, MLFLOW_VERSIONS.v2])('MLflow %s: one-click register', (version) => {
  const isV3 = Number(version.split('.')[0]) >= 3;
  let server: Server;
  let client: MlflowClient;
  let serverVersion: ServerVersion | null;
  let churnId: string;
  let clones = 0;

  /** GET on the REST API, JSON body. */
  async function rest(endpoint: string, query: Record<string, string>): Promise<any> {
    const url = new URL(`${API}${endpoint}`, server.url);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const res = await fetch(url, { headers: { 'Content-Type': 'application/json' } });
    const body = await res.json();
    if (!res.ok) throw new Error(`${endpoint}: HTTP ${res.status} ${JSON.stringify(body)}`);
    return body;
  }
  async function post(endpoint: string, body: unknown): Promise<any> {
    const res = await fetch(new URL(`${API}${endpoint}`, server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${endpoint}: HTTP ${res.status} ${JSON.stringify(json)}`);
    return json;
  }
  const versionsOfRun = async (runId: string): Promise<ModelVersion[]> =>
    (await rest('model-versions/search', { filter: `run_id='${runId}'`, max_results: '1000' })).model_versions ?? [];
  const versionsOfModel = async (name: string): Promise<ModelVersion[]> =>
    (await rest('model-versions/search', { filter: `name='${name}'`, max_results: '1000' })).model_versions ?? [];
  const seedRun = (name: string) => server.seed!.runs[name]!.run_id;

  /** A new Churn run with a model logged the 2.x way (the history tag), as the content script would load it. */
  async function modelRun(): Promise<{ run: Run; model: RunModel }> {
    const created = (await post('runs/create', { experiment_id: churnId, run_name: `lens-register-${++clones}`, start_time: Date.now() })).run;
    const runId: string = created.info.run_id;
    const history = [{ run_id: runId, artifact_path: 'model', utc_time_created: '2025-01-01 00:00:00.000000', flavors: { python_function: {} } }];
    await post('runs/set-tag', { run_id: runId, key: 'mlflow.log-model.history', value: JSON.stringify(history) });
    const run = await client.getRun(runId);
    const models = await loadRunModels(client, run, undefined, { serverVersion });
    expect(models).toHaveLength(1);
    return { run, model: models[0]! };
  }

  beforeAll(async () => {
    server = await startMlflow({ version, quiet: true });
    client = new MlflowClient({ baseUrl: server.url });
    serverVersion = await loadServerVersion(client);
    churnId = server.seed!.experiments.churn.id;
  });
  afterAll(async () => server?.stop());

  it('reads the server version from its version endpoint', async () => {
    expect(await client.getServerVersion()).toBe(version);
    expect(serverVersion).toEqual({
      major: Number(version.split('.')[0]),
      minor: Number(version.split('.')[1]),
      patch: Number(version.split('.')[2]),
    });
  });

  it('finds each run\'s model, whichever way it was logged', async () => {
    const mole = await client.getRun(seedRun('crawling-mole-592'));
    expect(await loadRunModels(client, mole, undefined, { serverVersion })).toEqual([
      { kind: 'run-artifact', artifactPath: 'model', label: 'model', flavors: ['pyfunc'] },
    ]);
    // Without the version known, 2.x's missing logged-models endpoint (404) means "none".
    expect(await loadRunModels(client, mole)).toHaveLength(1);
    const plain = await client.getRun(seedRun(server.seed!.overfitting_run));
    expect(await loadRunModels(client, plain)).toEqual([]);
    if (isV3) {
      const run3x = await client.getRun(seedRun('logged-model-3x'));
      const models = await loadRunModels(client, run3x, undefined, { serverVersion });
      expect(models).toMatchObject([{ kind: 'logged-model', modelId: server.seed!.logged_model_id, name: 'model' }]);
    }
  });

  it('registers crawling-mole-592\'s model to a new model with the right source and run_id; again: "existing", nothing created', async () => {
    const run = await client.getRun(seedRun('crawling-mole-592'));
    const [model] = await loadRunModels(client, run, undefined, { serverVersion });
    const name = `Lens Mole ${version}`;
    const result = await registerRunModel(client, { run, model: model!, target: { name, exists: false }, serverVersion });
    expect(result).toMatchObject({ outcome: 'created', createdModel: true, aliasSet: false, version: { name, version: '1', status: 'READY' } });

    const stored = (await rest('model-versions/get', { name, version: '1' })).model_version;
    expect(stored.run_id).toBe(run.info.run_id);
    if (isV3) {
      expect(stored.source).toBe(`runs:/${run.info.run_id}/model`);
    } else {
      expect(stored.source).toBe(`${run.info.artifact_uri}/model`);
      expect(stored.source).toMatch(new RegExp(`^mlflow-artifacts:/${churnId}/${run.info.run_id}/artifacts/model$`));
    }

    const before = await versionsOfRun(run.info.run_id);
    const counting = countingFetch();
    const again = new MlflowClient({ baseUrl: server.url, fetch: counting.fetch });
    const second = await registerRunModel(again, { run, model: model!, target: { name: `Lens Mole other ${version}`, exists: false }, serverVersion });
    expect(second).toMatchObject({ outcome: 'existing', createdModel: false, version: { name, version: '1' } });
    expect(counting.sent.map((s) => s.method)).toEqual(['GET']);
    expect(await versionsOfRun(run.info.run_id)).toHaveLength(before.length);
    await expect(rest('registered-models/get', { name: `Lens Mole other ${version}` })).rejects.toThrow(/404/);
  });

  it('ten calls at once (ten clients of one page) create exactly one version', async () => {
    const { run, model } = await modelRun();
    const name = `Lens Concurrent ${version}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        registerRunModel(new MlflowClient({ baseUrl: server.url }), { run, model, target: { name, exists: false }, serverVersion }),
      ),
    );
    expect(new Set(results.map((r) => `${r.version.name} v${r.version.version}`))).toEqual(new Set([`${name} v1`]));
    expect(await versionsOfRun(run.info.run_id)).toHaveLength(1);
    expect(await versionsOfModel(name)).toHaveLength(1);
    // Once settled, another click finds it.
    expect((await registerRunModel(client, { run, model, target: { name, exists: true }, serverVersion })).outcome).toBe('existing');
  });

  it('registering to an existing model (Churn) makes its next version', async () => {
    const { run, model } = await modelRun();
    const highest = Math.max(...(await versionsOfModel('Churn')).map((v) => Number(v.version)));
    const counting = countingFetch();
    const result = await registerRunModel(
      new MlflowClient({ baseUrl: server.url, fetch: counting.fetch }),
      { run, model, target: { name: 'Churn', exists: true }, serverVersion },
    );
    expect(result).toMatchObject({ outcome: 'created', createdModel: false, version: { name: 'Churn', version: String(highest + 1) } });
    expect(counting.sent.some((s) => s.path.endsWith('registered-models/create'))).toBe(false);
    const stored = (await rest('model-versions/get', { name: 'Churn', version: String(highest + 1) })).model_version;
    expect(stored.run_id).toBe(run.info.run_id);
  });

  it('a new target that exists already ("already exists") gets the version; the alias champion is set and readable', async () => {
    const { run, model } = await modelRun();
    const name = `Lens Alias ${version}`;
    await post('registered-models/create', { name });
    const result = await registerRunModel(client, {
      run,
      model,
      target: { name, exists: false },
      alias: 'champion',
      description: 'Registered by Lens from a test.',
      tags: [{ key: 'lens.source_run_id', value: run.info.run_id }],
      serverVersion,
    });
    expect(result).toMatchObject({ outcome: 'created', createdModel: false, aliasSet: true, version: { name, version: '1', aliases: ['champion'] } });
    const byAlias = (await rest('registered-models/alias', { name, alias: 'champion' })).model_version;
    expect(byAlias).toMatchObject({ name, version: '1', run_id: run.info.run_id, description: 'Registered by Lens from a test.' });
    expect(byAlias.aliases).toContain('champion');
    expect(byAlias.tags).toEqual([{ key: 'lens.source_run_id', value: run.info.run_id }]);
    expect((await client.getModelVersionByAlias(name, 'champion')).version).toBe('1');
  });

  it('an invalid name or alias is refused before any request', async () => {
    const run = await client.getRun(seedRun('calm-otter-88'));
    const model = findRunModels(run, [])[0]!;
    const counting = countingFetch();
    const watched = new MlflowClient({ baseUrl: server.url, fetch: counting.fetch });
    for (const bad of [
      { target: { name: 'team/churn', exists: false } },
      { target: { name: 'team:churn', exists: false } },
      { target: { name: '', exists: false } },
      { target: { name: 'Fine', exists: false }, alias: 'latest' },
      { target: { name: 'Fine', exists: false }, alias: 'v1' },
      { target: { name: 'Fine', exists: false }, alias: 'a b' },
    ]) {
      const error = await registerRunModel(watched, { run, model, serverVersion, ...bad }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isMlflowError(error, 'invalid-input'), JSON.stringify(bad)).toBe(true);
    }
    expect(counting.sent).toEqual([]);
    await expect(rest('registered-models/get', { name: 'Fine' })).rejects.toThrow(/404/);
  });

  it('model created, version refused by the server: the error says the model was created; the retry reuses it', async () => {
    const { run } = await modelRun();
    const name = `Lens Partial ${version}`;
    // A source MLflow refuses (path traversal): the model is created, the version is not.
    const bad: RunModel = { kind: 'run-artifact', artifactPath: 'model/../../../../etc', label: 'bad' };
    const error = await registerRunModel(client, { run, model: bad, target: { name, exists: false }, serverVersion }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RegistrationError);
    expect((error as RegistrationError).kind).toBe('invalid-input');
    expect((error as Error).message).toMatch(new RegExp(`^The registered model "${name}" was created, but its version was not: .+; retrying will reuse it\\.$`));
    expect((await rest('registered-models/get', { name })).registered_model.name).toBe(name);
    expect(await versionsOfModel(name)).toHaveLength(0);

    const good: RunModel = { kind: 'run-artifact', artifactPath: 'model', label: 'model' };
    const retry = await registerRunModel(client, { run, model: good, target: { name, exists: false }, serverVersion });
    expect(retry).toMatchObject({ outcome: 'created', createdModel: false, version: { name, version: '1' } });
  });

  it('the default target is the model with the most recent version from the experiment\'s runs', async () => {
    const experiment = await client.getExperiment(churnId);
    const target = await loadDefaultTarget(client, experiment);
    // The same answer, found another way: one run_id = '…' search per run.
    const runs = await client.searchAllRuns({ experimentIds: [churnId] });
    const all = (await Promise.all(runs.map((r) => versionsOfRun(r.info.run_id)))).flat();
    const newest = all.sort((a, b) => Number(b.creation_timestamp) - Number(a.creation_timestamp))[0]!;
    expect(target).toMatchObject({ name: newest.name, exists: true });
    const highest = Math.max(...(await versionsOfModel(newest.name)).map((v) => Number(v.version)));
    expect(target.nextVersion).toBe(highest + 1);

    const sales = await client.getExperiment(server.seed!.experiments.sales.id);
    expect(await loadDefaultTarget(client, sales)).toEqual({ name: 'Sales', exists: false, nextVersion: 1 });
  });

  it.runIf(isV3)('registers the 3.x logged model as models:/<model_id> with model_id', async () => {
    const run = await client.getRun(seedRun('logged-model-3x'));
    const [model] = await loadRunModels(client, run, undefined, { serverVersion });
    const modelId = server.seed!.logged_model_id!;
    expect(model).toMatchObject({ kind: 'logged-model', modelId });
    const name = `Lens Logged ${version}`;
    const counting = countingFetch();
    const result = await registerRunModel(new MlflowClient({ baseUrl: server.url, fetch: counting.fetch }), {
      run,
      model: model!,
      target: { name, exists: false },
      serverVersion,
    });
    expect(result).toMatchObject({ outcome: 'created', createdModel: true, version: { name, version: '1' } });
    const sent = counting.sent.find((s) => s.path.endsWith('model-versions/create'))!;
    expect(sent.body).toEqual({ name, source: `models:/${modelId}`, run_id: run.info.run_id, model_id: modelId });

    const stored = (await rest('model-versions/get', { name, version: '1' })).model_version;
    expect(stored).toMatchObject({ source: `models:/${modelId}`, run_id: run.info.run_id });
    // 3.17 does not return model_id on model versions; the logged model records the registration instead.
    const logged = (await rest(`logged-models/${modelId}`, {})).model;
    const tag = (logged.info.tags as { key: string; value: string }[]).find((t) => t.key === 'mlflow.modelVersions');
    expect(JSON.parse(tag!.value)).toContainEqual({ name, version: 1 });

    const again = await registerRunModel(client, { run, model: model!, target: { name: 'Elsewhere', exists: false }, serverVersion });
    expect(again).toMatchObject({ outcome: 'existing', version: { name, version: '1' } });
    expect(await versionsOfRun(run.info.run_id)).toHaveLength(1);
  });
});

describe.each([MLFLOW_VERSIONS.latest, MLFLOW_VERSIONS.v2])('MLflow %s with --static-prefix /mlflow', (version) => {
  let server: Server;
  beforeAll(async () => {
    server = await startMlflow({ version, staticPrefix: '/mlflow', seed: false, quiet: true });
  });
  afterAll(async () => server?.stop());

  it('finds the version endpoint (under the prefix on 3.17, at the origin root on 2.22)', async () => {
    const counting = countingFetch();
    const client = new MlflowClient({ baseUrl: server.url, fetch: counting.fetch });
    expect(await client.getServerVersion()).toBe(version);
    const isV3 = Number(version.split('.')[0]) >= 3;
    expect(counting.sent.map((s) => s.path)).toEqual(isV3 ? ['/mlflow/version'] : ['/mlflow/version', '/version']);
    // 2.x has no logged-models endpoint at all: "no logged models", not an error.
    const run = { info: { run_id: '0'.repeat(32), experiment_id: '0' } } as Run;
    expect(await loadRunModels(client, run)).toEqual([]);
  });
});
