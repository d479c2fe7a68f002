/**
 * Lens's place in the run header: one `<lens-run-actions>` just before MLflow's ⋮ menu, after MLflow's own
 * actions (its "Register model" first). Each feature puts its control there at a fixed position, so the order
 * never depends on which feature happened to load first, and the group keeps MLflow's 8 px button gap.
 */
const ORDER = { 'one-click-register': 1, 'compare-drawer': 2 } as const;
export type RunHeaderFeature = keyof typeof ORDER;

const SLOT_TAG = 'lens-run-actions';

function slotBefore(menu: Element): HTMLElement {
  const previous = menu.previousElementSibling;
  if (previous instanceof HTMLElement && previous.localName === SLOT_TAG) return previous;
  const slot = document.createElement(SLOT_TAG);
  slot.style.cssText = 'display:inline-flex;align-items:center;gap:8px;margin-inline-end:4px;vertical-align:middle;';
  menu.before(slot);
  return slot;
}

/** Puts `host` into Lens's header group before `menu`; the group goes when its last control does. */
export function placeInRunHeader(menu: Element, host: HTMLElement, feature: RunHeaderFeature, signal: AbortSignal): void {
  const slot = slotBefore(menu);
  host.style.order = String(ORDER[feature]);
  slot.append(host);
  signal.addEventListener('abort', () => queueMicrotask(() => slot.childElementCount || slot.remove()), { once: true });
}
