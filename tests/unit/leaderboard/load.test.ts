/**
 * The leaderboard's loader and rows on what MLflow 3.17.2 and 2.22.5 answered for the seeded Churn experiment
 * (tests/unit/leaderboard/helpers.ts replays the recording through a real MlflowClient).
 */
import { describe, expect, it } from 'vitest';
import {
  defaultSort,
  filterRows,
  judgedCount,
  leaderboardCsv,
  leaderboardRows,
  leaderboardRun,
  LeaderboardLoader,
  metricChoices,
  NO_FILTER,
  sortRows,
  type LeaderboardState,
} from '@/lib/leaderboard';
import { SESSION_EXPIRED } from '@/lib/mlflow/errors';
import { recorded, recordedRuns, replay, runIdOf, VERSIONS } from './helpers';

function load(version: string, champion: 'champion' | 'latest' = 'champion') {
  const r = replay(version, champion);
  const states: LeaderboardState[] = [];
  const controller = new AbortController();
  const loader = new LeaderboardLoader({
    client: r.client,
    experimentIds: ['1'],
    settings: {},
    signal: controller.signal,
    onChange: (s) => states.push(s),
  });
  const idle = async () => {
    for (let i = 0; i < 500; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const s = loader.current;
      if (!s.busy) return s;
    }
    throw new Error('the loader did not settle');
  };
  return { ...r, loader, states, idle, controller };
}

/** The raw best (argmin of finite values) and last finite value of a run's recorded val_loss, read off the answer. */
function recordedBestAndLast(version: string, runId: string) {
  const points = ['bulk-val_loss', 'bulk-val_loss-long']
    .flatMap((name) => (recorded(version, name).body as { metrics: { run_id: string; step: number; value: number | string }[] }).metrics)
    .filter((p) => p.run_id === runId && typeof p.value === 'number')
    .sort((a, b) => a.step - b.step);
  const best = points.reduce((a, b) => ((b.value as number) < (a.value as number) ? b : a));
  return { best: best.value as number, bestStep: best.step, last: points[points.length - 1]!.value as number };
}

