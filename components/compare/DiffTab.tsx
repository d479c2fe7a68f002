import { diffRows, formatDelta, formatValue, parseStrictNumber, type DiffRow } from '@/lib/compare';
import type { CompareModel } from './model';
import { summaryData } from './summary-data';

/**
 * Params (and, when asked, the user's own tags) side by side, then each charted metric's best value;
 * numeric cells show their difference to the baseline run. "Only differences" hides rows where all agree.
 */
export function DiffTab({ model }: { model: CompareModel }) {
  const ready = model.readyRuns.value;
  if (!ready.length) return <p class="muted pad">Nothing to compare yet: the pinned runs are still loading or could not be read.</p>;
  const colours = model.colours.value;
  const baselineId = model.baselineId.value;
  const baseline = Math.max(0, ready.findIndex(({ pin }) => pin.runId === baselineId));
  const only = model.onlyDifferences.value;
  const params = diffRows(ready.map(({ state }) => state.params), baseline, only);
  const tags = model.showTags.value
    ? diffRows(ready.map(({ state }) => new Map([...state.tags].filter(([key]) => !key.startsWith('mlflow.')))), baseline, only)
    : [];
  const summary = summaryData(model);
  const bestMaps = ready.map(({ pin }) => {
    const row = summary.rows.find((r) => r.pin.runId === pin.runId);
    const map = new Map<string, string>();
    summary.metrics.forEach((key, m) => {
      const best = row?.cells[m]?.best;
      if (best !== null && best !== undefined) map.set(`${key} (best)`, String(best));
    });
    return map;
  });
  const metrics = diffRows(bestMaps, baseline, only);

  return (
    <div class="diff">
      <div class="controls">
        <label class="switch">
          <input type="checkbox" checked={only} onChange={(e) => (model.onlyDifferences.value = e.currentTarget.checked)} data-testid="lens-only-differences" />
          Only differences
        </label>
        <label class="switch">
          <input type="checkbox" checked={model.showTags.value} onChange={(e) => (model.showTags.value = e.currentTarget.checked)} />
          Show tags
        </label>
        <label>
          Baseline{' '}
          <select value={ready[baseline]?.pin.runId} onChange={(e) => (model.baseline.value = e.currentTarget.value)} data-testid="lens-baseline">
            {ready.map(({ pin }) => (
              <option key={pin.runId} value={pin.runId}>{pin.runName}</option>
            ))}
          </select>
        </label>
      </div>
      <div class="table-wrap">
        <table class="diff-table" data-testid="lens-compare-diff">
          <thead>
            <tr>
              <th scope="col">Key</th>
              {ready.map(({ pin }, i) => (
                <th scope="col" key={pin.runId} class={i === baseline ? 'baseline' : ''}>
                  <span class="swatch" style={{ background: colours.get(pin.runId) }} />
                  <span class="run-name" title={pin.runName}>{pin.runName}</span>
                  {i === baseline ? <span class="muted"> (baseline)</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <Section title="Params" rows={params} empty={only ? 'All params are the same.' : 'No params.'} columns={ready.length} />
          {model.showTags.value ? <Section title="Tags" rows={tags} empty={only ? 'All tags are the same.' : 'No tags.'} columns={ready.length} /> : null}
          <Section title="Metrics (best)" rows={metrics} empty={only ? 'All best values are the same.' : 'No metric values yet.'} columns={ready.length} numeric />
        </table>
      </div>
    </div>
  );
}

function Section({ title, rows, empty, columns, numeric }: { title: string; rows: DiffRow[]; empty: string; columns: number; numeric?: boolean }) {
  return (
    <tbody>
      <tr class="section">
        <th scope="rowgroup" colSpan={columns + 1}>{title}</th>
      </tr>
      {rows.length ? (
        rows.map((row) => (
          <tr key={row.key} data-key={row.key} class={row.differs ? 'differs' : ''}>
            <th scope="row" title={row.key}>{row.key}</th>
            {row.values.map((value, i) => (
              <td key={i} class={value === undefined ? 'missing' : ''}>
                {value === undefined ? '—' : numeric ? formatValue(parseStrictNumber(value)) : value}
                {row.deltas[i] !== null && row.deltas[i] !== undefined ? <span class={`delta ${row.deltas[i]! > 0 ? 'up' : row.deltas[i]! < 0 ? 'down' : ''}`}> {formatDelta(row.deltas[i]!)}</span> : null}
              </td>
            ))}
          </tr>
        ))
      ) : (
        <tr>
          <td colSpan={columns + 1} class="muted">{empty}</td>
        </tr>
      )}
    </tbody>
  );
}
