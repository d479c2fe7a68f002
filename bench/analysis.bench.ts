/**
 * Benchmarks of lib/analysis on big inputs. Run: npx vitest bench --run -c vitest.bench.config.ts
 * After the run, one line per benchmark gives the mean time per call and the throughput, measured around
 * the call itself (inputs are prebuilt; nothing else is timed).
 */
import { afterAll, bench, describe } from 'vitest';
import { cleanSeries, debiasedEma, judgePair, pairMetrics, type SeriesColumns } from '@/lib/analysis';

const N = 1_000_000;

/** mulberry32 + Box–Muller: deterministic inputs. */
function prng(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(42);
const gauss = () => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());

function pairSeries(n: number): { train: SeriesColumns; val: SeriesColumns } {
  const steps = new Float64Array(n);
  const timestamps = new Float64Array(n);
  const train = new Float64Array(n);
  const val = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    steps[i] = i;
    timestamps[i] = 1.7e12 + i * 250;
    train[i] = 0.05 + 0.65 * Math.exp(-i / 200_000) + 0.003 * gauss();
    // Bottoms out around 60 % of the run, then climbs: an overfitting run, judged in full.
    val[i] = 0.3 + 0.4 * Math.exp(-i / 80_000) + 2e-7 * Math.max(0, i - 600_000) + 0.004 * gauss();
  }
  return { train: { steps, timestamps, values: train }, val: { steps, timestamps, values: val } };
}

/** Unsorted, ~10 % duplicated steps (the later log wins), timestamps out of order too. */
function messySeries(n: number): SeriesColumns {
  const unique = Math.floor(n * 0.9);
  const steps = new Float64Array(n);
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    steps[i] = i < unique ? i : Math.floor(rand() * unique);
    timestamps[i] = 1.7e12 + Math.floor(rand() * n);
    values[i] = rand();
  }
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const s = steps[i]!;
    steps[i] = steps[j]!;
    steps[j] = s;
  }
  return { steps, timestamps, values };
}

function metricKeys(count: number): string[] {
  const names = ['loss', 'accuracy', 'average_precision', 'f1', 'mae', 'auc', 'recall', 'widget_score'];
  const shapes = [
    (x: string) => [`train_${x}`, `val_${x}`],
    (x: string) => [`train/${x}`, `validation/${x}`],
    (x: string) => [`${x}_train`, `${x}_val`],
    (x: string) => [`train_metric_${x}`, `val_metric_${x}`],
    (x: string) => [`train_${x}_epoch`, `val_${x}`],
    (x: string) => [x, `eval_${x}`],
    (x: string) => [`test_${x}`, `lr_${x}`],
  ];
  const keys: string[] = [];
  for (let i = 0; keys.length < count; i++) {
    const name = `${names[i % names.length]}_${Math.floor(i / names.length)}`;
    keys.push(...shapes[i % shapes.length]!(name));
  }
  return keys.slice(0, count);
}

const pair = pairSeries(N);
const emaOut = new Float64Array(N);
const messy = messySeries(N);
const keys500 = metricKeys(500);

/** Per-call wall times, measured around the call. */
const timings = new Map<string, { total: number; calls: number; points: number; unit: string }>();
function timed<T>(name: string, points: number, unit: string, fn: () => T): () => void {
  const entry = { total: 0, calls: 0, points, unit };
  timings.set(name, entry);
  return () => {
    const t0 = performance.now();
    fn();
    entry.total += performance.now() - t0;
    entry.calls++;
  };
}

afterAll(() => {
  const lines = ['', 'lib/analysis benchmark (mean wall time per call, measured around the call):'];
  for (const [name, t] of timings) {
    if (!t.calls) continue;
    const mean = t.total / t.calls;
    const rate = (t.points / mean) * 1000;
    const rateText = rate >= 1e6 ? `${(rate / 1e6).toFixed(1)} M` : `${Math.round(rate / 1e3)} k`;
    lines.push(`  ${name}: mean ${mean.toFixed(2)} ms over ${t.calls} calls → ${rateText} ${t.unit}/s`);
  }
  console.log(lines.join('\n'));
});

describe('lib/analysis', () => {
  bench(
    'judgePair, 1,000,000-point train + 1,000,000-point validation',
    timed('judgePair 1M+1M pair', 2 * N, 'points', () => judgePair(pair.train, pair.val, 'min')),
    { time: 3000, warmupIterations: 3 },
  );

  bench(
    'debiasedEma, 1,000,000 points into a reused buffer',
    timed('debiasedEma 1M (reused out)', N, 'points', () => debiasedEma(pair.val.values, 0.6, emaOut)),
    { time: 2000, warmupIterations: 3 },
  );

  bench(
    'debiasedEma, 1,000,000 points, new output array',
    timed('debiasedEma 1M (new array)', N, 'points', () => debiasedEma(pair.val.values, 0.6)),
    { time: 2000, warmupIterations: 3 },
  );

  bench(
    'cleanSeries, 1,000,000 unsorted points with 10 % duplicated steps',
    timed('cleanSeries 1M unsorted+dups', N, 'points', () => cleanSeries(messy)),
    { time: 3000, warmupIterations: 2 },
  );

  bench(
    'cleanSeries, 1,000,000 sorted points (fast path, no copy)',
    timed('cleanSeries 1M sorted', N, 'points', () => cleanSeries(pair.val)),
    { time: 1000, warmupIterations: 3 },
  );

  bench(
    'pairMetrics, 500 metric keys',
    timed('pairMetrics 500 keys', 500, 'keys', () => pairMetrics(keys500)),
    { time: 1000, warmupIterations: 10 },
  );
});
