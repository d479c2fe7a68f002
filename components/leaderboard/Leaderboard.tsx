import type { ReadonlySignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { VERDICT_META, type Verdict } from '@/components/overfit/verdicts';
import { formatDelta, formatValue, MAX_PINS } from '@/lib/compare';
import { judgedCount, type CellState, type LeaderboardRow, type LeaderboardState, type MetricChoice, type RowFilter, type SortColumn, type SortOrder } from '@/lib/leaderboard';

/** What a row's Register button shows. */
export type RegisterRowState = { status: 'busy' } | { status: 'done'; label: string; href: string; existing: boolean } | { status: 'error'; message: string };

export interface LeaderboardView {
  state: ReadonlySignal<LeaderboardState>;
  choices: ReadonlySignal<readonly MetricChoice[]>;
  metric: ReadonlySignal<string | null>;
  /** The extra metric columns shown (validation keys). */
  extras: ReadonlySignal<readonly string[]>;
  /** Rows after the filters, in the sort order. */
  rows: ReadonlySignal<readonly LeaderboardRow[]>;
  sort: ReadonlySignal<SortOrder>;
  filter: ReadonlySignal<RowFilter>;
  page: ReadonlySignal<number>;
  topN: ReadonlySignal<number>;
  pinned: ReadonlySignal<ReadonlySet<string>>;
  registering: ReadonlySignal<ReadonlyMap<string, RegisterRowState>>;
  /** A short note after an action ("Pinned 5 runs"). */
  message: ReadonlySignal<string | null>;
}

export interface LeaderboardActions {
  close(): void;
  retry(): void;
  chooseMetric(key: string): void;
  toggleExtra(key: string): void;
  setSort(order: SortOrder): void;
  setFilter(filter: RowFilter): void;
  setPage(page: number): void;
  setTopN(n: number): void;
  pin(row: LeaderboardRow): void;
  compareTop(): void;
  register(row: LeaderboardRow): void;
  exportCsv(): void;
  runHref(row: LeaderboardRow): string;
}

export const PAGE_SIZE = 100;
const VERDICTS: Verdict[] = ['overfitting', 'watch', 'healthy', 'diverging', 'too-early', 'not-judged', 'no-validation'];

/** The experiment leaderboard: every run ranked by its best value of one validation metric. Renders, never fetches. */
export function Leaderboard({ view, actions }: { view: LeaderboardView; actions: LeaderboardActions }) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.focus(), []);
  const state = view.state.value;
  const metric = view.metric.value;
  const rows = view.rows.value;
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(view.page.value, pages - 1);
  const shown = rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const judged = metric ? judgedCount(state.runs, state.cells, metric) : 0;
  const total = state.runs.length;
  const filter = view.filter.value;
  const extras = view.extras.value;
  const statuses = [...new Set(state.runs.map((r) => r.status))].sort();
  const others = view.choices.value.filter((c) => c.key !== metric);

  return (
    <section
      ref={panel}
      class="board"
      role="dialog"
      aria-label="Experiment leaderboard"
      tabIndex={-1}
      data-testid="lens-leaderboard"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          actions.close();
        }
      }}
    >
      <header class="board-head">
        <h2>Leaderboard</h2>
        <span class="muted progress" role="status" aria-live="polite" data-testid="lens-leaderboard-progress">
          {progressText(state, judged, total)}
        </span>
        <span class="spacer" />
        <button type="button" class="icon" onClick={actions.close} aria-label="Close the leaderboard" title="Close (Esc)">
          ✕
        </button>
      </header>
      {state.error ? (
        <p class="error banner" role="alert" data-testid="lens-leaderboard-error">
          {state.error} {state.runs.length ? 'The runs listed so far stay below.' : ''}{' '}
          <button type="button" class="link" onClick={actions.retry}>
            Retry
          </button>
        </p>
      ) : null}
      <ChampionLine state={state} metric={metric} />
      <div class="controls">
        <label>
          Rank by
          <select value={metric ?? ''} onChange={(e) => actions.chooseMetric((e.currentTarget as HTMLSelectElement).value)} disabled={!view.choices.value.length}>
            {view.choices.value.map((c) => (
              <option key={c.key} value={c.key}>
                {c.key} ({c.runs} {c.runs === 1 ? 'run' : 'runs'})
              </option>
            ))}
          </select>
        </label>
        <label>
          Filter
          <input type="search" value={filter.text} placeholder="run name or id" onInput={(e) => actions.setFilter({ ...filter, text: (e.currentTarget as HTMLInputElement).value })} />
        </label>
        <label>
          Verdict
          <select value={filter.verdict ?? ''} onChange={(e) => actions.setFilter({ ...filter, verdict: ((e.currentTarget as HTMLSelectElement).value || null) as Verdict | null })}>
            <option value="">All verdicts</option>
            {VERDICTS.map((v) => (
              <option key={v} value={v}>
                {v === 'overfitting' ? 'Only overfitting' : `Only ${VERDICT_META[v].label.toLowerCase()}`}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={filter.status ?? ''} onChange={(e) => actions.setFilter({ ...filter, status: (e.currentTarget as HTMLSelectElement).value || null })}>
            <option value="">All statuses</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {s.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        {others.length ? (
          <details class="columns">
            <summary>Columns</summary>
            <div class="column-list">
              {others.map((c) => (
                <label key={c.key}>
                  <input type="checkbox" checked={extras.includes(c.key)} onChange={() => actions.toggleExtra(c.key)} />
                  {c.key} · best
                </label>
              ))}
            </div>
          </details>
        ) : null}
        <span class="spacer" />
        <label>
          Compare the top
          <input
            type="number"
            class="top-n"
            min={1}
            max={MAX_PINS}
            value={view.topN.value}
            onInput={(e) => actions.setTopN(Number((e.currentTarget as HTMLInputElement).value))}
          />
        </label>
        <button type="button" onClick={actions.compareTop} disabled={!rows.length} data-testid="lens-leaderboard-compare">
          Compare
        </button>
        <button type="button" onClick={actions.exportCsv} disabled={!rows.length} data-testid="lens-leaderboard-csv">
          Export CSV
        </button>
      </div>
      {view.message.value ? (
        <p class="note" role="status">
          {view.message.value}
        </p>
      ) : null}
      <div class="table-wrap">
        <table data-testid="lens-leaderboard-table">
          <caption class="visually-hidden">Runs ranked by {metric ?? 'their validation metric'}</caption>
          <thead>
            <tr>
              <Header label="Run" column="name" view={view} actions={actions} />
              <Header label="Status" column="status" view={view} actions={actions} />
              <Header label="Verdict" column="verdict" view={view} actions={actions} />
              <Header label={`${metric ?? 'metric'} · best`} column="best" view={view} actions={actions} title="The best value (min or max by the metric's direction)" />
              <Header label="Best at" column="bestAt" view={view} actions={actions} title="The epoch of the best, where the run logs its epochs; else its step" />
              <Header label="Last" column="last" view={view} actions={actions} title="The last logged value" />
              <Header label="Train at best" column="trainAtBest" view={view} actions={actions} title="The training metric's value at the best's step" />
              <Header label="Past best" column="pastBest" view={view} actions={actions} title="Epochs (or steps) logged after the best" />
              <Header label="Δ champion" column="delta" view={view} actions={actions} title="This run's best minus the champion's" />
              {extras.map((key) => (
                <Header key={key} label={`${key} · best`} column={`extra:${key}`} view={view} actions={actions} />
              ))}
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <Row key={row.run.runId} row={row} view={view} actions={actions} extras={extras} />
            ))}
          </tbody>
        </table>
        {!rows.length ? <p class="muted pad">{state.runs.length ? 'No run matches these filters.' : state.listed ? 'This experiment has no runs.' : 'Loading the runs…'}</p> : null}
      </div>
      {pages > 1 ? (
        <nav class="pager" aria-label="Leaderboard pages">
          <button type="button" onClick={() => actions.setPage(page - 1)} disabled={page === 0}>
            Previous
          </button>
          <span>
            Rows {page * PAGE_SIZE + 1}–{Math.min(rows.length, (page + 1) * PAGE_SIZE)} of {rows.length.toLocaleString('en')}
          </span>
          <button type="button" onClick={() => actions.setPage(page + 1)} disabled={page >= pages - 1}>
            Next
          </button>
        </nav>
      ) : null}
    </section>
  );
}

