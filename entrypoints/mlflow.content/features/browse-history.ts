import type { FeatureContext } from '@/lib/features';
import { observe } from '@/lib/dom/observe';
import { fullExperimentName, linkedExperiment, runTitleText, selectors } from '@/lib/mlflow/anchors';
import { rememberBrowsed } from '@/lib/search/history-storage';

/**
 * Quick search's recent items include what the user browsed to: a run page (by the name its title shows, with
 * its experiment's from the breadcrumb), an experiment page (by its breadcrumb on 3.x, its experiment-list link on 2.x) and a registered
 * model. Names are read off MLflow's own page, so recording sends no request.
 */
export function recordBrowsing({ route, signal, guard }: Pick<FeatureContext, 'route' | 'signal' | 'guard'>, base: string): void {
  const opts = { signal };
  if (route.kind === 'run') {
    let runName: string | null = null;
    let experiment: { id: string; name: string } | null = null;
    const record = () => {
      const experimentId = route.experimentId ?? experiment?.id;
      if (!runName || !experimentId || signal.aborted) return;
      const experimentName = experiment?.id === experimentId ? experiment.name : undefined;
      void rememberBrowsed(base, { kind: 'run', id: route.runId, name: runName, experimentId, ...(experimentName ? { experimentName } : {}) });
    };
    observe(selectors.runTitle, guard((title: Element) => ((runName = runTitleText(title)), record())), opts);
    observe(selectors.experimentBreadcrumb, guard((link: Element) => ((experiment = linkedExperiment(link)), record())), opts);
  } else if (route.kind === 'experiment-runs' || route.kind === 'experiment') {
    let experiment: { id: string; name: string } | null = null;
    let nav: Element | null = null;
    const record = () => {
      if (experiment?.id !== route.experimentId || signal.aborted) return;
      const name = (nav?.isConnected && fullExperimentName(nav, experiment.name)) || experiment.name;
      void rememberBrowsed(base, { kind: 'experiment', id: experiment.id, name });
    };
    const onLink = guard((link: Element) => ((experiment = linkedExperiment(link)), record()));
    observe(selectors.experimentPageLink, onLink, opts); // 3.x breadcrumb (3.17: the last path segment only)
    observe(selectors.activeExperimentListLink, onLink, opts); // 2.x experiment list
    observe(selectors.experimentNavName, guard((link: Element) => ((nav = link), record())), opts); // 3.17: the full name
  } else if (route.kind === 'registered-model' || route.kind === 'model-version') {
    void rememberBrowsed(base, { kind: 'registered-model', id: route.modelName, name: route.modelName });
  }
}
