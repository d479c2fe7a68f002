/**
 * Following MLflow's runs table (ag-grid) as it virtualises, recycles and re-renders rows: the one place that
 * knows which elements to watch and which attribute says a row now shows another run.
 */
import { observe } from '../dom/observe';
import { rowRunId, selectors } from './anchors';

type Guard = <A extends unknown[]>(fn: (...args: A) => unknown) => (...args: A) => void;
const unguarded: Guard = (fn) => (...args) => void fn(...args);


export interface RenderedRunRow {
  /** The run name's link; place things after it. Re-rendered cells bring a new link (and a new call). */
  link: HTMLElement;
  /** The run it shows now. */
  runId: string;
  /** Aborted when the row's link leaves the page or the caller's signal aborts. */
  signal: AbortSignal;
  /** Called when ag-grid hands this row element to another run (its `row-id` changes). */
  onRunChange(listener: (runId: string) => void): void;
}

/**
 * Calls `onRow` for every run-name link rendered in the runs table, now and later. Watches the links, not the rows:
 * MLflow re-renders a row's cells (dropping what was placed in them) while ag-grid keeps the row element.
 */
export function observeRunRows(onRow: (row: RenderedRunRow) => void, options: { signal: AbortSignal; guard?: Guard }): void {
  const guard = options.guard ?? unguarded;
  const live = new Map<HTMLElement, AbortController>();
  // A plain selector for the browser to match; which links are run names (the row's pinned-left copy) is checked here.
  observe(selectors.rowRunLink, guard((link: HTMLElement) => {
    // Links re-rendered or scrolled away: release what was placed beside them.
    for (const [old, controller] of live) if (!old.isConnected) (controller.abort(), live.delete(old));
    if (!link.closest(selectors.runsTablePinnedLeft)) return;
    const row = link.closest<HTMLElement>(selectors.runsTableRow);
    const first = row && rowRunId(row);
    if (!row || !first) return;
    const controller = new AbortController();
    live.set(link, controller);
    const signal = AbortSignal.any([options.signal, controller.signal]);
    const listeners = new Set<(runId: string) => void>();
    let current = first;
    const follow = new MutationObserver(guard(() => {
      const next = rowRunId(row);
      if (!next || next === current) return;
      current = next;
      for (const listener of listeners) listener(next);
    }));
    follow.observe(row, { attributes: true, attributeFilter: ['row-id'] });
    signal.addEventListener('abort', () => (follow.disconnect(), listeners.clear()), { once: true });
    onRow({ link, runId: first, signal, onRunChange: (listener) => void listeners.add(listener) });
  }), { signal: options.signal });
}

/**
 * Calls `onChange` whenever the table's rows, their selection (ag-grid's classes and `aria-selected`) or a run's
 * colour (its swatch's inline style, changed by MLflow's colour picker) may have changed. Callers debounce.
 */
export function observeRunsTableChanges(onChange: () => void, options: { signal: AbortSignal; guard?: Guard }): void {
  const guard = options.guard ?? unguarded;
  observe(selectors.runsTablePinnedLeft, guard((container: HTMLElement) => {
    const watcher = new MutationObserver(onChange);
    watcher.observe(container, { subtree: true, attributes: true, attributeFilter: ['class', 'aria-selected', 'style'], childList: true });
    options.signal.addEventListener('abort', () => watcher.disconnect(), { once: true });
    onChange();
  }), { signal: options.signal });
}
