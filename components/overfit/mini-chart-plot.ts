import uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';
import { debiasedEma } from '@/lib/analysis';
import { ensureCss } from '@/components/lazy/ensure-css';
import type { PlottedChart } from '@/components/lazy/contract';
import type { ChartSeries, MiniChartData } from './mini-chart-data';

const MAX_POINTS = 1_500;

/**
 * A small train/validation chart: raw faint, smoothed solid, the best step marked. Histories of any
 * length are thinned to ≤ 1,500 x positions before uPlot sees them.
 */
export function plotMiniChart(el: HTMLElement, { train, validation, smoothing, bestStep, width = 340, height = 150 }: MiniChartData): PlottedChart {
  ensureCss(el, 'uplot', uplotCss);
  const series = [validation, ...(train ? [train] : [])];
  const { x, ys } = align(series, smoothing);
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
  return new uPlot(opts, [x, ...ys] as uPlot.AlignedData, el);
}

/** One shared x (the union of steps, thinned) and, per series, raw and smoothed y with nulls for gaps. */
function align(series: ChartSeries[], smoothing: number): { x: number[]; ys: (number | null)[][] } {
  const stepSet = new Set<number>();
  for (const s of series) for (const step of s.steps) stepSet.add(step);
  let x = [...stepSet].sort((a, b) => a - b);
  if (x.length > MAX_POINTS) {
    const stride = Math.ceil(x.length / MAX_POINTS);
    x = x.filter((_, i) => i % stride === 0 || i === x.length - 1);
  }
  const index = new Map(x.map((step, i) => [step, i]));
  const ys: (number | null)[][] = [];
  for (const s of series) {
    const smooth = debiasedEma(s.values, smoothing);
    const raw: (number | null)[] = new Array(x.length).fill(null);
    const sm: (number | null)[] = new Array(x.length).fill(null);
    for (let i = 0; i < s.steps.length; i++) {
      const at = index.get(s.steps[i]!);
      if (at === undefined) continue;
      const v = s.values[i]!;
      raw[at] = Number.isFinite(v) ? v : null;
      const w = smooth[i]!;
      sm[at] = Number.isFinite(w) ? w : null;
    }
    ys.push(raw, sm);
  }
  return { x, ys };
}
