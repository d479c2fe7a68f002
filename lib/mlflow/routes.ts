/**
 * MLflow UI page detection: the only module that knows MLflow's URLs.
 *
 * MLflow's UI is a hash-routed SPA: every page is `http(s)://host[/<static-prefix>]/#/<route>[?<query>]`, and the
 * path before the hash (a static prefix, a reverse-proxy prefix) never matters here. Both UI lines are covered:
 * 2.x (the 2.22 line; runs page at `#/experiments/<id>?compareRunsMode=…`) and 3.x (runs page at
 * `#/experiments/<id>/runs`, experiment list at `#/experiments`, logged models, workspaces in 3.10+).
 *
 * In the style of refined-github's github-url-detection: `parseRoute` does the work once, and each `isX` predicate
 * has its example URLs beside it. `tests/unit/routes.test.ts` checks every predicate against its own examples (must
 * match) and against every other predicate's examples (must not), except where `SUPERSETS` says one predicate
 * contains another. Predicates accept a URL, a URL string or an already parsed `Route`, so features can pass the
 * route the runner parsed.
 *
 * Facts checked against live MLflow 2.22.5 and 3.17.2 servers:
 * - `#/` on 2.x immediately redirects (replace) to the first experiment's runs page; 3.x shows a home page.
 *   2.x has no `#/experiments` route (it renders "Page not found"): its experiment list is a sidebar on every
 *   experiment page. So `#/` is its own kind, `home`, and `experiment-list` is the 3.x page only.
 * - `#/experiments/<id>` with no `compareRunsMode` shows the runs table on 2.x (the default mode is TABLE); on 3.x it
 *   redirects (history.replaceState, so no `hashchange`) to `/runs` or, for GenAI experiments, another tab.
 * - An absent `compareRunsMode` means the table on both lines (3.17: `get("compareRunsMode") || "TABLE"`).
 * - 3.x also renders a run at `#/experiments/<id>/evaluation-runs/<runId>[/<tab>]` (the GenAI workflow's run view,
 *   with the same `runs-header` and tab bar); it is a `run` here too.
 * - Compare-runs URLs carry JSON arrays, percent-encoded by the browser: `?runs=[%22<id>%22]&experiments=[%221%22]`.
 */

/** Every page kind `parseRoute` can return, `unknown` last. */
export const pageKinds = [
  'home',
  'experiment-list',
  'experiment-runs',
  'experiment',
  'compare-experiments',
  'run',
  'compare-runs',
  'logged-model',
  'registered-models',
  'registered-model',
  'model-version',
  'unknown',
] as const;
export type PageKind = (typeof pageKinds)[number];

/** Run page tabs, by their URL key. `evaluations` is the 3.5+ key of the tab labelled "Traces". */
export const runTabs = ['overview', 'model-metrics', 'system-metrics', 'artifacts', 'traces', 'evaluations', 'issues'] as const;
export type RunTab = (typeof runTabs)[number];

/** What the runs page shows (`compareRunsMode`). */
export type RunsView = 'table' | 'chart' | 'artifact';

interface Common {
  /** `?workspace=` in the hash query (MLflow 3.10+ with workspaces enabled). */
  workspace?: string;
}

export type Route = Common &
  (
    | { kind: 'home' }
    | { kind: 'experiment-list' }
    /** 2.x `#/experiments/<id>[?compareRunsMode=TABLE|CHART|ARTIFACT]`, 3.x `#/experiments/<id>/runs[?…]`. */
    | { kind: 'experiment-runs'; experimentId: string; runsView: RunsView }
    /** Any other experiment tab: 3.x `#/experiments/<id>/<tab>[/…]`, 2.x `?compareRunsMode=TRACES|MODELS|…`. */
    | { kind: 'experiment'; experimentId: string; tab: string }
    | { kind: 'compare-experiments'; experimentIds: string[] }
    /** `experimentId` is absent only on the direct route `#/runs/<id>`, which MLflow redirects to the full one. */
    | { kind: 'run'; runId: string; experimentId?: string; tab: RunTab; artifactPath?: string }
    | { kind: 'compare-runs'; runIds: string[]; experimentIds: string[] }
    | { kind: 'logged-model'; experimentId: string; loggedModelId: string; tab: string }
    | { kind: 'registered-models' }
    /** `modelName` is decoded; `tab` is set for `#/models/<name>/<subpage>` routes. */
    | { kind: 'registered-model'; modelName: string; tab?: string }
    | { kind: 'model-version'; modelName: string; version: string }
    | { kind: 'unknown' }
  );

