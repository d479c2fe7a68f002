import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '@/lib/mlflow/client';
import { pageBase, shortBase } from '@/lib/mlflow/routes';
import { attentionBadge, checkWatchedRun, watchOutcome } from '@/lib/watch';
import { DEFAULT_ANALYSIS_SETTINGS, type WatchedRun } from '@/lib/settings';

const RUN: WatchedRun = { baseUrl: 'http://localhost:5000/', runId: 'r1', runName: 'wolf', runUrl: 'http://localhost:5000/#/experiments/1/runs/r1', lastVerdict: 'healthy' };
const running = { runName: 'wolf', status: 'RUNNING', finished: false };

describe('watchOutcome', () => {
  it('notifies and badges once when a followed run turns overfitting, not again while it stays so', () => {
    const first = watchOutcome(RUN, { ...running, verdict: 'overfitting', reason: 'val_loss 30 % above its best' });
    expect(first.needsAttention).toBe(true);
    expect(first.run.attention).toBe(true);
    expect(first.alert).toEqual({ id: 'lens-watch-r1-overfitting', title: 'wolf is overfitting', message: 'val_loss 30 % above its best', url: RUN.runUrl });
    const again = watchOutcome(first.run, { ...running, verdict: 'overfitting' });
    expect(again.needsAttention).toBe(false);
    expect(again.alert).toBeUndefined();
  });

  it('says nothing while a run stays healthy or only shows early signs', () => {
    for (const verdict of ['healthy', 'watch', 'too-early']) {
      const outcome = watchOutcome(RUN, { ...running, verdict });
      expect(outcome.alert, verdict).toBeUndefined();
      expect(outcome.needsAttention).toBe(false);
    }
  });

  it('notifies when the run ends, saying how and with which verdict', () => {
    const done = watchOutcome(RUN, { runName: 'wolf', status: 'FINISHED', finished: true, verdict: 'healthy' });
    expect(done.alert).toMatchObject({ id: 'lens-watch-r1-finished', title: 'wolf finished', message: 'Lens’s verdict: healthy.' });
    const failed = watchOutcome(RUN, { runName: 'wolf', status: 'FAILED', finished: true, verdict: 'watch' });
    expect(failed.alert?.title).toBe('wolf failed');
    expect(failed.alert?.message).toContain('early signs of overfitting');
    expect(watchOutcome(RUN, { runName: 'wolf', status: 'KILLED', finished: true, verdict: 'healthy' }).alert?.title).toBe('wolf was stopped');
  });
});

it('badges the toolbar with the number of followed runs that need a look', () => {
  expect(attentionBadge([])).toBe('');
  expect(attentionBadge([RUN, { ...RUN, runId: 'r2', attention: false }])).toBe('');
  expect(attentionBadge([{ ...RUN, attention: true }, { ...RUN, runId: 'r2', attention: true }, RUN])).toBe('2');
  expect(attentionBadge(Array.from({ length: 12 }, (_, i) => ({ ...RUN, runId: `r${i}`, attention: true })))).toBe('9+');
});

it('names an MLflow by host and path', () => {
  expect(shortBase('http://localhost:5000/')).toBe('localhost:5000');
  expect(shortBase('https://ml.example.com/mlflow/')).toBe('ml.example.com/mlflow');
});

it('an MLflow is its page address without the route', () => {
  expect(pageBase('http://localhost:5000/#/experiments/1/runs/r1')).toBe('http://localhost:5000/');
  expect(pageBase('https://ml.example.com/mlflow/?o=1#/models')).toBe('https://ml.example.com/mlflow/');
});

describe('checkWatchedRun on a run recorded from Lightning’s MLflowLogger (tests/unit/fixtures/frameworks/lightning/pl-logger-overfit.json)', () => {
  const fixture = JSON.parse(readFileSync('tests/unit/fixtures/frameworks/lightning/pl-logger-overfit.json', 'utf8')) as {
    run: { run: { info: { run_id: string; run_name: string } } };
    histories: Record<string, unknown>;
  };
  const asked: string[] = [];
  const client = new MlflowClient({
    baseUrl: 'http://localhost:5000/',
    retryDelaysMs: [],
    fetch: (async (input: RequestInfo | URL) => {
      const url = new URL(String(input));
      const path = url.pathname.replace(/^.*\/mlflow\//, '');
      asked.push(path === 'metrics/get-history' ? `${path} ${url.searchParams.get('metric_key')}` : path);
      const body = path === 'runs/get' ? fixture.run : path === 'metrics/get-history' ? fixture.histories[url.searchParams.get('metric_key')!] : undefined;
      return new Response(JSON.stringify(body ?? { error_code: 'ENDPOINT_NOT_FOUND', message: 'not recorded' }), { status: body ? 200 : 404 });
    }) as typeof fetch,
  });
  const { run_id: runId, run_name: runName } = fixture.run.run.info;
  const followed: WatchedRun = { baseUrl: 'http://localhost:5000/', runId, runName: 'before the first check', runUrl: `http://localhost:5000/#/experiments/1/runs/${runId}`, lastVerdict: 'healthy' };

  it('judges it as the run page does, and says it ended with its verdict', async () => {
    const outcome = await checkWatchedRun(client, followed, DEFAULT_ANALYSIS_SETTINGS, new AbortController().signal);
    expect(asked[0]).toBe('runs/get');
    expect(asked).toContain('metrics/get-history val_loss');
    expect(outcome.verdict).toBe('overfitting');
    expect(outcome.finished).toBe(true);
    expect(outcome.needsAttention).toBe(true);
    expect(outcome.run).toEqual({ ...followed, runName, lastVerdict: 'overfitting', attention: true });
    expect(outcome.alert).toMatchObject({ id: `lens-watch-${runId}-finished`, title: `${runName} finished`, url: followed.runUrl });
    expect(outcome.alert?.message).toMatch(/^Lens’s verdict: overfitting\. val_loss/);
  });

  it('judges with the user’s settings: a threshold no run reaches keeps it from overfitting', async () => {
    const outcome = await checkWatchedRun(client, followed, { ...DEFAULT_ANALYSIS_SETTINGS, overfitThreshold: 1000, watchThreshold: 1000 }, new AbortController().signal);
    expect(outcome.verdict).toBe('healthy');
    expect(outcome.needsAttention).toBe(false);
  });
});
