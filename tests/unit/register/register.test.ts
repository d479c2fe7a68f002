/**
 * registerRunModel against an in-memory registry that speaks MLflow's REST dialect (status codes and error
 * bodies as the real servers send them), so the paths a real OSS server never takes (PENDING_REGISTRATION,
 * FAILED_REGISTRATION, failures between steps) are exercised too. The real servers: tests/integration/register.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '@/lib/mlflow/client';
import { isMlflowError } from '@/lib/mlflow/errors';
import type { ModelVersion } from '@/lib/mlflow/schemas';
import {
  findRunModels,
  parseServerVersion,
  registerRunModel,
  RegistrationError,
  registrationLockName,
  type RegisterRequest,
  type RegisterStage,
} from '@/lib/register';
import { run2x, V3 } from './helpers';

type Status = 'READY' | 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION';

class FakeRegistry {
  readonly models = new Map<string, { versions: ModelVersion[]; aliases: Map<string, string> }>();
  readonly calls: { method: string; endpoint: string; body?: any; query: URLSearchParams }[] = [];
  /** Status of new versions, and how many `get`s they stay PENDING before `settlesTo`. */
  newStatus: Status = 'READY';
  pendingGets = 0;
  settlesTo: Status = 'READY';
  statusMessage = '';
  /** endpoint → responses to give instead of the normal answer (consumed in order). */
  readonly failures = new Map<string, Response[]>();
  delayMs = 0;
  private gets = new Map<string, number>();

  readonly fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const endpoint = url.pathname.replace(/^.*\/mlflow\//, '');
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    this.calls.push({ method, endpoint, body, query: url.searchParams });
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const failure = this.failures.get(endpoint)?.shift();
    if (failure) return failure;
    return this.answer(method, endpoint, body, url.searchParams);
  }) as typeof fetch;

  count(endpoint: string): number {
    return this.calls.filter((c) => c.endpoint === endpoint).length;
  }

  private answer(method: string, endpoint: string, body: any, q: URLSearchParams): Response {
    const ok = (b: unknown) => new Response(JSON.stringify(b), { status: 200, headers: { 'content-type': 'application/json' } });
    const err = (status: number, code: string, message: string) => new Response(JSON.stringify({ error_code: code, message }), { status });
    if (endpoint === 'model-versions/search') {
      const runId = /run_id\s*=\s*'([^']+)'/.exec(q.get('filter') ?? '')?.[1];
      const all = [...this.models.values()].flatMap((m) => m.versions).filter((v) => v.run_id === runId);
      return ok(all.length ? { model_versions: all } : {});
    }
    if (endpoint === 'registered-models/create') {
      if (this.models.has(body.name)) return err(400, 'RESOURCE_ALREADY_EXISTS', `Registered Model (name=${body.name}) already exists.`);
      this.models.set(body.name, { versions: [], aliases: new Map() });
      return ok({ registered_model: { name: body.name } });
    }
    if (endpoint === 'model-versions/create') {
      const model = this.models.get(body.name);
      if (!model) return err(404, 'RESOURCE_DOES_NOT_EXIST', `Registered Model with name=${body.name} not found`);
      const v: ModelVersion = {
        name: body.name,
        version: String(model.versions.length + 1),
        source: body.source,
        run_id: body.run_id,
        status: this.newStatus,
        creation_timestamp: Date.now(),
        description: body.description,
        tags: body.tags,
      };
      if (this.newStatus === 'FAILED_REGISTRATION') v.status_message = this.statusMessage;
      model.versions.push(v);
      return ok({ model_version: v });
    }
    if (endpoint === 'model-versions/get') {
      const v = this.models.get(q.get('name')!)?.versions.find((x) => x.version === q.get('version'));
      if (!v) return err(404, 'RESOURCE_DOES_NOT_EXIST', 'no such version');
      const key = `${v.name}/${v.version}`;
      const n = (this.gets.get(key) ?? 0) + 1;
      this.gets.set(key, n);
      if (v.status === 'PENDING_REGISTRATION' && n > this.pendingGets) {
        v.status = this.settlesTo;
        if (this.settlesTo === 'FAILED_REGISTRATION') v.status_message = this.statusMessage;
      }
      return ok({ model_version: v });
    }
    if (endpoint === 'registered-models/alias' && method === 'POST') {
      const model = this.models.get(body.name);
      if (!model) return err(404, 'RESOURCE_DOES_NOT_EXIST', 'no such model');
      model.aliases.set(body.alias, body.version);
      for (const v of model.versions) v.aliases = [...model.aliases].filter(([, ver]) => ver === v.version).map(([a]) => a);
      return ok({});
    }
    return new Response('<!doctype html><title>404 Not Found</title>', { status: 404, headers: { 'content-type': 'text/html' } });
  }
}

