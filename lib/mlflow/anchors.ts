/**
 * MLflow DOM anchors: the only module that knows MLflow's markup.
 *
 * Every selector and reader here was checked against live MLflow 2.22.5 and 3.17.2 pages (Chromium via Playwright),
 * light and dark theme; the snippets in `tests/unit/fixtures/dom/<version>/` are copies of that markup and
 * `tests/unit/anchors.test.ts` runs everything below against them. Rules followed:
 * - Attributes before classes: `data-testid` (3.3+) and `data-test-id` (≤3.2; 2.22 still uses it for the run header
 *   and breadcrumb, but already `data-testid` for chart cards), ARIA roles/state, ag-grid's own classes.
 * - Design-system classes carry the theme in their prefix (`du-bois-light-…` / `du-bois-dark-…`, switched live by
 *   the theme toggle): both prefixes are always listed. Emotion `css-<hash>` classes are never used.
 * - The run tab bar is antd/rc-tabs on 2.x (`[role=tab]#rc-tabs-<n>-tab-<key>`) and Radix on 3.x
 *   (`button[role=tab]#radix-:rX:-trigger-<key>`, `data-state`); both expose `aria-selected`.
 * - Every selector is a plain selector list, valid in `querySelectorAll` and inside `:where(…)` (the selector
 *   observer). `runTabBar` uses `:has()` (Chromium 105+, Firefox 121+); inside `:where()`, which takes a forgiving
 *   selector list, an engine without `:has()` just drops that alternative.
 * - Readers take an Element and never throw; "not found" is `null`/`false`.
 */

/** `[data-testid="id"], [data-test-id="id"]`, optionally on a given tag. */
export function testId(id: string, tag = ''): string {
  return `${tag}[data-testid="${id}"], ${tag}[data-test-id="${id}"]`;
}

/** The run tab keys MLflow uses in tab ids (and URLs). */
const MODEL_METRICS_KEY = 'model-metrics';

/** Same `componentId` on 2.22.5 and 3.17.2 (codegen ids embed a source line number: fallbacks only). */
const REGISTER_BUTTON_SINGLE = 'codegen_mlflow_app_src_model-registry_components_registermodel.tsx_261';
const REGISTER_BUTTON_MULTI = 'codegen_mlflow_app_src_experiment-tracking_components_run-page_runviewheaderregistermodelbutton.tsx_195';

