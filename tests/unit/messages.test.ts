import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '@/lib/mlflow/client';
import { isMlflowError } from '@/lib/mlflow/errors';
import { parseSearchReply, searchReplyOf } from '@/lib/messages';
import { quickSearch } from '@/lib/search/search';

const recorded = (name: string) => JSON.parse(readFileSync(`tests/unit/fixtures/3.17.2/${name}.json`, 'utf8')) as { status: number; body: unknown };

/** A client over recorded MLflow 3.17.2 answers; registered-models/search fails with a recorded 404 body. */
function recordedClient() {
  const byPath: Record<string, ReturnType<typeof recorded>> = {
    'experiments/search': recorded('experiments-search'),
    'runs/search': recorded('runs-search-page1'),
    'logged-models/search': recorded('logged-models-search'),
    'registered-models/search': recorded('runs-get-missing'),
  };
  const fetchImpl = (async (input: RequestInfo | URL) => {
    const path = new URL(String(input)).pathname.replace(/^.*\/mlflow\//, '');
    const answer = byPath[path] ?? { status: 404, body: {} };
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  return new MlflowClient({ baseUrl: 'http://mlflow.test/', fetch: fetchImpl, retryDelaysMs: [] });
}

describe('the popup’s search through an MLflow tab', () => {
  it('gets back what the tab found, its failures as MlflowErrors with their kind and message', async () => {
    const result = await quickSearch(recordedClient(), 'l');
    expect(result.runs.map((r) => r.name).sort()).toEqual(['eager-lynx-301', 'logged-model-3x']);
    expect(result.errors.map((e) => [e.group, e.error.kind])).toEqual([['registeredModels', 'not-found']]);
    // What crosses between the tab and the popup: JSON-like data only.
    const crossed: unknown = structuredClone(searchReplyOf(result));
    const reply = parseSearchReply(crossed);
    if (!reply?.ok) throw new Error(`not parsed: ${JSON.stringify(reply)}`);
    const { errors, ...groups } = reply.result;
    const { errors: sentErrors, ...sentGroups } = result;
    expect(groups).toEqual(sentGroups);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.group).toBe('registeredModels');
    expect(isMlflowError(errors[0]!.error, 'not-found')).toBe(true);
    expect(errors[0]!.error.message).toBe(sentErrors[0]!.error.message);
  });

  it('passes on why the tab could not search', () => {
    expect(parseSearchReply({ ok: false, message: 'Sign in to MLflow again.' })).toEqual({ ok: false, message: 'Sign in to MLflow again.' });
  });

  it('takes no answer, or one it cannot read, as none', () => {
    for (const raw of [undefined, null, { ok: true }, { ok: true, result: { query: 'x', runs: 'many' } }, { ok: false }, 'ok']) {
      expect(parseSearchReply(raw), JSON.stringify(raw)).toBeNull();
    }
  });

  it('keeps an item only in the group of its kind', () => {
    const run = { kind: 'run', name: 'eager-lynx-301', id: 'r1', experimentId: '1' };
    const reply = parseSearchReply({ ok: true, result: { query: 'e', experiments: [run], runs: [run], registeredModels: [], loggedModels: [], errors: [] } });
    expect(reply).toEqual({ ok: true, result: { query: 'e', experiments: [], runs: [run], registeredModels: [], loggedModels: [], errors: [] } });
  });
});
