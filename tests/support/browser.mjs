// Debian's Chromium with the built extension loaded, for the e2e fixtures and `npm run demo`.
import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Chrome build, found from this file (not the working directory: bench/ imports this too), or
 * `LENS_OUTPUT_DIR/chrome-mv3`: `npm run test:compat` tests a copy of the build, which a rebuild meanwhile can't touch.
 */
export const OUTPUT_DIR = process.env.LENS_OUTPUT_DIR ? resolve(process.env.LENS_OUTPUT_DIR) : resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '.output');
export const EXTENSION_DIR = join(OUTPUT_DIR, 'chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * @param {{ headless?: boolean, args?: string[], profile?: string, grantHosts?: string[], httpCredentials?: { username: string, password: string }, extension?: boolean }} [options]
 *   `grantHosts`: optional host permissions to record as already granted in the profile (see grantInProfile).
 *   `profile`: reuse a profile directory (to test a browser restart); it is then not deleted on cleanup.
 *   `extension: false`: the same browser without Lens (the benchmarks' reference).
 * @returns {Promise<{ context: import('@playwright/test').BrowserContext, profile: string, cleanup: () => Promise<void> }>}
 */
export async function launchChromiumWithLens({ headless = true, args = [], profile: given, grantHosts = [], httpCredentials, extension = true } = {}) {
  if (extension && !existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run "npm run build" first.`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  const profile = given ?? mkdtempSync(join(tmpdir(), 'lens-chromium-'));
  if (grantHosts.length) {
    const first = await launchChromiumWithLens({ headless, args, profile });
    const id = await extensionIdOf(first.context);
    await first.context.close();
    grantInProfile(profile, id, grantHosts);
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    args: [
      ...(extension ? [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...args,
    ],
    viewport: headless ? { width: 1400, height: 900 } : null,
    // Callers own shutdown (the demo cleans its profile up on Ctrl-C); Playwright would exit first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    httpCredentials,
  });
  return {
    context,
    profile,
    cleanup: async () => {
      await context.close().catch(() => {});
      if (!given) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Records host permissions as granted by the user, the way Chromium stores a yes to
 * `permissions.request` in the profile. Automation cannot click Chromium's permission prompt
 * (Playwright declines to support it: microsoft/playwright#32755); with the grant on record,
 * `permissions.request` resolves `true` at once and everything after it runs for real.
 * @param {string} profile @param {string} extensionId @param {string[]} hosts
 */
export function grantInProfile(profile, extensionId, hosts) {
  const file = join(profile, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(file, 'utf8'));
  const settings = prefs.extensions?.settings?.[extensionId];
  if (!settings) throw new Error(`Extension ${extensionId} is not in the profile's preferences.`);
  for (const key of ['granted_permissions', 'active_permissions', 'runtime_granted_permissions']) {
    settings[key] ??= {};
    settings[key].explicit_host = [...new Set([...(settings[key].explicit_host ?? []), ...hosts])];
  }
  writeFileSync(file, JSON.stringify(prefs));
}

/** @param {import('@playwright/test').BrowserContext} context */
export async function extensionIdOf(context) {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}
