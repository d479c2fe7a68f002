/**
 * The compare drawer's view state (chosen metrics, chart options, tabs' toggles) over the data the drawer's loader
 * holds (lib/compare/load.ts), as signals the views read. Loading is the loader's: the views ask for what they now
 * show through `sync()`, and never see MLflow's client.
 */
import { computed, signal } from '@preact/signals';
import { metricDirection, pairMetrics, type Direction } from '@/lib/analysis';
import { runColours, type Pin, type XAxis } from '@/lib/compare';
import type { CompareData, CompareWants, RunState } from '@/lib/compare/load';
import type { AnalysisSettings } from '@/lib/settings';

export type { RunState } from '@/lib/compare/load';

export interface ChartOptions {
  /** Chart MLflow's server-side sample (≤ 2,500 points a run) or every logged point. */
  fullResolution: boolean;
  smoothing: number;
  xAxis: XAxis;
  logY: boolean;
  ignoreOutliers: boolean;
}

/** Charts shown by default: the primary train/validation pair, then shared metrics, up to this many. */
export const DEFAULT_CHART_COUNT = 6;

export class CompareModel {
  readonly pins = signal<readonly Pin[]>([]);
  readonly runs: CompareData['runs'];
  readonly sampled: CompareData['sampled'];
  readonly full: CompareData['full'];
  readonly judgements: CompareData['judgements'];
  readonly chartErrors: CompareData['chartErrors'];
  readonly summaryErrors: CompareData['summaryErrors'];
  readonly pending: CompareData['pending'];
  readonly chosen = signal<readonly string[] | null>(null);
  readonly chart = signal<ChartOptions>({ fullResolution: false, smoothing: 0.6, xAxis: 'step', logY: false, ignoreOutliers: false });
  readonly onlyDifferences = signal(true);
  readonly showTags = signal(false);
  readonly baseline = signal<string | null>(null);
  /**
   * Full histories are big (a 20,000-step metric is ~2.5 MB of JSON): fetched only once something shows exact
   * values — the Summary or Differences tab, a summary CSV, full-resolution charts.
   */
  readonly needsFull = signal(false);

  /** Run id → the colour MLflow's runs table showed for it (handed in by the content script, which reads the page). */
  readonly pageColours = signal<ReadonlyMap<string, string>>(new Map());
  /** One colour per run that stays while it is pinned: MLflow's where the page showed one, else Lens's palette. */
  readonly colours = computed(() => runColours(this.pins.value, this.pageColours.value));
  /** Pins whose run loaded, in pin order. */
  readonly readyRuns = computed(() =>
    this.pins.value.flatMap((pin) => {
      const state = this.runs.value.get(pin.runId);
      return state?.status === 'ready' ? [{ pin, state }] : [];
    }),
  );
  readonly loadedCount = computed(() => this.pins.value.filter((p) => this.runs.value.get(p.runId)?.status !== 'loading' && this.runs.value.has(p.runId)).length);
  readonly availableKeys = computed(() => {
    const keys = new Set<string>();
    for (const { state } of this.readyRuns.value) for (const key of state.keys) keys.add(key);
    return [...keys].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' }));
  });
  readonly defaultKeys = computed(() => {
    const ready = this.readyRuns.value;
    const all = this.availableKeys.value;
    const { primary } = pairMetrics(all, this.settings.pairs ?? []);
    const out: string[] = [];
    if (primary) out.push(...(primary.train === null ? [] : [primary.train]), primary.validation);
    const shared = all.filter((key) => ready.length > 0 && ready.every(({ state }) => state.keys.includes(key)));
    for (const key of shared) if (out.length < DEFAULT_CHART_COUNT && !out.includes(key)) out.push(key);
    return out;
  });
  readonly metrics = computed(() => (this.chosen.value ?? this.defaultKeys.value).filter((k) => this.availableKeys.value.includes(k)));
  readonly baselineId = computed(() => {
    const ids = this.readyRuns.value.map(({ pin }) => pin.runId);
    const chosen = this.baseline.value;
    return chosen && ids.includes(chosen) ? chosen : (ids[0] ?? null);
  });

  constructor(
    private readonly data: CompareData,
    private readonly settings: Partial<AnalysisSettings>,
  ) {
    this.runs = data.runs;
    this.sampled = data.sampled;
    this.full = data.full;
    this.judgements = data.judgements;
    this.chartErrors = data.chartErrors;
    this.summaryErrors = data.summaryErrors;
    this.pending = data.pending;
  }

  direction(key: string): Direction | null {
    const d = metricDirection(key, Object.fromEntries((this.settings.pairs ?? []).flatMap((p) => (p.direction ? [[p.train, p.direction], [p.validation, p.direction]] : []))));
    return d === 'unknown' ? null : d;
  }

  /** Asks the loader for whatever the current pins, charts and tab still lack. Safe to call often. */
  sync(): Promise<void> {
    return this.data.sync(() => this.wants());
  }

  /** Resolves once every request started so far has settled (for exports that must be complete). */
  settled(): Promise<void> {
    return this.data.settled();
  }

  private wants(): CompareWants {
    const { fullResolution } = this.chart.value;
    // Full resolution charts the full histories (loaded for the summary) instead of the sample.
    return { pins: this.pins.value, metrics: this.metrics.value, sampled: !fullResolution, full: this.needsFull.value || fullResolution };
  }
}
