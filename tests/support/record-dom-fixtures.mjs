#!/usr/bin/env node
// Records the markup Lens's anchors are tested on (tests/unit/fixtures/dom/<version>/) from a live, seeded MLflow
// in plain Chromium (no extension): `node tests/support/record-dom-fixtures.mjs 2.17.2 [3.1.4 …]`. Trimmed as the
// committed fixtures are: <svg> bodies, <style>, <canvas> and plot internals removed; markup otherwise verbatim.
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMlflow } from './mlflow-server.mjs';
import { CHROMIUM } from './browser.mjs';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'unit', 'fixtures', 'dom');
const versions = process.argv.slice(2);
if (!versions.length) {
  console.error('usage: record-dom-fixtures.mjs <mlflow version>…');
  process.exit(2);
}

/** Runs in the page: the trimmed outerHTML of `el`. */
function trimmed(el) {
  const copy = el.cloneNode(true);
  for (const s of copy.querySelectorAll('svg')) s.replaceChildren();
  for (const s of copy.querySelectorAll('style, canvas, script, .js-plotly-plot .svg-container, .u-wrap')) s.remove();
  return copy.outerHTML;
}

for (const version of versions) {
  const server = await startMlflow({ version, quiet: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const seed = server.seed;
    const run = seed.runs[seed.overfitting_run];
    const dir = join(OUT, version);
    mkdirSync(dir, { recursive: true });
    const path = `/#/experiments/${run.experiment_id}/runs/${run.run_id}/model-metrics`;
    await page.goto(`${server.url}${path.slice(1)}`);
    // The chart cards: MLflow ≥ 2.22 marks them with a data-testid; 2.17's older component is a role="figure".
    const card = page.locator('[data-testid="experiment-view-compare-runs-card"], div[role="figure"]').first();
    await card.waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    const html = await page.evaluate((fn) => {
      const trim = new Function(`return (${fn})`)();
      const cards = [...document.querySelectorAll('[data-testid="experiment-view-compare-runs-card"], div[role="figure"]')];
      let common = cards[0].parentElement;
      while (common && !cards.every((c) => common.contains(c))) common = common.parentElement;
      return trim(common);
    }, trimmed.toString());
    const note = `<!-- Captured from a live MLflow ${version} UI (${path.replace(/[0-9a-f]{32}/, '<run id>')}) with Playwright + Chromium by tests/support/record-dom-fixtures.mjs. Seeded run ${seed.overfitting_run}: train_loss, val_loss, train_metric_average_precision, val_metric_average_precision, learning_rate (40 steps). Trimmed: <svg> bodies, <style> and plot internals removed; markup otherwise verbatim. -->\n`;
    writeFileSync(join(dir, 'chart-cards.html'), note + html + '\n');
    // The tables at #/experiments/<id> and #/experiments/<id>/runs: runs on 2.x and 3.1's runs view; 3.1 shows its
    // logged models at …/runs (rows `m-…` that link to their source runs), later 3.x its runs.
    for (const [file, hash] of [['table-at-experiment.html', `#/experiments/${run.experiment_id}`], ['table-at-runs.html', `#/experiments/${run.experiment_id}/runs`]]) {
      await page.goto(`${server.url}${hash}`);
      const grid = page.locator('.ag-root-wrapper').first();
      if (!(await grid.waitFor({ timeout: 20_000 }).then(() => true, () => false))) continue;
      await page.locator('.ag-row').first().waitFor({ timeout: 20_000 }).catch(() => {});
      await page.waitForTimeout(1000);
      const table = await page.evaluate((fn) => new Function(`return (${fn})`)()(document.querySelector('.ag-root-wrapper')), trimmed.toString());
      writeFileSync(join(dir, file), `<!-- Captured from a live MLflow ${version} UI (${hash.replace(/\d+$/, '<experiment id>').replace(/\/\d+\//, '/<experiment id>/')}) by tests/support/record-dom-fixtures.mjs; seeded experiment ${seed.experiments.churn.name}. Trimmed as above. -->\n${table}\n`);
    }
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ mlflowVersion: version, experimentId: run.experiment_id, runId: run.run_id }, null, 2) + '\n');
    console.log(`${version}: ${join(dir, 'chart-cards.html')}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}
