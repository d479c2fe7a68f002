import { defineFeature } from '@/lib/features';
import { observe } from '@/lib/dom/observe';
import {
  chartCardMetricKey,
  isTabSelected,
  linkExperimentId,
  rowRunId,
  selectors,
} from '@/lib/mlflow/anchors';

/**
 * Marks what Lens recognised, as data attributes: the page on `<html data-lens-page="run"
 * data-lens-run-tab="model-metrics">`, and the MLflow elements features anchor to
 * (`data-lens-anchor="chart-card" data-lens-metric="val_loss"`, …). End-to-end tests and user styles
 * build on these; features use lib/mlflow/anchors directly.
 */
export default defineFeature({
  id: 'page-marker',
  include: [() => true],
  init({ route, signal, guard }) {
    const root = document.documentElement;
    root.dataset.lensPage = route.kind;
    if (route.kind === 'run') root.dataset.lensRunTab = route.tab;
    else delete root.dataset.lensRunTab;

    const marked = new Set<HTMLElement>();
    const mark = (name: string, extra?: (el: HTMLElement) => Record<string, string | null>) => (el: HTMLElement) => {
      el.dataset.lensAnchor = name;
      for (const [key, value] of Object.entries(extra?.(el) ?? {})) {
        if (value !== null) el.dataset[key] = value;
      }
      marked.add(el);
    };
    const opts = { signal };
    if (route.kind === 'run') {
      observe(selectors.runTitle, guard(mark('run-title')), opts);
      observe(selectors.experimentBreadcrumb, guard(mark('experiment-breadcrumb', (el) => ({ lensExperimentId: linkExperimentId(el) }))), opts);
      observe(selectors.modelMetricsTab, guard(mark('model-metrics-tab', (el) => ({ lensSelected: String(isTabSelected(el)) }))), opts);
      observe(selectors.chartCard, guard(mark('chart-card', (el) => ({ lensMetric: chartCardMetricKey(el) }))), opts);
      observe(selectors.registerModelButton, guard(mark('register-model')), opts);
    }
    if (route.kind === 'experiment-runs') {
      observe(selectors.runsTableRow, guard(mark('runs-row', (el) => ({ lensRunId: rowRunId(el) }))), opts);
    }

    signal.addEventListener('abort', () => {
      if (root.dataset.lensPage === route.kind) {
        delete root.dataset.lensPage;
        delete root.dataset.lensRunTab;
      }
      for (const el of marked) {
        for (const key of Object.keys(el.dataset)) if (key.startsWith('lens') && key !== 'lensSeen') delete el.dataset[key];
      }
    }, { once: true });
  },
});