export type UrlLike = URL | string;

const RUN_ID = /^[0-9a-f]{32}$/i;
const EXPERIMENT_ID = /^\d+$/;
const LOGGED_MODEL_ID = /^m-[0-9a-f]{32}$/i;
const VERSION = /^\d+$/;

export function isRunId(value: string): boolean {
  return RUN_ID.test(value);
}

interface HashParts {
  /** Raw (still percent-encoded) path segments after `#/`, empty ones dropped. */
  segments: string[];
  query: URLSearchParams;
}

function hashParts(url: UrlLike): HashParts | null {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  const hash = parsed.hash;
  // MLflow's hash router always normalises to `#/…`; anything else is not an MLflow route.
  if (!hash.startsWith('#/')) return null;
  const route = hash.slice(1);
  const q = route.indexOf('?');
  const path = q < 0 ? route : route.slice(0, q);
  return {
    segments: path.split('/').filter((s) => s !== ''),
    query: new URLSearchParams(q < 0 ? '' : route.slice(q + 1)),
  };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Reads a query value MLflow writes as a JSON array (`["a","b"]`); tolerates a bare comma list. */
function jsonList(value: string | null): string[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed)) return parsed.map(String);
    return [String(parsed)];
  } catch {
    return value
      .replace(/^\[|\]$/g, '')
      .split(',')
      .map((s) => s.trim().replace(/^"|"$/g, ''))
      .filter(Boolean);
  }
}

function runTab(rest: string[]): { tab: RunTab; artifactPath?: string } {
  const [first] = rest;
  // Mirrors MLflow's useRunViewActiveTab: known keys, `^(artifactPath|artifacts)` → artifacts, anything else → overview.
  if (first === undefined) return { tab: 'overview' };
  if (/^(artifactPath|artifacts)/.test(first)) {
    const path = rest.slice(1).map(decode).join('/');
    return path ? { tab: 'artifacts', artifactPath: path } : { tab: 'artifacts' };
  }
  switch (first) {
    case 'model-metrics':
    case 'system-metrics':
    case 'traces':
    case 'evaluations':
    case 'issues':
      return { tab: first };
    default:
      return { tab: 'overview' };
  }
}

function runsViewOf(mode: string | null): RunsView | null {
  switch ((mode ?? '').toUpperCase()) {
    case '':
    case 'TABLE':
      return 'table';
    case 'CHART':
      return 'chart';
    case 'ARTIFACT':
      return 'artifact';
    default:
      return null;
  }
}

function parseExperiment(experimentId: string, rest: string[], query: URLSearchParams): Route {
  const [tab, second, ...more] = rest;
  if (tab === undefined || tab === 'runs') {
    if (tab === 'runs' && second !== undefined) {
      return isRunId(second) ? { kind: 'run', experimentId, runId: second.toLowerCase(), ...runTab(more) } : { kind: 'unknown' };
    }
    const mode = query.get('compareRunsMode');
    const runsView = runsViewOf(mode);
    if (runsView) return { kind: 'experiment-runs', experimentId, runsView };
    // 2.x selects the other experiment tabs with the same parameter (TRACES, MODELS, …).
    return { kind: 'experiment', experimentId, tab: (mode ?? '').toLowerCase() };
  }
  if (tab === 'evaluation-runs' && second !== undefined && isRunId(second)) {
    return { kind: 'run', experimentId, runId: second.toLowerCase(), ...runTab(more) };
  }
  if (tab === 'models' && second !== undefined) {
    if (!LOGGED_MODEL_ID.test(second)) return { kind: 'unknown' };
    return { kind: 'logged-model', experimentId, loggedModelId: second, tab: more[0] ? decode(more[0]) : 'overview' };
  }
  return { kind: 'experiment', experimentId, tab: decode(tab) };
}

