#!/usr/bin/env node
/**
 * `npm run release -- <version> [--skip-tests] [--no-screenshots]` (issue #19): one tested artefact per store.
 *
 * 1. Sets <version> in package.json (the only place it lives: WXT writes it into both manifests) and in
 *    package-lock.json, in the working tree. Nothing is committed or tagged: the commands are printed at the end.
 * 2. Writes CHANGELOG.md's entry from the commits since the last tag (v*), grouped by issue (before the zips:
 *    the sources zip holds the changelog of its own version).
 * 3. Runs `npm test` (unless --skip-tests).
 * 4. Builds the Chrome zip (also Edge's), the Firefox zip and AMO's sources zip (`wxt zip`, into .output/).
 * 5. Checks them: no source maps, logs, tests or dotfiles inside; the sources zip without node_modules, build
 *    output, logs or secrets; the Chrome manifest (MV3, name, this version, icons, README › Permissions, no
 *    <all_urls>); the Firefox manifest (gecko id, minimum versions, data_collection_permissions none);
 *    `web-ext lint` on the Firefox zip's contents clean of Lens's own warnings; the store listing's lengths.
 * 6. Retakes the store screenshots from the Chrome zip on a seeded MLflow (unless --no-screenshots), and checks
 *    every image in docs/store/ has the size its store asks for.
 * 7. Prints the sizes, the checks, and what to upload where.
 * No network: nothing is sent to any store from here (`wxt submit` is the maintainer's step, printed at the end).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import {
  bumpLockfile,
  bumpPackageJson,
  chromeManifestProblems,
  classifyLint,
  compareVersions,
  extensionZipProblems,
  firefoxManifestProblems,
  formatSize,
  GIT_LOG_FORMAT,
  groupCommits,
  insertChangelogEntry,
  listingProblems,
  parseGitLog,
  parseVersion,
  permissionsFromReadme,
  pngSize,
  renderChangelogEntry,
  sourcesZipProblems,
  zipEntries,
  zipRead,
} from './release-lib.mjs';
import { writePrivacyPage } from './privacy-page.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = join(ROOT, '.output');
const STORE = join(ROOT, 'docs', 'store');
const CONTENT_SCRIPT_BUDGET = 60 * 1024;
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const rel = (path) => relative(ROOT, path) || '.';

const USAGE = `usage: npm run release -- <version> [--skip-tests] [--no-screenshots]
  <version>         three or four numbers, e.g. 0.2.0 (not lower than package.json's)
  --skip-tests      don't run npm test first (a quick check of the packaging only)
  --no-screenshots  keep docs/store's screenshots instead of retaking them (they are still checked)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'skip-tests': { type: 'boolean', default: false },
    'no-screenshots': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const version = positionals[0];
if (!version || positionals.length > 1) {
  console.error(USAGE);
  process.exit(2);
}

/** @type {{ name: string, ok: boolean, detail?: string[] }[]} */
const checks = [];
const check = (name, problems, notes = []) => {
  checks.push({ name, ok: problems.length === 0, detail: problems.length ? problems : notes });
  return problems.length === 0;
};
const step = (text) => console.log(`\n▶ ${text}`);
const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

