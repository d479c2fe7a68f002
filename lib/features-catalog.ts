/**
 * What Lens can do, as the options page lists it. Each entry is implemented by one file in
 * entrypoints/mlflow.content/features/ with the same id (a unit test keeps the two in step).
 */
export const FEATURE_CATALOG = [
  {
    id: 'page-marker',
    title: 'Page kind for your own styles',
    description:
      'Names the kind of MLflow page you are on (run, runs table, experiments…) on the page itself, so a style sheet of your own can target it: <html data-lens-page="run">. Lens’s features work without it.',
    // Listed apart, under "For your own styles": it is a hook for users who write CSS, not a feature they see.
    advanced: true,
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
    title: 'Follow running runs',
    description:
      'Runs you follow (the “Follow this run” switch in the badge’s details) are re-checked while an MLflow tab of their host is open: a notification, and a badge on the Lens toolbar icon, when one starts overfitting or diverges; a notification when it finishes or fails. The popup lists them.',
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
    id: 'leaderboard',
    title: 'Experiment leaderboard',
    description:
      'A “Leaderboard” button beside the runs page’s view switch: every run of the experiment ranked by its best validation value, with its verdict, best epoch, epochs past it and its delta to the registered champion; pin, compare, register or export from there.',
  },
  {
    id: 'support-notice',
    title: 'Notices',
    description:
      'Says once, in a small note at the bottom left, when Lens cannot do something on this MLflow: a release outside the tested range, or a page element it attaches to that this version does not have.',
  },
] as const;

export type FeatureId = (typeof FEATURE_CATALOG)[number]['id'];