function progressText(state: LeaderboardState, judged: number, total: number): string {
  const n = (x: number) => x.toLocaleString('en');
  if (!state.listed && !total) return state.error ? '' : 'Listing the runs…';
  const listing = state.listed ? '' : ' (listing more runs…)';
  const truncated = state.truncated ? ` — the newest ${n(total)} runs only` : '';
  return `${n(judged)} / ${n(total)} judged${listing}${truncated}`;
}

function ChampionLine({ state, metric }: { state: LeaderboardState; metric: string | null }) {
  const c = state.champion;
  if (c === undefined) return <p class="muted champion-line">Looking for the champion…</p>;
  if (state.championError) return <p class="muted champion-line">The champion could not be read: {state.championError}</p>;
  if (c === null) return <p class="muted champion-line">No registered model holds a version of these runs: no champion to compare with.</p>;
  const run = state.runs.find((r) => r.runId === c.runId);
  const best = metric ? state.cells.get(c.runId)?.get(metric)?.best : undefined;
  return (
    <p class="champion-line" data-testid="lens-leaderboard-champion">
      ★ Baseline: <strong>{c.modelName} v{c.version}</strong> {c.alias ? `(alias ${c.alias})` : '(latest version; no champion alias)'} from{' '}
      {run ? run.runName : `run ${c.runId} (not among these runs)`}
      {best !== undefined && best !== null ? ` · ${metric} ${formatValue(best)}` : ''}
    </p>
  );
}