function parseModels(rest: string[]): Route {
  const [name, sub, version, ...more] = rest;
  if (name === undefined) return { kind: 'registered-models' };
  const modelName = decode(name);
  if (sub === undefined) return { kind: 'registered-model', modelName };
  if (sub === 'versions') {
    return version !== undefined && VERSION.test(version) && more.length === 0
      ? { kind: 'model-version', modelName, version }
      : { kind: 'unknown' };
  }
  return { kind: 'registered-model', modelName, tab: decode(sub) };
}

function parseSegments({ segments, query }: HashParts): Route {
  const [first, second, ...rest] = segments;
  switch (first) {
    case undefined:
      return { kind: 'home' };
    case 'experiments':
      if (second === undefined) return { kind: 'experiment-list' };
      return EXPERIMENT_ID.test(second) ? parseExperiment(second, rest, query) : { kind: 'unknown' };
    case 'runs':
      return second !== undefined && isRunId(second) && rest.length === 0
        ? { kind: 'run', runId: second.toLowerCase(), tab: 'overview' }
        : { kind: 'unknown' };
    case 'compare-runs':
      return { kind: 'compare-runs', runIds: jsonList(query.get('runs')), experimentIds: jsonList(query.get('experiments')) };
    case 'compare-experiments':
      return { kind: 'compare-experiments', experimentIds: jsonList(query.get('experiments')) };
    case 'models':
      return parseModels(second === undefined ? [] : [second, ...rest]);
    default:
      return { kind: 'unknown' };
  }
}

function isRoute(value: UrlLike | Route): value is Route {
  return typeof value === 'object' && !(value instanceof URL) && 'kind' in value;
}

/** Parses an MLflow UI URL. Not a `#/` hash route, or not a page Lens knows → `{ kind: 'unknown' }`. */
export function parseRoute(url: UrlLike): Route {
  const parts = hashParts(url);
  if (!parts) return { kind: 'unknown' };
  const route = parseSegments(parts);
  if (route.kind === 'unknown') return route;
  const workspace = parts.query.get('workspace');
  return workspace ? { ...route, workspace } : route;
}

export function pageKind(url: UrlLike): PageKind {
  return parseRoute(url).kind;
}

const asRoute = (url: UrlLike | Route): Route => (isRoute(url) ? url : parseRoute(url));

// ---------------------------------------------------------------------------------------------------------------
// Predicates, each with its examples. Examples use both UI lines, static prefixes, workspaces and extra params.

const H = 'http://localhost:5000';
const RUN = '0b203b6ea330476396fc250b1b715d2f';
const RUN2 = '38e0b2f0b6cc46e092a8516c49d4fc98';
const MODEL = 'm-d5acf5e91398416893a22021cd45a6f1';
const FACETS = 'searchFilter=&orderByKey=attributes.start_time&orderByAsc=false&startTime=ALL&lifecycleFilter=Active';

export const isHomeExamples = [`${H}/#/`, `${H}/mlflow/#/`, `${H}/#/?workspace=team-a`];
export const isHome = (url: UrlLike | Route): boolean => asRoute(url).kind === 'home';

/** 3.2+ only; 2.x shows its experiment list as a sidebar of the experiment page. */
export const isExperimentListExamples = [`${H}/#/experiments`, `${H}/#/experiments/`, `${H}/mlflow/#/experiments?workspace=ml`];
export const isExperimentList = (url: UrlLike | Route): boolean => asRoute(url).kind === 'experiment-list';

