import { describe, expect, it } from 'vitest';
import { pageVerdicts } from '@/lib/run-verdicts';
import { pageSeed, pageServer } from './features/page-server';

describe.each(['3.17.2', '2.22.5'])('pageVerdicts on MLflow %s', (version) => {
  const seed = pageSeed(version);
  const runId = seed.runs[seed.model_run_2x]!.run_id;
  const page = () => new AbortController().signal;

  it('features asking for one run share one load: one runs/get, one request per history', async () => {
    const server = pageServer(version);
    const verdicts = pageVerdicts(() => server.client, page());
    const [badge, register] = await Promise.all([verdicts.get(runId, {}, page()), verdicts.get(runId, {}, page())]);
    expect(register).toBe(badge);
    expect(await verdicts.get(runId, {}, page())).toBe(badge);
    expect(server.unmatched).toEqual([]);
    expect(server.count('runs/get')).toBe(1);
    const keys = server.asked.filter((a) => a.path.endsWith('metrics/get-history')).map((a) => a.query.get('metric_key'));
    expect(keys.length).toBe(badge.histories.size);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('other settings are another verdict; a fresh load (a refresh) is what later askers get', async () => {
    const server = pageServer(version);
    const verdicts = pageVerdicts(() => server.client, page());
    const first = await verdicts.get(runId, {}, page());
    const stricter = await verdicts.get(runId, { warmup: 1000 }, page());
    expect(stricter).not.toBe(first);
    expect(stricter.judgement.verdict).not.toBe(first.judgement.verdict);
    const fresh = await verdicts.get(runId, {}, page(), { fresh: true });
    expect(fresh).not.toBe(first);
    expect(await verdicts.get(runId, {}, page())).toBe(fresh);
    expect(server.count('runs/get')).toBe(3);
  });

  it('a load that failed is forgotten (the next ask tries again); one asker leaving does not stop the others', async () => {
    let down = true;
    const server = pageServer(version, {
      fail: (a) => (down && a.path.endsWith('runs/get') ? new Response(JSON.stringify({ error_code: 'INTERNAL_ERROR', message: 'database is locked' }), { status: 500 }) : undefined),
    });
    const verdicts = pageVerdicts(() => server.client, page());
    await expect(verdicts.get(runId, {}, page())).rejects.toThrow();
    down = false;
    const leaving = new AbortController();
    const left = verdicts.get(runId, {}, leaving.signal);
    const staying = verdicts.get(runId, {}, page());
    leaving.abort();
    await expect(left).rejects.toThrow();
    expect((await staying).runId).toBe(runId);
    expect(server.count('runs/get')).toBe(2);
  });
});
