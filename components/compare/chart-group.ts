import type uPlot from 'uplot';

/**
 * The drawer's charts as one group: the crosshair moves on all of them (uPlot's cursor sync, by key) and
 * a drag-zoom on one zooms the x axis of every other; reset puts all back to their full range.
 */
export class ChartGroup {
  readonly key = `lens-compare-${Math.random().toString(36).slice(2)}`;
  private readonly plots = new Set<uPlot>();
  private applying = false;

  add(plot: uPlot): () => void {
    this.plots.add(plot);
    return () => this.plots.delete(plot);
  }

  /** Called from each plot's setScale hook: spreads a user's x zoom to the others. */
  onScale(source: uPlot, key: string): void {
    if (key !== 'x' || this.applying) return;
    const { min, max } = source.scales.x ?? {};
    if (min === undefined || max === undefined || min === null || max === null) return;
    this.applying = true;
    try {
      for (const plot of this.plots) if (plot !== source) plot.setScale('x', { min, max });
    } finally {
      this.applying = false;
    }
  }

  reset(): void {
    this.applying = true;
    try {
      for (const plot of this.plots) {
        const xs = plot.data[0];
        if (xs.length) plot.setScale('x', { min: xs[0]!, max: xs[xs.length - 1]! });
      }
    } finally {
      this.applying = false;
    }
  }
}