const SERVER_3_17 = parseServerVersion('3.17.2');
let n = 0;
function setup(over: Partial<RegisterRequest> = {}) {
  const registry = new FakeRegistry();
  // A fresh base URL per test: in-flight calls are shared per server, run and model.
  const client = new MlflowClient({ baseUrl: `http://mlflow-${++n}.test/`, fetch: registry.fetch });
  const run = run2x(V3);
  const request: RegisterRequest = {
    run,
    model: findRunModels(run, [])[0]!,
    target: { name: 'Churn', exists: false },
    serverVersion: SERVER_3_17,
    ...over,
  };
  return { registry, client, request, run };
}

async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('registerRunModel', () => {
  it('refuses an invalid name or alias before any request', async () => {
    const { registry, client, request } = setup();
    for (const bad of [
      { target: { name: 'a/b', exists: false } },
      { target: { name: '   ', exists: false } },
      { target: { name: 'x'.repeat(257), exists: true } },
      { alias: 'latest' },
      { alias: 'V12' },
      { alias: 'a b' },
    ]) {
      const error = await rejection(registerRunModel(client, { ...request, ...bad }));
      expect(isMlflowError(error, 'invalid-input'), JSON.stringify(bad)).toBe(true);
      expect(error.endpoint).toBe('lens/validate');
    }
    expect(registry.calls).toEqual([]);
  });

  it('new target: looks for an existing version, creates the model, then the version with run_id and source', async () => {
    const { registry, client, request, run } = setup({ description: 'd', tags: [{ key: 'k', value: 'v' }] });
    const stages: RegisterStage[] = [];
    const result = await registerRunModel(client, request, { onProgress: (s) => stages.push(s) });
    expect(result).toMatchObject({ outcome: 'created', createdModel: true, aliasSet: false, version: { name: 'Churn', version: '1' } });
    expect(registry.calls.map((c) => `${c.method} ${c.endpoint}`)).toEqual([
      'GET model-versions/search',
      'POST registered-models/create',
      'POST model-versions/create',
    ]);
    expect(registry.calls[0]!.query.get('filter')).toBe(`run_id='${run.info.run_id}'`);
    expect(registry.calls[2]!.body).toEqual({
      name: 'Churn',
      source: `runs:/${run.info.run_id}/model`,
      run_id: run.info.run_id,
      description: 'd',
      tags: [{ key: 'k', value: 'v' }],
    });
    expect(stages).toEqual(['checking-existing', 'creating-model', 'creating-version', 'done']);
  });

  it('a second registration returns the existing version and creates nothing', async () => {
    const { registry, client, request } = setup();
    const first = await registerRunModel(client, request);
    const before = registry.calls.length;
    const second = await registerRunModel(client, { ...request, target: { name: 'Elsewhere', exists: false } });
    expect(second).toMatchObject({ outcome: 'existing', createdModel: false, aliasSet: false, version: { name: 'Churn', version: first.version.version } });
    expect(registry.calls.slice(before).map((c) => c.endpoint)).toEqual(['model-versions/search']);
  });

  it('ten calls at once make one version: they share one promise', async () => {
    const { registry, client, request } = setup();
    registry.delayMs = 5;
    const results = await Promise.all(Array.from({ length: 10 }, () => registerRunModel(client, request)));
    expect(new Set(results)).toHaveProperty('size', 1);
    expect(registry.count('model-versions/create')).toBe(1);
    expect(registry.count('model-versions/search')).toBe(1);
    // Once settled, a new call checks again (and finds it).
    expect((await registerRunModel(client, request)).outcome).toBe('existing');
  });

  it('a model created meanwhile ("already exists") is used; createdModel says who created it', async () => {
    const { registry, client, request } = setup();
    registry.models.set('Churn', { versions: [], aliases: new Map() });
    const result = await registerRunModel(client, request);
    expect(result).toMatchObject({ outcome: 'created', createdModel: false, version: { name: 'Churn', version: '1' } });
  });

  it('an existing target gets only a version; if it was deleted meanwhile it is created again', async () => {
    const { registry, client, request } = setup({ target: { name: 'Churn', exists: true } });
    registry.models.set('Churn', { versions: [], aliases: new Map() });
    expect((await registerRunModel(client, request)).createdModel).toBe(false);
    expect(registry.count('registered-models/create')).toBe(0);

    const gone = setup({ target: { name: 'Gone', exists: true } });
    const result = await registerRunModel(gone.client, gone.request);
    expect(result).toMatchObject({ outcome: 'created', createdModel: true, version: { name: 'Gone', version: '1' } });
    expect(gone.registry.calls.map((c) => c.endpoint)).toEqual([
      'model-versions/search',
      'model-versions/create',
      'registered-models/create',
      'model-versions/create',
    ]);
  });

  it('waits while the version is PENDING_REGISTRATION', async () => {
    const { registry, client, request } = setup();
    registry.newStatus = 'PENDING_REGISTRATION';
    registry.pendingGets = 2;
    const stages: RegisterStage[] = [];
    const result = await registerRunModel(client, request, { pollIntervalMs: 1, onProgress: (s) => stages.push(s) });
    expect(result.version.status).toBe('READY');
    expect(registry.count('model-versions/get')).toBe(3);
    expect(stages).toContain('waiting');
  });

  it('FAILED_REGISTRATION: a server-error with MLflow\'s status_message, saying the model was created', async () => {
    const { registry, client, request } = setup();
    registry.newStatus = 'PENDING_REGISTRATION';
    registry.settlesTo = 'FAILED_REGISTRATION';
    registry.statusMessage = 'Artifacts could not be copied';
    const error = await rejection(registerRunModel(client, request, { pollIntervalMs: 1 }));
    expect(error).toBeInstanceOf(RegistrationError);
    expect(error.kind).toBe('server-error');
    expect(error.message).toContain('Artifacts could not be copied');
    expect(error.message).toContain('The registered model "Churn" was created');
    expect(error.partial).toMatchObject({ modelName: 'Churn', modelCreated: true, version: { status: 'FAILED_REGISTRATION' } });

    // A failed version does not count as registered: a retry makes a new one.
    registry.newStatus = 'READY';
    const retry = await registerRunModel(client, request);
    expect(retry).toMatchObject({ outcome: 'created', createdModel: false, version: { version: '2' } });
  });

  it('gives up waiting after pollTimeoutMs ("timeout"); the retry waits for the same version', async () => {
    const { registry, client, request } = setup();
    registry.newStatus = 'PENDING_REGISTRATION';
    registry.pendingGets = 1_000_000;
    const error = await rejection(registerRunModel(client, request, { pollIntervalMs: 5, pollTimeoutMs: 30 }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/Version 1 of "Churn" was created, but MLflow is still preparing it/);
    registry.pendingGets = 0;
    const retry = await registerRunModel(client, request, { pollIntervalMs: 1 });
    expect(retry).toMatchObject({ outcome: 'existing', version: { version: '1', status: 'READY' } });
    expect(registry.count('model-versions/create')).toBe(1);
  });

  it('model created, version not: says so, keeps the kind; the retry reuses the model', async () => {
    const { registry, client, request } = setup();
    registry.failures.set('model-versions/create', [new Response('Permission denied', { status: 403 })]);
    const error = await rejection(registerRunModel(client, request));
    expect(error).toBeInstanceOf(RegistrationError);
    expect(isMlflowError(error, 'permission-denied')).toBe(true);
    expect(error.message).toMatch(/^The registered model "Churn" was created, but its version was not: MLflow denied permission .*; retrying will reuse it\.$/);
    expect(error.partial).toEqual({ modelName: 'Churn', modelCreated: true });
    expect(error.original.kind).toBe('permission-denied');

    const retry = await registerRunModel(client, request);
    expect(retry).toMatchObject({ outcome: 'created', createdModel: false, version: { name: 'Churn', version: '1' } });
  });

  it('nothing created yet: the error is passed on as it came', async () => {
    const { registry, client, request } = setup();
    registry.failures.set('registered-models/create', [new Response('', { status: 401 })]);
    const error = await rejection(registerRunModel(client, request));
    expect(error).not.toBeInstanceOf(RegistrationError);
    expect(error.kind).toBe('session-expired');
  });

  it('sets the alias; an alias failure after the version says the version exists, and the retry sets it', async () => {
    const { registry, client, request } = setup({ alias: 'champion' });
    registry.failures.set('registered-models/alias', [
      new Response(JSON.stringify({ error_code: 'INTERNAL_ERROR', message: 'db locked' }), { status: 500 }),
    ]);
    const error = await rejection(registerRunModel(client, request));
    expect(error.kind).toBe('server-error');
    expect(error.message).toMatch(/^Version 1 of "Churn" is registered, but the alias "champion" was not set: .*; retrying will set it\.$/);
    expect(error.partial.version).toMatchObject({ version: '1' });

    const retry = await registerRunModel(client, request);
    expect(retry).toMatchObject({ outcome: 'existing', aliasSet: true, version: { version: '1', aliases: ['champion'] } });
    expect(registry.models.get('Churn')!.aliases.get('champion')).toBe('1');
    // Already has it: nothing to do.
    const again = await registerRunModel(client, request);
    expect(again).toMatchObject({ outcome: 'existing', aliasSet: false });
    expect(registry.count('registered-models/alias')).toBe(2);
  });

  it('aborting after the model was created says so too', async () => {
    const { registry, client, request } = setup();
    const controller = new AbortController();
    const original = registry.fetch;
    const fetchAndAbort = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes('model-versions/create')) {
        controller.abort();
        throw new DOMException('The operation was aborted.', 'AbortError');
      }
      return original(input, init);
    }) as typeof fetch;
    const aborting = new MlflowClient({ baseUrl: 'http://abort.test/', fetch: fetchAndAbort });
    const error = await rejection(registerRunModel(aborting, request, { signal: controller.signal }));
    expect(error.kind).toBe('aborted');
    expect(error.message).toMatch(/was created, but its version was not/);
  });
});

describe('registrationLockName', () => {
  it('one name per server and run, whatever the page hash or query', () => {
    expect(registrationLockName('http://h:5000/mlflow/#/experiments/1/runs/abc', 'abc')).toBe('lens-register:http://h:5000/mlflow/:abc');
    expect(registrationLockName('http://h:5000/mlflow/?x=1', 'abc')).toBe(registrationLockName('http://h:5000/mlflow/', 'abc'));
    expect(registrationLockName('http://h:5000/', 'abc')).not.toBe(registrationLockName('http://h:5000/mlflow/', 'abc'));
  });
});
