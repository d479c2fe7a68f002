/**
 * The pinned runs of one MLflow (keyed by its page base URL), in extension storage so every tab of that
 * MLflow, and the popup, share one tray. Storage is user-editable: everything read is parsed.
 */
import { addPins, readPinStore, removePins, type AddResult, type Pin } from '.';
import type { PinToggle } from '../search/pinned';
import { pinnedRuns } from '../settings';

export async function readPins(base: string): Promise<Pin[]> {
  return readPinStore(await pinnedRuns.getValue())[base] ?? [];
}

async function update<T>(base: string, change: (pins: Pin[]) => { pins: Pin[]; result: T }): Promise<T> {
  const store = readPinStore(await pinnedRuns.getValue());
  const { pins, result } = change(store[base] ?? []);
  if (pins.length) store[base] = pins;
  else delete store[base];
  await pinnedRuns.setValue(store);
  return result;
}

export function pinRuns(base: string, incoming: readonly Pin[]): Promise<AddResult> {
  return update(base, (current) => {
    const result = addPins(current, incoming);
    return { pins: result.pins, result };
  });
}

export function unpinRuns(base: string, runIds: readonly string[]): Promise<Pin[]> {
  return update(base, (current) => {
    const pins = removePins(current, runIds);
    return { pins, result: pins };
  });
}

/** Calls `onChange` with this MLflow's pins whenever any tab (or the popup) changes them. Returns the unwatch. */
export function watchPins(base: string, onChange: (pins: Pin[]) => void): () => void {
  return pinnedRuns.watch((value) => onChange(readPinStore(value)[base] ?? []));
}

/** Pins the run, or unpins it when it is pinned already; resolves to a sentence for the user. */
export async function togglePin(base: string, pin: Pin): Promise<string> {
  return (await togglePinState(base, pin)).message;
}

/** `togglePin`, also saying whether the run is pinned afterwards (quick search marks it in place). */
export async function togglePinState(base: string, pin: Pin): Promise<PinToggle> {
  const current = await readPins(base);
  if (current.some((p) => p.runId === pin.runId)) {
    const left = await unpinRuns(base, [pin.runId]);
    return { pinned: false, message: `Unpinned ${pin.runName} for compare (${left.length} pinned).` };
  }
  const result = await pinRuns(base, [pin]);
  if (result.refused.length) return { pinned: false, message: `The compare tray is full (${result.pins.length} runs): unpin one first.` };
  return { pinned: true, message: `Pinned ${pin.runName} for compare (${result.pins.length} pinned).` };
}
