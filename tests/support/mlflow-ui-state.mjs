// MLflow's own UI state, set before its scripts run (`page.addInitScript(setMlflowUiState, dark)`), shared by the
// e2e specs and the store screenshots so both see the same MLflow. Self-contained: Playwright serialises it.

/**
 * MLflow keeps its theme in localStorage (2.22 and 3.x alike; it then marks `<body class="dark-mode">`), opens
 * `#/experiments/<id>` on the GenAI overview unless the workflow switch says "model training", and opens its
 * Assistant panel by itself on a first visit. Set all three so a test sees the classic-ML pages with the panel shut.
 * @param {boolean} dark
 */
export function setMlflowUiState(dark) {
  localStorage.setItem('_mlflow_dark_mode_toggle_enabled', String(dark));
  localStorage.setItem('databricks-dark-mode-pref', dark ? 'dark' : 'light');
  localStorage.setItem('mlflow.workflowType_v1', '"machine_learning"');
  localStorage.setItem('mlflow.assistant.fab.autoOpenedOnFirstLoad_v1', 'true');
  localStorage.setItem('mlflow.assistant.panelOpen_v1', 'false');
}
