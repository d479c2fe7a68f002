// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  chartCardHeading,
  cssColourHex,
  chartCardMetricKey,
  findModelMetricsTab,
  findRegisterModelButton,
  fullExperimentName,
  isDarkTheme,
  isMlflowDocument,
  isModelMetricsTab,
  isRowCheckboxChecked,
  isRowSelected,
  isTabSelected,
  linkExperimentId,
  linkedExperiment,
  rowCheckbox,
  rowRunColour,
  rowRunId,
  runsTableColours,
  runsTableRowsFor,
  runTitleText,
  selectors,
  tabKey,
} from '@/lib/mlflow/anchors';

/**
 * The fixtures are markup captured from live MLflow servers (see the comment at the top of each file and
 * meta.json): trimmed to the relevant subtrees, otherwise verbatim.
 */
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'dom') + '/';

interface Meta {
  mlflowVersion: string;
  experimentId: string;
  runWithRegisterButton: string;
  runWithoutRegisterButton: string;
  runWithTwoModels: string;
  runWithPrefixedMetric: string;
  selectedRunInTable: string;
  loggedModelId: string | null;
}

const fixture = (version: string, name: string) => readFileSync(`${FIXTURES}${version}/${name}`, 'utf8');

function load(version: string, name: string): Document {
  document.body.className = '';
  document.body.innerHTML = fixture(version, `${name}.html`);
  return document;
}

const all = <E extends Element = HTMLElement>(selector: string, root: ParentNode = document) => [...root.querySelectorAll<E>(selector)];

const RUN_TAB_KEYS: Record<string, string[]> = {
  '2.22.5': ['overview', 'model-metrics', 'system-metrics', 'traces', 'artifacts'],
  '3.17.2': ['overview', 'model-metrics', 'system-metrics', 'evaluations', 'artifacts'],
};