function Header({ label, column, view, actions, title }: { label: string; column: SortColumn; view: LeaderboardView; actions: LeaderboardActions; title?: string }) {
  const order = view.sort.value;
  const active = order.column === column;
  return (
    <th scope="col" aria-sort={active ? (order.descending ? 'descending' : 'ascending') : 'none'} title={title}>
      <button type="button" class="sort" onClick={() => actions.setSort({ column, descending: active ? !order.descending : column === 'name' || column === 'status' ? false : defaultDescending(view, column) })}>
        {label}
        <span aria-hidden="true">{active ? (order.descending ? ' ↓' : ' ↑') : ''}</span>
      </button>
    </th>
  );
}

/** A first click on a value column puts its best first: descending for a maximised metric. */
function defaultDescending(view: LeaderboardView, column: SortColumn): boolean {
  if (column !== 'best' && column !== 'last' && column !== 'delta') return false;
  const direction = view.rows.value.find((r) => r.cell)?.cell?.direction;
  return direction === 'max';
}

function Row({ row, view, actions, extras }: { row: LeaderboardRow; view: LeaderboardView; actions: LeaderboardActions; extras: readonly string[] }) {
  const cell = row.cell;
  const pinned = view.pinned.value.has(row.run.runId);
  const reg = view.registering.value.get(row.run.runId);
  return (
    <tr data-run-id={row.run.runId} data-verdict={cell ? cell.verdict : cell === null ? 'not-logged' : 'loading'} class={row.champion ? 'champion' : ''}>
      <th scope="row">
        <a class="run-name" href={actions.runHref(row)} title={row.run.runName}>
          {row.run.runName}
        </a>
        {row.champion ? <span class="tag" title="The baseline the deltas are measured from"> ★ champion</span> : null}
      </th>
      <td>{row.run.status.toLowerCase()}</td>
      <td title={cell?.reason}>{cell ? <VerdictText verdict={cell.verdict} /> : <Empty cell={cell} />}</td>
      <td class="num">{cell ? formatValue(cell.best) : <Empty cell={cell} />}</td>
      <td class="num">{cell && cell.bestAt !== null ? `${cell.unit} ${formatPosition(cell.bestAt)}` : <Empty cell={cell} />}</td>
      <td class="num">{cell ? formatValue(cell.last) : <Empty cell={cell} />}</td>
      <td class="num" title={cell?.trainKey ?? undefined}>{cell ? formatValue(cell.trainAtBest) : <Empty cell={cell} />}</td>
      <td class="num">{cell && cell.pastBest !== null ? `${formatPosition(cell.pastBest)} ${cell.unit}${cell.pastBest === 1 ? '' : 's'}` : <Empty cell={cell} />}</td>
      <td class="num">{row.champion ? '—' : row.delta === null ? <Empty cell={cell} /> : <Delta delta={row.delta} direction={cell?.direction} />}</td>
      {extras.map((key) => {
        const extra = row.extras.get(key);
        return (
          <td key={key} class="num">
            {extra ? `${formatValue(extra.best)}${extra.bestAt !== null ? ` @ ${extra.unit} ${formatPosition(extra.bestAt)}` : ''}` : <Empty cell={extra} />}
          </td>
        );
      })}
      <td class="actions">
        <button type="button" class="small" aria-pressed={pinned} onClick={() => actions.pin(row)} aria-label={`${pinned ? 'Unpin' : 'Pin'} ${row.run.runName} for compare`}>
          {pinned ? 'Pinned' : 'Pin'}
        </button>
        {reg?.status === 'done' ? (
          <a href={reg.href} class="registered">
            ✓ {reg.label}
          </a>
        ) : (
          <button type="button" class="small" disabled={reg?.status === 'busy'} onClick={() => actions.register(row)} aria-label={`Register ${row.run.runName}'s model`}>
            {reg?.status === 'busy' ? 'Registering…' : 'Register'}
          </button>
        )}
        {reg?.status === 'error' ? (
          <span class="error" role="alert">
            {' '}
            {reg.message}
          </span>
        ) : null}
      </td>
    </tr>
  );
}

function Empty({ cell }: { cell: CellState }) {
  return cell === undefined ? <span class="muted" aria-label="not judged yet">…</span> : <span class="muted">—</span>;
}

function VerdictText({ verdict }: { verdict: Verdict }) {
  const meta = VERDICT_META[verdict];
  return (
    <span class={`verdict tone-${meta.tone}`}>
      <span aria-hidden="true">{meta.icon}</span> {meta.label}
    </span>
  );
}

/** Better than the champion reads as such: lower for a minimised metric, higher for a maximised one. */
function Delta({ delta, direction }: { delta: number; direction?: string }) {
  const better = direction === 'min' ? delta < 0 : direction === 'max' ? delta > 0 : false;
  const worse = direction === 'min' ? delta > 0 : direction === 'max' ? delta < 0 : false;
  return (
    <span class={`delta ${better ? 'better' : worse ? 'worse' : ''}`} title={better ? 'Better than the champion' : worse ? 'Worse than the champion' : undefined}>
      {formatDelta(delta)}
    </span>
  );
}

/** 12, 2.5, 1550: a position on the run's axis. */
function formatPosition(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toFixed(2)));
}
