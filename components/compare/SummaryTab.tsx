import { useState } from 'preact/hooks';
import { formatValue } from '@/lib/compare';
import { VERDICT_META, type Verdict } from '@/components/overfit/verdicts';
import type { CompareModel } from './model';
import { summaryData, type SummaryRow } from './summary-data';

type SortKey = { column: 'name' | 'verdict' } | { column: 'best' | 'last'; metric: number };

/** Last and best value (with its step) of each charted metric for each run; the best run per metric starred. */
export function SummaryTab({ model }: { model: CompareModel }) {
  const data = summaryData(model);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: { column: 'name' }, descending: false });
  const rows = sortRows(data.rows, sort.key, sort.descending);
  const header = (label: string, key: SortKey, title?: string) => {
    const active = JSON.stringify(sort.key) === JSON.stringify(key);
    return (
      <th scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'} title={title}>
        <button type="button" class="sort" onClick={() => setSort({ key, descending: active ? !sort.descending : false })}>
          {label}
          {active ? (sort.descending ? ' ↓' : ' ↑') : ''}
        </button>
      </th>
    );
  };
  return (
    <div class="table-wrap">
      <table class="summary" data-testid="lens-compare-summary">
        <thead>
          <tr>
            {header('Run', { column: 'name' })}
            {header('Verdict', { column: 'verdict' })}
            {data.metrics.flatMap((key, m) => [
              header(`${key} · best`, { column: 'best', metric: m }, `Best ${key} (min or max by direction) and the step it was reached`),
              header(`${key} · last`, { column: 'last', metric: m }, `Last logged ${key}`),
            ])}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.pin.runId} data-run-id={row.pin.runId}>
              <th scope="row">
                <span class="swatch" style={{ background: row.colour }} />
                <span class="run-name" title={row.pin.runName}>{row.pin.runName}</span>
                {row.status !== 'FINISHED' && row.status !== 'loading' ? <span class="muted status"> {row.status.toLowerCase()}</span> : null}
                {row.error ? <div class="error">{row.error}</div> : null}
              </th>
              <td>{row.verdict ? <VerdictText verdict={row.verdict as Verdict} /> : <span class="muted">{row.error ? '—' : '…'}</span>}</td>
              {row.cells.flatMap((cell, m) => {
                const isBest = data.best[m]!.has(row.pin.runId);
                return [
                  <td key={`b${m}`} class={isBest ? 'best' : ''} title={isBest ? 'Best of the pinned runs' : undefined}>
                    {cell === undefined ? <span class="muted">…</span> : cell.best === null ? '—' : `${isBest ? '★ ' : ''}${formatValue(cell.best)} @ ${cell.bestStep}`}
                  </td>,
                  <td key={`l${m}`}>{cell === undefined ? <span class="muted">…</span> : formatValue(cell.last)}</td>,
                ];
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function VerdictText({ verdict }: { verdict: Verdict }) {
  const meta = VERDICT_META[verdict];
  if (!meta) return <span>{verdict}</span>;
  return <span class={`verdict tone-${meta.tone}`}>{meta.icon} {meta.label}</span>;
}

function sortRows(rows: SummaryRow[], key: SortKey, descending: boolean): SummaryRow[] {
  const value = (row: SummaryRow): string | number | null => {
    if (key.column === 'best' || key.column === 'last') {
      const cell = row.cells[key.metric];
      return (key.column === 'best' ? cell?.best : cell?.last) ?? null;
    }
    return key.column === 'name' ? row.pin.runName.toLowerCase() : row.verdict;
  };
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1; // empty cells last either way
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return descending ? -order : order;
  });
}
