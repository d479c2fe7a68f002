/**
 * Quick search on a large MLflow: 1,000 experiments and 20,000 runs (seeded here, takes a few minutes),
 * median and 95th-percentile latency of `quickSearch` for typical queries. The goal: median under 300 ms.
 * Skipped unless LENS_BENCH_SEARCH=1 (it needs an MLflow virtualenv and minutes of seeding).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { MlflowClient } from '@/lib/mlflow/client';
import { quickSearch } from '@/lib/search';
import { MLFLOW_VERSIONS, startMlflow } from '../tests/support/mlflow-server.mjs';

const enabled = process.env.LENS_BENCH_SEARCH === '1';
const EXPERIMENTS = Number(process.env.LENS_BENCH_EXPERIMENTS ?? 1_000);
const RUNS = Number(process.env.LENS_BENCH_RUNS ?? 20_000);
const QUERIES = ['crawling-mole', 'heron-1', 'task_04', 'dataset_7', 'quiet', 'otter-19999', 'no-such-run', '50%_'];

describe.skipIf(!enabled)(`quickSearch, ${EXPERIMENTS} experiments × ${RUNS} runs`, async () => {
  const server = enabled ? await startMlflow({ version: MLFLOW_VERSIONS.latest, seed: false, quiet: true, extraArgs: ['--workers', '4'] }) : null;
  if (server) {
    const out = execFileSync(join(server.venv, 'bin', 'python'), [join('tests', 'support', 'seed_scale.py'), String(EXPERIMENTS), String(RUNS)], {
      env: { ...process.env, MLFLOW_TRACKING_URI: server.url.replace(/\/$/, '') },
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    console.log(`seeded: ${out.trim().split('\n').pop()}`);
  }
  afterAll(async () => server?.stop());
  const client = server ? new MlflowClient({ baseUrl: server.url }) : null;
  const times: number[] = [];
  let i = 0;
  bench(
    'one query (fresh client each time: no cache)',
    async () => {
      const q = QUERIES[i++ % QUERIES.length]!;
      const fresh = new MlflowClient({ baseUrl: server!.url });
      const t = performance.now();
      await quickSearch(fresh, q);
      times.push(performance.now() - t);
    },
    { iterations: 40, time: 0, warmupIterations: 4 },
  );
  bench('one query (warm experiment list, as while typing)', async () => {
    await quickSearch(client!, QUERIES[i++ % QUERIES.length]!);
  }, { iterations: 40, time: 0 });
  afterAll(() => {
    if (!times.length) return;
    const sorted = [...times].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
    console.log(`quickSearch cold: median ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms over ${sorted.length} queries (goal: median < 300 ms)`);
  });
});
