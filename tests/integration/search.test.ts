/**
 * Quick search against real MLflow servers of both lines: escaping of every special character (the servers
 * must never answer 400), literal `%`/`_` matching, runs across experiments with their experiment, registered
 * models by fragment, exact lookups by pasted run id/URL, and what the servers do with LIKE escapes and
 * large `experiment_ids` lists (the facts lib/search/escape.ts and chunk.ts rely on).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MlflowClient } from '@/lib/mlflow/client';
import * as S from '@/lib/mlflow/schemas';
import * as z from 'zod/mini';
import { likePattern } from '@/lib/mlflow/filters';
import { createSearchCache, forgetExperimentList, quickSearch, RUNS_SEARCH_CHUNK_SIZE } from '@/lib/search';
import { MLFLOW_VERSIONS, startMlflow } from '../support/mlflow-server.mjs';

type Server = Awaited<ReturnType<typeof startMlflow>>;

const CreateExperimentResponse = z.object({ experiment_id: z.string() });

const SPECIAL_QUERIES = [
  "it's",
  '100%',
  'a_b',
  'back\\slash',
  '"quoted"',
  `it's "both"`,
  'emoji 🧪',
  '%',
  '_',
  '\\',
  "'",
  '"',
  '[x]',
  "'; DROP TABLE runs; --",
  'a\nb',
  'x'.repeat(1_000),
  '🧪'.repeat(400),
];

describe.each([MLFLOW_VERSIONS.latest, MLFLOW_VERSIONS.v2])('quick search on MLflow %s', (version) => {
  let server: Server;
  let client: MlflowClient;
  let experimentId: string;
  const made: Record<string, string> = {};
  const experimentName = `lens search ${version} it's "q" 50%_done back\\slash`;

  async function createRun(name: string): Promise<string> {
    const res = await client.http.post(
      'runs/create',
      { experiment_id: experimentId, run_name: name, start_time: Date.now() },
      S.GetRunResponse,
    );
    return res.run.info.run_id;
  }

  beforeAll(async () => {
    server = await startMlflow({ version, quiet: true });
    client = new MlflowClient({ baseUrl: server.url });
    experimentId = (await client.http.post('experiments/create', { name: experimentName }, CreateExperimentResponse)).experiment_id;
    for (const name of ['50%_done', '50xxdone', '50x_done', "it's a run", '"quoted" run', 'back\\slash run', 'emoji 🧪 run']) {
      made[name] = await createRun(name);
    }
    forgetExperimentList(client);
  });
  afterAll(async () => server?.stop());

  it('"crawling-mole" finds the run, with its experiment', async () => {
    const res = await quickSearch(client, 'crawling-mole');
    expect(res.errors).toEqual([]);
    const run = res.runs.find((r) => r.name === 'crawling-mole-592');
    expect(run).toBeDefined();
    expect(run!.id).toBe(server.seed!.runs['crawling-mole-592']!.run_id);
    expect(run!.experimentName).toBe(server.seed!.experiments.churn.name);
    expect(run!.status).toBe('FINISHED');
  });

  it('"Chu" finds the Churn experiment and the registered model', async () => {
    const res = await quickSearch(client, 'Chu');
    expect(res.errors).toEqual([]);
    expect(res.experiments.map((e) => e.name)).toContain(server.seed!.experiments.churn.name);
    expect(res.registeredModels.map((m) => m.name)).toContain(server.seed!.registered_model.name);
    expect(res.registeredModels[0]!.name).toBe('Churn'); // exact beats everything
  });

  it.each(SPECIAL_QUERIES.map((q) => [JSON.stringify(q.length > 40 ? `${q.slice(0, 20)}…(${q.length})` : q), q]))(
    'the query %s returns cleanly',
    async (_label, query) => {
      const res = await quickSearch(client, query);
      expect(res.errors.map((e) => `${e.group}: ${e.error.message}`)).toEqual([]);
    },
  );

  it('% and _ match literally: "50%_" finds 50%_done only; "50x" does not find it', async () => {
    const res = await quickSearch(client, '50%_');
    expect(res.errors).toEqual([]);
    expect(res.runs.map((r) => r.name)).toEqual(['50%_done']);
    expect(res.runs[0]!.id).toBe(made['50%_done']);
    expect(res.runs[0]!.experimentName).toBe(experimentName);
    expect(res.experiments.map((e) => e.name)).toEqual([experimentName]);

    const x = await quickSearch(client, '50x');
    expect(x.errors).toEqual([]);
    expect(x.runs.map((r) => r.name).sort()).toEqual(['50x_done', '50xxdone']);
    expect((await quickSearch(client, '50x_')).runs.map((r) => r.name)).toEqual(['50x_done']);
    expect((await quickSearch(client, '0%')).runs.map((r) => r.name)).toEqual(['50%_done']);
  });

  it("quotes and backslashes match literally: it's, \"quoted\", back\\slash, emoji", async () => {
    expect((await quickSearch(client, "it's")).runs.map((r) => r.name)).toEqual(["it's a run"]);
    expect((await quickSearch(client, '"quoted"')).runs.map((r) => r.name)).toEqual(['"quoted" run']);
    expect((await quickSearch(client, 'back\\slash')).runs.map((r) => r.name)).toEqual(['back\\slash run']);
    expect((await quickSearch(client, 'emoji 🧪')).runs.map((r) => r.name)).toEqual(['emoji 🧪 run']);
    const both = await quickSearch(client, `it's "q"`);
    expect(both.errors).toEqual([]);
    expect(both.experiments.map((e) => e.name)).toEqual([experimentName]);
  });

  it('a pasted run id or run URL finds the run', async () => {
    const seed = server.seed!.runs['crawling-mole-592']!;
    for (const query of [seed.run_id, seed.run_id.toUpperCase(), `${server.url}#/experiments/${seed.experiment_id}/runs/${seed.run_id}/model-metrics`]) {
      const res = await quickSearch(client, query);
      expect(res.errors).toEqual([]);
      expect(res.runs[0]?.id).toBe(seed.run_id);
      expect(res.runs[0]?.name).toBe('crawling-mole-592');
      expect(res.runs[0]?.experimentName).toBe(server.seed!.experiments.churn.name);
    }
    const missing = await quickSearch(client, '0'.repeat(32));
    expect(missing.errors).toEqual([]);
    expect(missing.runs).toEqual([]);
  });

  it('logged models: found by name and by id on 3.x, quietly absent on 2.x', async () => {
    const res = await quickSearch(client, 'model');
    expect(res.errors).toEqual([]);
    const id = server.seed!.logged_model_id;
    if (id) {
      expect(res.loggedModels.map((m) => m.id)).toContain(id);
      const byId = await quickSearch(client, id);
      expect(byId.errors).toEqual([]);
      expect(byId.loggedModels.map((m) => m.id)).toEqual([id]);
    } else {
      expect(res.loggedModels).toEqual([]);
    }
  });

  it('a newer keystroke aborts the older search', async () => {
    const controller = new AbortController();
    const older = quickSearch(client, 'crawling', { signal: controller.signal });
    controller.abort();
    await expect(older).rejects.toMatchObject({ kind: 'aborted' });
    const newer = await quickSearch(client, 'crawling-mole');
    expect(newer.runs.length).toBeGreaterThan(0);
  });

  it('caches results briefly', async () => {
    const cache = createSearchCache(5_000);
    const a = await quickSearch(client, 'Sales', { cache });
    const b = await quickSearch(client, 'Sales', { cache });
    expect(b).toBe(a);
  });

  it('what the server does with LIKE escapes: none exists, so Lens uses wildcards and filters client-side', async () => {
    const names = async (filter: string) => (await client.searchExperiments({ filter })).items.map((e) => e.name);
    // A backslash is no escape (SQLite has no default LIKE escape character) …
    expect(await names("name ILIKE '%50\\%%'")).toEqual([]);
    // … and an ESCAPE clause is a 400.
    await expect(names("name ILIKE '%50!%%' ESCAPE '!'")).rejects.toMatchObject({ kind: 'invalid-input' });
    // Quotes are not unescaped either: '' stays two quotes, so the other quote kind is the only way.
    expect(await names("name ILIKE '%it''s%'")).toEqual([]);
    expect(await names(`name ILIKE "%it's%"`)).toEqual([experimentName]);
    // The wildcard pattern Lens sends matches a superset, narrowed by matches().
    const like = likePattern('50%_')!;
    expect(like.literal).toBe("'%50__%'");
    expect(await names(`name ILIKE ${like.literal}`)).toEqual([experimentName]);
  });

  it(`runs/search takes far more experiment_ids than a chunk (${RUNS_SEARCH_CHUNK_SIZE}) on this server`, async () => {
    for (const n of [RUNS_SEARCH_CHUNK_SIZE, 1_000, 20_000]) {
      const ids = Array.from({ length: n }, (_, i) => String(i + 1));
      const page = await client.searchRuns({ experimentIds: ids, filter: "attributes.run_name ILIKE '%crawling-mole%'", maxResults: 10 });
      expect(page.items.map((r) => r.info.run_name)).toContain('crawling-mole-592');
    }
  });
});
