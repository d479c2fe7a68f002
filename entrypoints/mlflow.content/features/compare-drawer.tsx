import { signal as createSignal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { ComponentChild } from 'preact';
import compareCss from '@/components/compare/compare.css?inline';
import { LazyDrawer } from '@/components/compare/LazyDrawer';
import { PinButton } from '@/components/compare/PinButton';
import pinCss from '@/components/compare/pin.css?inline';
import { Tray } from '@/components/compare/Tray';
import { mountInShadow } from '@/components/shadow-mount';
import { MAX_PINS, type AddResult, type Pin } from '@/lib/compare';
import { observe } from '@/lib/dom/observe';
import { defineFeature } from '@/lib/features';
import { isDarkTheme, isRowSelected, rowRunId, runTitleText, selectors } from '@/lib/mlflow/anchors';
import { isRunsTable } from '@/lib/mlflow/routes';
import { pinRuns, readPins, unpinRuns, watchPins } from '@/lib/pin-store';
import { analysisSettings } from '@/lib/settings';
import { pageBase } from '@/lib/watch';
import { loadExtras } from '../load-extras';

/**
 * Pin runs from the run page, the runs table, or the popup; a tray shows how many; the drawer compares
 * them over any MLflow page. The drawer (with uPlot) is in the lazily loaded bundle, which keeps its data
 * across this tab's routes; whether it is open is kept here, at module level, for the same reason.
 */
const drawerOpen = createSignal(false);

const SHORTCUT_CODE = 'KeyC';

export default defineFeature({
  id: 'compare-drawer',
  include: [() => true],
  async init({ route, signal, client, guard }) {
    const base = pageBase(location.href);
    const pins = createSignal<readonly Pin[]>(await readPins(base));
    const message = createSignal<string | null>(null);
    let messageTimer: ReturnType<typeof setTimeout> | undefined;
    const say = (text: string) => {
      message.value = text;
      clearTimeout(messageTimer);
      messageTimer = setTimeout(() => (message.value = null), 4_000);
    };
    const unwatch = watchPins(base, (next) => (pins.value = next));
    signal.addEventListener('abort', () => (unwatch(), clearTimeout(messageTimer)), { once: true });

    const reportAdd = (result: AddResult) => {
      if (result.refused.length) say(`The tray is full (${MAX_PINS} runs): unpin one to add ${result.refused.length === 1 ? result.refused[0]!.runName : `${result.refused.length} more`}.`);
      else if (result.added.length === 1) say(`Pinned ${result.added[0]!.runName}`);
      else if (result.added.length > 1) say(`Pinned ${result.added.length} runs`);
      else if (result.alreadyPinned.length) say('Already pinned');
    };
    const toggle = guard(async (pin: Pin) => {
      if (pins.value.some((p) => p.runId === pin.runId)) await unpinRuns(base, [pin.runId]);
      else reportAdd(await pinRuns(base, [pin]));
    });
    const dark = isDarkTheme(document);

    // Run page header: "Pin to compare" beside MLflow's own actions.
    if (route.kind === 'run') {
      const { runId } = route;
      // 3.x run links may omit the experiment: ask MLflow then (once, on the first click).
      let experimentId = route.experimentId;
      const pinThisRun = async () => {
        experimentId ??= (await client.getRun(runId, { signal })).info.experiment_id;
        await toggle({ runId, experimentId, runName: runName(), pinnedAt: Date.now() });
      };
      const runName = () => {
        const title = document.querySelector(selectors.runTitle);
        return (title && runTitleText(title)) || runId;
      };
      observe(selectors.runHeaderMenu, guard((menu: HTMLElement) => {
        const host = mountInShadow(
          <PinnedState pins={pins} runId={runId} render={(pinned) => (
            <PinButton pinned={pinned} runName={runName()} onToggle={guard(pinThisRun)} />
          )} />,
          { tag: 'lens-pin-run', css: pinCss, place: (h) => menu.before(h), signal, attributes: { 'data-lens-feature': 'compare-drawer' } },
        );
        if (dark) host.classList.add('dark');
      }), { signal });
    }

    // Runs table: a pin on each rendered row, and "Pin selected" in the tray.
    const onRunsTable = isRunsTable(route) && route.kind === 'experiment-runs';
    if (route.kind === 'experiment-runs') {
      const experimentId = route.experimentId;
      const mounted = new Map<HTMLElement, AbortController>();
      // Watch the run links, not the rows: MLflow re-renders a row's cells (and drops what Lens put
      // there) while ag-grid keeps the row element.
      observe(`${selectors.runsTablePinnedLeft} ${selectors.runsTableRow} ${selectors.rowRunLink}`, guard((link: HTMLElement) => {
        // Links re-rendered or scrolled away: release their pins.
        for (const [old, controller] of mounted) if (!old.isConnected) (controller.abort(), mounted.delete(old));
        const row = link.closest<HTMLElement>(selectors.runsTableRow);
        const runId = row && rowRunId(row);
        if (!row || !runId) return;
        const rowController = new AbortController();
        mounted.set(link, rowController);
        const rowSignal = AbortSignal.any([signal, rowController.signal]);
        const name = () => link.textContent?.trim() || runId;
        const id = createSignal(runId);
        const host = mountInShadow(
          <PinnedState pins={pins} runId={id} render={(pinned) => (
            <PinButton compact pinned={pinned} runName={name()} onToggle={() => toggle({ runId: id.value, experimentId, runName: name(), pinnedAt: Date.now() })} />
          )} />,
          { tag: 'lens-pin-row', css: pinCss, place: (h) => link.after(h), signal: rowSignal, attributes: { 'data-lens-feature': 'compare-drawer', 'data-run-id': runId } },
        );
        if (dark) host.classList.add('dark');
        // ag-grid may hand a rendered row to another run: follow its row-id.
        const follow = new MutationObserver(guard(() => {
          const next = rowRunId(row);
          if (next && next !== id.value) (id.value = next), (host.dataset.runId = next);
        }));
        follow.observe(row, { attributes: true, attributeFilter: ['row-id'] });
        rowSignal.addEventListener('abort', () => follow.disconnect(), { once: true });
      }), { signal });
    }
    const pinSelected = guard(async () => {
      if (route.kind !== 'experiment-runs') return;
      const rows = [...document.querySelectorAll<HTMLElement>(`${selectors.runsTablePinnedLeft} ${selectors.runsTableRow}`)].filter(isRowSelected);
      const incoming = rows.flatMap((row): Pin[] => {
        const runId = rowRunId(row);
        const name = row.querySelector(selectors.rowRunLink)?.textContent?.trim();
        return runId ? [{ runId, experimentId: route.experimentId, runName: name || runId, pinnedAt: Date.now() }] : [];
      });
      if (!incoming.length) return say('Select runs in the table first (the checkboxes on the left), then pin them.');
      reportAdd(await pinRuns(base, incoming));
    });

    const settings = await analysisSettings.getValue();
    if (signal.aborted) return;
    const setOpen = (open: boolean) => (drawerOpen.value = open && pins.value.length > 0);
    const host = mountInShadow(
      <CompareRoot
        open={drawerOpen}
        pins={pins}
        message={message}
        onPinSelected={onRunsTable ? () => pinSelected() : undefined}
        onToggle={() => setOpen(!drawerOpen.value)}
        drawer={() => (
          <LazyDrawer
            load={loadExtras}
            pins={pins}
            options={{
              client,
              settings,
              dark,
              onClose: () => setOpen(false),
              onUnpin: (ids) => void unpinRuns(base, ids).then((left) => left.length || setOpen(false)),
              runHref: (experimentId, runId) => `#/experiments/${experimentId}/runs/${runId}`,
              onError: guard((error: unknown) => {
                throw error;
              }),
            }}
          />
        )}
      />,
      { tag: 'lens-compare', css: compareCss, place: (h) => document.body.append(h), signal, attributes: { 'data-lens-feature': 'compare-drawer' } },
    );
    if (dark) host.classList.add('dark');

    document.addEventListener(
      'keydown',
      guard((event: KeyboardEvent) => {
        if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === SHORTCUT_CODE) {
          event.preventDefault();
          setOpen(!drawerOpen.value);
          if (!pins.value.length) say('Pin runs first: the pin on a run page or beside a run in the table.');
        } else if (event.key === 'Escape' && drawerOpen.value && (document.activeElement === document.body || document.activeElement === host)) {
          setOpen(false);
        }
      }),
      { capture: true, signal },
    );
  },
});

/** Renders with whether `runId` is pinned (re-rendered when pins or the row's run change). */
function PinnedState({ pins, runId, render }: { pins: ReadonlySignal<readonly Pin[]>; runId: string | ReadonlySignal<string>; render: (pinned: boolean) => ComponentChild }) {
  const id = typeof runId === 'string' ? runId : runId.value;
  return <>{render(pins.value.some((p) => p.runId === id))}</>;
}

function CompareRoot(props: {
  open: Signal<boolean>;
  pins: ReadonlySignal<readonly Pin[]>;
  message: ReadonlySignal<string | null>;
  onPinSelected?: () => void;
  onToggle: () => void;
  drawer: () => ComponentChild;
}) {
  const open = props.open.value && props.pins.value.length > 0;
  return (
    <>
      {open ? props.drawer() : null}
      {(props.pins.value.length > 0 || props.onPinSelected || props.message.value) && !open ? (
        <Tray count={props.pins.value.length} open={open} onPinSelected={props.onPinSelected} onToggle={props.onToggle} message={props.message.value} />
      ) : null}
    </>
  );
}

