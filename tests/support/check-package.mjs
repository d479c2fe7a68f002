#!/usr/bin/env node
/**
 * Checks what Lens ships (issue #15.9), after `npm run build:all`:
 * - `npm run zip`'s Firefox sources zip holds no stray *.log (one is planted in the repository root for the check)
 *   and no test output;
 * - `web-ext lint` on the Firefox build has no warning of Lens's own making: the only ones allowed are Preact's
 *   `dangerouslySetInnerHTML` support (`e.innerHTML = x.__html`, in the library, never used by Lens), and the
 *   manifest's minimum versions agree with its keys (data_collection_permissions: Firefox 140, Android 142);
 * - the content script stays within its gzipped budget (60 KB) and tells the page nothing (no WXT
 *   "content-script-started" message or event, no postMessage: issue #15.2).
 * Exits 1 with every failure listed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { zipEntries } from '../../.ci/release-lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUTPUT = join(ROOT, '.output');
const CONTENT_SCRIPT_BUDGET = 60 * 1024;
const failures = [];
const fail = (message) => failures.push(message);
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);


function checkSourcesZip() {
  const stray = join(ROOT, 'lens-package-check-stray.log');
  writeFileSync(stray, 'a stray log the sources zip must leave out\n');
  try {
    execFileSync(bin('wxt'), ['zip', '-b', 'firefox', '--mv3'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  } finally {
    rmSync(stray, { force: true });
  }
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  const zip = join(OUTPUT, `lens-for-mlflow-${version}-sources.zip`);
  if (!existsSync(zip)) return fail(`no sources zip at ${zip}`);
  const entries = zipEntries(readFileSync(zip)).map((e) => e.name);
  const unwanted = entries.filter((name) => /\.log$/i.test(name) || /^(test-results|playwright-report|demo-output|node_modules|\.output)\//.test(name));
  if (unwanted.length) fail(`the sources zip holds files it must not: ${unwanted.join(', ')}`);
  for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'entrypoints/background.ts']) {
    if (!entries.includes(needed)) fail(`the sources zip lacks ${needed}`);
  }
}

function checkLint() {
  const dir = join(OUTPUT, 'firefox-mv3');
  let report;
  try {
    report = JSON.parse(execFileSync(bin('web-ext'), ['lint', '--source-dir', dir, '--output', 'json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch (error) {
    // web-ext exits 1 on errors, still printing its report.
    report = JSON.parse(String(error.stdout));
  }
  for (const e of report.errors) fail(`web-ext lint error ${e.code} in ${e.file ?? 'the package'}: ${e.message}`);
  for (const w of report.warnings) {
    if (w.code === 'UNSAFE_VAR_ASSIGNMENT' && w.file && w.line) {
      const line = readFileSync(join(dir, w.file), 'utf8').split('\n')[w.line - 1] ?? '';
      const around = line.slice(Math.max(0, (w.column ?? 0) - 60), (w.column ?? 0) + 60);
      if (/\.innerHTML=\w+\.__html/.test(around)) continue; // Preact's dangerouslySetInnerHTML, unused by Lens
    }
    fail(`web-ext lint warning ${w.code} in ${w.file ?? 'the package'}: ${w.message} ${w.description ?? ''}`.trim());
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const settings = manifest.browser_specific_settings ?? {};
  const major = (v) => Number.parseInt(String(v ?? '0'), 10);
  if (settings.gecko?.data_collection_permissions) {
    if (major(settings.gecko.strict_min_version) < 140) fail('data_collection_permissions needs gecko.strict_min_version 140 or later');
    if (major(settings.gecko_android?.strict_min_version ?? settings.gecko.strict_min_version) < 142) {
      fail('data_collection_permissions needs Firefox for Android 142: set gecko_android.strict_min_version');
    }
  }
}

function checkContentScript() {
  const file = join(OUTPUT, 'chrome-mv3', 'content-scripts', 'mlflow.js');
  if (!existsSync(file)) return fail(`no Chrome content script at ${file}: run "npm run build" first`);
  const code = readFileSync(file);
  const gz = gzipSync(code).length;
  if (gz > CONTENT_SCRIPT_BUDGET) fail(`the content script is ${(gz / 1024).toFixed(1)} KB gzipped, over its ${CONTENT_SCRIPT_BUDGET / 1024} KB budget`);
  const text = code.toString('utf8');
  if (text.includes('content-script-started')) fail("the content script still has WXT's content-script-started announcement (is the alias in wxt.config.ts gone?)");
  if (/\.postMessage\(/.test(text)) fail('the content script calls postMessage');
  for (const other of readdirSync(join(OUTPUT, 'firefox-mv3', 'content-scripts'))) {
    if (readFileSync(join(OUTPUT, 'firefox-mv3', 'content-scripts', other), 'utf8').includes('content-script-started')) fail(`firefox-mv3/content-scripts/${other} announces itself`);
  }
  return gz;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  checkSourcesZip();
  checkLint();
  const gz = checkContentScript();
  if (failures.length) {
    for (const f of failures) console.error(`✗ ${f}`);
    process.exit(1);
  }
  console.log(`✓ package: sources zip without stray logs, web-ext lint clean of Lens's own warnings, content script ${((gz ?? 0) / 1024).toFixed(1)} KB gzipped (budget 60 KB) and silent to the page`);
}
