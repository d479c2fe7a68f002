// `npm run demo`: build Lens, start a local MLflow on port 5000 with demo runs, and open Chromium with
// Lens on the Churn experiment. Without a display, runs headless and saves screenshots instead.
// Ctrl-C stops everything it started.
//   --mlflow 2     use the 2.22 line instead of the newest 3.x
//   --port N       another port than 5000
//   --no-build     reuse .output/chrome-mv3
//   --exit         stop after the screenshots (headless only)
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromiumWithLens } from './browser.mjs';
import { MLFLOW_VERSIONS, startMlflow } from './mlflow-server.mjs';

const { values } = parseArgs({
  options: {
    mlflow: { type: 'string', default: '3' },
    port: { type: 'string', default: '5000' },
    'no-build': { type: 'boolean', default: false },
    exit: { type: 'boolean', default: false },
  },
});
const version = values.mlflow.startsWith('2') ? MLFLOW_VERSIONS.v2 : MLFLOW_VERSIONS.latest;
const port = Number(values.port);
const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const cleanups = [];

let stopping = false;
async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  if (!values['no-build']) {
    console.log('Building Lens for MLflow (Chrome)…');
    const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('The extension build failed (see above).');
  }

  console.log(`Starting MLflow ${version} on http://localhost:${port} with demo runs (the first run installs MLflow, a few minutes)…`);
  const server = await startMlflow({ version, port, quiet: true });
  cleanups.push(() => server.stop());
  const seed = server.seed;
  const base = `http://localhost:${port}/`;
  const churn = seed.experiments.churn;
  const overfit = seed.runs[seed.overfitting_run];
  // MLflow 3 opens experiments on its GenAI overview unless told the workflow is model training.
  const experimentPage = `${base}#/experiments/${churn.id}${version.startsWith('2.') ? '' : '/runs'}`;
  console.log(`MLflow ${version} is up: ${experimentPage} (${churn.name})`);

  const { context, cleanup } = await launchChromiumWithLens({ headless });
  cleanups.push(cleanup);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(experimentPage);

  if (headless) {
    const out = resolve('demo-output');
    mkdirSync(out, { recursive: true });
    // Each shot waits for what Lens adds to that page (MLflow 3 polls, so "network idle" never comes).
    const shots = [
      ['experiment.png', experimentPage, 'lens-overfit-chip[data-verdict="overfitting"]', null],
      ['run-page.png', `${base}#/experiments/${churn.id}/runs/${overfit.run_id}`, 'lens-overfit-badge[data-verdict="overfitting"]', 'open'],
      ['run-metrics-tab.png', `${base}#/experiments/${churn.id}/runs/${overfit.run_id}/model-metrics`, 'lens-overfit-marker[data-verdict="overfitting"]', null],
    ];
    for (const [file, url, ready, action] of shots) {
      await page.goto(url);
      await page.waitForSelector(ready, { timeout: 30_000 }).catch(() => console.log(`  (Lens had not answered on ${file} after 30 s)`));
      if (action === 'open') await page.locator('lens-overfit-badge').getByRole('button').first().click().catch(() => {});
      await page.waitForTimeout(1_500); // MLflow's charts animate in
      await page.screenshot({ path: resolve(out, file) });
      console.log(`  saved ${resolve(out, file)}`);
    }
    console.log(`No display found, so Chromium ran headless; screenshots are in ${out}.`);
    if (values.exit) await stopAll(0);
    console.log(`MLflow keeps running at ${base} — open it in your own browser with Lens installed. Ctrl-C stops it.`);
  } else {
    console.log('Chromium is open with Lens loaded. Ctrl-C here (or closing the browser) stops everything.');
    context.on('close', () => void stopAll(0));
  }
} catch (error) {
  if (!stopping) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`\nnpm run demo failed: ${message}`);
    if (/already in use/.test(message)) console.error(`Try: npm run demo -- --port ${port + 1}`);
    await stopAll(1);
  }
}
