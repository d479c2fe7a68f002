import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { BUILTIN_PATTERNS } from './lib/hosts/builtin';
import { commandsFor } from './lib/commands';

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  outDir: '.output',
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022' },
    resolve: {
      alias: {
        // WXT's content-script entry constructs its ContentScriptContext, which announces the script to the page
        // (window.postMessage(…, "*") and a CustomEvent, before Lens checks the page is MLflow) and stops on a
        // page's CustomEvent of that name. Lens's own context keeps to its JavaScript world (issue #15.2/3).
        'wxt/utils/content-script-context': fileURLToPath(new URL('./lib/dom/content-script-context.ts', import.meta.url)),
      },
    },
  }),
  manifest: ({ browser }) => ({
    name: 'Lens for MLflow',
    description:
      'Tells you at a glance whether an MLflow run is overfitting, and registers its model in one click — on MLflow’s own pages.',
    permissions: ['storage', 'scripting', 'notifications'],
    // The same hosts the content script runs on: lets the popup search them (GET only) when no MLflow tab is open.
    // Only the hosts MLflow is usually reached on are granted at install time; any other MLflow host is asked for at
    // run time from the options page (optional_host_permissions) — see README "Permissions".
    host_permissions: [...BUILTIN_PATTERNS],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    // Shortcuts the browser lists (and lets users change) on its own shortcuts page: see lib/commands.ts.
    commands: commandsFor(browser),
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 96: 'icon/96.png', 128: 'icon/128.png' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'lens-for-mlflow@lens-for-mlflow.org',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // data_collection_permissions came in Firefox 140 on desktop and 142 on Android: the minimums agree with it.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  zip: {
    artifactTemplate: 'lens-for-mlflow-{{version}}-{{browser}}.zip',
    sourcesTemplate: 'lens-for-mlflow-{{version}}-sources.zip',
    // Only the project's own sources: no test output, and no stray logs (*.log) left in the repository root; nor the
    // store images (docs/store/**/*.png, uploaded to the stores separately, not needed to build). Dotfiles (.env.submit
    // with the store secrets) never go in: WXT leaves them out (zip.dotSources is false).
    excludeSources: ['demo-output/**', 'bench/results/**', 'test-results/**', 'playwright-report/**', '**/*.log', 'docs/store/**/*.png'],
  },
});
