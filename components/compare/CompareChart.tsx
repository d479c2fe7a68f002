import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import { cleanSeries, debiasedEma } from '@/lib/analysis';
import { X_TITLES, alignSeries, alignedSeriesCsv, decimateMinMax, formatValue, formatX, nearestLookup } from '@/lib/compare';
import type { MetricSeries } from '@/lib/mlflow/metrics';
import type { ChartGroup } from './chart-group';
import { plotConfig } from './chart-options';
import { downloadBlob, downloadText, safeFileName } from './download';
import { chartPng } from './export-png';
import type { ChartOptions } from './model';

export interface ChartRun {
  runId: string;
  name: string;
  colour: string;
}

export interface CompareChartProps {
  metricKey: string;
  runs: readonly ChartRun[];
  /** Per run, same order; undefined while loading or when the run has no such metric. */
  series: readonly (MetricSeries | undefined)[];
  options: ChartOptions;
  group: ChartGroup;
  dark: boolean;
  error?: string;
}

const HEIGHT = 220;
/** Histories longer than 4 points a bucket are thinned for drawing (first, last, min, max of each): a chart is < 2,000 px wide. */
const DRAW_BUCKETS = 2_000;
/** The CSV's x column header. */
const X_LABEL = { step: 'step', wall: 'time', relative: 'seconds since start' } as const;
const EXPORT_HEIGHT = 280;
/** Exports from a narrow drawer still leave the legend and axis titles room. */
const EXPORT_MIN_WIDTH = 640;

/**
 * One metric of every pinned run on one uPlot chart: smoothed solid, raw faint, a legend of run names with
 * the values under the crosshair (synced across charts), drag to zoom (synced), PNG and CSV export.
 */
export function CompareChart({ metricKey, runs, series, options, group, dark, error }: CompareChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const [width, setWidth] = useState(0);

  const data = useMemo(() => {
    // Smooth the whole history first (the EMA must see every point), then thin what is drawn.
    const w = options.smoothing;
    const cleaned = series.map((s) => (s ? cleanSeries(s) : undefined));
    const raw = alignSeries(cleaned.map((s) => s && decimateMinMax(s, DRAW_BUCKETS)), options.xAxis);
    const smoothed =
      w > 0
        ? alignSeries(cleaned.map((s) => s && decimateMinMax({ ...s, values: debiasedEma(s.values, w) }, DRAW_BUCKETS)), options.xAxis)
        : null;
    return { raw, smoothed };
  }, [series, options.xAxis, options.smoothing]);
  const shown = data.smoothed ?? data.raw;
  const seriesCount = data.raw.ys.filter((ys) => ys.some((v) => v !== null)).length;

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const node = el.current;
    if (!node || width < 50 || !data.raw.x.length) return;
    const figure = node.closest('figure');
    const { options: base, data: plotData } = plotConfig({
      width,
      height: HEIGHT,
      runs,
      raw: data.raw,
      smoothed: data.smoothed,
      options,
      dark,
      // For tests and users' automation: the y tick labels, which are on the canvas.
      onYTicks: (labels) => figure?.setAttribute('data-y-ticks', labels.filter(Boolean).join('|')),
    });
    const opts: uPlot.Options = {
      ...base,
      cursor: {
        sync: { key: group.key, setSeries: false },
        drag: { x: true, y: false, setScale: true },
        points: { show: false },
      },
      hooks: {
        setCursor: [(u) => setCursor(u.cursor.idx ?? null)],
        setScale: [
          (u, key) => {
            group.onScale(u, key);
            // For tests and users' automation: the x range shown (changes with a zoom, synced or reset).
            const { min, max } = u.scales.x ?? {};
            if (key === 'x' && min != null && max != null) figure?.setAttribute('data-x-range', `${min},${max}`);
          },
        ],
      },
    };
    const plot = new uPlot(opts, plotData, node);
    plotRef.current = plot;
    // For benchmarks and tests: how many x positions this chart drew, once it has.
    figure?.setAttribute('data-drawn', String(data.raw.x.length));
    const remove = group.add(plot);
    return () => {
      remove();
      figure?.removeAttribute('data-drawn');
      plot.destroy();
      plotRef.current = null;
    };
  }, [data, width, options.logY, options.ignoreOutliers, options.xAxis, runs, group, dark]);

  // Under the cursor a run shows its nearest point: on time axes runs rarely log at the very same x.
  const nearest = useMemo(() => nearestLookup(data.raw.x, shown.ys), [data.raw.x, shown.ys]);
  const hovered = cursor !== null && cursor >= 0 && cursor < data.raw.x.length ? cursor : null;
  const valueAt = (i: number): number | null => {
    const ys = shown.ys[i];
    if (!ys?.length) return null;
    if (hovered !== null) {
      const at = nearest.indexAt(i, hovered);
      return at < 0 ? null : ys[at]!;
    }
    for (let j = ys.length - 1; j >= 0; j--) if (ys[j] !== null) return ys[j]!;
    return null;
  };

  const exportPng = async () => {
    const plot = plotRef.current;
    if (!plot) return;
    const { min, max } = plot.scales.x ?? {};
    const present = (i: number) => data.raw.ys[i]?.some((v) => v !== null) ?? false;
    const blob = await chartPng({
      metricKey,
      xTitle: X_TITLES[options.xAxis],
      width: Math.max(width, EXPORT_MIN_WIDTH),
      height: EXPORT_HEIGHT,
      runs,
      raw: data.raw,
      smoothed: data.smoothed,
      options,
      xRange: min != null && max != null ? [min, max] : undefined,
      legend: runs.filter((_, i) => present(i)),
    });
    if (blob) downloadBlob(`${safeFileName(metricKey)}.png`, blob);
  };
  // Every point, not the thinned drawing.
  const exportCsv = () =>
    downloadText(`${safeFileName(metricKey)}-series.csv`, alignedSeriesCsv(alignSeries(series, options.xAxis), runs.map((r) => r.name), X_LABEL[options.xAxis]), 'text/csv');

  return (
    <figure class="chart" data-metric={metricKey} data-series-count={seriesCount} aria-busy={series.every((s) => !s) && !error}>
      <figcaption>
        <span class="chart-title" title={metricKey}>{metricKey}</span>
        <span class="chart-actions">
          <button type="button" class="link" onClick={() => void exportPng()} disabled={!seriesCount} title="Download this chart as PNG">PNG</button>
          <button type="button" class="link" onClick={exportCsv} disabled={!seriesCount} title="Download the aligned series as CSV">CSV</button>
        </span>
      </figcaption>
      {error ? <p class="error" role="alert">{error}</p> : null}
      <div class="plot" ref={el} style={{ height: `${HEIGHT}px` }} role="img" aria-label={`${metricKey} of ${seriesCount} runs by ${X_TITLES[options.xAxis]}`}>
        {!data.raw.x.length && !error ? <p class="muted plot-empty">{series.some(Boolean) ? 'No points' : 'Loading…'}</p> : null}
      </div>
      <ul class="legend">
        <li class="legend-x" data-testid="lens-legend-x" title={hovered === null ? 'Each run’s last value; hover the chart for the values at a point' : undefined}>
          {hovered === null ? 'last' : formatX(options.xAxis, data.raw.x[hovered]!)}
        </li>
        {runs.map((run, i) => {
          const value = valueAt(i);
          return (
            <li key={run.runId} class={data.raw.ys[i]?.some((v) => v !== null) ? '' : 'absent'}>
              <span class="swatch" style={{ background: run.colour }} />
              <span class="legend-name" title={run.name}>{run.name}</span>
              <span class="legend-value" data-run-id={run.runId}>{formatValue(value)}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
