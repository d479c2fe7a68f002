// Type declarations for mlflow-ui-state.mjs (so strict TS tests type-check without allowJs). Keep in sync.

/** MLflow's theme, "model training" workflow and a closed Assistant panel, written to localStorage. */
export declare function setMlflowUiState(dark: boolean): void;
