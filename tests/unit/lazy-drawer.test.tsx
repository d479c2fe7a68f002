// @vitest-environment happy-dom
import { signal } from '@preact/signals';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LazyDrawer } from '@/components/compare/LazyDrawer';
import type { DrawerHandle } from '@/components/compare/mount-drawer';
import type { Pin } from '@/lib/compare';

const pin = (runId: string): Pin => ({ runId, experimentId: '1', runName: runId, pinnedAt: 1 });

afterEach(cleanup);

describe('LazyDrawer', () => {
  it('says it is loading, then mounts the bundle\'s drawer and hands it every change of pins', async () => {
    const setPins = vi.fn();
    const unmount = vi.fn();
    const setDark = vi.fn();
    const setRunColours = vi.fn();
    const dark = signal(false);
    const colours = signal<ReadonlyMap<string, string>>(new Map([['a', '#be501e']]));
    let resolve!: () => void;
    const loaded = new Promise<void>((r) => (resolve = r));
    // The bundle loads, then mounts its drawer into the slot it is given.
    const mount = (el: HTMLElement) =>
      loaded.then((): DrawerHandle => {
        el.textContent = 'the drawer';
        return { setPins, setRunColours, setDark, unmount };
      });
    const pins = signal<readonly Pin[]>([pin('a')]);
    const view = render(<LazyDrawer mount={mount} pins={pins} dark={dark} colours={colours} onClose={vi.fn()} />);
    expect(screen.getByRole('status').textContent).toContain('Loading the comparison');
    resolve();
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    expect(view.container.textContent).toContain('the drawer');
    expect(setPins.mock.calls).toEqual([[[pin('a')]]]); // the pins once, right after mounting
    pins.value = [pin('a'), pin('b')];
    expect(setPins).toHaveBeenLastCalledWith([pin('a'), pin('b')]);
    // MLflow's theme switched while the drawer is open: the bundle hears of it.
    expect(setDark.mock.calls).toEqual([[false]]);
    dark.value = true;
    expect(setDark).toHaveBeenLastCalledWith(true);
    // MLflow's run colours: handed over before the first pins (no repaint), then as the table shows more.
    expect(setRunColours.mock.invocationCallOrder[0]).toBeLessThan(setPins.mock.invocationCallOrder[0]!);
    expect(setRunColours.mock.calls).toEqual([[new Map([['a', '#be501e']])]]);
    colours.value = new Map([['a', '#be501e'], ['b', '#4299e0']]);
    expect(setRunColours).toHaveBeenLastCalledWith(new Map([['a', '#be501e'], ['b', '#4299e0']]));
    view.unmount();
    await waitFor(() => expect(unmount).toHaveBeenCalledTimes(1));
    pins.value = [pin('c')];
    expect(setPins).not.toHaveBeenCalledWith([pin('c')]); // no longer listening
  });

  it('closed before the bundle came: the drawer it mounts late is not left behind', async () => {
    let resolve!: () => void;
    const loaded = new Promise<void>((r) => (resolve = r));
    const handle = { setPins: vi.fn(), setRunColours: vi.fn(), setDark: vi.fn(), unmount: vi.fn() };
    const view = render(<LazyDrawer mount={() => loaded.then(() => handle)} pins={signal([pin('a')])} dark={signal(false)} colours={signal(new Map())} onClose={vi.fn()} />);
    view.unmount();
    resolve();
    await waitFor(() => expect(handle.unmount).toHaveBeenCalledTimes(1));
  });

  it('a bundle that cannot load: its reason in an alert, and Close still closes', async () => {
    const onClose = vi.fn();
    const mount = () => Promise.reject(new Error('Lens could not load its charts (Extension context invalidated.). Reload the page to try again.'));
    render(<LazyDrawer mount={mount} pins={signal([pin('a')])} dark={signal(false)} colours={signal(new Map())} onClose={onClose} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Reload the page to try again.');
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
