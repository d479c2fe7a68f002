import { signal as createSignal } from '@preact/signals';
import type { RunJudgement } from '@/lib/analysis';
import { RowChip, type ChipState } from '@/components/overfit/RowChip';
import css from '@/components/overfit/overfit.css?inline';
import { mountView } from '@/components/shadow-mount';
import { defineFeature } from '@/lib/features';
import { observeRunRows } from '@/lib/mlflow/runs-table';
import { isRunsTable } from '@/lib/mlflow/routes';
import { bestAttributes, loadTableVerdicts } from '@/lib/run-verdicts';
import { readAnalysisSettings } from '@/lib/settings';
import { BULK_INTERVAL_MAX_RUNS } from '@/lib/mlflow/client';

const BATCH_DELAY_MS = 150;

/**
 * A verdict chip beside each visible run's name in the runs table. Only rendered rows (ag-grid
 * virtualises the table) are fetched, in batches of ≤ 100 runs, once per page view.
 */
export default defineFeature({
  id: 'overfit-table-chips',
  include: [isRunsTable],
  async init({ route, signal, client, guard }) {
    if (route.kind !== 'experiment-runs') return;
    const experimentId = route.experimentId;
    const settings = await readAnalysisSettings();
    const verdicts = createSignal<ReadonlyMap<string, ChipState>>(new Map());
    const requested = new Set<string>();
    let queue: string[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;

    const set = (entries: [string, ChipState][]) => {
      const next = new Map(verdicts.value);
      for (const [id, value] of entries) next.set(id, value);
      verdicts.value = next;
    };
    const flush = async () => {
      const batch = queue.splice(0, BULK_INTERVAL_MAX_RUNS);
      if (queue.length) timer = setTimeout(guard(flush), 0);
      try {
        const result = await loadTableVerdicts(client, experimentId, batch, settings, signal);
        set(batch.map((id) => [id, result.has(id) ? { status: 'ready', judgement: result.get(id) as RunJudgement } : { status: 'error', message: 'Run not found' }]));
      } catch (error) {
        if (signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        for (const id of batch) requested.delete(id); // let a later appearance try again
        set(batch.map((id) => [id, { status: 'error', message }]));
      }
    };
    const want = (runId: string) => {
      if (requested.has(runId)) return;
      requested.add(runId);
      queue.push(runId);
      clearTimeout(timer);
      timer = setTimeout(guard(flush), BATCH_DELAY_MS);
    };
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });

    observeRunRows(({ link, runId: first, signal: rowSignal, onRunChange }) => {
      const runId = createSignal(first);
      want(first);
      const { host } = mountView((h) => link.after(h), <RowChip runId={runId} verdicts={verdicts} />, {
        tag: 'lens-overfit-chip',
        // The badge's public contract (README): chips, markers and the badge are one family for users' automation.
        feature: 'overfit-badge',
        css,
        signal: rowSignal,
        attributes: { 'data-run-id': first },
      });
      // Never a stale chip on a recycled row.
      onRunChange((next) => {
        runId.value = next;
        host.dataset.runId = next;
        want(next);
      });
      const contract = () => {
        const state = verdicts.value.get(runId.value);
        host.dataset.verdict = state?.status === 'ready' ? state.judgement.verdict : (state?.status ?? 'loading');
        delete host.dataset.bestStep;
        delete host.dataset.bestEpoch;
        Object.assign(host.dataset, bestAttributes(state?.status === 'ready' ? state.judgement.primary : null));
      };
      contract();
      const unsubscribe = verdicts.subscribe(contract);
      const unsubscribeId = runId.subscribe(contract);
      rowSignal.addEventListener('abort', () => (unsubscribe(), unsubscribeId()), { once: true });
    }, { signal, guard });
  },
});