function run(command, args, { quiet = false, env = {} } = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error(`${[command, ...args].map((a) => relative(ROOT, a) || a).join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
  return result.stdout ?? '';
}

let bumped = false;
/** @type {string[]} */
let changelogProblems = [];
try {
  // --- 1. Version -----------------------------------------------------------------------------------------
  parseVersion(version);
  const pkgPath = join(ROOT, 'package.json');
  const lockPath = join(ROOT, 'package-lock.json');
  const pkgText = readFileSync(pkgPath, 'utf8');
  const current = JSON.parse(pkgText).version;
  if (compareVersions(version, current) < 0) throw new Error(`${version} is lower than package.json's ${current}: a store refuses a version it has seen surpassed`);
  let lastTag = null;
  try {
    lastTag = git('describe', '--tags', '--abbrev=0', '--match', 'v[0-9]*');
  } catch {
    /* no tag yet: the changelog covers every commit */
  }
  if (git('tag', '--list', `v${version}`)) throw new Error(`the tag v${version} exists already: choose a newer version`);
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean).map((line) => line.slice(3));

  step(`Version ${current} → ${version}`);
  writeFileSync(pkgPath, bumpPackageJson(pkgText, version));
  writeFileSync(lockPath, bumpLockfile(readFileSync(lockPath, 'utf8'), version));
  bumped = current !== version;
  console.log(`  package.json and package-lock.json now say ${version} (WXT puts it in both manifests)`);
  if (writePrivacyPage()) console.log('  public/privacy.html rewritten from PRIVACY.md');

  // --- 2. Changelog ---------------------------------------------------------------------------------------
  step(`CHANGELOG.md: the commits since ${lastTag ?? 'the first one'}`);
  const log = git('log', '--no-merges', `--format=${GIT_LOG_FORMAT}`, ...(lastTag ? [`${lastTag}..HEAD`] : []));
  const titlesPath = join(ROOT, '.ci', 'changelog-titles.json');
  const titles = existsSync(titlesPath) ? JSON.parse(readFileSync(titlesPath, 'utf8')) : {};
  const groups = groupCommits(parseGitLog(log), titles);
  const entry = renderChangelogEntry({ version, date: new Date().toISOString().slice(0, 10), since: lastTag, groups });
  const changelogPath = join(ROOT, 'CHANGELOG.md');
  writeFileSync(changelogPath, insertChangelogEntry(existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : '', version, entry));
  const commitCount = groups.reduce((n, g) => n + g.commits.length, 0);
  console.log(`  ${commitCount} commits in ${groups.length} groups: ${groups.map((g) => `${g.title} (${g.commits.length})`).join(', ')}`);
  changelogProblems = commitCount ? [] : ['no commits to list'];

  // --- 3. Tests -------------------------------------------------------------------------------------------
  if (values['skip-tests']) {
    step('npm test skipped (--skip-tests): this is a packaging check, not a release');
  } else {
    step('npm test (type check, unit, integration, both builds, web-ext lint, package check, e2e)');
    run('npm', ['test']);
  }

  // --- 4. Packages ----------------------------------------------------------------------------------------
  step('Building the store packages (wxt zip)');
  mkdirSync(OUTPUT, { recursive: true });
  for (const file of readdirSync(OUTPUT)) if (file.startsWith(`lens-for-mlflow-${version}-`) && file.endsWith('.zip')) rmSync(join(OUTPUT, file));
  run(bin('wxt'), ['zip'], { quiet: true });
  run(bin('wxt'), ['zip', '-b', 'firefox', '--mv3'], { quiet: true });
  const zips = {
    chrome: join(OUTPUT, `lens-for-mlflow-${version}-chrome.zip`),
    firefox: join(OUTPUT, `lens-for-mlflow-${version}-firefox.zip`),
    sources: join(OUTPUT, `lens-for-mlflow-${version}-sources.zip`),
  };
  for (const [kind, path] of Object.entries(zips)) if (!existsSync(path)) throw new Error(`wxt zip made no ${kind} zip at ${rel(path)}`);

  // --- 5. Checks ------------------------------------------------------------------------------------------
  step('Checking the packages');
  const buffers = Object.fromEntries(Object.entries(zips).map(([k, p]) => [k, readFileSync(p)]));
  const entries = Object.fromEntries(Object.entries(buffers).map(([k, b]) => [k, zipEntries(b)]));
  const names = Object.fromEntries(Object.entries(entries).map(([k, e]) => [k, e.map((x) => x.name)]));

  check('Chrome zip holds no source maps, logs, tests or dotfiles', extensionZipProblems(names.chrome));
  check('Firefox zip holds no source maps, logs, tests or dotfiles', extensionZipProblems(names.firefox));
  let tracked = new Set();
  try {
    tracked = new Set(git('ls-files').split('\n'));
  } catch {
    /* not a git checkout */
  }
  const uncommitted = names.sources.filter((n) => tracked.size && !tracked.has(n) && n !== 'package.json');
  check('Sources zip: no node_modules, .output, logs, test output or dotfiles; has what the build needs', sourcesZipProblems(names.sources), uncommitted.length ? [`note: ${uncommitted.length} file(s) in it are not committed (${uncommitted.slice(0, 5).join(', ')}${uncommitted.length > 5 ? ', …' : ''}): release from a clean clone`] : []);

  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const expected = permissionsFromReadme(readme);
  const chromeManifest = JSON.parse(zipRead(buffers.chrome, 'manifest.json').toString('utf8'));
  const firefoxManifest = JSON.parse(zipRead(buffers.firefox, 'manifest.json').toString('utf8'));
  check(
    `Chrome manifest: MV3, "${chromeManifest.name}" ${chromeManifest.version}, icons, permissions as README › Permissions, no <all_urls>`,
    chromeManifestProblems(chromeManifest, { version, files: new Set(names.chrome), expected }),
    [`permissions [${chromeManifest.permissions}], hosts [${chromeManifest.host_permissions}], optional [${chromeManifest.optional_host_permissions}]`],
  );
  const gecko = firefoxManifest.browser_specific_settings?.gecko ?? {};
  check(
    `Firefox manifest: ${gecko.id}, Firefox ≥ ${gecko.strict_min_version} (Android ≥ ${firefoxManifest.browser_specific_settings?.gecko_android?.strict_min_version ?? '—'}), data collection ${JSON.stringify(gecko.data_collection_permissions?.required)}`,
    firefoxManifestProblems(firefoxManifest, { version, files: new Set(names.firefox) }),
  );
  const contentScript = chromeManifest.content_scripts?.[0]?.js?.[0];
  const gz = contentScript ? gzipSync(zipRead(buffers.chrome, contentScript)).length : 0;
  check(`Content script ${formatSize(gz)} gzipped (budget ${CONTENT_SCRIPT_BUDGET / 1024} KB)`, gz > CONTENT_SCRIPT_BUDGET ? [`over budget by ${formatSize(gz - CONTENT_SCRIPT_BUDGET)}`] : []);

  // web-ext lint on exactly what goes to AMO: the Firefox zip, unpacked.
  const temp = mkdtempSync(join(tmpdir(), 'lens-release-'));
  try {
    execFileSync('unzip', ['-q', zips.firefox, '-d', join(temp, 'firefox')]);
    const lint = spawnSync(bin('web-ext'), ['lint', '--source-dir', join(temp, 'firefox'), '--output', 'json', '--no-config-discovery'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    let report;
    try {
      report = JSON.parse(lint.stdout);
    } catch {
      throw new Error(`web-ext lint printed no JSON report (exit ${lint.status}): ${lint.stderr.slice(0, 500)}`);
    }
    const lines = new Map();
    const lineOf = (file, line) => {
      if (!lines.has(file)) lines.set(file, readFileSync(join(temp, 'firefox', file), 'utf8').split('\n'));
      return lines.get(file)[line - 1] ?? '';
    };
    const lintResult = classifyLint(report, lineOf);
    check(
      `web-ext lint: ${report.summary?.errors ?? 0} errors, ${report.summary?.warnings ?? 0} warnings, ${report.summary?.notices ?? 0} notices — none of Lens's own`,
      lintResult.own,
      [...lintResult.ignored.map((i) => `ignored: ${i}`), ...lintResult.notices],
    );
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }

  const listingPath = join(STORE, 'listing.md');
  check('Store listing text (docs/store/listing.md): summary = manifest description ≤ 132, description, category', existsSync(listingPath) ? listingProblems(readFileSync(listingPath, 'utf8'), chromeManifest.description) : ['docs/store/listing.md is missing']);
  check('Reviewer notes for AMO (docs/store/amo-reviewer-notes.md)', existsSync(join(STORE, 'amo-reviewer-notes.md')) ? [] : ['docs/store/amo-reviewer-notes.md is missing']);
  check(`CHANGELOG.md has the ${version} entry on top (in the sources zip too)`, [...changelogProblems, ...(names.sources.includes('CHANGELOG.md') && zipRead(buffers.sources, 'CHANGELOG.md').toString('utf8').includes(`## ${version} `) ? [] : ['the sources zip has no CHANGELOG.md of this version'])]);

  // --- 6. Store images ------------------------------------------------------------------------------------
  if (values['no-screenshots']) {
    step('Screenshots not retaken (--no-screenshots): checking the ones in docs/store/');
  } else {
    step('Store screenshots from the Chrome zip, on a seeded MLflow (light and dark)');
    run(process.execPath, [join(ROOT, '.ci', 'store-screenshots.mjs'), '--zip', zips.chrome]);
  }
  const images = [];
  const walk = (dir) => {
    for (const d of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
      const path = join(dir, d.name);
      if (d.isDirectory()) walk(path);
      else if (d.name.endsWith('.png')) images.push(path);
    }
  };
  walk(STORE);
  const imageProblems = [];
  const shots = images.filter((p) => p.includes(`${join('store', 'screenshots')}`));
  for (const path of images) {
    const { width, height } = pngSize(readFileSync(path));
    const want = path.includes('/screenshots/') ? [1280, 800] : /promo-tile-440x280/.test(path) ? [440, 280] : /icon-(\d+)\.png$/.test(path) ? [Number(/icon-(\d+)/.exec(path)?.[1]), Number(/icon-(\d+)/.exec(path)?.[1])] : null;
    if (want && (width !== want[0] || height !== want[1])) imageProblems.push(`${rel(path)} is ${width}×${height}, not ${want[0]}×${want[1]}`);
  }
  for (const theme of ['light', 'dark']) if (shots.filter((p) => p.endsWith(`-${theme}.png`)).length < 7) imageProblems.push(`fewer than 7 ${theme} screenshots`);
  if (!images.some((p) => p.endsWith('promo-tile-440x280.png'))) imageProblems.push('no promo-tile-440x280.png');
  for (const size of [16, 32, 48, 96, 128, 300]) if (!images.some((p) => p.endsWith(`icons/icon-${size}.png`))) imageProblems.push(`no icons/icon-${size}.png`);
  const imageBytes = images.reduce((n, p) => n + statSync(p).size, 0);
  if (imageBytes > 4 * 1024 * 1024) imageProblems.push(`docs/store's images weigh ${formatSize(imageBytes)} (keep them under 4 MB)`);
  check(`Store images: ${shots.length} screenshots 1280×800, promo tile 440×280, ${images.filter((p) => p.includes('/icons/')).length} icons — ${formatSize(imageBytes)}`, imageProblems);

  // --- 7. Report ------------------------------------------------------------------------------------------
  const unpacked = (k) => entries[k].reduce((n, e) => n + e.size, 0);
  console.log(`\n━━ Lens for MLflow ${version} ━━`);
  console.log('\nPackages');
  const use = { chrome: 'Chrome Web Store and Microsoft Edge Add-ons', firefox: 'Firefox Add-ons (AMO)', sources: "AMO's source code upload" };
  for (const [kind, path] of Object.entries(zips)) {
    console.log(`  ${rel(path).padEnd(46)} ${formatSize(statSync(path).size).padStart(9)}  ${String(entries[kind].length).padStart(3)} files, ${formatSize(unpacked(kind))} unpacked — ${use[kind]}`);
  }
  console.log('\nChecks');
  for (const c of checks) {
    console.log(`  ${c.ok ? '✓' : '✗'} ${c.name}`);
    for (const line of c.detail ?? []) console.log(`      ${line}`);
  }
  if (dirty.length) console.log(`\n  note: tracked files had uncommitted changes before the release started: ${dirty.join(', ')}`);

  let repoUrl = null;
  try {
    const origin = git('remote', 'get-url', 'origin');
    const m = /github\.com[:/](.+?)(?:\.git)?$/.exec(origin);
    if (m) repoUrl = `https://github.com/${m[1]}`;
  } catch {
    /* no remote */
  }
  const privacyUrl = repoUrl ? `${repoUrl}/blob/v${version}/PRIVACY.md` : '<the public address of PRIVACY.md, e.g. https://github.com/<owner>/<repo>/blob/main/PRIVACY.md>';
  console.log(`
What to upload where (the full checklist: docs/store/README.md)
  Chrome Web Store — https://chrome.google.com/webstore/devconsole → Lens for MLflow → Package → Upload new package:
      ${rel(zips.chrome)}
    Store listing: docs/store/listing.md (description, category), screenshots docs/store/screenshots/0[1-5]-*-light.png
    (the store takes 5), promo tile docs/store/promo-tile-440x280.png, icon docs/store/icons/store-icon-128.png.
    Privacy practices: the permission justifications in docs/store/listing.md; privacy policy URL ${privacyUrl}
  Firefox Add-ons — https://addons.mozilla.org/developers/ → Lens for MLflow → Upload New Version:
      ${rel(zips.firefox)}
    "Do you need to submit source code?" Yes: ${rel(zips.sources)}
    Notes to reviewer: paste docs/store/amo-reviewer-notes.md. Screenshots: docs/store/screenshots/*.png.
  Microsoft Edge Add-ons — https://partner.microsoft.com/dashboard/microsoftedge/overview → Lens for MLflow → Packages:
      ${rel(zips.chrome)}   (the Chrome package: Edge takes it as it is)
    Store listing: docs/store/listing.md, logo docs/store/icons/icon-300.png, promo tile, up to 10 screenshots.

Or, once each listing exists and .env.submit is filled in (from .env.submit.example):
  npx wxt submit --dry-run --chrome-zip ${rel(zips.chrome)} --firefox-zip ${rel(zips.firefox)} --firefox-sources-zip ${rel(zips.sources)} --edge-zip ${rel(zips.chrome)}
  (then the same without --dry-run)

Then commit and tag this release (nothing was committed or tagged here):
  git add package.json package-lock.json CHANGELOG.md public/privacy.html docs/store
  git commit -m "Release ${version}"
  git tag -a v${version} -m "Lens for MLflow ${version}"
  git push && git push origin v${version}`);

  const failed = checks.filter((c) => !c.ok);
  if (failed.length) {
    console.error(`\n✗ ${failed.length} check${failed.length === 1 ? '' : 's'} failed: fix ${failed.length === 1 ? 'it' : 'them'} before uploading anything.`);
    process.exit(1);
  }
  console.log(`\n✓ All ${checks.length} checks passed.`);
} catch (error) {
  console.error(`\nnpm run release failed: ${error instanceof Error ? error.message : error}`);
  if (bumped) console.error(`package.json and package-lock.json now say ${version}: fix the cause and run the release again, or undo the bump.`);
  process.exit(1);
}
