// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cellListsVersion, overviewHeadingSelector, registeredModelsCell, registeredModelsPlaceholder } from '@/lib/mlflow/run-overview';

/** Run Overview sections captured from live MLflow servers (see the comment at the top of each file). */
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'dom');

function entry(version: string, which: 'with-version' | 'without-version') {
  document.body.innerHTML = readFileSync(join(FIXTURES, version, 'run-overview-registered.html'), 'utf8');
  const root = document.getElementById(which)!;
  const cells = Array.from(root.querySelectorAll(overviewHeadingSelector)).map(registeredModelsCell).filter((c) => c !== null);
  return cells;
}

describe.each(['3.17.2', '2.22.5'])('the Overview\'s "Registered models" entry on MLflow %s', (version) => {
  it('is found from its heading, and only from that heading', () => {
    expect(entry(version, 'with-version')).toHaveLength(1);
    expect(entry(version, 'without-version')).toHaveLength(1);
  });

  it("lists MLflow's own link to a version, and no placeholder then", () => {
    const [cell] = entry(version, 'with-version');
    expect(cellListsVersion(cell!, '#/models/Churn/versions/1')).toBe(true);
    expect(cellListsVersion(cell!, '#/models/Churn/versions/2')).toBe(false);
    expect(registeredModelsPlaceholder(cell!)).toBeNull();
  });

  it('shows a placeholder when the run has no version', () => {
    const [cell] = entry(version, 'without-version');
    expect(registeredModelsPlaceholder(cell!)?.textContent?.trim()).toBe(version.startsWith('2.') ? '—' : 'None');
    expect(cellListsVersion(cell!, '#/models/Churn/versions/1')).toBe(false);
  });
});
