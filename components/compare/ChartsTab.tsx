import { useMemo } from 'preact/hooks';
import type { XAxis } from '@/lib/compare';
import { CompareChart, type ChartRun } from './CompareChart';
import type { ChartGroup } from './chart-group';
import type { CompareModel } from './model';

/** The chart controls (smoothing, x axis, log y, outliers, which metrics) and one chart per metric. */
export function ChartsTab({ model, group, dark }: { model: CompareModel; group: ChartGroup; dark: boolean }) {
  const options = model.chart.value;
  const set = (patch: Partial<typeof options>) => (model.chart.value = { ...options, ...patch });
  const ready = model.readyRuns.value;
  const colours = model.colours.value;
  const runs: ChartRun[] = useMemo(
    () => ready.map(({ pin }) => ({ runId: pin.runId, name: pin.runName, colour: colours.get(pin.runId) ?? 'gray' })),
    [ready, colours],
  );
  const metrics = model.metrics.value;
  const available = model.availableKeys.value;
  const sampled = options.fullResolution ? model.full.value : model.sampled.value;
  // Same arrays while nothing changed, so charts are not rebuilt when unrelated state moves.
  const seriesByKey = useMemo(
    () => new Map(metrics.map((key) => [key, runs.map((r) => sampled.get(r.runId)?.get(key))])),
    [metrics, runs, sampled],
  );

  return (
    <div class="charts-tab">
      <div class="controls">
        <label class="smoothing">
          Smoothing
          <input
            type="range"
            min="0"
            max="0.99"
            step="0.01"
            value={options.smoothing}
            onInput={(e) => set({ smoothing: Number(e.currentTarget.value) })}
            data-testid="lens-smoothing"
            aria-valuetext={options.smoothing.toFixed(2)}
          />
          <output>{options.smoothing.toFixed(2)}</output>
        </label>
        <label>
          X axis{' '}
          <select value={options.xAxis} onChange={(e) => set({ xAxis: e.currentTarget.value as XAxis })} data-testid="lens-x-axis">
            <option value="step">Step</option>
            <option value="wall">Wall time</option>
            <option value="relative">Relative time</option>
          </select>
        </label>
        <label class="switch" title="Chart every logged point instead of MLflow's sample of ≤ 2,500 per run">
          <input
            type="checkbox"
            checked={options.fullResolution}
            onChange={(e) => {
              set({ fullResolution: e.currentTarget.checked });
              void model.sync();
            }}
            data-testid="lens-full-resolution"
          />
          Full resolution
        </label>
        <label class="switch">
          <input type="checkbox" checked={options.logY} onChange={(e) => set({ logY: e.currentTarget.checked })} />
          Log y
        </label>
        <label class="switch" title="Scale y to the 5th–95th percentile of the values shown">
          <input type="checkbox" checked={options.ignoreOutliers} onChange={(e) => set({ ignoreOutliers: e.currentTarget.checked })} />
          Ignore outliers
        </label>
        <details class="metric-picker">
          <summary>Metrics ({metrics.length}/{available.length})</summary>
          <div class="metric-list" role="group" aria-label="Metrics to chart">
            {available.map((key) => (
              <label key={key} class="switch">
                <input
                  type="checkbox"
                  checked={metrics.includes(key)}
                  onChange={(e) => {
                    const next = e.currentTarget.checked ? [...metrics, key] : metrics.filter((k) => k !== key);
                    model.chosen.value = available.filter((k) => next.includes(k));
                    void model.sync();
                  }}
                />
                {key}
              </label>
            ))}
            {model.chosen.value ? (
              <button type="button" class="link" onClick={() => ((model.chosen.value = null), void model.sync())}>
                Back to the default metrics
              </button>
            ) : null}
          </div>
        </details>
        <button type="button" onClick={() => group.reset()} title="Zoom back out (or double-click a chart)">
          Reset zoom
        </button>
      </div>
      {!metrics.length ? (
        <p class="muted pad">{ready.length ? 'These runs have no metrics in common. Pick some under “Metrics”.' : 'Loading the pinned runs…'}</p>
      ) : (
        <div class="chart-grid">
          {metrics.map((key) => (
            <CompareChart
              key={key}
              metricKey={key}
              runs={runs}
              series={seriesByKey.get(key) ?? []}
              options={options}
              group={group}
              dark={dark}
              error={model.chartErrors.value.get(key)}
            />
          ))}
        </div>
      )}
    </div>
  );
}
