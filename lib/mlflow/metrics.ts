/**
 * Metric values as MLflow sends them, normalised. Non-finite values come back as the strings
 * "NaN"/"Infinity"/"-Infinity" (proto JSON), and SQL stores clamp ±Infinity to ±max double.
 */
const CLAMP = 1.79e308;

export function normaliseMetricValue(value: number | string | null | undefined): number {
  if (typeof value === 'number') {
    if (value >= CLAMP) return Number.POSITIVE_INFINITY;
    if (value <= -CLAMP) return Number.NEGATIVE_INFINITY;
    return value;
  }
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  if (typeof value === 'string' && value.trim() !== '' && value !== 'NaN') {
    const n = Number(value);
    return Number.isNaN(n) ? Number.NaN : normaliseMetricValue(n);
  }
  return Number.NaN;
}

/** One metric's history, columnar from parse to draw (uPlot takes these arrays as they are). */
export interface MetricSeries {
  key: string;
  steps: Float64Array;
  timestamps: Float64Array;
  values: Float64Array;
}

export interface RawMetricPoint {
  key: string;
  value: number | string | null;
  timestamp: number | string;
  step?: number | string;
}

/** Points in MLflow's order, packed into typed arrays. Ordering and de-duplication are analysis' job. */
export function toSeries(key: string, points: readonly RawMetricPoint[]): MetricSeries {
  const n = points.length;
  const steps = new Float64Array(n);
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    steps[i] = Number(p.step ?? 0);
    timestamps[i] = Number(p.timestamp);
    values[i] = normaliseMetricValue(p.value);
  }
  return { key, steps, timestamps, values };
}
