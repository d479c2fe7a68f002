// @vitest-environment happy-dom
// Where the Leaderboard button goes: right after the runs page's view switch, in markup copied from MLflow 2.22.5 and
// 3.17.2 (tests/unit/fixtures/dom/<version>/runs-view-switch.html, the controls row of a seeded runs page).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectors } from '@/lib/mlflow/anchors';

describe.each(['2.22.5', '3.17.2'])('the runs view switch of MLflow %s', (version) => {
  it('is one element, the segmented control holding the Table / Chart (/ Artifacts) radios, not the controls beside it', () => {
    document.body.innerHTML = readFileSync(join(__dirname, '..', 'fixtures', 'dom', version, 'runs-view-switch.html'), 'utf8');
    const found = [...document.querySelectorAll(selectors.runsViewSwitch)];
    expect(found).toHaveLength(1);
    const values = [...found[0]!.querySelectorAll<HTMLInputElement>('input[name="runs-view-mode"]')].map((i) => i.value);
    expect(values.slice(0, 2)).toEqual(['TABLE', 'CHART']); // 3.17 adds ARTIFACT
    expect(found[0]!.parentElement!.children.length).toBeGreaterThan(1); // the row goes on after it (the button goes between)
    expect(found[0]!.querySelector('[data-testid="search-box"], input[type="search"]')).toBeNull();
  });
});