export const isRunsTableExamples = [
  `${H}/#/experiments/1`, // 2.x default mode
  `${H}/#/experiments/689813971422586131?${FACETS}`, // 2.x file store ids are long
  `${H}/#/experiments/1?compareRunsMode=TABLE`,
  `${H}/#/experiments/1/runs`,
  `${H}/#/experiments/1/runs?${FACETS}`,
  `${H}/#/experiments/1/runs?workflowType=machine_learning&compareRunsMode=TABLE`,
  `${H}/mlflow/#/experiments/12/runs?compareRunsMode=TABLE&workspace=team-a`,
];
export const isRunsTable = (url: UrlLike | Route): boolean => {
  const r = asRoute(url);
  return r.kind === 'experiment-runs' && r.runsView === 'table';
};

export const isRunsChartExamples = [
  `${H}/#/experiments/1?compareRunsMode=CHART`,
  `${H}/#/experiments/1?compareRunsMode=CHART&${FACETS}`,
  `${H}/#/experiments/1/runs?compareRunsMode=CHART`,
  `${H}/mlflow/#/experiments/3/runs?${FACETS}&compareRunsMode=CHART`,
];
export const isRunsChart = (url: UrlLike | Route): boolean => {
  const r = asRoute(url);
  return r.kind === 'experiment-runs' && r.runsView === 'chart';
};

/** The runs page in any view: table, charts or the artifact view. ⊇ isRunsTable, isRunsChart. */
export const isExperimentRunsPageExamples = [
  `${H}/#/experiments/1?compareRunsMode=ARTIFACT`,
  `${H}/#/experiments/1/runs?compareRunsMode=ARTIFACT`,
];
export const isExperimentRunsPage = (url: UrlLike | Route): boolean => asRoute(url).kind === 'experiment-runs';

/** Any tab of an experiment (3.x paths, 2.x `compareRunsMode`), runs page included. ⊇ isExperimentRunsPage. */
export const isExperimentPageExamples = [
  `${H}/#/experiments/1/traces`,
  `${H}/#/experiments/1/traces/tr-0123456789abcdef`,
  `${H}/#/experiments/1/models`,
  `${H}/#/experiments/1/evaluation-runs`,
  `${H}/#/experiments/1/datasets`,
  `${H}/#/experiments/1/overview/usage`,
  `${H}/#/experiments/1/chat-sessions`,
  `${H}/#/experiments/1/prompts/my-prompt`,
  `${H}/#/experiments/1?compareRunsMode=TRACES`, // 2.x
  `${H}/#/experiments/1?compareRunsMode=MODELS`, // 2.x
];
export const isExperimentPage = (url: UrlLike | Route): boolean => {
  const kind = asRoute(url).kind;
  return kind === 'experiment' || kind === 'experiment-runs';
};

export const isCompareExperimentsPageExamples = [
  `${H}/#/compare-experiments/s?experiments=["1","2"]`,
  `${H}/#/compare-experiments/s?experiments=[%221%22,%222%22]&${FACETS}`,
];
export const isCompareExperimentsPage = (url: UrlLike | Route): boolean => asRoute(url).kind === 'compare-experiments';

function runTabIs(url: UrlLike | Route, ...tabs: RunTab[]): boolean {
  const r = asRoute(url);
  return r.kind === 'run' && r.experimentId !== undefined && tabs.includes(r.tab);
}

export const isRunOverviewTabExamples = [
  `${H}/#/experiments/1/runs/${RUN}`,
  `${H}/#/experiments/1/runs/${RUN}/`,
  `${H}/mlflow/#/experiments/689813971422586131/runs/${RUN}`,
  `${H}/#/experiments/1/runs/${RUN}?workspace=team-a`,
  `${H}/#/experiments/1/evaluation-runs/${RUN2}`,
  `${H}/#/experiments/1/runs/${RUN}/no-such-tab`, // MLflow shows Overview for any unknown tab key
];
export const isRunOverviewTab = (url: UrlLike | Route): boolean => runTabIs(url, 'overview');

