/**
 * What Lens can do, as the options page lists it. Each entry is implemented by one file in
 * entrypoints/mlflow.content/features/ with the same id (a unit test keeps the two in step).
 */
export const FEATURE_CATALOG = [
  {
    id: 'page-marker',
    title: 'Page detection',
    description:
      'Recognises which MLflow page you are on and marks it (data-lens-page on <html>), for Lens features and your own styles.',
  },
  {
    id: 'overfit-badge',
    title: 'Overfitting badge',
    description:
      'On the run page, a verdict beside the run name (overfitting, watch, healthy, diverging…) with the best epoch and how far validation has drifted; markers on the Model metrics charts.',
  },
  {
    id: 'overfit-table-chips',
    title: 'Overfitting chips in the runs table',
    description: 'A verdict chip beside each visible run in an experiment’s runs table.',
  },
  {
    id: 'run-watch',
    title: 'Watch running runs',
    description:
      'Runs you watch (the badge’s “Watch” switch) are re-checked while an MLflow tab of their host is open; you get a notification when one starts overfitting or diverges.',
  },
  {
    id: 'one-click-register',
    title: 'One-click register',
    description:
      'A “Register as <model> · v<n>” button in the run header: the run’s model into the registry in one click, never twice; options for another model, a description, an alias.',
  },
  {
    id: 'quick-search',
    title: 'Quick search',
    description:
      'Ctrl/Cmd+K on an MLflow page (and the toolbar popup) finds any experiment, run or registered model by name or run id.',
  },
  {
    id: 'compare-drawer',
    title: 'Compare drawer',
    description:
      'Pin runs from any experiment (run header, runs table, popup); a drawer over any MLflow page overlays their curves, sums up best and last values with verdicts, and shows their differing params (Alt+Shift+C).',
  },
  {
    id: 'support-notice',
    title: 'Notices',
    description:
      'Says once, in a small note at the bottom left, when Lens cannot do something on this MLflow: a release outside the tested range, or a page element it attaches to that this version does not have.',
  },
] as const;

export type FeatureId = (typeof FEATURE_CATALOG)[number]['id'];
