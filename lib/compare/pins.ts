/**
 * The runs pinned for comparison: a short, ordered list per MLflow, each run with a colour that stays its own
 * while it is pinned (unpinning another run must not repaint the curves the user has been reading).
 */
import * as z from 'zod/mini';

/** Twenty is as many curves as one chart can keep apart, and as many colours as the palette has. */
export const MAX_PINS = 20;

export const Pin = z.object({
  runId: z.string(),
  runName: z.string(),
  experimentId: z.string(),
  pinnedAt: z.number(),
  /**
   * The palette slot given when the run was pinned (see `pinColourSlots`). Optional: pins written without it
   * get the lowest free slot, which is their index as long as nothing was unpinned before them.
   */
  colourSlot: z.optional(z.number()),
});
export type Pin = z.infer<typeof Pin>;

/** Pins are stored per MLflow page base URL (e.g. "http://localhost:5000/"). */
export const PinStore = z.record(z.string(), z.array(Pin));
export type PinStore = z.infer<typeof PinStore>;

/**
 * Parses whatever storage held; malformed entries are dropped, never thrown. Storage is user-editable, so
 * this works pin by pin: a bad pin goes, its neighbours stay; a base whose value is not a list goes. Within a
 * base a run id pinned twice keeps its first pin, and a list longer than MAX_PINS is cut there.
 */
export function readPinStore(raw: unknown): PinStore {
  const store: PinStore = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return store;
  for (const [base, list] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    const seen = new Set<string>();
    const pins: Pin[] = [];
    for (const item of list) {
      const parsed = Pin.safeParse(item);
      if (!parsed.success || seen.has(parsed.data.runId) || pins.length >= MAX_PINS) continue;
      seen.add(parsed.data.runId);
      pins.push(parsed.data);
    }
    // defineProperty: a stored key "__proto__" must become a key, not this object's prototype.
    Object.defineProperty(store, base, { value: pins, enumerable: true, writable: true, configurable: true });
  }
  return store;
}

export interface AddResult {
  pins: Pin[];
  added: Pin[];
  alreadyPinned: Pin[];
  /** Over MAX_PINS (or `max`). */
  refused: Pin[];
}

/**
 * Appends new pins in order, skipping run ids already pinned (their runName is refreshed), refusing any beyond
 * MAX_PINS. Pure: returns new arrays. A run id repeated within `incoming` counts as already pinned the second
 * time. Added pins get the lowest free colour slot; `alreadyPinned` holds the pins as they now stand (the kept
 * pinnedAt and slot, the fresh name). An empty incoming name does not erase a known one.
 */
export function addPins(current: readonly Pin[], incoming: readonly Pin[], max: number = MAX_PINS): AddResult {
  const limit = Number.isFinite(max) ? Math.max(0, Math.floor(max)) : MAX_PINS;
  const slots = pinColourSlots(current);
  const pins: Pin[] = current.map((p, i) => (p.colourSlot === slots[i] ? p : { ...p, colourSlot: slots[i]! }));
  const at = new Map<string, number>();
  pins.forEach((p, i) => at.set(p.runId, i));
  const used = new Set(slots);
  let nextFree = 0;
  const added: Pin[] = [];
  const alreadyPinned: Pin[] = [];
  const refused: Pin[] = [];
  for (const pin of incoming) {
    const i = at.get(pin.runId);
    if (i !== undefined) {
      const old = pins[i]!;
      if (pin.runName !== '' && pin.runName !== old.runName) pins[i] = { ...old, runName: pin.runName };
      alreadyPinned.push(pins[i]!);
      continue;
    }
    if (pins.length >= limit) {
      refused.push(pin);
      continue;
    }
    while (used.has(nextFree)) nextFree++;
    used.add(nextFree);
    const fresh: Pin = { ...pin, colourSlot: nextFree };
    at.set(pin.runId, pins.length);
    pins.push(fresh);
    added.push(fresh);
  }
  return { pins, added, alreadyPinned, refused };
}

export function removePins(current: readonly Pin[], runIds: readonly string[]): Pin[] {
  const gone = new Set(runIds);
  return current.filter((p) => !gone.has(p.runId));
}

/**
 * Each pin's palette slot: its stored `colourSlot` when that is a whole number ≥ 0 not taken by an earlier pin,
 * else the lowest slot no other pin claims. Pins that never had one (older storage) get 0, 1, 2… in order.
 */
export function pinColourSlots(pins: readonly Pin[]): number[] {
  const valid = (s: number | undefined): s is number => s !== undefined && Number.isInteger(s) && s >= 0;
  const claimed = new Set<number>();
  const slots = pins.map((p) => {
    const s = p.colourSlot;
    if (!valid(s) || claimed.has(s)) return -1;
    claimed.add(s);
    return s;
  });
  let next = 0;
  for (let i = 0; i < slots.length; i++) {
    if (slots[i] !== -1) continue;
    while (claimed.has(next)) next++;
    claimed.add(next);
    slots[i] = next;
  }
  return slots;
}

/** Each pin's colour, in pin order: `pinColour` of its slot, so a run keeps its colour while pinned. */
export function pinColours(pins: readonly Pin[]): string[] {
  return pinColourSlots(pins).map(pinColour);
}

/**
 * Run id → colour for each pin: the colour MLflow's runs table shows for the run when Lens has seen it
 * (`pageColours`), so a curve in the drawer reads as the same run as the dot beside its name in MLflow; else
 * the pin's own palette colour (`pinColours`). Two runs may then share a colour (MLflow's and Lens's palettes
 * are independent); the legend's names keep them apart.
 */
export function runColours(pins: readonly Pin[], pageColours?: ReadonlyMap<string, string>): Map<string, string> {
  const own = pinColours(pins);
  return new Map(pins.map((p, i) => [p.runId, pageColours?.get(p.runId) ?? own[i]!]));
}

/**
 * Tableau 20 (Tableau's, also d3's schemeCategory20), its ten saturated colours first and their light twins
 * after: a handful of runs gets the ten most distinct colours, and a light colour only appears beside ten
 * others.
 */
export const PIN_PALETTE: readonly string[] = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#aec7e8',
  '#ffbb78',
  '#98df8a',
  '#ff9896',
  '#c5b0d5',
  '#c49c94',
  '#f7b6d2',
  '#c7c7c7',
  '#dbdb8d',
  '#9edae5',
];

/**
 * Stable colour per run: index of the pin (or, better, its slot from `pinColourSlots`) → one of the 20
 * palette colours. Wraps around past 20; a negative or fractional index is brought into range, never throws.
 */
export function pinColour(index: number): string {
  const n = PIN_PALETTE.length;
  const i = Number.isFinite(index) ? Math.floor(index) : 0;
  return PIN_PALETTE[((i % n) + n) % n]!;
}
