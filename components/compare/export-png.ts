import uPlot from 'uplot';
import { layoutLegend } from '@/lib/compare';
import { plotConfig, type PlotInput } from './chart-options';

/** The image is for slides and reports: always light (a dark page's colours would print as a black box). */
const BACKGROUND = '#ffffff';
const TEXT = '#1f2328';
const PAD = 12;
const TITLE_HEIGHT = 28;
const LEGEND_FONT = '12px system-ui, sans-serif';
const LEGEND_ROW = 18;
const SWATCH = 14;

export interface ChartPngInput extends Omit<PlotInput, 'dark' | 'titles' | 'onYTicks'> {
  metricKey: string;
  xTitle: string;
  /** The runs named in the legend: those with points on this chart (same colours as `runs`). */
  legend: readonly { name: string; colour: string }[];
}

/**
 * The chart as a PNG: a light copy of it drawn off the page with axis titles (x: the axis, y: the metric), under
 * the metric's name and over a legend of run names in their colours. Run names are drawn as canvas text, which
 * never becomes markup.
 */
export async function chartPng(input: ChartPngInput): Promise<Blob | null> {
  const { options, data } = plotConfig({ ...input, dark: false, titles: { x: input.xTitle, y: input.metricKey } });
  const holder = document.createElement('div');
  let drawn!: () => void;
  const ready = new Promise<void>((resolve) => (drawn = resolve));
  // uPlot draws in a microtask after it is made; a detached holder is enough (nothing here needs layout).
  const plot = new uPlot({ ...options, cursor: { show: false }, hooks: { draw: [() => drawn()] } }, data, holder);
  try {
    await ready;
    return await compose(plot.ctx.canvas, input);
  } finally {
    plot.destroy();
  }
}

function compose(source: HTMLCanvasElement, input: ChartPngInput): Promise<Blob | null> {
  const ratio = source.width / input.width || 1;
  const canvas = document.createElement('canvas');
  const measure = canvas.getContext('2d');
  if (!measure) return Promise.resolve(null);
  measure.font = LEGEND_FONT;
  const legend = layoutLegend(
    input.legend.map((r) => r.name),
    { width: input.width - 2 * PAD, rowHeight: LEGEND_ROW, swatch: SWATCH + 6, gap: 16, maxName: 320 },
    (s) => measure.measureText(s).width,
  );
  const cssHeight = TITLE_HEIGHT + input.height + (legend.height ? legend.height + PAD : 0) + PAD / 2;
  canvas.width = source.width;
  canvas.height = Math.ceil(cssHeight * ratio);
  const ctx = canvas.getContext('2d')!; // the same context as `measure`: resizing reset its state
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(source, 0, TITLE_HEIGHT * ratio);
  ctx.scale(ratio, ratio);
  ctx.fillStyle = TEXT;
  ctx.textBaseline = 'middle';
  ctx.font = `600 14px system-ui, sans-serif`;
  ctx.fillText(input.metricKey, PAD, TITLE_HEIGHT / 2, input.width - 2 * PAD);
  ctx.font = LEGEND_FONT;
  const top = TITLE_HEIGHT + input.height + PAD / 2;
  legend.entries.forEach((entry, i) => {
    const y = top + entry.y + LEGEND_ROW / 2;
    ctx.fillStyle = input.legend[i]!.colour;
    ctx.fillRect(PAD + entry.x, y - SWATCH / 2 + 2, SWATCH, SWATCH - 4);
    ctx.fillStyle = TEXT;
    ctx.fillText(entry.text, PAD + entry.x + SWATCH + 6, y);
  });
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}
