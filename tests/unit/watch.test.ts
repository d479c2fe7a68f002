import { describe, expect, it } from 'vitest';
import { shortBase } from '@/lib/mlflow/routes';
import { attentionBadge, watchOutcome } from '@/lib/watch';
import type { WatchedRun } from '@/lib/settings';

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
