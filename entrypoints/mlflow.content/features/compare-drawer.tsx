import { computed, effect, signal as createSignal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { ComponentChild } from 'preact';
import trayCss from '@/components/compare/tray.css?inline';
import { LazyDrawer } from '@/components/compare/LazyDrawer';
import { PinButton } from '@/components/compare/PinButton';
import pinCss from '@/components/compare/pin.css?inline';
import { Tray, type TraySelection } from '@/components/compare/Tray';
import { mountView, type MountedView } from '@/components/shadow-mount';
import { MAX_PINS, type AddResult, type Pin } from '@/lib/compare';
import { oneActionPerPress } from '@/lib/commands';
import { freeRightOffset } from '@/lib/dom/free-spot';
import { observe } from '@/lib/dom/observe';
import { defineFeature } from '@/lib/features';
import { parseMessage } from '@/lib/messages';
import { pageDark } from '@/lib/mlflow/theme';
import { pageRunName, runsTableColours, selectedRuns, selectors } from '@/lib/mlflow/anchors';
import { observeRunsTableChanges } from '@/lib/mlflow/runs-table';
import { placeInRunHeader } from '@/lib/mlflow/run-header-slot';
import { pinRuns, readPins, unpinRuns, watchPins } from '@/lib/compare/pin-storage';
import { drawerHeightShare, readAnalysisSettings } from '@/lib/settings';
import { browser } from 'wxt/browser';
import { isRunsTable, pageBase, runHash } from '@/lib/mlflow/routes';
import { loadExtras } from '../load-extras';

/**
 * Pin runs from the run page, the runs table, or the popup; a tray shows how many; the drawer compares
 * them over any MLflow page. The drawer (with uPlot) is in the lazily loaded bundle, which keeps its data
 * across this tab's routes; whether it is open is kept here, at module level, for the same reason.
 */
const drawerOpen = createSignal(false);

/** Opens the drawer (shown once there are pins): the leaderboard's "Compare the top N" pins, then calls this. */
export function openCompareDrawer(): void {
  drawerOpen.value = true;
}
/**
 * Run id → the colour MLflow's runs table showed for it, remembered for this tab: the drawer draws a run in
 * MLflow's colour on any page once the table has shown it (issue #14.11).
 */
const seenColours = createSignal<ReadonlyMap<string, string>>(new Map());

/** Adds what the table shows now to what was seen; a new Map only when a colour is new or changed (no repaint otherwise). */
function rememberColours(found: ReadonlyMap<string, string>): void {
  const known = seenColours.value;
  let next: Map<string, string> | undefined;
  for (const [runId, colour] of found) {
    if (known.get(runId) === colour) continue;
    next ??= new Map(known);
    next.set(runId, colour);
  }
  if (next) seenColours.value = next;
}

const SHORTCUT_CODE = 'KeyC';
const TRAY_MARGIN = 16;

/** Lens's own hosts (`lens-…` elements), never obstacles for the tray. */
const isLensElement = (el: Element) => el.localName.startsWith('lens-');

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
    const dark = pageDark();

    // Run page header: "Add to compare" in Lens's header group, after one-click register.
    if (route.kind === 'run') {
      const { runId } = route;
      // 3.x run links may omit the experiment: ask MLflow then (once, on the first click).
      let experimentId = route.experimentId;
      const pinThisRun = async () => {
        experimentId ??= (await client.getRun(runId, { signal })).info.experiment_id;
        await toggle({ runId, experimentId, runName: runName(), pinnedAt: Date.now() });
      };
      const runName = () => {
        return pageRunName(document) || runId;
      };
      let button: MountedView | undefined;
      // MLflow re-renders its header on some tab switches (2.x: all of them): each new ⋮ menu gets the button again.
      observe(selectors.runHeaderMenu, guard((menu: HTMLElement) => {
        button = mountView(
          (h, mounted) => placeInRunHeader(menu, h, 'compare-drawer', mounted),
          <PinnedState pins={pins} runId={runId} render={(pinned) => (
            <PinButton pinned={pinned} runName={runName()} onToggle={guard(pinThisRun)} />
          )} />,
          { tag: 'lens-pin-run', feature: 'compare-drawer', css: pinCss, signal, replaces: button },
        );
      }), { signal });
    }

    // Runs table: while rows are ticked in MLflow's table, the tray offers to add (or remove) them. No control
    // in the rows themselves: every pixel there is the run name's.
    const onRunsTable = isRunsTable(route) && route.kind === 'experiment-runs';
    const ticked = createSignal<{ runId: string; runName: string }[]>([]);
    if (route.kind === 'experiment-runs') {
      let frame = 0;
      const recount = () => {
        frame = 0;
        rememberColours(runsTableColours(document));
        const next = selectedRuns(document);
        const same = next.length === ticked.value.length && next.every((r, i) => r.runId === ticked.value[i]?.runId);
        if (!same) ticked.value = next;
      };
      const schedule = guard(() => (frame ||= requestAnimationFrame(guard(recount))));
      observeRunsTableChanges(schedule, { signal, guard });
      signal.addEventListener('abort', () => cancelAnimationFrame(frame), { once: true });
    }
    const selection = computed(() => ({
      count: ticked.value.length,
      allPinned: ticked.value.length > 0 && ticked.value.every((r) => pins.value.some((p) => p.runId === r.runId)),
    }));
    const addOrRemoveTicked = guard(async () => {
      if (route.kind !== 'experiment-runs') return;
      const runs = ticked.value;
      if (!runs.length) return;
      if (selection.value.allPinned) {
        await unpinRuns(base, runs.map((r) => r.runId));
        say(runs.length === 1 ? `Removed ${runs[0]!.runName} from compare` : `Removed ${runs.length} runs from compare`);
        return;
      }
      reportAdd(await pinRuns(base, runs.map((r) => ({ ...r, experimentId: route.experimentId, pinnedAt: Date.now() }))));
    });

    const [settings, storedShare] = await Promise.all([readAnalysisSettings(), drawerHeightShare.getValue().catch(() => null)]);
    let heightShare = typeof storedShare === 'number' && storedShare > 0 && storedShare <= 1 ? storedShare : undefined;
    if (signal.aborted) return;
    const trayRight = createSignal(TRAY_MARGIN);
    const setOpen = (open: boolean) => (drawerOpen.value = open && pins.value.length > 0);
    const { host } = mountView(
      (h) => document.body.append(h),
      <CompareRoot
        open={drawerOpen}
        pins={pins}
        message={message}
        selection={onRunsTable ? selection : undefined}
        onSelection={() => void addOrRemoveTicked()}
        right={trayRight}
        onToggle={() => setOpen(!drawerOpen.value)}
        drawer={() => (
          <LazyDrawer
            mount={(el) =>
              loadExtras().then((extras) =>
                extras.mountCompareDrawer(el, {
                  client,
                  settings,
                  dark: dark.value,
                  heightShare,
                  onResized: (share) => {
                    heightShare = share;
                    void drawerHeightShare.setValue(share).catch(() => undefined);
                  },
                  onClose: () => setOpen(false),
                  onUnpin: (ids) => void unpinRuns(base, ids).then((left) => left.length || setOpen(false)),
                  runHref: runHash,
                  onError: guard((error: unknown) => {
                    throw error;
                  }),
                }),
              )
            }
            pins={pins}
            dark={dark}
            colours={seenColours}
            onClose={() => setOpen(false)}
          />
        )}
      />,
      { tag: 'lens-compare', feature: 'compare-drawer', css: trayCss, signal },
    );
    // MLflow's floating controls come and go (3.x's Assistant button, its panel): look again every second.
    const placeTray = guard(() => {
      const tray = host.shadowRoot?.querySelector<HTMLElement>('.tray');
      if (!tray || document.hidden) return;
      const box = { width: tray.offsetWidth, height: tray.offsetHeight };
      trayRight.value = freeRightOffset(document, box, { margin: TRAY_MARGIN, ignore: isLensElement });
    });
    const trayTimer = setInterval(placeTray, 1_000);
    window.addEventListener('resize', placeTray, { signal });
    const replace = effect(() => void (selection.value, pins.value.length, message.value, queueMicrotask(placeTray)));
    signal.addEventListener('abort', () => (clearInterval(trayTimer), replace()), { once: true });

    const openOrSay = (open: boolean) => {
      setOpen(open);
      if (!pins.value.length) say('Nothing to compare yet: use "Add to compare" on a run page, or tick runs in the table.');
    };
    // Alt+Shift+C is both the browser's "compare-drawer" command (relayed by the background) and this page's key.
    const accept = oneActionPerPress();
    document.addEventListener(
      'keydown',
      guard((event: KeyboardEvent) => {
        if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === SHORTCUT_CODE) {
          event.preventDefault();
          if (accept('key')) openOrSay(!drawerOpen.value);
        } else if (event.key === 'Escape' && drawerOpen.value && (document.activeElement === document.body || document.activeElement === host)) {
          setOpen(false);
        }
      }),
      { capture: true, signal },
    );
    const onMessage = (raw: unknown, sender: { id?: string }, sendResponse: (value: unknown) => void) => {
      if (sender.id !== browser.runtime.id) return false;
      const message = parseMessage(raw);
      if (message?.type !== 'lens:command' || (message.command !== 'compare-drawer' && message.command !== 'open-drawer')) return false;
      if (message.command === 'open-drawer') openOrSay(true);
      else if (accept('command')) openOrSay(!drawerOpen.value);
      sendResponse({ ok: true, pinned: pins.value.length });
      return false;
    };
    browser.runtime.onMessage.addListener(onMessage);
    signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
  },
});

/** Renders with whether `runId` is pinned (re-rendered when the pins change). */
function PinnedState({ pins, runId, render }: { pins: ReadonlySignal<readonly Pin[]>; runId: string; render: (pinned: boolean) => ComponentChild }) {
  return <>{render(pins.value.some((p) => p.runId === runId))}</>;
}

function CompareRoot(props: {
  open: Signal<boolean>;
  pins: ReadonlySignal<readonly Pin[]>;
  message: ReadonlySignal<string | null>;
  selection?: ReadonlySignal<TraySelection>;
  onSelection: () => void;
  right: ReadonlySignal<number>;
  onToggle: () => void;
  drawer: () => ComponentChild;
}) {
  const open = props.open.value && props.pins.value.length > 0;
  const selection = props.selection?.value;
  const visible = props.pins.value.length > 0 || (selection?.count ?? 0) > 0 || props.message.value;
  return (
    <>
      {open ? props.drawer() : null}
      {visible && !open ? (
        <Tray
          count={props.pins.value.length}
          open={open}
          selection={selection}
          onSelection={props.onSelection}
          onToggle={props.onToggle}
          message={props.message.value}
          right={props.right.value}
        />
      ) : null}
    </>
  );
}
