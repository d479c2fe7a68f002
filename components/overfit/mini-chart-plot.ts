import uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';
import { cleanSeries, debiasedEma } from '@/lib/analysis';
import { decimateMinMax } from '@/lib/compare';
import { ensureCss } from '@/components/lazy/ensure-css';
import type { PlottedChart } from './MiniChart';
import type { ChartSeries, MiniChartData } from './mini-chart-data';

/** Buckets per line: ≤ 1,500 points each, enough for the popover's 340 px. */
const BUCKETS = 375;

/** A small train/validation chart: raw faint, smoothed solid, the best step marked. */
export function plotMiniChart(el: HTMLElement, { train, validation, smoothing, bestStep, width = 340, height = 150 }: MiniChartData): PlottedChart {
  ensureCss(el, 'uplot', uplotCss);
  const series = [validation, ...(train ? [train] : [])];
  const opts: uPlot.Options = {
    width,
    height,
    legend: { show: false },
    cursor: { show: true, points: { show: false } },
    scales: { x: { time: false } },
    axes: [
      { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.15)' }, ticks: { show: false }, size: 24 },
      { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.15)' }, ticks: { show: false }, size: 44 },
    ],
    series: [
      {},
      ...series.flatMap((s) => [
        { label: `${s.label} (raw)`, stroke: s.color, width: 1, alpha: 0.3, points: { show: false } },
        { label: s.label, stroke: s.color, width: 2, points: { show: false } },
      ]),
    ],
    hooks: {
      draw: [
        (u) => {
          if (bestStep === undefined) return;
          const left = u.valToPos(bestStep, 'x', true);
          const ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = validation.color;
          ctx.setLineDash([4, 3]);
          ctx.beginPath();
          ctx.moveTo(left, u.bbox.top);
          ctx.lineTo(left, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.restore();
        },
      ],
    },
  };
  return new uPlot(opts, miniChartData(series, smoothing), el);
}

/**
 * uPlot's data for the chart: per series its raw and smoothed values, each thinned to at most
 * 4 × BUCKETS points keeping every bucket's first, last, lowest and highest (a spike stays visible), then
 * joined on one x by uPlot.join: a step that only another line has is `undefined` (the line runs through
 * it), a non-finite value is `null` (the line breaks there).
 */
export function miniChartData(series: readonly ChartSeries[], smoothing: number): uPlot.AlignedData {
  const tables = series.flatMap((s) => {
    const clean = cleanSeries({ steps: s.steps, timestamps: s.steps, values: s.values });
    const smooth = { ...clean, values: debiasedEma(clean.values, smoothing) };
    return [decimateMinMax(clean, BUCKETS), decimateMinMax(smooth, BUCKETS)].map(
      (t): uPlot.AlignedData => [Array.from(t.steps), Array.from(t.values, (v) => (Number.isFinite(v) ? v : null))],
    );
  });
  return uPlot.join(tables);
}