describe.each(['2.22.5', '3.17.2'])('MLflow %s markup', (version) => {
  const meta = JSON.parse(fixture(version, 'meta.json')) as Meta;
  const v3 = version.startsWith('3.');

  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('every selector is valid CSS, alone and inside :where(), and matches something in these pages', () => {
    const pages = ['run-header', 'run-tabs-model-metrics', 'chart-cards', 'runs-table', 'model-list', 'runs-view-switch'];
    document.body.innerHTML = pages.map((p) => fixture(version, `${p}.html`)).join('\n');
    for (const [name, selector] of Object.entries(selectors)) {
      if (name === 'experimentPageLink' || name === 'activeExperimentListLink' || name === 'experimentNavName') continue; // experiment pages only, checked below
      expect(all(selector).length, name).toBeGreaterThan(0);
      // happy-dom mis-evaluates complex selectors inside :where()/:is() (`:where(.a .b)` matches `.a`), so only
      // validity is checked here; the plain/`:where()` results were compared in Chromium on these fixtures.
      expect(() => document.querySelectorAll(`:where(${selector})`), name).not.toThrow();
    }
  });

  describe('run header', () => {
    it('finds the run title', () => {
      load(version, 'run-header');
      const titles = all(selectors.runTitle);
      expect(titles).toHaveLength(1);
      expect(runTitleText(titles[0]!)).toBe('run-0');
      expect(titles[0]!.closest('h2')).not.toBeNull();
    });

    it(`uses ${v3 ? 'data-testid' : 'data-test-id'} on the title and breadcrumb`, () => {
      load(version, 'run-header');
      const attr = v3 ? 'data-testid' : 'data-test-id';
      expect(all(`[${attr}="runs-header"]`)).toHaveLength(1);
      expect(all(`[${attr}="experiment-runs-link"]`)).toHaveLength(1);
    });

    it('finds the experiment breadcrumb link and its experiment id', () => {
      load(version, 'run-header');
      const links = all(selectors.experimentBreadcrumb);
      expect(links).toHaveLength(1);
      expect(links[0]!.textContent).toBe('demo');
      expect(linkExperimentId(links[0]!)).toBe(meta.experimentId);
    });

    it('finds the single-model "Register model" button', () => {
      load(version, 'run-header');
      const buttons = all(selectors.registerModelButton);
      expect(buttons).toHaveLength(1);
      expect(buttons[0]!.classList.contains('register-model-btn')).toBe(true);
      expect(buttons[0]!.textContent?.trim()).toBe('Register model');
      expect(findRegisterModelButton(document)).toBe(buttons[0]);
    });

    it('finds the several-models "Register model" dropdown trigger (no register-model-btn class)', () => {
      load(version, 'run-header-two-models');
      expect(all('.register-model-btn')).toHaveLength(0);
      const buttons = all(selectors.registerModelButton);
      expect(buttons).toHaveLength(1);
      expect(buttons[0]!.getAttribute('aria-haspopup')).toBe('menu');
      expect(findRegisterModelButton(document)).toBe(buttons[0]);
    });

    it(`has no button for ${v3 ? 'a 3.x-logged model' : 'a run without a model'}`, () => {
      load(version, 'run-header-no-register');
      expect(all(selectors.runTitle)).toHaveLength(1);
      expect(all(selectors.registerModelButton)).toHaveLength(0);
      expect(findRegisterModelButton(document)).toBeNull();
    });

    it('falls back to the button text when class and component id are gone', () => {
      load(version, 'run-header');
      const button = all(selectors.registerModelButton)[0]!;
      button.removeAttribute('class');
      button.removeAttribute('data-component-id');
      expect(all(selectors.registerModelButton)).toHaveLength(0);
      expect(findRegisterModelButton(document)).toBe(button);
    });

    it('works in the dark theme (du-bois-dark- classes)', () => {
      load(version, 'run-header-dark');
      expect(all('[class*="du-bois-light-"]')).toHaveLength(0);
      expect(all('[class*="du-bois-dark-"]').length).toBeGreaterThan(0);
      expect(isDarkTheme(document)).toBe(true);
      expect(all(selectors.runTitle)).toHaveLength(1);
      expect(all(selectors.experimentBreadcrumb)).toHaveLength(1);
      expect(findRegisterModelButton(document)?.classList.contains('register-model-btn')).toBe(true);
    });

    it('is light by default', () => {
      load(version, 'run-header');
      expect(isDarkTheme(document)).toBe(false);
    });
  });

  describe('run tab bar', () => {
    it('finds the tab bar and reads the tab keys', () => {
      load(version, 'run-tabs-overview');
      const bars = all(selectors.runTabBar);
      expect(bars).toHaveLength(1);
      const tabs = all(selectors.tab, bars[0]);
      expect(tabs.map(tabKey)).toEqual(RUN_TAB_KEYS[version]);
    });

    it(`is ${v3 ? 'Radix (data-state, -trigger- ids)' : 'rc-tabs (-tab- ids, du-bois tab classes)'}`, () => {
      load(version, 'run-tabs-overview');
      const tab = all(selectors.tab)[0]!;
      if (v3) {
        expect(tab.id).toMatch(/^radix-:r[0-9a-z]+:-trigger-overview$/);
        expect(tab.getAttribute('data-state')).toBe('active');
        expect(all(selectors.runTabBar)[0]!.getAttribute('data-component-id')).toBe('mlflow.run-page.view-mode-switch');
      } else {
        expect(tab.id).toMatch(/^rc-tabs-\d+-tab-overview$/);
        expect(tab.parentElement!.className).toContain('du-bois-light-tabs-tab-active');
      }
    });

    it('on Overview: the Model metrics tab exists and is not selected', () => {
      load(version, 'run-tabs-overview');
      const tabs = all(selectors.modelMetricsTab);
      expect(tabs).toHaveLength(1);
      expect(tabs[0]!.textContent).toBe('Model metrics');
      expect(isModelMetricsTab(tabs[0]!)).toBe(true);
      expect(isTabSelected(tabs[0]!)).toBe(false);
      const selected = all(selectors.selectedTab);
      expect(selected.map(tabKey)).toEqual(['overview']);
      expect(all(selectors.tab).filter(isTabSelected).map(tabKey)).toEqual(['overview']);
      expect(all(selectors.tab).filter(isModelMetricsTab)).toEqual(tabs);
    });

    it.each(['run-tabs-model-metrics', 'run-tabs-model-metrics-dark'])('on Model metrics (%s): the tab is selected', (name) => {
      load(version, name);
      expect(all(selectors.runTabBar)).toHaveLength(1);
      const tab = findModelMetricsTab(document)!;
      expect(tab).not.toBeNull();
      expect(isTabSelected(tab)).toBe(true);
      expect(all(selectors.selectedTab)).toEqual([tab]);
      expect(all(selectors.tab).filter(isTabSelected)).toEqual([tab]);
    });

    it('selected state also reads from the rc-tabs wrapper class alone', () => {
      load(version, 'run-tabs-model-metrics');
      const tab = findModelMetricsTab(document)!;
      tab.removeAttribute('aria-selected');
      tab.removeAttribute('data-state');
      expect(isTabSelected(tab)).toBe(!v3);
    });

    it('falls back to the "Model metrics" label when ids change', () => {
      load(version, 'run-tabs-model-metrics');
      for (const tab of all(selectors.tab)) tab.id = `x-${tab.textContent}`;
      expect(all(selectors.modelMetricsTab)).toHaveLength(0);
      const tab = findModelMetricsTab(document);
      expect(tab?.textContent).toBe('Model metrics');
      expect(isModelMetricsTab(tab!)).toBe(true);
    });
  });

  describe('chart cards', () => {
    it('finds each card and reads its metric key', () => {
      load(version, 'chart-cards');
      const cards = all(selectors.chartCard);
      expect(cards.map(chartCardMetricKey)).toEqual(['accuracy', 'train_loss', 'val_loss']);
      for (const card of cards) expect(all(selectors.chartCardTitle, card)).toHaveLength(1);
    });

    it('reads the full key from the title attribute, not the visible text', () => {
      load(version, 'chart-cards-prefixed');
      const cards = all(selectors.chartCard);
      const keys = cards.map(chartCardMetricKey);
      expect(keys).toEqual(['eval/acc', 'a_very_long_metric_name_that_will_definitely_be_truncated_in_the_card_header']);
      // 3.x shows only "acc" under the section "eval"; 2.22 shows the whole key.
      expect(cards[0]!.querySelector('h4')!.textContent).toBe(v3 ? 'acc' : 'eval/acc');
    });

    it('reads a card without a title attribute from its heading text', () => {
      load(version, 'chart-cards');
      const card = all(selectors.chartCard)[1]!;
      card.querySelector('h4')!.removeAttribute('title');
      expect(chartCardMetricKey(card)).toBe('train_loss');
      card.querySelector('h4')!.remove();
      expect(chartCardMetricKey(card)).toBeNull();
    });
  });

  describe('runs table (ag-grid)', () => {
    it('renders each run as one row per container (pinned-left, center, pinned-right) with the same row-id', () => {
      load(version, 'runs-table');
      const rows = all(selectors.runsTableRow);
      const ids = [...new Set(rows.map(rowRunId))];
      expect(ids).toHaveLength(5);
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
      expect(ids).toEqual(expect.arrayContaining([meta.runWithRegisterButton, meta.runWithoutRegisterButton, meta.runWithTwoModels]));
      expect(rows).toHaveLength(15);
      expect(all(selectors.runsTableRow, document.querySelector(selectors.runsTablePinnedLeft)!)).toHaveLength(5);
      expect(all(selectors.runsTableRow, document.querySelector(selectors.runsTableCenter)!)).toHaveLength(5);
      for (const id of ids) expect(runsTableRowsFor(document, id!)).toHaveLength(3);
    });

    it('has exactly one selection checkbox per run, in the pinned-left row', () => {
      load(version, 'runs-table');
      expect(all(selectors.rowCheckbox)).toHaveLength(5);
      const [left, center] = runsTableRowsFor(document, meta.selectedRunInTable);
      expect(left!.closest(selectors.runsTablePinnedLeft)).not.toBeNull();
      expect(rowCheckbox(left!)).not.toBeNull();
      expect(rowCheckbox(center!)).toBeNull();
      // the same cell also holds MLflow's hide/pin checkboxes: the selector must not pick them
      const cell = left!.querySelector('.is-checkbox-cell')!;
      expect(all('input[type="checkbox"]', cell)).toHaveLength(3);
      expect(all(selectors.rowCheckbox, cell)).toHaveLength(1);
    });

    it('reads the checked / selected state', () => {
      load(version, 'runs-table');
      for (const row of all(selectors.runsTableRow)) {
        const selected = rowRunId(row) === meta.selectedRunInTable;
        expect(isRowSelected(row), rowRunId(row)!).toBe(selected);
        const box = rowCheckbox(row);
        if (box) {
          expect(isRowCheckboxChecked(box)).toBe(selected);
          expect(box.getAttribute('aria-label')).toBe(`Press Space to toggle row selection (${selected ? 'checked' : 'unchecked'})`);
        }
      }
    });

    it('uses the checked property when ag-grid has set it', () => {
      load(version, 'runs-table');
      const unselected = all(selectors.runsTableRow).find((r) => rowRunId(r) !== meta.selectedRunInTable && rowCheckbox(r))!;
      const box = rowCheckbox(unselected)!;
      expect(isRowCheckboxChecked(box)).toBe(false);
      box.checked = true;
      expect(isRowCheckboxChecked(box)).toBe(true);
    });

    it("reads each run's colour from its swatch, as the colour input holds it", () => {
      load(version, 'runs-table');
      const colours = runsTableColours(document);
      expect(colours.size).toBe(5);
      for (const [runId, colour] of colours) {
        expect(colour).toMatch(/^#[0-9a-f]{6}$/);
        const [left] = runsTableRowsFor(document, runId);
        expect(left!.querySelector('input[type="color"]')!.getAttribute('value')).toBe(colour);
      }
      // Only the pinned-left copy of a row has the swatch.
      const center = all(selectors.runsTableRow, document.querySelector(selectors.runsTableCenter)!)[0]!;
      expect(rowRunColour(center)).toBeNull();
    });

    it('follows the swatch when it and the input disagree (a colour just picked), else falls back to the input', () => {
      load(version, 'runs-table');
      const [left] = runsTableRowsFor(document, meta.selectedRunInTable);
      const swatch = left!.querySelector<HTMLElement>(selectors.rowRunColour)!;
      swatch.style.backgroundColor = 'rgb(1, 2, 3)';
      expect(rowRunColour(left!)).toBe('#010203');
      swatch.removeAttribute('style');
      expect(rowRunColour(left!)).toBe(swatch.querySelector('input')!.getAttribute('value'));
      swatch.querySelector('input')!.setAttribute('value', 'red; background: url(x)');
      expect(rowRunColour(left!)).toBeNull();
    });

    it('falls back to the run link when row-id is missing', () => {
      load(version, 'runs-table');
      const [left] = runsTableRowsFor(document, meta.selectedRunInTable);
      left!.removeAttribute('row-id');
      expect(rowRunId(left!)).toBe(meta.selectedRunInTable);
      // a group row: no run id, no run link
      const center = all(selectors.runsTableRow, document.querySelector(selectors.runsTableCenter)!)[0]!;
      center.setAttribute('row-id', 'group-1');
      for (const link of all('a', center)) link.remove();
      expect(rowRunId(center)).toBeNull();
    });
  });

  it('finds the registered models table', () => {
    load(version, 'model-list');
    expect(all(selectors.modelListTable)).toHaveLength(1);
    expect(all('a[href^="#/models/"]').map((a) => a.getAttribute('href'))).toContain('#/models/my%20model');
  });

  if (v3) {
    it('3.x experiment page: the experiment name is the breadcrumb link', () => {
      load(version, 'experiment-page-header');
      const links = all(selectors.experimentPageLink);
      expect(links).toHaveLength(1);
      expect(links[0]!.textContent).toBe('demo');
      expect(linkExperimentId(links[0]!)).toBe(meta.experimentId);
      expect(linkedExperiment(links[0]!)).toEqual({ id: meta.experimentId, name: 'demo' });
    });
    if (version === '3.17.2') {
      it("3.17 experiment page: the breadcrumb shows the name's last segment, the side navigation all of it", () => {
        load(version, 'experiment-nav');
        const crumb = linkedExperiment(all(selectors.experimentPageLink)[0]!);
        expect(crumb).toEqual({ id: '1', name: 'Churn' });
        const nav = all(selectors.experimentNavName);
        expect(nav).toHaveLength(1);
        expect(fullExperimentName(nav[0]!, crumb!.name)).toBe('HM_Dataset/binary_classification/Churn');
        expect(fullExperimentName(nav[0]!, 'Retention')).toBeNull();
      });
    }
  } else {
    it('2.x experiment page: the full experiment name is the experiment list\'s active link', () => {
      load(version, 'experiment-list-active');
      const links = all(selectors.activeExperimentListLink);
      expect(links).toHaveLength(1);
      expect(linkedExperiment(links[0]!)).toEqual({ id: '1', name: 'HM_Dataset/binary_classification/Churn' });
      expect(all(selectors.experimentPageLink)).toHaveLength(0);
    });
  }

  it('a run header breadcrumb names its experiment', () => {
    load(version, 'run-header');
    const link = all(selectors.experimentBreadcrumb)[0]!;
    expect(linkedExperiment(link)).toEqual({ id: linkExperimentId(link), name: 'demo' });
    expect(linkExperimentId(link)).toMatch(/^\d+$/);
  });

  if (v3) {
    it('3.x logged model page: same register-model-btn', () => {
      load(version, 'logged-model-header');
      expect(findRegisterModelButton(document)?.classList.contains('register-model-btn')).toBe(true);
    });
  }

  it("recognises MLflow's index.html", () => {
    // (stylesheet links dropped: happy-dom would try to fetch them)
    const html = fixture(version, 'index.html').replace(/<link[^>]*rel="stylesheet"[^>]*>/g, '');
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(isMlflowDocument(doc)).toBe(true);
  });
});

describe('cssColourHex', () => {
  it('turns hex and opaque rgb() into #rrggbb', () => {
    expect(cssColourHex('#ABC')).toBe('#aabbcc');
    expect(cssColourHex(' #be501e ')).toBe('#be501e');
    expect(cssColourHex('rgb(190, 80, 30)')).toBe('#be501e');
    expect(cssColourHex('rgba(0,0,255,1)')).toBe('#0000ff');
  });

  it('refuses what is not a plain opaque colour', () => {
    for (const bad of ['', 'red', 'rgb(256, 0, 0)', 'rgba(1, 2, 3, 0.5)', '#12345', 'url(x)', '#abc; color: red', 'rgb(1,2,3) x']) {
      expect(cssColourHex(bad), bad).toBeNull();
    }
  });
});

describe('isMlflowDocument', () => {
  it('rejects other pages', () => {
    const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
    expect(isMlflowDocument(parse('<title>Grafana</title><div id="root"></div><script src="/public/build/app.js"></script>'))).toBe(false);
    expect(isMlflowDocument(parse('<title>MLflow docs</title><main></main>'))).toBe(false);
  });
});

describe('MLflow 2.17.2 markup: the older chart cards', () => {
  it('finds each card (a role="figure", no data-testid) and its heading, a plain h4', () => {
    document.body.innerHTML = fixture('2.17.2', 'chart-cards.html');
    expect(all('[data-testid="experiment-view-compare-runs-card"]')).toHaveLength(0);
    const cards = all(selectors.chartCard);
    expect(cards.map(chartCardMetricKey)).toEqual([
      'train_loss',
      'val_loss',
      'train_metric_average_precision',
      'val_metric_average_precision',
      'learning_rate',
    ]);
    for (const card of cards) {
      expect(card.querySelector('h4[title]')).toBeNull();
      expect(chartCardHeading(card)?.textContent).toBe(chartCardMetricKey(card));
      // One card each: the figure selector never matches inside another card.
      expect(card.parentElement?.closest(selectors.chartCard)).toBeNull();
    }
  });
});

describe('MLflow 3.1.4 markup: runs at #/experiments/<id>, logged models at …/runs', () => {
  it('reads run rows in the runs table', () => {
    document.body.innerHTML = fixture('3.1.4', 'table-at-experiment.html');
    const ids = [...new Set(all(selectors.runsTableRow).map(rowRunId))];
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });

  it("never takes a logged model's row for its source run's row", () => {
    document.body.innerHTML = fixture('3.1.4', 'table-at-runs.html');
    const rows = all(selectors.runsTableRow).filter((r) => r.getAttribute('row-id'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => /^m-/.test(r.getAttribute('row-id')!))).toBe(true);
    // Each row links to its source run, yet it is not a run row.
    expect(rows.some((r) => /\/runs\/[0-9a-f]{32}/.test(r.innerHTML))).toBe(true);
    expect(rows.map(rowRunId)).toEqual(rows.map(() => null));
  });

  it('finds the chart cards of its Model metrics tab', () => {
    document.body.innerHTML = fixture('3.1.4', 'chart-cards.html');
    expect(all(selectors.chartCard).map(chartCardMetricKey)).toContain('val_loss');
  });
});
