// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { rowRunId, selectors } from '@/lib/mlflow/anchors';
import { observeRunRows, observeRunsTableChanges, type RenderedRunRow } from '@/lib/mlflow/runs-table';

/** Runs tables captured from live MLflow servers (see anchors.test.ts). */
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'dom') + '/';
const load = (version: string) => (document.body.innerHTML = readFileSync(`${FIXTURES}${version}/runs-table.html`, 'utf8'));
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => (document.body.innerHTML = ''));

for (const version of ['3.17.2', '2.22.5']) {
  describe(`observeRunRows on MLflow ${version}'s runs table`, () => {
    it("calls back once per run row's name link, with the row's run id", async () => {
      load(version);
      const controller = new AbortController();
      const rows: RenderedRunRow[] = [];
      observeRunRows((row) => rows.push(row), { signal: controller.signal });
      await flush();
      const leftRows = [...document.querySelectorAll(`${selectors.runsTablePinnedLeft} ${selectors.runsTableRow}`)];
      const expected = leftRows.map(rowRunId).filter((id): id is string => id !== null);
      expect(expected.length).toBeGreaterThan(1);
      expect(rows.map((r) => r.runId)).toEqual(expected);
      expect(rows.every((r) => r.link.matches(selectors.rowRunLink))).toBe(true);
      controller.abort();
    });

    it('follows a recycled row to its new run, and releases rows whose link left the page', async () => {
      load(version);
      const controller = new AbortController();
      const rows: RenderedRunRow[] = [];
      observeRunRows((row) => rows.push(row), { signal: controller.signal });
      await flush();
      const [first, second] = rows;
      const changes: string[] = [];
      first!.onRunChange((id) => changes.push(id));
      const row = first!.link.closest(selectors.runsTableRow)!;
      const other = 'f'.repeat(32);
      row.setAttribute('row-id', other);
      await flush();
      expect(changes).toEqual([other]);
      row.setAttribute('row-id', other); // no change: no call
      await flush();
      expect(changes).toEqual([other]);

      // MLflow re-renders the first row's name cell: when the new link shows up (an animation, in a browser),
      // the old link's row is released and the new one reported.
      const replacement = first!.link.cloneNode(true) as HTMLElement;
      replacement.removeAttribute('data-lens-seen');
      first!.link.replaceWith(replacement);
      const animation = /@keyframes (lens-seen-[\w-]+)/.exec(document.head.lastElementChild!.textContent!)![1]!;
      replacement.dispatchEvent(Object.assign(new Event('animationstart', { bubbles: true }), { animationName: animation }));
      expect(first!.signal.aborted).toBe(true);
      expect(second!.signal.aborted).toBe(false);
      expect(rows.at(-1)!.link).toBe(replacement);
      expect(rows.at(-1)!.runId).toBe(other);
      controller.abort();
      expect(second!.signal.aborted).toBe(true);
    });
  });
}

describe('observeRunsTableChanges', () => {
  it('reports a tick (selection class), a colour change and nothing after abort', async () => {
    load('3.17.2');
    const controller = new AbortController();
    let calls = 0;
    observeRunsTableChanges(() => calls++, { signal: controller.signal });
    await flush();
    expect(calls).toBe(1); // the table as found
    const row = document.querySelector<HTMLElement>(`${selectors.runsTablePinnedLeft} ${selectors.runsTableRow}`)!;
    row.classList.add('ag-row-selected');
    await flush();
    expect(calls).toBe(2);
    row.querySelector<HTMLElement>(selectors.rowRunColour)!.style.backgroundColor = 'rgb(1, 2, 3)';
    await flush();
    expect(calls).toBe(3);
    controller.abort();
    row.classList.remove('ag-row-selected');
    await flush();
    expect(calls).toBe(3);
  });
});