describe.each(VERSIONS)('leaderboard of MLflow %s', (version) => {
  it('lists every active run from runs/search before any history, then judges each one on val_loss', async () => {
    const { loader, states, idle, asked } = load(version);
    const choices = metricChoices(recordedRuns(version).map(leaderboardRun));
    expect(choices.map((c) => c.key)).toEqual(['val_loss', 'val_metric_average_precision']); // every seeded run is judged on val_loss first
    loader.start([choices[0]!.key]);
    const state = await idle();
    const runs = recordedRuns(version);
    expect(state.runs.map((r) => r.runName)).toEqual(runs.map((r) => r.info.run_name));
    // The list showed with nothing judged yet: as soon as runs/search answered.
    const firstListed = states.find((s) => s.runs.length > 0)!;
    expect(firstListed.runs).toHaveLength(runs.length);
    expect(judgedCount(firstListed.runs, firstListed.cells, 'val_loss')).toBe(0);
    expect(judgedCount(state.runs, state.cells, 'val_loss')).toBe(runs.length);
    expect(state.error).toBeNull();
    // One bulk call per key for the short runs, one per key for the 20,000-step run (sampled on its own).
    expect(asked.filter((e) => e === 'metrics/get-history-bulk-interval')).toHaveLength(4);
    expect(asked.filter((e) => e === 'runs/search')).toHaveLength(1);

    const cell = (name: string) => state.cells.get(runIdOf(version, name))!.get('val_loss')!;
    expect(cell('bold-heron-17').verdict).toBe('overfitting');
    expect(cell('shaky-wren-44').verdict).toBe('diverging');
    expect(cell('calm-otter-88').verdict).toBe('healthy');
    for (const name of ['bold-heron-17', 'calm-otter-88', 'marathon-ibis-20k', 'crawling-mole-592']) {
      const raw = recordedBestAndLast(version, runIdOf(version, name));
      expect(cell(name).best, name).toBe(raw.best);
      expect(cell(name).bestStep, name).toBe(raw.bestStep);
      expect(cell(name).last, name).toBe(raw.last);
      expect(cell(name).trainKey).toBe('train_loss');
    }
    // The seeded overfitting run bottoms out around epoch 12 of 40 and climbs after it.
    expect(cell('bold-heron-17').bestAt).toBeGreaterThanOrEqual(10);
    expect(cell('bold-heron-17').bestAt).toBeLessThanOrEqual(14);
    expect(cell('bold-heron-17').pastBest).toBe(39 - cell('bold-heron-17').bestAt!);
    expect(cell('bold-heron-17').unit).toBe('step'); // no epoch metric, no autologging tag: MLflow's steps
  });

  it('the champion is the version with the champion alias; rows show their delta to its best', async () => {
    const { loader, idle } = load(version);
    loader.start(['val_loss']);
    const state = await idle();
    const otter = runIdOf(version, 'calm-otter-88');
    expect(state.champion).toEqual({ runId: otter, modelName: 'Churn', version: '1', alias: 'champion' });
    const rows = leaderboardRows(state.runs, state.cells, 'val_loss', [], state.champion!);
    const champion = rows.find((r) => r.champion)!;
    expect(champion.run.runId).toBe(otter);
    expect(champion.delta).toBe(0);
    const heron = rows.find((r) => r.run.runName === 'bold-heron-17')!;
    expect(heron.delta).toBeCloseTo(heron.cell!.best! - champion.cell!.best!, 12);
  });

  it('without the alias, the latest version is the baseline', async () => {
    const { loader, idle } = load(version, 'latest');
    loader.start(['val_loss']);
    const state = await idle();
    expect(state.champion).toEqual({ runId: runIdOf(version, 'crawling-mole-592'), modelName: 'Churn', version: '2', alias: null });
  });

  it('sorts best first in the metric\'s direction (empty cells last), by any column, and filters by verdict, text and status', async () => {
    const { loader, idle } = load(version);
    loader.start(['val_loss']);
    const state = await idle();
    const rows = leaderboardRows(state.runs, state.cells, 'val_loss', [], state.champion ?? null);
    const order = defaultSort('min');
    expect(order).toEqual({ column: 'best', descending: false });
    const sorted = sortRows(rows, order);
    const bests = sorted.map((r) => r.cell?.best ?? null).filter((b): b is number => b !== null && Number.isFinite(b));
    expect(bests).toEqual([...bests].sort((a, b) => a - b));
    expect(sorted[0]!.cell!.best).toBe(Math.min(...bests));
    const down = sortRows(rows, { column: 'best', descending: true }).map((r) => r.cell?.best);
    expect(down[0]).toBe(Math.max(...bests));
    const byName = sortRows(rows, { column: 'name', descending: false }).map((r) => r.run.runName);
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b)));
    const pastBest = sortRows(rows, { column: 'pastBest', descending: true });
    expect(pastBest[0]!.cell!.pastBest).toBe(Math.max(...rows.map((r) => r.cell?.pastBest ?? -1)));

    expect(filterRows(rows, { ...NO_FILTER, verdict: 'overfitting' }).map((r) => r.run.runName)).toEqual(['bold-heron-17']);
    expect(filterRows(rows, { ...NO_FILTER, text: 'HERON' }).map((r) => r.run.runName)).toEqual(['bold-heron-17']);
    expect(filterRows(rows, { ...NO_FILTER, status: 'FAILED' }).map((r) => r.run.runName)).toEqual(['shaky-wren-44']);
    expect(filterRows(rows, { ...NO_FILTER, status: 'RUNNING' }).map((r) => r.run.runName)).toEqual(['eager-lynx-301']);
  });

  it('a lapsed session stops the judging and says so; what was listed stays, and a retry goes on from there', async () => {
    const { loader, idle, fail, clear } = load(version);
    fail('metrics/get-history-bulk-interval', 401, 'Unauthorized');
    loader.start(['val_loss']);
    const stopped = await idle();
    expect(stopped.error).toBe(SESSION_EXPIRED);
    expect(stopped.runs).toHaveLength(recordedRuns(version).length);
    clear();
    loader.retry();
    const done = await idle();
    expect(done.error).toBeNull();
    expect(judgedCount(done.runs, done.cells, 'val_loss')).toBe(done.runs.length);
  });

  it('a 5xx from MLflow (or its proxy) while listing says so, with MLflow\'s status', async () => {
    const { loader, idle, fail } = load(version);
    fail('runs/search', 502, '<html><body><h1>502 Bad Gateway</h1></body></html>');
    loader.start(['val_loss']);
    const state = await idle();
    expect(state.error).toMatch(/^MLflow answered with an error \(HTTP 502\) for runs search\./);
    expect(state.runs).toEqual([]);
  });

  it('exports the rows as CSV in their order, every name quoted and a formula-looking one defused', async () => {
    const { loader, idle } = load(version);
    loader.start(['val_loss']);
    const state = await idle();
    const rows = sortRows(leaderboardRows(state.runs, state.cells, 'val_loss', [], state.champion ?? null), defaultSort('min'));
    const csv = leaderboardCsv(rows, 'val_loss', []);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('"run_name","run_id","experiment_id","status","verdict","val_loss best","best at","unit","val_loss last","train at best","past best","delta to champion","champion"');
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[1]!.startsWith(`"${rows[0]!.run.runName}","${rows[0]!.run.runId}"`)).toBe(true);
    const champion = lines.find((l) => l.endsWith(',"yes"'))!;
    expect(champion).toContain('"calm-otter-88"');
    // A run named like a formula (any user can name a run so) is text in the spreadsheet.
    const hostile = { ...rows[0]!, run: { ...rows[0]!.run, runName: '=HYPERLINK("http://x")' } };
    expect(leaderboardCsv([hostile], 'val_loss', []).split('\r\n')[1]!.startsWith('"\'=HYPERLINK(""http://x"")"')).toBe(true);
  });
});
