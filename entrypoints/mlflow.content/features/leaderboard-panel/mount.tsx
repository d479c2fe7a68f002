/**
 * The leaderboard's lazily loaded side (imported by entrypoints/lens-extras.tsx, never by the content script): the
 * loader, the panel's state as signals, and the row actions (pins and settings read from extension storage here, so
 * that code stays out of the content script), wired to the view in components/leaderboard/. One session per
 * experiment set and page: closing and reopening the panel keeps what was loaded; leaving the page ends it.
 */
import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import { render } from 'preact';
import css from '@/components/leaderboard/leaderboard.css?inline';
import { Leaderboard, type LeaderboardActions, type LeaderboardView, type RegisterRowState } from '@/components/leaderboard/Leaderboard';
import { downloadText } from '@/components/compare/download';
import type { LeaderboardHandle, LeaderboardOptions } from '../../extras-contract';
import { ensureCss } from '@/components/lazy/ensure-css';
import { metricDirection } from '@/lib/analysis';
import { MAX_PINS } from '@/lib/compare';
import { withPageLock } from '@/lib/dom/page-lock';
import {
  defaultSort,
  filterRows,
  leaderboardCsv,
  leaderboardRows,
  LeaderboardLoader,
  metricChoices,
  NO_FILTER,
  registerRun,
  sortRows,
  versionLabel,
  type LeaderboardRow,
  type LeaderboardState,
  type RowFilter,
  type SortOrder,
} from '@/lib/leaderboard';
import { isMlflowError } from '@/lib/mlflow/errors';
import { modelVersionHash, pageBase, runHash } from '@/lib/mlflow/routes';
import { pinRuns, readPins, togglePin, watchPins } from '@/lib/compare/pin-storage';
import { readAnalysisSettings, registerLensTags, type AnalysisSettings } from '@/lib/settings';

interface Session {
  view: LeaderboardView;
  bind(options: LeaderboardOptions): LeaderboardActions;
}

const sessions = new Map<string, Session>();

/** Renders the leaderboard into `el` with this bundle's Preact; see entrypoints/mlflow.content/extras-contract.ts. */
export function mountLeaderboard(el: HTMLElement, options: LeaderboardOptions): LeaderboardHandle {
  ensureCss(el, 'leaderboard', css, 'last');
  const key = options.experimentIds.join(',');
  let session = sessions.get(key);
  if (!session) {
    session = createSession(options);
    sessions.set(key, session);
    options.signal.addEventListener('abort', () => sessions.delete(key), { once: true });
  }
  const actions = session.bind(options);
  render(<Leaderboard view={session.view} actions={actions} />, el);
  return { unmount: () => render(null, el) };
}

