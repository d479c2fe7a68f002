import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import { cleanSeries, debiasedEma } from '@/lib/analysis';
import { alignSeries, alignedSeriesCsv, decimateMinMax, formatValue, quantileRange } from '@/lib/compare';
import type { MetricSeries } from '@/lib/mlflow/metrics';
import type { ChartGroup } from './chart-group';
import { downloadBlob, downloadText, safeFileName } from './download';
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
const X_LABEL = { step: 'step', wall: 'time', relative: 'seconds since start' } as const;

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
    const log = options.logY;
    const positive = (ys: (number | null)[]) => (log ? ys.map((v) => (v !== null && v > 0 ? v : null)) : ys);
    const axisColour = dark ? '#ced4da' : '#495057';
    const grid = { stroke: dark ? 'rgba(255,255,255,0.08)' : 'rgba(0,0,0,0.07)' };
    const plotSeries: uPlot.Series[] = [{}];
    const ys: (number | null)[][] = [];
    runs.forEach((run, i) => {
      if (data.smoothed) {
        plotSeries.push({ label: `${run.name} (raw)`, stroke: run.colour, width: 1, alpha: 0.25, points: { show: false } });
        ys.push(positive(data.raw.ys[i]!));
      }
      plotSeries.push({ label: run.name, stroke: run.colour, width: 2, points: { show: false }, spanGaps: true });
      ys.push(positive(shown.ys[i]!));
    });
    const range = options.ignoreOutliers ? quantileRange(shown.ys, 0.05, 0.95, log) : null;
    const xTime = options.xAxis === 'wall';
    const opts: uPlot.Options = {
      width,
      height: HEIGHT,
      legend: { show: false },
      cursor: {
        sync: { key: group.key, setSeries: false },
        drag: { x: true, y: false, setScale: true },
        points: { show: false },
      },
      scales: {
        x: { time: xTime },
        y: {
          distr: log ? 3 : 1,
          ...(range ? { range: (_u: uPlot, lo: number, hi: number) => padded(range, lo, hi, log) } : {}),
        },
      },
      axes: [
        {
          stroke: axisColour,
          grid,
          ticks: { show: false },
          ...(options.xAxis === 'relative' ? { values: (_u: uPlot, ticks: number[]) => ticks.map(formatDuration) } : {}),
        },
        { stroke: axisColour, grid, ticks: { show: false }, size: 56 },
      ],
      series: plotSeries,
      hooks: {
        setCursor: [(u) => setCursor(u.cursor.idx ?? null)],
        setScale: [
          (u, key) => {
            group.onScale(u, key);
            // For tests and users' automation: the x range shown (changes with a zoom, synced or reset).
            const { min, max } = u.scales.x ?? {};
            if (key === 'x' && min != null && max != null) node.closest('figure')?.setAttribute('data-x-range', `${min},${max}`);
          },
        ],
      },
    };
    const plot = new uPlot(opts, [data.raw.x, ...ys] as unknown as uPlot.AlignedData, node);
    plotRef.current = plot;
    // For benchmarks and tests: how many x positions this chart drew, once it has.
    node.closest('figure')?.setAttribute('data-drawn', String(data.raw.x.length));
    const remove = group.add(plot);
    return () => {
      remove();
      node.closest('figure')?.removeAttribute('data-drawn');
      plot.destroy();
      plotRef.current = null;
    };
  }, [data, width, options.logY, options.ignoreOutliers, options.xAxis, runs, group, dark]);

  const valueAt = (i: number): number | null => {
    const ys = shown.ys[i];
    if (!ys?.length) return null;
    if (cursor !== null && cursor >= 0 && cursor < ys.length) return ys[cursor] ?? null;
    for (let j = ys.length - 1; j >= 0; j--) if (ys[j] !== null) return ys[j]!;
    return null;
  };

  const exportPng = () => {
    const plot = plotRef.current;
    if (!plot) return;
    const source = plot.ctx.canvas;
    const canvas = document.createElement('canvas');
    const titleHeight = 28 * devicePixelRatio;
    canvas.width = source.width;
    canvas.height = source.height + titleHeight;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = dark ? '#1f2226' : '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = dark ? '#e6e8eb' : '#1f2328';
    ctx.font = `${14 * devicePixelRatio}px system-ui, sans-serif`;
    ctx.fillText(metricKey, 8 * devicePixelRatio, 19 * devicePixelRatio);
    ctx.drawImage(source, 0, titleHeight);
    canvas.toBlob((blob) => blob && downloadBlob(`${safeFileName(metricKey)}.png`, blob), 'image/png');
  };
  // Every point, not the thinned drawing.
  const exportCsv = () =>
    downloadText(`${safeFileName(metricKey)}-series.csv`, alignedSeriesCsv(alignSeries(series, options.xAxis), runs.map((r) => r.name), X_LABEL[options.xAxis]), 'text/csv');

  return (
    <figure class="chart" data-metric={metricKey} data-series-count={seriesCount} aria-busy={series.every((s) => !s) && !error}>
      <figcaption>
        <span class="chart-title" title={metricKey}>{metricKey}</span>
        <span class="chart-actions">
          <button type="button" class="link" onClick={exportPng} disabled={!seriesCount} title="Download this chart as PNG">PNG</button>
          <button type="button" class="link" onClick={exportCsv} disabled={!seriesCount} title="Download the aligned series as CSV">CSV</button>
        </span>
      </figcaption>
      {error ? <p class="error" role="alert">{error}</p> : null}
      <div class="plot" ref={el} style={{ height: `${HEIGHT}px` }} role="img" aria-label={`${metricKey} of ${seriesCount} runs by ${X_LABEL[options.xAxis]}`}>
        {!data.raw.x.length && !error ? <p class="muted plot-empty">{series.some(Boolean) ? 'No points' : 'Loading…'}</p> : null}
      </div>
      <ul class="legend">
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

function padded(range: [number, number], lo: number, hi: number, log: boolean): uPlot.Range.MinMax {
  let [min, max] = range;
  if (!(max > min)) return [lo, hi];
  if (log) return [min / 1.1, max * 1.1];
  const pad = (max - min) * 0.05;
  return [min - pad, max + pad];
}

function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
}

