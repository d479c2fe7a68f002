import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_PINS } from '@/lib/compare';
import { compareRunsHash } from '@/lib/mlflow/routes';
import { ChartsTab } from './ChartsTab';
import type { ChartGroup } from './chart-group';
import { DiffTab } from './DiffTab';
import { downloadText } from './download';
import type { CompareModel } from './model';
import { SummaryTab } from './SummaryTab';
import { summaryCsv, summaryData } from './summary-data';

export interface CompareDrawerProps {
  model: CompareModel;
  group: ChartGroup;
  dark: boolean;
  onClose: () => void;
  onUnpin: (runIds: string[]) => void;
  /** `#/experiments/<e>/runs/<r>` of a pinned run, for links. */
  runHref: (experimentId: string, runId: string) => string;
  /** The height the user last gave the drawer, as a share of the window (default: half). */
  heightShare?: number;
  /** The user resized the drawer (at the end of a drag, or per arrow key): its share of the window. */
  onResized?: (share: number) => void;
}

type Tab = 'charts' | 'summary' | 'diff';
const TABS: [Tab, string][] = [
  ['charts', 'Charts'],
  ['summary', 'Summary'],
  ['diff', 'Differences'],
];
const MIN_HEIGHT = 200;
const DEFAULT_SHARE = 0.5;
const MAX_SHARE = 0.9;

/** The drawer over the bottom of the page: pinned runs, then charts, a summary table or their differences. */
export function CompareDrawer({ model, group, dark, onClose, onUnpin, runHref, heightShare, onResized }: CompareDrawerProps) {
  const [tab, setTab] = useState<Tab>('charts');
  const [height, setHeight] = useState(() => clampHeight(window.innerHeight * (heightShare ?? DEFAULT_SHARE)));
  const resized = (h: number) => onResized?.(Math.round((h / window.innerHeight) * 1000) / 1000);
  const panel = useRef<HTMLElement>(null);
  const pins = model.pins.value;
  const loaded = model.loadedCount.value;
  const pending = model.pending.value;

  useEffect(() => panel.current?.focus(), []);

  const startResize = (event: PointerEvent) => {
    event.preventDefault();
    const handle = event.currentTarget as HTMLElement;
    handle.setPointerCapture(event.pointerId);
    let last: number | undefined;
    const move = (e: PointerEvent) => setHeight((last = clampHeight(window.innerHeight - e.clientY)));
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      if (last !== undefined) resized(last);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };
  const showTab = (id: Tab) => {
    setTab(id);
    if (id !== 'charts' && !model.needsFull.value) {
      model.needsFull.value = true;
      void model.sync();
    }
  };
  const downloadSummary = async () => {
    model.needsFull.value = true;
    await model.sync();
    await model.settled();
    downloadText('lens-compare-summary.csv', summaryCsv(summaryData(model)), 'text/csv');
  };
  const compareHref = compareRunsHash(pins.map((p) => p.runId), pins.map((p) => p.experimentId));

  return (
    <section
      ref={panel}
      class="drawer"
      role="dialog"
      aria-label="Compare pinned runs"
      tabIndex={-1}
      style={{ height: `${height}px` }}
      onKeyDown={onKeyDown}
      data-testid="lens-compare-drawer"
    >
      <div
        class="resize"
        role="separator"
        aria-orientation="horizontal"
        aria-label="Resize the compare drawer"
        aria-valuemin={Math.round((MIN_HEIGHT / window.innerHeight) * 100)}
        aria-valuemax={MAX_SHARE * 100}
        aria-valuenow={Math.round((height / window.innerHeight) * 100)}
        aria-valuetext={`${Math.round((height / window.innerHeight) * 100)} % of the window`}
        tabIndex={0}
        onPointerDown={startResize}
        onKeyDown={(e) => {
          if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
            e.preventDefault();
            const next = clampHeight(height + (e.key === 'ArrowUp' ? 40 : -40));
            setHeight(next);
            resized(next);
          }
        }}
      />
      <header class="drawer-head">
        <strong>Compare {pins.length} {pins.length === 1 ? 'run' : 'runs'}</strong>
        <span class="muted progress" aria-live="polite">
          {loaded < pins.length ? `Loading runs ${loaded}/${pins.length}…` : pending > 0 ? 'Loading metrics…' : ''}
        </span>
        <nav class="tabs" role="tablist">
          {TABS.map(([id, label]) => (
            <button key={id} type="button" role="tab" aria-selected={tab === id} class={tab === id ? 'tab active' : 'tab'} onClick={() => showTab(id)}>
              {label}
            </button>
          ))}
        </nav>
        <span class="spacer" />
        <a class="link" href={compareHref} title="The same runs in MLflow's own compare page">Open in MLflow</a>
        <button type="button" class="link" onClick={() => void downloadSummary()} data-testid="lens-summary-csv">
          Summary CSV
        </button>
        <button type="button" class="icon" onClick={onClose} aria-label="Close the compare drawer" title="Close (Esc)">
          ✕
        </button>
      </header>
      <ul class="pins" aria-label="Pinned runs">
        {pins.map((pin) => {
          const state = model.runs.value.get(pin.runId);
          return (
            <li key={pin.runId} class={`pin ${state?.status ?? 'loading'}`} data-run-id={pin.runId}>
              <span class="swatch" style={{ background: model.colours.value.get(pin.runId) }} />
              <a href={runHref(pin.experimentId, pin.runId)} title={pin.runName}>{pin.runName}</a>
              {state?.status === 'ready' && state.deleted ? <span class="muted"> (deleted)</span> : null}
              {state?.status === 'error' ? <span class="error" role="alert"> {state.message}</span> : null}
              <button type="button" class="icon" onClick={() => onUnpin([pin.runId])} aria-label={`Unpin ${pin.runName}`} title="Unpin">
                ×
              </button>
            </li>
          );
        })}
        {pins.length >= MAX_PINS ? <li class="muted">Tray full ({MAX_PINS} runs): unpin one to add another.</li> : null}
        {pins.length > 1 ? (
          <li>
            <button type="button" class="link" onClick={() => onUnpin(pins.map((p) => p.runId))}>Unpin all</button>
          </li>
        ) : null}
      </ul>
      <div class="drawer-body" role="tabpanel">
        {tab === 'charts' ? <ChartsTab model={model} group={group} dark={dark} /> : tab === 'summary' ? <SummaryTab model={model} /> : <DiffTab model={model} />}
      </div>
    </section>
  );
}

function clampHeight(h: number): number {
  return Math.max(MIN_HEIGHT, Math.min(Math.round(window.innerHeight * MAX_SHARE), Math.round(h)));
}