function createSession(options: LeaderboardOptions): Session {
  const { client, signal: lifetime } = options;
  const base = pageBase(location.href);
  // The rule's settings as the page had them when the leaderboard first opened (like the runs table's chips).
  let settings: Partial<AnalysisSettings> = {};
  const ready = readAnalysisSettings().then(
    (value) => void (settings = value),
    () => undefined,
  );
  const state = signal<LeaderboardState>({ runs: [], listed: false, truncated: false, cells: new Map(), champion: undefined, championError: null, error: null, busy: true });
  let loader: LeaderboardLoader | undefined;
  const chosen = signal<string | null>(null);
  const choices = computed(() => metricChoices(state.value.runs, settings.pairs ?? []));
  const metric = computed(() => chosen.value ?? choices.value[0]?.key ?? null);
  const extras = signal<readonly string[]>([]);
  const sortChoice = signal<SortOrder | null>(null);
  const sort = computed(() => sortChoice.value ?? defaultSort(metric.value ? metricDirection(metric.value) : 'unknown'));
  const filter = signal<RowFilter>(NO_FILTER);
  const page = signal(0);
  const topN = signal(5);
  const pinned = signal<ReadonlySet<string>>(new Set());
  const showPins = (pins: readonly { runId: string }[]) => (pinned.value = new Set(pins.map((p) => p.runId)));
  void readPins(base).then(showPins, () => undefined);
  const unwatchPins = watchPins(base, showPins);
  lifetime.addEventListener('abort', unwatchPins, { once: true });
  const registering = signal<ReadonlyMap<string, RegisterRowState>>(new Map());
  const message = signal<string | null>(null);
  const rows: ReadonlySignal<readonly LeaderboardRow[]> = computed(() => {
    const m = metric.value;
    if (!m) return [];
    const s = state.value;
    return sortRows(filterRows(leaderboardRows(s.runs, s.cells, m, extras.value, s.champion ?? null), filter.value), sort.value);
  });

  // The chosen metric first, then the extra columns': only what is not loaded yet is read. Deferred: the loader's
  // own report is what changes the metric choices.
  void ready.then(() => {
    const started = new LeaderboardLoader({ client, experimentIds: options.experimentIds, settings, signal: lifetime, onChange: (s) => (state.value = s) });
    loader = started;
    started.start([]);
    const stop = effect(() => {
      const wanted = [metric.value, ...extras.value].filter((k): k is string => k !== null);
      queueMicrotask(() => started.want(wanted));
    });
    lifetime.addEventListener('abort', stop, { once: true });
  });

  let current = options;
  let messageTimer: ReturnType<typeof setTimeout> | undefined;
  const say = (text: string) => {
    message.value = text;
    clearTimeout(messageTimer);
    messageTimer = setTimeout(() => (message.value = null), 5_000);
  };
  const setRegistering = (runId: string, value: RegisterRowState) => (registering.value = new Map(registering.value).set(runId, value));
  const pinOf = (row: LeaderboardRow) => ({ runId: row.run.runId, runName: row.run.runName, experimentId: row.run.experimentId, pinnedAt: Date.now() });

  const actions: LeaderboardActions = {
    close: () => current.onClose(),
    retry: () => loader?.retry(),
    chooseMetric: (key) => {
      chosen.value = key;
      extras.value = extras.value.filter((k) => k !== key);
      sortChoice.value = null;
      page.value = 0;
    },
    toggleExtra: (key) => (extras.value = extras.value.includes(key) ? extras.value.filter((k) => k !== key) : [...extras.value, key]),
    setSort: (order) => {
      sortChoice.value = order;
      page.value = 0;
    },
    setFilter: (next) => {
      filter.value = next;
      page.value = 0;
    },
    setPage: (n) => (page.value = Math.max(0, n)),
    setTopN: (n) => (topN.value = Number.isFinite(n) ? Math.min(MAX_PINS, Math.max(1, Math.round(n))) : topN.value),
    pin: (row) => void togglePin(base, pinOf(row)).then(say, (e: unknown) => say(messageOf(e))),
    compareTop: () =>
      void pinRuns(base, rows.value.slice(0, topN.value).map(pinOf)).then(
        (result) => {
          if (result.refused.length) say(`The compare tray is full (${result.pins.length} runs): unpin some first.`);
          else current.onCompared();
        },
        (e: unknown) => say(messageOf(e)),
      ),
    register: (row) => {
      const { runId, experimentId } = row.run;
      if (registering.value.get(runId)?.status === 'busy') return;
      setRegistering(runId, { status: 'busy' });
      void registerLensTags
        .getValue()
        .then((writeTags) => registerRun(client, runId, { signal: lifetime, settings, writeTags, base, lock: withPageLock, runLink: `${base}${runHash(experimentId, runId)}` }))
        .then(
          (result) =>
            setRegistering(runId, {
              status: 'done',
              label: versionLabel(result.version),
              href: modelVersionHash(result.version.name, result.version.version),
              existing: result.outcome === 'existing',
            }),
          (error: unknown) => {
            if (lifetime.aborted) return;
            const text = isMlflowError(error, 'session-expired') ? `${messageOf(error)} Nothing was registered.` : messageOf(error);
            setRegistering(runId, { status: 'error', message: text });
          },
        );
    },
    exportCsv: () => {
      const m = metric.value;
      if (m) downloadText('lens-leaderboard.csv', leaderboardCsv(rows.value, m, extras.value), 'text/csv');
    },
    runHref: (row) => runHash(row.run.experimentId, row.run.runId),
  };

  return {
    view: { state, choices, metric, extras, rows, sort, filter, page, topN, pinned, registering, message },
    bind: (next) => {
      current = next;
      return actions;
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
