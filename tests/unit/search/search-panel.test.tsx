// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SearchPanel } from '@/components/search/SearchPanel';
import type { RunItem, SearchItem } from '@/lib/search';

afterEach(cleanup);

const mole: RunItem = { kind: 'run', id: 'a'.repeat(32), name: 'crawling-mole-592', experimentId: '1', experimentName: 'Churn' };
const otter: RunItem = { kind: 'run', id: 'b'.repeat(32), name: 'calm-otter-88', experimentId: '1' };

function panel(pin: (item: SearchItem) => Promise<string | { message: string; pinned: boolean }>) {
  render(<SearchPanel search={vi.fn()} open={vi.fn()} empty={{ pinned: [mole], recent: [otter] }} pin={pin} />);
  return screen.getByRole('searchbox');
}

describe('SearchPanel: pinned runs', () => {
  it('marks pinned runs in their name; the Alt+P hint and the mark follow the toggle, which is announced', async () => {
    const pin = vi.fn(async (item: SearchItem) => ({ message: `Unpinned ${item.name} for compare (0 pinned).`, pinned: false }));
    const box = panel(pin);
    expect(screen.getAllByRole('option', { name: /crawling-mole-592.*Pinned/ })).toHaveLength(1);
    expect(screen.getByRole('option', { name: /calm-otter-88/ }).textContent).not.toContain('Pinned');
    expect(screen.getByText(/Alt\+P/).textContent).toContain('Alt+P unpin ·');

    fireEvent.keyDown(box, { key: 'p', code: 'KeyP', altKey: true });
    await waitFor(() => expect(screen.getByTestId('lens-search-notice').textContent).toBe('Unpinned crawling-mole-592 for compare (0 pinned).'));
    expect(pin).toHaveBeenCalledWith(mole);
    expect(screen.getByTestId('lens-search-notice').getAttribute('aria-live')).toBe('polite');
    // In place: still listed under "Pinned runs" (where it was selected), no longer marked.
    expect(screen.getByRole('option', { name: /crawling-mole-592/ }).textContent).not.toContain('Pinned');
    expect(screen.getByText(/Alt\+P/).textContent).toContain('Alt+P pin ·');

    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(screen.getByText(/Alt\+P/).textContent).toContain('Alt+P pin ·');
  });

  it('a pin callback that answers a sentence only (the popup) changes no mark', async () => {
    const box = panel(async () => 'Pinned crawling-mole-592 for compare (1 pinned).');
    fireEvent.keyDown(box, { key: 'p', code: 'KeyP', altKey: true });
    await waitFor(() => expect(screen.getByTestId('lens-search-notice').textContent).toContain('Pinned crawling-mole-592'));
    expect(screen.getAllByRole('option', { name: /crawling-mole-592.*Pinned/ })).toHaveLength(1);
  });

  it('a pinned run without its experiment name reads "experiment <id>"', () => {
    panel(vi.fn());
    expect(screen.getByRole('option', { name: /calm-otter-88/ }).textContent).toContain('experiment 1');
    expect(screen.getByRole('option', { name: /crawling-mole-592/ }).textContent).toContain('Churn');
  });
});