export const selectors = {
  /** Run page title: `<span data-testid="runs-header">run name</span>` inside the header `<h2>`. */
  runTitle: testId('runs-header', 'span'),
  /**
   * Run page breadcrumb link to the experiment; text = experiment name. Its href is `#/experiments/<id>` (2.x) and
   * on 3.17 `#/experiments/<id>/runs` or `#/experiments/<id>/evaluation-runs`, depending on the GenAI/Model
   * training switch.
   */
  experimentBreadcrumb: testId('experiment-runs-link', 'a'),
  /** Experiment page breadcrumb link to the experiment (3.10+ layout, where the h2 shows the tab name). */
  experimentPageLink: testId('experiment-link', 'a'),
  /**
   * 3.17's experiment side navigation: its first item links back to the experiment list and shows the experiment's
   * full name (the breadcrumb's `experiment-link` shows only its last path segment: "Churn"). No testid.
   */
  experimentNavName: 'nav > ul > li:first-child > a[href="#/experiments"]',
  /**
   * 2.x experiment page: the experiment list's link to an open experiment; text = its full name (the page's h2 shows
   * only the last path segment). Several when experiments are compared: match its href to the page's experiment.
   */
  activeExperimentListLink: testId('active-experiment-list-item-link', 'a'),
  /** Run page tab bar (`[role=tablist]`): Radix with a named componentId on 3.x, rc-tabs nav on 2.x. */
  runTabBar:
    '[role="tablist"][data-component-id="mlflow.run-page.view-mode-switch"], ' +
    `[role="tablist"]:has([role="tab"][id$="-tab-${MODEL_METRICS_KEY}"]), ` +
    `[role="tablist"]:has([role="tab"][id$="-trigger-${MODEL_METRICS_KEY}"])`,
  /** Any tab of a tab bar. */
  tab: '[role="tab"]',
  /** The "Model metrics" run tab (text fallback: `findModelMetricsTab`). */
  modelMetricsTab: `[role="tab"][id$="-tab-${MODEL_METRICS_KEY}"], [role="tab"][id$="-trigger-${MODEL_METRICS_KEY}"]`,
  /** Selected tab, both implementations (2.x also marks the wrapper `…-tabs-tab-active`). */
  selectedTab: '[role="tab"][aria-selected="true"], [role="tab"][data-state="active"]',
  /** The run header's ⋮ menu button (MLflow's own header actions end with it). */
  runHeaderMenu: `${testId('overflow-menu-trigger', 'button')}`,
  /**
   * A chart card (run page Model/System metrics, experiment charts view). Same testid on 2.22 and 3.17; MLflow
   * 2.17's older card component has no testid and is a `<div role="figure">` (nothing else on its pages is).
   */
  chartCard: `${testId('experiment-view-compare-runs-card')}, div[role="figure"]`,
  /** The card title: `<h4 title="<metric key>">` from 2.22, a plain `<h4>` on 2.17; find it with `chartCardHeading`. */
  chartCardTitle: 'h4',
  /** The grid that holds the cards of one section. */
  chartCardsGrid: testId('draggable-chart-cards-grid'),
  /**
   * The run-header "Register model" button: `button.register-model-btn` for one model (also on the 3.x logged
   * model page), a dropdown trigger without that class when the run has several models. Only rendered when the run
   * has a `mlflow.log-model.history` tag, i.e. not for models logged by MLflow 3's `log_model`.
   */
  registerModelButton:
    `button.register-model-btn, button[data-component-id="${REGISTER_BUTTON_SINGLE}"], ` +
    `button[data-component-id="${REGISTER_BUTTON_MULTI}"]`,
  /**
   * A runs-table row (ag-grid 27). One run is rendered as up to three `.ag-row`s with the same `row-id`: in
   * `.ag-pinned-left-cols-container` (checkbox, run name, created), `.ag-center-cols-container` (other columns) and
   * the hidden `.ag-pinned-right-cols-container`. Rows are virtualised and recycled: re-query, don't cache.
   */
  runsTableRow: '.ag-row[row-id]',
  runsTablePinnedLeft: '.ag-pinned-left-cols-container',
  runsTableCenter: '.ag-center-cols-container',
  /**
   * ag-grid's row-selection checkbox (pinned-left row only). The same cell (`.is-checkbox-cell`) also holds MLflow's
   * hide-run and pin-run checkboxes, so `.is-checkbox-cell input` alone is wrong.
   */
  rowCheckbox: '.ag-selection-checkbox input[type="checkbox"], .is-checkbox-cell input.ag-checkbox-input',
  /** The run name link in a row: `#/experiments/<exp>/runs/<run>`. */
  rowRunLink: 'a[href*="/runs/"]',
  /**
   * The run's colour swatch before its name (pinned-left row; 2.22 and 3.x alike): a `<label>` whose inline
   * `background-color` is the colour MLflow's charts use for the run, around an `<input type="color">` that lets
   * the user change it.
   */
  rowRunColour: testId('experiment-view-table-run-color', 'label'),
  /**
   * The runs page's view switch (Table / Chart / Artifacts): a segmented control of `runs-view-mode` radios, on
   * 2.22 and 3.17 alike, also on compare-experiments. (Its codegen component id embeds a line number: not used.)
   */
  runsViewSwitch: '[data-component-type="segmented_control_group"]:has(input[name="runs-view-mode"])',
  /** Registered models list table (same testid on 2.22 and 3.17). */
  modelListTable: testId('model-list-table'),
} as const;

const RUN_ID = /^[0-9a-f]{32}$/i;
const LOGGED_MODEL_ROW_ID = /^m-[0-9a-f]{32}$/i;

function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The run name shown in a run page title element. */
export function runTitleText(title: Element): string | null {
  return text(title) || null;
}

/** The run name in the run page's header, or null before MLflow draws it. */
export function pageRunName(root: ParentNode): string | null {
  const title = root.querySelector(selectors.runTitle);
  return title && runTitleText(title);
}

/** Whether MLflow has drawn a page's tab bar (the run page once loaded): a slow load is then over. */
export function runTabsDrawn(root: ParentNode): boolean {
  return root.querySelector(selectors.tab) !== null;
}

/** The experiment id a breadcrumb link points to (`#/experiments/<id>[/…]`). */
export function linkExperimentId(link: Element): string | null {
  const match = /#\/experiments\/(\d+)(?:[/?]|$)/.exec(link.getAttribute('href') ?? '');
  return match?.[1] ?? null;
}

