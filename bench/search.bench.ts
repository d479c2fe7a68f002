/**
 * Quick search on a large MLflow: 1,000 experiments and 20,000 runs, median and 95th-percentile latency of
 * `quickSearch` (through MlflowClient, against a real server) per kind of query. The goal: median under 300 ms.
 * Skipped unless LENS_BENCH_SEARCH=1 (it needs the MLflow virtualenv): `LENS_BENCH_SEARCH=1 npm run bench`.
 *
 * The data is written straight into the server's SQLite store by tests/support/seed_scale_sql.py (about 2 s;
 * going through the REST API took over 10 minutes). Each query kind is timed REPS times in two modes, the
 * kinds interleaved: "cold" with a fresh client (the 1,000-experiment listing is fetched too, as on the first
 * keystroke) and "warm" with the listing already held (as while typing). The table is printed after the run
 * and written to bench/results/search-<date>.json (committed; other knobs than the defaults add a suffix), with
 * the machine and its load average: the figures mean little if something else ran meanwhile (2 cores here).
 *
 * Knobs: LENS_BENCH_EXPERIMENTS, LENS_BENCH_RUNS, LENS_BENCH_REPS (default 20), LENS_BENCH_MLFLOW (default
 * the `latest` version of tests/support/versions.json; `v2` or a version number), LENS_BENCH_WORKERS (4).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { MlflowClient } from '@/lib/mlflow/client';
import { DEFAULT_SEARCH_LIMITS, listExperiments, quickSearch, type QuickSearchResult } from '@/lib/search';
import { MLFLOW_VERSIONS, startMlflow } from '../tests/support/mlflow-server.mjs';

const enabled = process.env.LENS_BENCH_SEARCH === '1';
const EXPERIMENTS = Number(process.env.LENS_BENCH_EXPERIMENTS ?? 1_000);
const RUNS = Number(process.env.LENS_BENCH_RUNS ?? 20_000);
const REPS = Number(process.env.LENS_BENCH_REPS ?? 20);
const WORKERS = process.env.LENS_BENCH_WORKERS ?? '4';
const versionKnob = process.env.LENS_BENCH_MLFLOW ?? 'latest';
const VERSION = versionKnob === 'latest' || versionKnob === 'v2' ? MLFLOW_VERSIONS[versionKnob] : versionKnob;

interface SeedOutput {
  experiments: number;
  runs: number;
  seconds: number;
  pinned_run: { name: string; run_id: string; experiment_id: string };
}

/** Query kinds; `run id` is filled in from the seed (the pinned run's id: the exact-lookup path). */
function queryKinds(seed: SeedOutput | null): { kind: string; query: string }[] {
  const pinnedNumber = seed?.pinned_run.name.split('-').pop() ?? String(RUNS - 1);
  return [
    { kind: 'run-name fragment (~1/144 of runs)', query: 'crawling-mole' },
    { kind: 'run-name fragment, many matches', query: 'heron-1' },
    { kind: 'one word (~1/12 of runs)', query: 'quiet' },
    { kind: 'one run by name', query: `otter-${pinnedNumber}` },
    { kind: 'experiment-name fragment with _', query: 'task_04' },
    { kind: 'experiment-name fragment', query: 'dataset_7' },
    { kind: 'no match', query: 'no-such-run' },
    { kind: 'LIKE wildcards typed (% and _)', query: '50%_' },
    { kind: 'run id (exact lookup)', query: seed?.pinned_run.run_id ?? '0'.repeat(32) },
  ];
}

/** Linear interpolation between closest ranks (numpy's default). */
function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

function stats(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    n: sorted.length,
    median_ms: r(percentile(sorted, 0.5)),
    p95_ms: r(percentile(sorted, 0.95)),
    min_ms: r(sorted[0] ?? NaN),
    max_ms: r(sorted.at(-1) ?? NaN),
    mean_ms: r(sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1)),
  };
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch {
    /* not Linux */
  }
  return cpus()[0]?.model ?? 'unknown';
}

const shown = (r: QuickSearchResult) =>
  `${r.experiments.length} exp, ${r.runs.length} runs${r.errors.length ? `, ${r.errors.length} errors` : ''}`;

// Setup at the top level, and only top-level hooks: in `vitest bench` (4.1) hooks registered inside a
// describe block never run, so neither would the report nor the server's stop.
// The 1-minute load average before and after: on a shared machine, the first thing to check in a slow result.
const loadBefore = loadavg()[0]!;
const server = enabled
  ? await startMlflow({ version: VERSION, seed: false, quiet: true, extraArgs: ['--workers', WORKERS] })
  : null;
afterAll(async () => server?.stop());

let seed: SeedOutput | null = null;
let seedWallMs = 0;
if (server) {
  const t = performance.now();
  const out = execFileSync(
    join(server.venv, 'bin', 'python'),
    [join('tests', 'support', 'seed_scale_sql.py'), join(server.dataDir, 'mlflow.db'), String(EXPERIMENTS), String(RUNS)],
    { encoding: 'utf8' },
  );
  seedWallMs = performance.now() - t;
  seed = JSON.parse(out.trim().split('\n').pop()!) as SeedOutput;
}
const kinds = queryKinds(seed);
const samples = new Map<string, { cold: number[]; warm: number[] }>(kinds.map((k) => [k.query, { cold: [], warm: [] }]));
const found = new Map<string, string>();

