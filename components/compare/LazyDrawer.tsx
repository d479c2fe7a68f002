import { effect, type ReadonlySignal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Pin } from '@/lib/compare';
import type { DrawerHandle } from './mount-drawer';

export interface LazyDrawerProps {
  /** Loads the bundle (the first time) and mounts its drawer into `el`. */
  mount(el: HTMLElement): Promise<DrawerHandle>;
  pins: ReadonlySignal<readonly Pin[]>;
  /** MLflow's theme, live. */
  dark: ReadonlySignal<boolean>;
  /** Run id → the colour MLflow's runs table shows for it, as far as seen, live. */
  colours: ReadonlySignal<ReadonlyMap<string, string>>;
  onClose(): void;
}

/**
 * A slot for the compare drawer, which lives in the lazily loaded bundle (with uPlot): mounts it on the
 * first opening, and hands it the pins as they change. If it cannot load, says so.
 */
export function LazyDrawer({ mount, pins, dark, colours, onClose }: LazyDrawerProps) {
  const slot = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let handle: DrawerHandle | undefined;
    let stopPins: (() => void) | undefined;
    let stopTheme: (() => void) | undefined;
    let stopColours: (() => void) | undefined;
    let live = true;
    const el = slot.current;
    if (!el) return;
    mount(el).then(
      (mounted) => {
        handle = mounted;
        if (!live) return mounted.unmount();
        // Colours first: the first charts are drawn in MLflow's colours, not repainted a moment later.
        stopColours = effect(() => mounted.setRunColours(colours.value));
        stopPins = effect(() => mounted.setPins(pins.value)); // runs at once, then on every change
        stopTheme = effect(() => mounted.setDark(dark.value));
        setReady(true);
      },
      (error: unknown) => live && setFailure(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
      stopPins?.();
      stopTheme?.();
      stopColours?.();
      handle?.unmount();
    };
  }, []);
  return (
    <>
      <div ref={slot} />
      {failure ? (
        <section class="drawer drawer-pending pad" role="alert">
          <p class="error">{failure}</p>
          <button type="button" class="link" onClick={onClose}>Close</button>
        </section>
      ) : !ready ? (
        <section class="drawer drawer-pending pad" role="status">
          <p class="muted">Loading the comparison…</p>
        </section>
      ) : null}
    </>
  );
}