/**
 * The experiment a breadcrumb link names: the id in its href and its text (the experiment's name), from the run
 * page's `experimentBreadcrumb`, the experiment page's `experimentPageLink` (3.x) or `activeExperimentListLink` (2.x).
 */
export function linkedExperiment(link: Element): { id: string; name: string } | null {
  const id = linkExperimentId(link);
  const name = text(link);
  return id && name ? { id, name } : null;
}

/**
 * An experiment's full name from 3.17's side navigation, when it is the experiment a breadcrumb names (`short`: its
 * last path segment, or all of it); `null` when the navigation shows something else.
 */
export function fullExperimentName(nav: Element, short: string): string | null {
  const full = text(nav);
  return full && (full === short || full.endsWith(`/${short}`)) ? full : null;
}

/** The key of a run tab from its id: `rc-tabs-4-tab-model-metrics` (2.x), `radix-:r42:-trigger-model-metrics` (3.x). */
export function tabKey(tab: Element): string | null {
  const match = /-(?:tab|trigger)-([a-z][a-z-]*)$/.exec(tab.id);
  return match?.[1] ?? null;
}

export function isTabSelected(tab: Element): boolean {
  if (tab.getAttribute('aria-selected') === 'true' || tab.getAttribute('data-state') === 'active') return true;
  // 2.x rc-tabs marks the wrapper: `.du-bois-{light,dark}-tabs-tab-active > [role=tab]`.
  return /(^|\s)du-bois-(light|dark)-tabs-tab-active(\s|$)/.test(tab.parentElement?.className ?? '');
}

/** Is this tab "Model metrics"? By id key, or by its English label (MLflow's UI is English-only). */
export function isModelMetricsTab(tab: Element): boolean {
  return tabKey(tab) === MODEL_METRICS_KEY || text(tab).toLowerCase() === 'model metrics';
}

export function findModelMetricsTab(root: ParentNode): HTMLElement | null {
  const direct = root.querySelector<HTMLElement>(selectors.modelMetricsTab);
  if (direct) return direct;
  for (const tab of root.querySelectorAll<HTMLElement>(selectors.tab)) if (isModelMetricsTab(tab)) return tab;
  return null;
}

/**
 * The metric key a chart card plots: the `title` of its `<h4>`. Not its text: 3.x strips the section prefix from
 * the visible title (`eval/acc` shows as "acc" under section "eval"), and long keys are ellipsised.
 */
export function chartCardMetricKey(card: Element): string | null {
  const heading = chartCardHeading(card);
  if (!heading) return null;
  const key = heading.getAttribute('title') ?? text(heading);
  return key.trim() || null;
}

/** The heading of a chart card, where Lens's marker goes: its `h4[title]`, else (2.17) its first `h4`. */
export function chartCardHeading(card: Element): HTMLElement | null {
  return card.querySelector<HTMLElement>('h4[title]') ?? card.querySelector<HTMLElement>('h4');
}

/** The run-header (or logged model page) "Register model" button; falls back to a button labelled so. */
export function findRegisterModelButton(root: ParentNode): HTMLElement | null {
  const direct = root.querySelector<HTMLElement>(selectors.registerModelButton);
  if (direct) return direct;
  for (const button of root.querySelectorAll<HTMLElement>('button')) {
    if (text(button).toLowerCase() === 'register model') return button;
  }
  return null;
}

/** The run id of a runs-table row (`row-id`, or its run link); `null` for group rows and anything else. */
export function rowRunId(row: Element): string | null {
  const id = row.getAttribute('row-id');
  if (id && RUN_ID.test(id)) return id.toLowerCase();
  // A logged model's row (`m-…`: MLflow 3.1 shows its logged-models table at #/experiments/<id>/runs) links to
  // its source run, but it is not that run's row.
  if (id && LOGGED_MODEL_ROW_ID.test(id)) return null;
  const href = row.querySelector(selectors.rowRunLink)?.getAttribute('href') ?? '';
  const match = /\/runs\/([0-9a-f]{32})(?:[/?]|$)/i.exec(href);
  return match?.[1]?.toLowerCase() ?? null;
}

/** Every rendered `.ag-row` of one run (pinned-left, center, pinned-right). */
export function runsTableRowsFor(root: ParentNode, runId: string): HTMLElement[] {
  if (!RUN_ID.test(runId)) return [];
  return [...root.querySelectorAll<HTMLElement>(`.ag-row[row-id="${runId}"]`)];
}

