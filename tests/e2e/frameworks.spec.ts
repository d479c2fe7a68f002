/**
 * The badge on runs logged by real frameworks' own MLflow integrations (#12), on a real MLflow page. The runs were
 * trained and recorded by `npm run record:frameworks` (tests/unit/fixtures/frameworks/, MLflow's own JSON); here
 * each family's telling run is logged again, point for point, through MLflow's REST API (with its
 * `mlflow.autologging` tag), and its run page must show the verdict, the pair and the best's position in words.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const FIXTURES = fileURLToPath(new URL('../unit/fixtures/frameworks/', import.meta.url));
const BADGE = 'lens-overfit-badge';

/** One run per family: the shape Lens used to get wrong there. */
const CASES: { file: string; why: string }[] = [
  { file: 'xgboost/xgb-native-overfit.json', why: 'eval_metric=["logloss", "auc"]: judged on logloss, not auc' },
  { file: 'xgboost/xgb-sklearn-two-sets-overfit.json', why: 'validation_0 → validation_1, the assumption said' },
  { file: 'lightgbm/lgb-default-names-overfit.json', why: 'training- → valid_1-' },
  { file: 'lightning/pl-logger-overfit.json', why: 'global steps read as epochs through the epoch metric; a noisy rise' },
  { file: 'transformers/hf-steps-overfit.json', why: 'loss → eval_loss, not the one-value train_loss; epochs from the epoch metric' },
  { file: 'keras/keras-split-overfit.json', why: "validation_* at step 0 shown once" },
  { file: 'catboost/cb-overfit.json', why: 'learn- → validation-' },
];

interface Fixture {
  framework: string;
  expected: { verdict: string; train: string | null; validation: string; bestStep: number; bestEpoch?: number | null; unit: 'epoch' | 'step' };
  run: { run: { info: { run_name: string }; data: { tags?: { key: string; value: string }[] } } };
  histories: Record<string, { metrics?: { key: string; value: number | string; timestamp: number | string; step: number | string }[] }>;
}

async function post(apiUrl: string, path: string, body: unknown): Promise<Record<string, any>> {
  const res = await fetch(`${apiUrl}api/2.0/mlflow/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, any>>;
}

/** Logs a recorded run into `apiUrl`'s MLflow as it was: every point of every metric, and its autologging tag. */
async function logRecorded(apiUrl: string, experimentId: string, f: Fixture): Promise<string> {
  const { run } = await post(apiUrl, 'runs/create', { experiment_id: experimentId, run_name: f.run.run.info.run_name, start_time: Date.now() - 60_000 });
  const runId = run.info.run_id as string;
  const points = Object.values(f.histories).flatMap((h) =>
    (h.metrics ?? []).map((m) => ({ key: m.key, value: Number(m.value), timestamp: Number(m.timestamp), step: Number(m.step) })),
  );
  // MLflow takes at most 1,000 metrics a batch.
  for (let i = 0; i < points.length; i += 1000) await post(apiUrl, 'runs/log-batch', { run_id: runId, metrics: points.slice(i, i + 1000) });
  const tags = (f.run.run.data.tags ?? []).filter((t) => t.key === 'mlflow.autologging');
  if (tags.length) await post(apiUrl, 'runs/log-batch', { run_id: runId, tags });
  await post(apiUrl, 'runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() });
  return runId;
}

test.describe('real framework runs on a real MLflow page', () => {
  let experimentId = '';
  const runIds = new Map<string, string>();

  test.beforeAll(async ({ mlflow }) => {
    ({ experiment_id: experimentId } = await post(mlflow.apiUrl, 'experiments/create', { name: `frameworks-${Date.now().toString(36)}` }));
    for (const c of CASES) {
      const f = JSON.parse(readFileSync(FIXTURES + c.file, 'utf8')) as Fixture;
      runIds.set(c.file, await logRecorded(mlflow.apiUrl, experimentId, f));
    }
  });

  test.afterAll(async ({ mlflow }) => {
    // Other specs count experiments and runs: leave none behind.
    if (experimentId) await post(mlflow.apiUrl, 'experiments/delete', { experiment_id: experimentId });
  });

  for (const c of CASES) {
    test(`${c.file}: ${c.why}`, async ({ page, mlflow }) => {
      const f = JSON.parse(readFileSync(FIXTURES + c.file, 'utf8')) as Fixture;
      const e = f.expected;
      // A run that logs one step per epoch but says so nowhere (no epoch metric, no autologging tag) reads as steps.
      const says = 'epoch' in f.histories || (f.run.run.data.tags ?? []).some((t) => t.key === 'mlflow.autologging');
      const at = e.unit === 'epoch' && says ? `epoch ${e.bestEpoch}` : `step ${e.bestStep}`;
      await page.goto(`${mlflow.url}#/experiments/${experimentId}/runs/${runIds.get(c.file)}`);
      const badge = page.locator(BADGE);
      await expect(badge).toHaveAttribute('data-verdict', e.verdict, { timeout: 30_000 });
      await expect(badge).toHaveAttribute('data-best-step', String(e.bestStep));
      const pill = badge.getByRole('button').first();
      await expect(pill).toContainText(`best at ${at} · ${e.validation} +`);
      await pill.click();
      const dialog = badge.getByRole('dialog', { name: 'Overfitting details' });
      await expect(dialog.locator('.legend')).toContainText(e.validation);
      if (e.train) await expect(dialog.locator('.legend')).toContainText(e.train);
      await expect(dialog.locator('.reason')).toContainText(`its best (${at})`);
      if (e.train?.startsWith('validation_0')) await expect(dialog).toContainText(`Lens assumed ${e.train} is the training set`);
      if (e.unit === 'step') await expect(dialog).toContainText('this run logs no epoch metric');
      // Each base name once in the other pairs (Keras' validation_* duplicates are gone).
      const others = await dialog.locator('ul.others li strong').allTextContents();
      expect(new Set(others).size).toBe(others.length);
    });
  }
});
