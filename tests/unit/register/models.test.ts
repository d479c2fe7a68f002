import { describe, expect, it } from 'vitest';
import { MlflowClient } from '@/lib/mlflow/client';
import type { Run } from '@/lib/mlflow/schemas';
import { findRunModels, loadRunModels, parseLogModelHistory } from '@/lib/register';
import { loggedModels3x, recorded, run2x, run3x, seedOf, V2, V3 } from './helpers';

const withHistory = (value: string, base: Run = run2x(V2)): Run => ({
  ...base,
  data: { ...base.data, tags: [{ key: 'mlflow.log-model.history', value }] },
});

describe('findRunModels on runs recorded from real servers', () => {
  it.each([V2, V3])('%s: crawling-mole-592 has its 2.x-way model at "model"', (version) => {
    const run = run2x(version);
    expect(findRunModels(run, [])).toEqual([{ kind: 'run-artifact', artifactPath: 'model', label: 'model', flavors: ['pyfunc'] }]);
    // The 3.x run's logged model is not this run's.
    if (version === V3) expect(findRunModels(run, loggedModels3x())).toHaveLength(1);
  });

  it('3.17.2: logged-model-3x has its logged model, from logged-models/search and from its outputs', () => {
    const run = run3x();
    const id = seedOf(V3).logged_model_id!;
    const models = findRunModels(run, loggedModels3x());
    expect(models).toEqual([
      {
        kind: 'logged-model',
        modelId: id,
        name: 'model',
        artifactUri: `mlflow-artifacts:/1/models/${id}/artifacts`,
        label: `model (${id})`,
      },
    ]);
    // Linked by outputs only (source_run_id elsewhere): still the run's.
    const moved = loggedModels3x().map((m) => ({ ...m, info: { ...m.info, source_run_id: 'other' } }));
    expect(findRunModels(run, moved)).toHaveLength(1);
    // Neither: not the run's.
    expect(findRunModels({ ...run, outputs: {} }, moved)).toEqual([]);
  });

  it('skips logged models whose upload failed and lists each model once', () => {
    const run = run3x();
    const [m] = loggedModels3x();
    expect(findRunModels(run, [m!, m!])).toHaveLength(1);
    expect(findRunModels(run, [{ ...m!, info: { ...m!.info, status: 'LOGGED_MODEL_UPLOAD_FAILED' } }])).toEqual([]);
  });

  it('a run without models has none', () => {
    const run = run2x(V2);
    expect(findRunModels({ ...run, data: { ...run.data, tags: [] } }, [])).toEqual([]);
  });
});

describe('the mlflow.log-model.history tag, parsed defensively', () => {
  it('dedupes by artifact path, the latest entry winning, latest first in the result', () => {
    const value = JSON.stringify([
      { run_id: 'r', artifact_path: 'model', utc_time_created: '2025-01-01 10:00:00.000000', flavors: { python_function: {}, sklearn: {} } },
      { run_id: 'r', artifact_path: 'other', utc_time_created: '2025-01-01 11:00:00.000000', flavors: { python_function: {} } },
      { run_id: 'r', artifact_path: 'model', utc_time_created: '2025-01-02 10:00:00.000000', flavors: { python_function: {}, xgboost: {} } },
    ]);
    expect(findRunModels(withHistory(value), []).map((m) => [m.label, m.kind === 'run-artifact' && m.flavors])).toEqual([
      ['model', ['xgboost']],
      ['other', ['pyfunc']],
    ]);
  });

  it('ignores broken entries and reads what it can of a cut-off value', () => {
    expect(parseLogModelHistory('not json')).toEqual([]);
    expect(parseLogModelHistory('{}')).toEqual([]);
    expect(parseLogModelHistory('[null, 3, {"artifact_path": ""}, {"artifact_path": 7}, {"artifact_path": "/m/"}]')).toEqual([
      { artifactPath: 'm', flavors: [] },
    ]);
    const cut = '[{"run_id": "r", "artifact_path": "model", "flavors": {"python_function": {}}}, {"run_id": "r", "artifact_path": "second", "flav';
    expect(parseLogModelHistory(cut).map((e) => e.artifactPath)).toEqual(['model', 'second']);
  });
});

describe('loadRunModels', () => {
  function fakeClient(respond: (url: URL, body: unknown) => Response) {
    const calls: { url: URL; body: unknown }[] = [];
    const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ url, body });
      return respond(url, body);
    }) as typeof fetch;
    return { client: new MlflowClient({ baseUrl: 'http://mlflow.test/', fetch: fetchImpl }), calls };
  }
  const json = (rec: { status: number; body: unknown }) =>
    new Response(typeof rec.body === 'string' ? rec.body : JSON.stringify(rec.body), {
      status: rec.status,
      headers: { 'content-type': typeof rec.body === 'string' ? 'text/html; charset=utf-8' : 'application/json' },
    });

  it('3.x: asks logged-models/search for the run\'s experiment and source_run_id', async () => {
    const { client, calls } = fakeClient(() => json(recorded(V3, 'logged-models-search')));
    const run = run3x();
    const models = await loadRunModels(client, run);
    expect(models.map((m) => m.kind)).toEqual(['logged-model']);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url.pathname).toBe('/ajax-api/2.0/mlflow/logged-models/search');
    expect(calls[0]!.body).toMatchObject({ experiment_ids: ['1'], filter: `source_run_id = '${run.info.run_id}'` });
  });

  it('2.x: a 404 from logged-models/search (the endpoint does not exist) means no logged models', async () => {
    const html = '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>';
    const { client } = fakeClient(() => json({ status: 404, body: html }));
    expect((await loadRunModels(client, run2x(V2))).map((m) => m.kind)).toEqual(['run-artifact']);
  });

  it('a known 2.x server is not asked; other errors are thrown', async () => {
    const { client, calls } = fakeClient(() => json({ status: 500, body: { error_code: 'INTERNAL_ERROR', message: 'boom' } }));
    await loadRunModels(client, run2x(V2), undefined, { serverVersion: { major: 2, minor: 22, patch: 5 } });
    expect(calls).toHaveLength(0);
    await expect(loadRunModels(client, run2x(V2))).rejects.toMatchObject({ kind: 'server-error' });
  });

  it('looks up output models that logged-models/search on source_run_id did not return', async () => {
    const { client, calls } = fakeClient((_url, body) =>
      String((body as { filter: string }).filter).includes('model_id IN') ? json(recorded(V3, 'logged-models-search')) : json({ status: 200, body: {} }),
    );
    const models = await loadRunModels(client, run3x());
    expect(models).toHaveLength(1);
    expect(calls.map((c) => (c.body as { filter: string }).filter)).toEqual([
      `source_run_id = '${run3x().info.run_id}'`,
      `attributes.model_id IN ('${seedOf(V3).logged_model_id}')`,
    ]);
  });
});
