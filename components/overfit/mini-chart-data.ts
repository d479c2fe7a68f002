/** What the badge popover's chart draws (plotted by mini-chart-plot.ts, in the lazily loaded bundle). */
export interface ChartSeries {
  label: string;
  steps: Float64Array;
  values: Float64Array;
  color: string;
}

export interface MiniChartData {
  train?: ChartSeries;
  validation: ChartSeries;
  smoothing: number;
  bestStep?: number;
  width?: number;
  height?: number;
}