export const isRunModelMetricsTabExamples = [
  `${H}/#/experiments/1/runs/${RUN}/model-metrics`,
  `${H}/mlflow/#/experiments/1/runs/${RUN2}/model-metrics?workspace=team-a`,
  `${H}/#/experiments/1/evaluation-runs/${RUN2}/model-metrics`,
];
export const isRunModelMetricsTab = (url: UrlLike | Route): boolean => runTabIs(url, 'model-metrics');

export const isRunSystemMetricsTabExamples = [`${H}/#/experiments/1/runs/${RUN}/system-metrics`];
export const isRunSystemMetricsTab = (url: UrlLike | Route): boolean => runTabIs(url, 'system-metrics');

export const isRunArtifactsTabExamples = [
  `${H}/#/experiments/1/runs/${RUN}/artifacts`,
  `${H}/#/experiments/1/runs/${RUN}/artifacts/model`,
  `${H}/#/experiments/1/runs/${RUN}/artifacts/model/MLmodel`,
  `${H}/#/experiments/1/runs/${RUN}/artifactPath/model`, // legacy
];
export const isRunArtifactsTab = (url: UrlLike | Route): boolean => runTabIs(url, 'artifacts');

/** The tab labelled "Traces": URL key `traces` (2.x) or `evaluations` (3.5+, where `traces` still resolves). */
export const isRunTracesTabExamples = [
  `${H}/#/experiments/1/runs/${RUN}/traces`,
  `${H}/#/experiments/1/runs/${RUN}/evaluations`,
  `${H}/#/experiments/1/evaluation-runs/${RUN2}/traces`,
];
export const isRunTracesTab = (url: UrlLike | Route): boolean => runTabIs(url, 'traces', 'evaluations');

/** `#/runs/<id>`: MLflow redirects it to the full run route. */
export const isDirectRunPageExamples = [`${H}/#/runs/${RUN}`, `${H}/mlflow/#/runs/${RUN2}?workspace=a`];
export const isDirectRunPage = (url: UrlLike | Route): boolean => {
  const r = asRoute(url);
  return r.kind === 'run' && r.experimentId === undefined;
};

/** Any run page, any tab, direct route included. ⊇ every isRun…Tab and isDirectRunPage. */
export const isRunPageExamples = [`${H}/#/experiments/1/runs/${RUN}/issues`];
export const isRunPage = (url: UrlLike | Route): boolean => asRoute(url).kind === 'run';

export const isCompareRunsPageExamples = [
  `${H}/#/compare-runs?runs=["${RUN}","${RUN2}"]&experiments=["1"]`,
  `${H}/#/compare-runs?runs=[%22${RUN}%22,%22${RUN2}%22]&experiments=[%221%22]`,
];
export const isCompareRunsPage = (url: UrlLike | Route): boolean => asRoute(url).kind === 'compare-runs';

/** 3.x logged model (`m-<32 hex>`), any tab. */
export const isLoggedModelPageExamples = [
  `${H}/#/experiments/1/models/${MODEL}`,
  `${H}/#/experiments/1/models/${MODEL}/artifacts`,
  `${H}/#/experiments/1/models/${MODEL}/traces`,
];
export const isLoggedModelPage = (url: UrlLike | Route): boolean => asRoute(url).kind === 'logged-model';

export const isRegisteredModelListExamples = [`${H}/#/models`, `${H}/#/models/`, `${H}/mlflow/#/models?workspace=a`];
export const isRegisteredModelList = (url: UrlLike | Route): boolean => asRoute(url).kind === 'registered-models';

