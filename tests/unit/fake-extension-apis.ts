/**
 * What WXT's fakeBrowser leaves unmocked and Lens's background uses: host permissions, run-time content-script
 * registration, the commands event, the options page and the popup. In memory, with the browsers' semantics that
 * Lens relies on (registering an id twice fails; `contains` is per pattern).
 */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Listener = (...args: never[]) => unknown;

export function fakeEvent<L extends Listener>() {
  const listeners: L[] = [];
  return {
    addListener: (l: L) => void listeners.push(l),
    removeListener: (l: L) => void listeners.splice(listeners.indexOf(l), 1),
    hasListener: (l: L) => listeners.includes(l),
    trigger: (...args: Parameters<L>) => Promise.all(listeners.map((l) => l(...args))),
  };
}

export interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
  runAt?: string;
  persistAcrossSessions?: boolean;
}

export function installExtensionApis() {
  const granted = new Set<string>();
  const registered = new Map<string, RegisteredScript>();
  const permissionsRemoved = fakeEvent<(p: { origins?: string[] }) => unknown>();
  const onCommand = fakeEvent<(command: string, tab?: { id?: number }) => unknown>();
  const scripting = {
    getRegisteredContentScripts: vi.fn(async (filter?: { ids?: string[] }) => [...registered.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id))),
    registerContentScripts: vi.fn(async (scripts: RegisteredScript[]) => {
      for (const s of scripts) if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      for (const s of scripts) registered.set(s.id, s);
    }),
    unregisterContentScripts: vi.fn(async (filter?: { ids?: string[] }) => {
      for (const id of filter?.ids ?? [...registered.keys()]) registered.delete(id);
    }),
    executeScript: vi.fn(async (_injection: { target: { tabId: number; frameIds?: number[] }; files?: string[] }): Promise<unknown[]> => []),
  };
  const permissions = {
    contains: vi.fn(async (p: { origins?: string[] }) => (p.origins ?? []).every((o) => granted.has(o))),
    onRemoved: permissionsRemoved,
  };
  const openOptionsPage = vi.fn(async () => undefined);
  const openPopup = vi.fn(async () => undefined);
  Object.assign(fakeBrowser, { scripting, permissions, commands: { onCommand } });
  Object.assign(fakeBrowser.runtime, { openOptionsPage });
  Object.assign(fakeBrowser.action, { openPopup });
  return { granted, registered, scripting, permissions, permissionsRemoved, onCommand, openOptionsPage, openPopup };
}
