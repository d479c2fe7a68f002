import uPlot from 'uplot';
import { formatDuration, logTickLabels, quantileRange, type AlignedSeries } from '@/lib/compare';
import type { ChartOptions } from './model';

export interface PlotRun {
  name: string;
  colour: string;
}

export interface PlotInput {
  width: number;
  height: number;
  runs: readonly PlotRun[];
  raw: AlignedSeries;
  /** The smoothed lines (drawn solid over the faint raw ones), or null without smoothing. */
  smoothed: AlignedSeries | null;
  options: Pick<ChartOptions, 'xAxis' | 'logY' | 'ignoreOutliers'>;
  dark: boolean;
  /** Axis titles drawn on the canvas (the PNG export: an image has no caption or controls beside it). */
  titles?: { x: string; y: string };
  /** Show this x range instead of the data's (the export draws what the on-screen chart is zoomed to). */
  xRange?: [number, number];
  /** Hears the y tick labels each time uPlot draws them (for tests: they are on a canvas). */
  onYTicks?: (labels: string[]) => void;
}

/**
 * One metric's uPlot options and data, for the drawer's chart and for its PNG export alike, so the image is the
 * chart: same series, colours, scales and tick labels; only the theme, the titles and the interaction differ.
 */
export function plotConfig(input: PlotInput): { options: uPlot.Options; data: uPlot.AlignedData } {
  const { runs, raw, smoothed, options, dark } = input;
  const shown = smoothed ?? raw;
  const log = options.logY;
  // A log axis cannot place 0 or a negative value: those points are left out rather than breaking the scale.
  const positive = (ys: (number | null)[]) => (log ? ys.map((v) => (v !== null && v > 0 ? v : null)) : ys);
  const axisColour = dark ? '#ced4da' : '#495057';
  const grid = { stroke: dark ? 'rgba(255,255,255,0.08)' : 'rgba(0,0,0,0.07)' };
  const series: uPlot.Series[] = [{}];
  const ys: (number | null)[][] = [];
  runs.forEach((run, i) => {
    if (smoothed) {
      series.push({ label: `${run.name} (raw)`, stroke: run.colour, width: 1, alpha: 0.25, points: { show: false } });
      ys.push(positive(raw.ys[i]!));
    }
    series.push({ label: run.name, stroke: run.colour, width: 2, points: { show: false }, spanGaps: true });
    ys.push(positive(shown.ys[i]!));
  });
  const range = options.ignoreOutliers ? quantileRange(shown.ys, 0.05, 0.95, log) : null;
  const yValues = (_u: uPlot, splits: number[]) => {
    // uPlot's own formatter on a linear axis; on a log axis it would print 0.0001 and below as "0".
    const labels = log ? logTickLabels(splits) : splits.map((v) => (v == null ? '' : uPlot.fmtNum(v)));
    input.onYTicks?.(labels);
    return labels;
  };
  const titled = (title: string | undefined) => (title ? { label: title, labelSize: 20, labelFont: 'bold 12px system-ui, sans-serif', labelGap: 2 } : {});
  return {
    options: {
      width: input.width,
      height: input.height,
      legend: { show: false },
      scales: {
        x: { time: options.xAxis === 'wall', ...(input.xRange ? { auto: false, range: input.xRange } : {}) },
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
          ...(options.xAxis === 'relative' ? { values: (_u: uPlot, ticks: number[]) => ticks.map(formatDuration), incrs: DURATION_INCRS } : {}),
          // The title goes right under the tick labels (uPlot's 50 px leave room for two-line time labels).
          ...(input.titles && options.xAxis !== 'wall' ? { size: 28 } : {}),
          ...titled(input.titles?.x),
        },
        { stroke: axisColour, grid, ticks: { show: false }, size: 56, values: yValues, ...titled(input.titles?.y) },
      ],
      series,
    },
    data: [raw.x, ...ys] as unknown as uPlot.AlignedData,
  };
}

/** Relative-time ticks at whole seconds, minutes and hours ("10:00", not uPlot's decimal "16:40"). */
const DURATION_INCRS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 432000, 864000];

function padded(range: [number, number], lo: number, hi: number, log: boolean): uPlot.Range.MinMax {
  let [min, max] = range;
  if (!(max > min)) return [lo, hi];
  if (log) return [min / 1.1, max * 1.1];
  const pad = (max - min) * 0.05;
  return [min - pad, max + pad];
}