/** The selection checkbox of a row (only the pinned-left copy of a row has one). */
export function rowCheckbox(row: Element): HTMLInputElement | null {
  return row.querySelector<HTMLInputElement>(selectors.rowCheckbox);
}

/**
 * Whether a row-selection checkbox is checked. ag-grid sets the `checked` property (not the attribute) and, on
 * its wrapper, the class `ag-checked`; the wrapper class is what survives serialisation.
 */
export function isRowCheckboxChecked(checkbox: Element): boolean {
  if ((checkbox as HTMLInputElement).checked === true) return true;
  return checkbox.closest('.ag-checkbox-input-wrapper')?.classList.contains('ag-checked') ?? false;
}

/** Whether ag-grid has the row selected (`.ag-row-selected`, `aria-selected="true"`; on every copy of the row). */
export function isRowSelected(row: Element): boolean {
  return row.classList.contains('ag-row-selected') || row.getAttribute('aria-selected') === 'true';
}

/** The runs ticked in the runs table (MLflow's row checkboxes), with the names their rows show. */
export function selectedRuns(root: ParentNode): { runId: string; runName: string }[] {
  const rows = root.querySelectorAll<HTMLElement>(`${selectors.runsTablePinnedLeft} ${selectors.runsTableRow}`);
  return [...rows].filter(isRowSelected).flatMap((row) => {
    const runId = rowRunId(row);
    if (!runId) return [];
    return [{ runId, runName: text(row.querySelector(selectors.rowRunLink)) || runId }];
  });
}

/**
 * The colour MLflow shows for a row's run, as `#rrggbb` (lower case), or `null`. The swatch's inline style is what
 * the user sees (it follows a colour just picked); the colour input's value is the fallback. Only `#rgb`,
 * `#rrggbb` and opaque `rgb()`/`rgba()` are accepted: the value ends up in Lens's canvases and styles.
 */
export function rowRunColour(row: Element): string | null {
  const swatch = row.querySelector<HTMLElement>(selectors.rowRunColour);
  if (!swatch) return null;
  return cssColourHex(swatch.style?.backgroundColor ?? '') ?? cssColourHex(swatch.querySelector('input[type="color"]')?.getAttribute('value') ?? '');
}

/** Run id → MLflow's colour for it, for every run row rendered in the runs table (rows are virtualised: only those). */
export function runsTableColours(root: ParentNode): Map<string, string> {
  const colours = new Map<string, string>();
  for (const row of root.querySelectorAll(`${selectors.runsTablePinnedLeft} ${selectors.runsTableRow}`)) {
    const runId = rowRunId(row);
    const colour = runId && rowRunColour(row);
    if (runId && colour) colours.set(runId, colour);
  }
  return colours;
}

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;
const RGB = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*(1|1\.0*|100%)\s*)?\)$/i;

/** `#abc`, `#aabbcc`, `rgb(r, g, b)` or an opaque `rgba()` as `#rrggbb`; anything else `null`. */
export function cssColourHex(value: string): string | null {
  const v = value.trim();
  if (HEX.test(v)) {
    const h = v.slice(1).toLowerCase();
    return h.length === 3 ? `#${h[0]}${h[0]}${h[1]}${h[1]}${h[2]}${h[2]}` : `#${h}`;
  }
  const m = RGB.exec(v);
  if (!m) return null;
  const parts = m.slice(1, 4).map(Number);
  if (parts.some((n) => n > 255)) return null;
  return `#${parts.map((n) => n.toString(16).padStart(2, '0')).join('')}`;
}

/** Dark theme: MLflow puts `dark-mode` on `<body>` (2.22 and 3.17) and switches DS classes to `du-bois-dark-`. */
export function isDarkTheme(doc: Document): boolean {
  return doc.body?.classList.contains('dark-mode') === true || doc.querySelector('[class*="du-bois-dark-"]') !== null;
}

/**
 * Is this document MLflow's UI? Its index.html (2.x and 3.x) loads `static-files/static/js/main.<hash>.js` and
 * `static-files/manifest.json` (relative, so prefixes and proxies keep them) and mounts React on `#root`.
 */
export function isMlflowDocument(doc: Document): boolean {
  if (!doc.getElementById('root')) return false;
  return (
    doc.querySelector('script[src*="static-files/static/js/"], link[href*="static-files/manifest.json"]') !== null ||
    doc.title === 'MLflow'
  );
}
