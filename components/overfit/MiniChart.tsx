import { useEffect, useRef, useState } from 'preact/hooks';
import type { MiniChartData } from './mini-chart-data';

export type { ChartSeries } from './mini-chart-data';

export interface PlottedChart {
  destroy(): void;
}

/** What draws the chart: the lazily loaded bundle, which has uPlot. */
export interface MiniChartPlotter {
  /** Draws the badge popover's train/validation chart into `el`. */
  plotMiniChart(el: HTMLElement, data: MiniChartData): PlottedChart;
}

export interface MiniChartProps extends MiniChartData {
  /** Brings uPlot (the lazily loaded bundle) on the first popover that needs it. */
  load: () => Promise<MiniChartPlotter>;
}

/** The badge popover's train/validation chart; drawn by the lazy bundle once it is loaded. */
export function MiniChart({ load, ...data }: MiniChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { train, validation, smoothing, bestStep, width = 340, height = 150 } = data;
  useEffect(() => {
    let chart: PlottedChart | undefined;
    let live = true;
    load().then(
      (extras) => {
        if (live && el.current) chart = extras.plotMiniChart(el.current, data);
      },
      (error: unknown) => live && setFailure(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [train, validation, smoothing, bestStep, width, height]);
  const label = `Chart of ${validation.label}${train ? ` and ${train.label}` : ''} by step`;
  if (failure) return <p class="muted mini-chart-failed">The chart could not be drawn: {failure}</p>;
  return <div class="mini-chart" ref={el} role="img" aria-label={label} style={{ minHeight: `${height}px` }} />;
}