export const isRegisteredModelPageExamples = [
  `${H}/#/models/plain-model`,
  `${H}/#/models/my%20model`,
  `${H}/#/models/team%2Fmodel%20v2`,
  `${H}/#/models/my%20model/serving`,
];
export const isRegisteredModelPage = (url: UrlLike | Route): boolean => asRoute(url).kind === 'registered-model';

export const isModelVersionPageExamples = [
  `${H}/#/models/my%20model/versions/1`,
  `${H}/#/models/team%2Fmodel/versions/12?workspace=a`,
];
export const isModelVersionPage = (url: UrlLike | Route): boolean => asRoute(url).kind === 'model-version';

/** Not an MLflow page Lens knows (or no `#/` route at all). */
export const isUnknownPageExamples = [
  'https://github.com/mlflow/mlflow',
  `${H}/`,
  `${H}/#section`,
  `${H}/#/metric/?runs=["${RUN}"]&metric="loss"`,
  `${H}/#/prompts`,
  `${H}/#/experiments/abc`,
  `${H}/#/experiments/1/runs/not-a-run-id`,
  `${H}/#/experiments/1/models/not-a-model-id`,
  `${H}/#/runs/${RUN}/model-metrics`,
  `${H}/#/models/x/versions/latest`,
  'not a url',
];
export const isUnknownPage = (url: UrlLike | Route): boolean => asRoute(url).kind === 'unknown';

export const predicates = {
  isHome,
  isExperimentList,
  isExperimentPage,
  isExperimentRunsPage,
  isRunsTable,
  isRunsChart,
  isCompareExperimentsPage,
  isRunPage,
  isRunOverviewTab,
  isRunModelMetricsTab,
  isRunSystemMetricsTab,
  isRunArtifactsTab,
  isRunTracesTab,
  isDirectRunPage,
  isCompareRunsPage,
  isLoggedModelPage,
  isRegisteredModelList,
  isRegisteredModelPage,
  isModelVersionPage,
  isUnknownPage,
} as const;
export type PredicateName = keyof typeof predicates;

export const examples: Record<PredicateName, readonly string[]> = {
  isHome: isHomeExamples,
  isExperimentList: isExperimentListExamples,
  isExperimentPage: isExperimentPageExamples,
  isExperimentRunsPage: isExperimentRunsPageExamples,
  isRunsTable: isRunsTableExamples,
  isRunsChart: isRunsChartExamples,
  isCompareExperimentsPage: isCompareExperimentsPageExamples,
  isRunPage: isRunPageExamples,
  isRunOverviewTab: isRunOverviewTabExamples,
  isRunModelMetricsTab: isRunModelMetricsTabExamples,
  isRunSystemMetricsTab: isRunSystemMetricsTabExamples,
  isRunArtifactsTab: isRunArtifactsTabExamples,
  isRunTracesTab: isRunTracesTabExamples,
  isDirectRunPage: isDirectRunPageExamples,
  isCompareRunsPage: isCompareRunsPageExamples,
  isLoggedModelPage: isLoggedModelPageExamples,
  isRegisteredModelList: isRegisteredModelListExamples,
  isRegisteredModelPage: isRegisteredModelPageExamples,
  isModelVersionPage: isModelVersionPageExamples,
  isUnknownPage: isUnknownPageExamples,
};

/**
 * The documented containments: a predicate listed here also matches every URL of the predicates it names (and of
 * theirs, transitively). Every other pair of predicates is disjoint on the examples.
 */
export const SUPERSETS: Partial<Record<PredicateName, readonly PredicateName[]>> = {
  isExperimentPage: ['isExperimentRunsPage'],
  isExperimentRunsPage: ['isRunsTable', 'isRunsChart'],
  isRunPage: [
    'isRunOverviewTab',
    'isRunModelMetricsTab',
    'isRunSystemMetricsTab',
    'isRunArtifactsTab',
    'isRunTracesTab',
    'isDirectRunPage',
  ],
};

