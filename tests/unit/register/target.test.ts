import { describe, expect, it } from 'vitest';
import { MlflowClient } from '@/lib/mlflow/client';
import type { ModelVersion } from '@/lib/mlflow/schemas';
import { defaultChangeNotice, defaultTarget, loadDefaultTarget, RUN_IDS_PER_SEARCH } from '@/lib/register';
import { recorded, V2, V3, versionsOf } from './helpers';

const EXPERIMENT = 'HM_Dataset/binary_classification/Churn';

describe('defaultTarget', () => {
  it.each([V2, V3])('%s: the seeded Churn model holds a version of an experiment run', (version) => {
    const versions = versionsOf(version, 'model-versions-search-experiment');
    expect(versions.map((v) => v.name)).toContain('Churn');
    expect(defaultTarget(versions, EXPERIMENT)).toEqual({ name: 'Churn', exists: true });
  });

  it('the model with the most recent version wins; failed registrations do not count', () => {
    const mv = (name: string, t: number, status = 'READY'): ModelVersion => ({ name, version: '1', creation_timestamp: t, status });
    expect(defaultTarget([mv('A', 100), mv('B', 300), mv('C', 200)], EXPERIMENT)).toEqual({ name: 'B', exists: true });
    expect(defaultTarget([mv('A', 100), mv('B', 300, 'FAILED_REGISTRATION')], EXPERIMENT)).toEqual({ name: 'A', exists: true });
  });

  it('no versions: a new model named after the experiment', () => {
    expect(defaultTarget([], EXPERIMENT)).toEqual({ name: 'Churn', exists: false });
    expect(defaultTarget([], 'team:x/sales:2024')).toEqual({ name: 'sales-2024', exists: false });
  });
});

describe('loadDefaultTarget', () => {
  function fakeServer(opts: { runCount: number; refuseIn?: boolean; modelExists?: boolean }) {
    const calls: URL[] = [];
    const runs = Array.from({ length: opts.runCount }, (_, i) => ({ info: { run_id: `r${String(i).padStart(31, '0')}`, experiment_id: '7' } }));
    const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      calls.push(url);
      const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      if (url.pathname.endsWith('runs/search')) {
        const body = JSON.parse(String(init?.body));
        const start = body.page_token ? Number(body.page_token) : 0;
        const page = runs.slice(start, start + body.max_results);
        const next = start + body.max_results < runs.length ? String(start + body.max_results) : undefined;
        return ok({ runs: page, next_page_token: next });
      }
      if (url.pathname.endsWith('model-versions/search')) {
        const filter = url.searchParams.get('filter') ?? '';
        if (opts.refuseIn && filter.includes(' IN ')) {
          return new Response(JSON.stringify({ error_code: 'INVALID_PARAMETER_VALUE', message: 'Invalid clause(s) in filter string: IN' }), { status: 400 });
        }
        const hit = runs[3]?.info.run_id ?? "none";
        return ok(filter.includes(hit) ? { model_versions: [{ name: 'Existing', version: '2', run_id: hit, status: 'READY', creation_timestamp: 5 }] } : {});
      }
      if (url.pathname.endsWith('registered-models/get')) {
        if (!opts.modelExists && url.searchParams.get('name') !== 'Existing') {
          return new Response(JSON.stringify({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'not found' }), { status: 404 });
        }
        return ok({ registered_model: { name: url.searchParams.get('name'), latest_versions: [{ name: 'x', version: '3' }, { name: 'x', version: '7' }] } });
      }
      throw new Error(`unexpected ${url}`);
    }) as typeof fetch;
    return { client: new MlflowClient({ baseUrl: 'http://mlflow.test/', fetch: fetchImpl }), calls };
  }

  it('looks at the 200 most recent runs, asking run_id IN (…) in chunks short enough for 2.x\'s request-line limit', async () => {
    const { client, calls } = fakeServer({ runCount: 450 });
    const target = await loadDefaultTarget(client, { experiment_id: '7', name: EXPERIMENT });
    expect(target).toEqual({ name: 'Existing', exists: true, nextVersion: 8 });
    const searches = calls.filter((u) => u.pathname.endsWith('model-versions/search'));
    expect(searches).toHaveLength(Math.ceil(200 / RUN_IDS_PER_SEARCH));
    for (const u of searches) expect(u.href.length).toBeLessThan(4000);
  });

  it('falls back to one run_id = … search per recent run when IN is refused', async () => {
    const { client, calls } = fakeServer({ runCount: 50, refuseIn: true });
    const target = await loadDefaultTarget(client, { experiment_id: '7', name: EXPERIMENT });
    expect(target.name).toBe('Existing');
    expect(calls.filter((u) => /^run_id ?= ?'/.test(u.searchParams.get('filter') ?? '')).length).toBe(20);
  });

  it('no versions: the experiment name; exists tells whether a model has that name already', async () => {
    const fresh = fakeServer({ runCount: 2 });
    expect(await loadDefaultTarget(fresh.client, { experiment_id: '7', name: 'a/Sales' })).toEqual({ name: 'Sales', exists: false, nextVersion: 1 });
    const taken = fakeServer({ runCount: 2, modelExists: true });
    expect(await loadDefaultTarget(taken.client, { experiment_id: '7', name: 'a/Sales' })).toEqual({ name: 'Sales', exists: true, nextVersion: 8 });
  });

  it('recorded run_id IN (…) answers parse on both lines', () => {
    for (const v of [V2, V3]) expect(recorded(v, 'model-versions-search-experiment').request.query?.filter).toMatch(/^run_id IN \(/);
  });
});

describe('defaultChangeNotice', () => {
  const churn = { name: 'Churn', exists: true };
  it('is silent when the name is the default, blank, or the default with spaces', () => {
    expect(defaultChangeNotice(churn, 'Churn')).toBeNull();
    expect(defaultChangeNotice(churn, '  Churn ')).toBeNull();
    expect(defaultChangeNotice(churn, '   ')).toBeNull();
  });
  it('names the new default and the old one when another name is chosen', () => {
    expect(defaultChangeNotice(churn, 'Churn-exp ')).toBe('Other runs of this experiment will then register to "Churn-exp" in one click, not to "Churn".');
  });
});