// Untimed pass: the data must look real to the REST API, and every query must succeed (an error is fast).
const client = server ? new MlflowClient({ baseUrl: server.url }) : null;
if (client && seed) {
  const uncapped = { caps: { experiment: 10_000, run: 10_000 } };
  for (const { query } of kinds) {
    const r = await quickSearch(client, query, { limits: uncapped });
    if (r.errors.length) throw new Error(`quickSearch(${query}) failed: ${r.errors.map((e) => e.error.message).join('; ')}`);
    found.set(query, shown(r));
  }
  const pinned = await quickSearch(client, `otter-${seed.pinned_run.name.split('-').pop()}`);
  if (pinned.runs.length !== 1 || pinned.runs[0]!.id !== seed.pinned_run.run_id) {
    throw new Error(`the seeded run ${seed.pinned_run.name} is not found by name: ${JSON.stringify(pinned.runs)}`);
  }
  if (!(await quickSearch(client, 'crawling-mole')).runs.length) throw new Error('no crawling-mole-* runs found');
}

describe.skipIf(!enabled)(`quickSearch, ${EXPERIMENTS} experiments × ${RUNS} runs`, () => {
  let cold = 0;
  bench(
    `quickSearch, fresh client (experiment list fetched too), ${kinds.length} query kinds × ${REPS}`,
    async () => {
      const { query } = kinds[cold++ % kinds.length]!;
      const fresh = new MlflowClient({ baseUrl: server!.url });
      const t = performance.now();
      await quickSearch(fresh, query);
      samples.get(query)!.cold.push(performance.now() - t);
    },
    { iterations: kinds.length * REPS, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
  let warm = 0;
  bench(
    `quickSearch, experiment list already held (as while typing), ${kinds.length} query kinds × ${REPS}`,
    async () => {
      const { query } = kinds[warm++ % kinds.length]!;
      // Untimed: keep the shared 1,000-experiment listing fresh (it is reused for 30 s).
      await listExperiments(client!, DEFAULT_SEARCH_LIMITS.experimentScan);
      const t = performance.now();
      await quickSearch(client!, query);
      samples.get(query)!.warm.push(performance.now() - t);
    },
    { iterations: kinds.length * REPS, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
});

afterAll(() => {
  if (!server || !seed) return;
  const rows = kinds.map(({ kind, query }) => ({
    kind,
    query,
    found: found.get(query) ?? '',
    cold: stats(samples.get(query)!.cold),
    warm: stats(samples.get(query)!.warm),
  }));
  const all = {
    cold: stats([...samples.values()].flatMap((s) => s.cold)),
    warm: stats([...samples.values()].flatMap((s) => s.warm)),
  };
  if (!all.cold.n) return;

  const machine = {
    nproc: availableParallelism(),
    cpu: cpuModel(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadavg_1min: { before: Math.round(loadBefore * 100) / 100, after: Math.round(loadavg()[0]! * 100) / 100 },
  };
  const ms = (x: number) => `${Math.round(x)} ms`;
  const table = [
    ['query kind', 'query', 'cold median', 'cold p95', 'warm median', 'warm p95', 'found (before the 8-per-group display cap)'],
    ...rows.map((r) => [r.kind, r.query, ms(r.cold.median_ms), ms(r.cold.p95_ms), ms(r.warm.median_ms), ms(r.warm.p95_ms), r.found]),
    ['all queries', '', ms(all.cold.median_ms), ms(all.cold.p95_ms), ms(all.warm.median_ms), ms(all.warm.p95_ms), ''],
  ];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => (c >= 2 && c <= 5 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  console.log(
    [
      '',
      `quickSearch on MLflow ${server.version} (SQLite, ${WORKERS} workers): ${EXPERIMENTS} experiments × ${RUNS} runs, ` +
        `${REPS} samples per query kind and mode (goal: median < 300 ms)`,
      `seeded in ${seed.seconds.toFixed(1)} s (seed_scale_sql.py; ${(seedWallMs / 1000).toFixed(1)} s with Python startup), ` +
        `server started in ${(server.startMs / 1000).toFixed(1)} s; machine: ${machine.nproc} cores, ${machine.cpu}, Node ${machine.node}, ` +
          `load average ${machine.loadavg_1min.before} before, ${machine.loadavg_1min.after} after`,
      'cold: fresh client, the experiment listing is part of the search; warm: listing already held',
      '',
      line(table[0]!),
      line(widths.map((w) => '-'.repeat(w))),
      ...table.slice(1).map(line),
    ].join('\n'),
  );

  const date = new Date().toISOString().slice(0, 10);
  const dir = join('bench', 'results');
  mkdirSync(dir, { recursive: true });
  // The default setup gets the plain name; runs with other knobs are suffixed.
  const suffix = [
    server.version === MLFLOW_VERSIONS.latest ? '' : `-mlflow-${server.version}`,
    WORKERS === '4' ? '' : `-workers-${WORKERS}`,
    EXPERIMENTS === 1_000 && RUNS === 20_000 ? '' : `-${EXPERIMENTS}x${RUNS}`,
  ].join('');
  const file = join(dir, `search-${date}${suffix}.json`);
  const result = {
    benchmark: 'quickSearch',
    date: new Date().toISOString(),
    mlflow: { version: server.version, backend: 'sqlite', workers: Number(WORKERS) },
    data: { experiments: EXPERIMENTS, runs: RUNS, pinned_run: seed.pinned_run.name },
    seeding: { script: 'tests/support/seed_scale_sql.py', seconds: seed.seconds, wall_seconds: Math.round(seedWallMs / 100) / 10 },
    server_start_seconds: Math.round(server.startMs / 100) / 10,
    machine,
    reps: REPS,
    percentiles: 'linear interpolation between closest ranks',
    all,
    queries: rows,
  };
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written: ${file}`);
});