/** MLflow's own compare page for these runs (the legacy route, same on 2.x and 3.x): JSON arrays in the query. */
export function compareRunsHash(runIds: readonly string[], experimentIds: readonly string[]): string {
  const runs = encodeURIComponent(JSON.stringify([...runIds]));
  const experiments = encodeURIComponent(JSON.stringify([...new Set(experimentIds)]));
  return `#/compare-runs?runs=${runs}&experiments=${experiments}`;
}

// ---- Building MLflow's URLs (the same on 2.x and 3.x: MLflow redirects `#/experiments/<id>` to the right tab). ----

export const experimentHash = (experimentId: string): string => `#/experiments/${experimentId}`;
export const runHash = (experimentId: string, runId: string): string => `#/experiments/${experimentId}/runs/${runId}`;
export const registeredModelHash = (name: string): string => `#/models/${encodeURIComponent(name)}`;
export const modelVersionHash = (name: string, version: string | number): string =>
  `#/models/${encodeURIComponent(name)}/versions/${version}`;
export const loggedModelHash = (experimentId: string, modelId: string): string => `#/experiments/${experimentId}/models/${modelId}`;

/** The MLflow app's address without the hash route: what identifies one MLflow across its pages. */
export function pageBase(href: string): string {
  const url = new URL(href);
  return `${url.origin}${url.pathname}`;
}

/** An MLflow's page base as people say it: host and path, no scheme or trailing slash (`localhost:5000`). */
export function shortBase(base: string): string {
  const url = new URL(base);
  return `${url.host}${url.pathname}`.replace(/\/$/, '');
}

// ---- Ids in typed or pasted text (quick search): a bare run / logged-model id, or an MLflow URL naming one. ----

// The id must be a whole path segment: followed by the end, `/`, `?`, `#` or `&`. Pasted text may be a fragment
// (`experiments/1/runs/<id>`) that parseRoute cannot read, so these look inside it.
const URL_RUN = /(?:^|[/#])(?:experiments\/([^/?#]+)\/)?runs\/([0-9a-f]{32})(?=$|[/?#&])/i;
const URL_LOGGED_MODEL = /(?:^|[/#])(?:experiments\/([^/?#]+)\/)?models\/(m-[0-9a-f]{32})(?=$|[/?#&])/i;

export interface IdQuery {
  kind: 'run' | 'logged-model';
  /** Lower-cased, as MLflow writes ids. */
  id: string;
  /** From a pasted URL, when it names the experiment. */
  experimentId?: string;
  /** The text was a URL (so a name search with it is pointless). */
  fromUrl: boolean;
}

/** A run or logged model id typed or pasted (bare, or inside an MLflow URL); `null` for anything else. */
export function parseIdQuery(text: string): IdQuery | null {
  const trimmed = text.trim();
  if (!trimmed || /\s/.test(trimmed)) return null;
  if (RUN_ID.test(trimmed)) return { kind: 'run', id: trimmed.toLowerCase(), fromUrl: false };
  if (LOGGED_MODEL_ID.test(trimmed)) return { kind: 'logged-model', id: trimmed.toLowerCase(), fromUrl: false };
  let decoded = trimmed;
  try {
    decoded = decodeURIComponent(trimmed);
  } catch {
    // a stray `%`: match the text as it is
  }
  if (!decoded.includes('/')) return null;
  const run = URL_RUN.exec(decoded);
  if (run?.[2]) return withExperiment({ kind: 'run', id: run[2].toLowerCase(), fromUrl: true }, run[1]);
  const model = URL_LOGGED_MODEL.exec(decoded);
  if (model?.[2]) return withExperiment({ kind: 'logged-model', id: model[2].toLowerCase(), fromUrl: true }, model[1]);
  return null;
}

function withExperiment(query: IdQuery, experimentId: string | undefined): IdQuery {
  return experimentId && EXPERIMENT_ID.test(experimentId) ? { ...query, experimentId } : query;
}
