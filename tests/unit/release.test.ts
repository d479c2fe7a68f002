/** The pure parts of `npm run release` (.ci/release-lib.mjs): versions, changelog, zip checks, manifests, lint, privacy page. */
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  bumpLockfile,
  bumpPackageJson,
  CHANGELOG_HEADER,
  chromeManifestProblems,
  classifyLint,
  compareVersions,
  extensionZipProblems,
  firefoxManifestProblems,
  groupCommits,
  insertChangelogEntry,
  issueOf,
  kindOf,
  listingProblems,
  markdownToHtml,
  parseGitLog,
  parseVersion,
  permissionsFromReadme,
  pngSize,
  renderChangelogEntry,
  shortenSubject,
  SOURCES_REQUIRED,
  sourcesZipProblems,
  zipEntries,
  zipRead,
} from '../../.ci/release-lib.mjs';

/** A zip with the given files, the first stored and the others deflated (both methods zipRead reads). */
function makeZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  Object.entries(files).forEach(([name, text], i) => {
    const raw = Buffer.from(text);
    const method = i === 0 ? 0 : 8;
    const data = method === 0 ? raw : deflateRawSync(raw);
    const nameBuf = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  });
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

describe('versions', () => {
  it('takes three or four numbers the stores accept', () => {
    expect(parseVersion('0.2.0')).toEqual([0, 2, 0]);
    expect(parseVersion('1.2.3.4')).toEqual([1, 2, 3, 4]);
    for (const bad of ['0.2', 'v0.2.0', '0.02.0', '1.2.70000', '0.2.0-beta', '', '1.2.3.4.5']) expect(() => parseVersion(bad)).toThrow();
    expect(compareVersions('0.10.0', '0.9.9')).toBeGreaterThan(0);
    expect(compareVersions('0.2.0', '0.2.0.0')).toBe(0);
  });

  it("bumps package.json's top-level version only, keeping the rest byte for byte", () => {
    const text = '{\n  "name": "x",\n  "version": "0.1.0",\n  "dependencies": {\n    "a": { "version": "9.9.9" }\n  }\n}\n';
    const next = bumpPackageJson(text, '0.2.0');
    expect(next).toBe(text.replace('"version": "0.1.0"', '"version": "0.2.0"'));
    expect(() => bumpPackageJson('{\n  "name": "x"\n}\n', '0.2.0')).toThrow(/no top-level/);
  });

  it("bumps package-lock.json's own two versions, not the dependencies'", () => {
    const lock = { name: 'x', version: '0.1.0', lockfileVersion: 3, packages: { '': { name: 'x', version: '0.1.0' }, 'node_modules/a': { version: '0.1.0' } } };
    const next = JSON.parse(bumpLockfile(`${JSON.stringify(lock, null, 2)}\n`, '0.2.0'));
    expect(next.version).toBe('0.2.0');
    expect(next.packages[''].version).toBe('0.2.0');
    expect(next.packages['node_modules/a'].version).toBe('0.1.0');
    expect(() => bumpLockfile(JSON.stringify(lock), '0.2.0')).toThrow(/npm's own format/);
  });

  it('the real package.json and lockfile can be bumped', () => {
    const pkg = readFileSync('package.json', 'utf8');
    expect(JSON.parse(bumpPackageJson(pkg, '9.9.9')).version).toBe('9.9.9');
    expect(JSON.parse(bumpLockfile(readFileSync('package-lock.json', 'utf8'), '9.9.9')).packages[''].version).toBe('9.9.9');
  });
});

describe('changelog', () => {
  const log = [
    ['a1', 'Busy machine (#13): Firefox gets 2 min'],
    ['b2', 'README: MLflow versions'],
    ['c3', 'Lazy bundle handover: an own property (#15.6: the drawer stayed)'],
    ['d4', 'e2e page-attacks: a non-MLflow page sees no message (#15.2)'],
    ['e5', 'search e2e: reload when the first document is a 5xx'],
    ['f6', 'bench: requests per feature'],
    ['g7', 'Badge popover chart: thinned with decimateMinMax'],
    ['h8', 'Merge branch x'],
  ]
    .map(([h, s]) => `${h}\x1f${s}\x1e`)
    .join('\n');

  it('reads the log and finds issues and kinds', () => {
    const commits = parseGitLog(log);
    expect(commits).toHaveLength(8);
    expect(commits[0]).toEqual({ hash: 'a1', subject: 'Busy machine (#13): Firefox gets 2 min' });
    expect(issueOf('x (#15.6: y)')).toBe(15);
    expect(issueOf('#12 first, then #15')).toBe(12);
    expect(issueOf('no issue, a C# word#3')).toBeNull();
    expect(kindOf('search e2e: reload')).toBe('Tests');
    expect(kindOf('README: count')).toBe('Documentation');
    expect(kindOf('bench/page-bench.mjs: page benchmarks')).toBe('Benchmarks');
    expect(kindOf('Compare drawer: pins')).toBe('Features and fixes');
  });

  it('groups by issue (ascending, titled when known), then by kind, newest first within each', () => {
    const groups = groupCommits(parseGitLog(log), { '15': 'Security review' });
    expect(groups.map((g) => g.title)).toEqual(['Issue #13', 'Security review (#15)', 'Features and fixes', 'Tests', 'Benchmarks', 'Documentation']);
    expect(groups[1]!.commits.map((c) => c.hash)).toEqual(['c3', 'd4']);
    expect(groups.flatMap((g) => g.commits).some((c) => c.hash === 'h8')).toBe(false);
  });

  it('renders an entry and puts it on top, replacing the same version', () => {
    const groups = groupCommits(parseGitLog(log));
    const entry = renderChangelogEntry({ version: '0.2.0', date: '2026-12-02', since: null, groups });
    expect(entry).toMatch(/^## 0\.2\.0 — 2026-12-02\n\nThe first release: 7 commits\.\n\n### Issue #13\n\n- Busy machine \(#13\): Firefox gets 2 min \(a1\)\n/);
    const first = insertChangelogEntry('', '0.2.0', entry);
    expect(first.startsWith(CHANGELOG_HEADER)).toBe(true);
    const next = renderChangelogEntry({ version: '0.3.0', date: '2027-01-01', since: 'v0.2.0', groups: [{ title: 'Tests', commits: [{ hash: 'z9', subject: 'e2e: more' }] }] });
    const both = insertChangelogEntry(first, '0.3.0', next);
    expect(both.indexOf('## 0.3.0')).toBeLessThan(both.indexOf('## 0.2.0'));
    expect(both).toContain('1 commit since v0.2.0.');
    const again = insertChangelogEntry(both, '0.3.0', next.replace('e2e: more', 'e2e: even more'));
    expect(again.match(/^## 0\.3\.0/gm)).toHaveLength(1);
    expect(again).toContain('e2e: even more');
    expect(again).toContain('## 0.2.0');
  });

  it('shortens a long subject at a clause', () => {
    const long = `Firefox page lock: hand the LockManager a thenable, ${'and more words '.repeat(30)}`;
    const short = shortenSubject(long, 120);
    expect(short.length).toBeLessThanOrEqual(122);
    expect(short.endsWith(' …')).toBe(true);
    expect(shortenSubject('short')).toBe('short');
  });
});

describe('zips', () => {
  it('reads entries and files, stored and deflated', () => {
    const zip = makeZip({ 'manifest.json': '{"name":"x"}', 'background.js': 'console.log(1)'.repeat(50) });
    expect(zipEntries(zip).map((e) => e.name)).toEqual(['manifest.json', 'background.js']);
    expect(zipRead(zip, 'manifest.json').toString()).toBe('{"name":"x"}');
    expect(zipRead(zip, 'background.js').toString()).toBe('console.log(1)'.repeat(50));
    expect(() => zipRead(zip, 'nope.js')).toThrow(/no nope/);
    expect(() => zipEntries(Buffer.from('not a zip at all, not at all'))).toThrow(/not a zip/);
  });

  it('an extension zip: no maps, logs, tests, dotfiles or sources', () => {
    const good = ['manifest.json', 'background.js', 'chunks/a-1.js', 'icon/16.png', 'privacy.html'];
    expect(extensionZipProblems(good)).toEqual([]);
    const bad = extensionZipProblems([...good, 'background.js.map', 'npm-debug.log', 'tests/x.js', '.DS_Store', 'assets/.env', 'lib/a.ts']);
    expect(bad).toHaveLength(6);
    expect(extensionZipProblems(['background.js'])).toContain('no manifest.json at the root');
  });

  it('a sources zip: no node_modules, .output, logs, test output or dotfiles; the build files present', () => {
    expect(sourcesZipProblems([...SOURCES_REQUIRED, 'lib/a.ts', 'tests/support/seed.py'])).toEqual([]);
    const bad = sourcesZipProblems([...SOURCES_REQUIRED, 'node_modules/a/index.js', '.output/chrome-mv3/x.js', 'debug.log', 'test-results/a.png', 'bench/results/x.json', '.env.submit']);
    expect(bad).toHaveLength(6);
    expect(bad.some((p) => p.includes('secrets'))).toBe(true);
    expect(sourcesZipProblems(['lib/a.ts'])).toContain('missing package.json');
  });
});

describe('manifests', () => {
  const readme = readFileSync('README.md', 'utf8');
  const expected = permissionsFromReadme(readme);

  it("README › Permissions lists Lens's permissions", () => {
    expect(expected).toEqual({
      permissions: ['notifications', 'scripting', 'storage'],
      hostPermissions: ['http://127.0.0.1/*', 'http://localhost/*', 'https://*.snowflakecomputing.app/*'],
      optionalHostPermissions: ['http://*/*', 'https://*/*'],
    });
  });

  const files = new Set(['manifest.json', 'background.js', 'popup.html', 'options.html', 'content-scripts/mlflow.js', 'icon/16.png', 'icon/32.png', 'icon/48.png', 'icon/96.png', 'icon/128.png']);
  const chrome = {
    manifest_version: 3,
    name: 'Lens for MLflow',
    description: 'Tells you at a glance whether an MLflow run is overfitting.',
    version: '0.2.0',
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 96: 'icon/96.png', 128: 'icon/128.png' },
    permissions: ['storage', 'scripting', 'notifications'],
    host_permissions: ['http://localhost/*', 'http://127.0.0.1/*', 'https://*.snowflakecomputing.app/*'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    background: { service_worker: 'background.js' },
    action: { default_popup: 'popup.html' },
    options_ui: { open_in_tab: true, page: 'options.html' },
    content_scripts: [{ matches: ['http://127.0.0.1/*', 'http://localhost/*', 'https://*.snowflakecomputing.app/*'], js: ['content-scripts/mlflow.js'] }],
  };

  it('the Chrome manifest as built passes', () => {
    expect(chromeManifestProblems(chrome, { version: '0.2.0', files, expected })).toEqual([]);
  });

  it('the Chrome manifest: wrong version, a missing icon, <all_urls>, an extra permission, a missing file', () => {
    const problems = chromeManifestProblems(
      { ...chrome, version: '0.1.0', icons: { ...chrome.icons, 128: 'icon/missing.png' }, permissions: [...chrome.permissions, 'tabs'], host_permissions: ['<all_urls>'], action: { default_popup: 'nope.html' } },
      { version: '0.2.0', files, expected },
    );
    expect(problems.join('\n')).toMatch(/version is 0\.1\.0/);
    expect(problems.join('\n')).toMatch(/icon 128 \(icon\/missing\.png\) is not in the zip/);
    expect(problems.join('\n')).toMatch(/<all_urls>/);
    expect(problems.join('\n')).toMatch(/permissions are \[storage,scripting,notifications,tabs\]/);
    expect(problems.join('\n')).toMatch(/nope\.html is named in the manifest/);
    expect(chromeManifestProblems({ ...chrome, manifest_version: 2 }, { version: '0.2.0', files, expected })).toContain('manifest_version is 2, not 3');
    expect(chromeManifestProblems({ ...chrome, description: 'x'.repeat(133) }, { version: '0.2.0', files, expected })[0]).toMatch(/132/);
  });

  const firefox = {
    ...chrome,
    browser_specific_settings: {
      gecko: { id: 'lens-for-mlflow@lens-for-mlflow.org', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      gecko_android: { strict_min_version: '142.0' },
    },
  };

  it("the Firefox manifest: AMO's id, minimum versions and data collection", () => {
    expect(firefoxManifestProblems(firefox, { version: '0.2.0', files })).toEqual([]);
    const old = { ...firefox, browser_specific_settings: { gecko: { ...firefox.browser_specific_settings.gecko, strict_min_version: '128.0', data_collection_permissions: { required: ['websiteContent'] } } } };
    const problems = firefoxManifestProblems(old, { version: '0.2.0', files }).join('\n');
    expect(problems).toMatch(/needs 140/);
    expect(problems).toMatch(/Android/);
    expect(problems).toMatch(/not \["none"\]/);
    expect(firefoxManifestProblems(chrome, { version: '0.2.0', files })).toContain('no browser_specific_settings.gecko');
  });

  it('the manifest WXT builds from wxt.config.ts names the icons it ships', () => {
    const config = readFileSync('wxt.config.ts', 'utf8');
    for (const size of [16, 32, 48, 96, 128]) {
      expect(config).toContain(`${size}: 'icon/${size}.png'`);
      expect(pngSize(readFileSync(`public/icon/${size}.png`))).toEqual({ width: size, height: size });
    }
  });
});

describe('web-ext lint', () => {
  const preact = 'function x(e,t){e.innerHTML=t.__html||""}';
  it("ignores Preact's dangerouslySetInnerHTML only; everything else is Lens's own", () => {
    const result = classifyLint(
      {
        errors: [{ code: 'JSON_INVALID', message: 'bad', file: 'manifest.json' }],
        warnings: [
          { code: 'UNSAFE_VAR_ASSIGNMENT', message: 'Unsafe assignment to innerHTML', file: 'chunks/a.js', line: 1, column: 18 },
          { code: 'UNSAFE_VAR_ASSIGNMENT', message: 'Unsafe assignment to innerHTML', file: 'content-scripts/mlflow.js', line: 2, column: 5 },
          { code: 'MANIFEST_FIELD_UNSUPPORTED', message: 'x' },
        ],
        notices: [{ code: 'N', message: 'n' }],
      },
      (file, line) => (file === 'chunks/a.js' && line === 1 ? preact : 'el.innerHTML = userText;'),
    );
    expect(result.ignored).toHaveLength(1);
    expect(result.ignored[0]).toMatch(/Preact/);
    expect(result.own).toHaveLength(3);
    expect(result.notices).toHaveLength(1);
  });
});

describe('store material', () => {
  it('reads PNG sizes', () => {
    expect(pngSize(readFileSync('public/icon/128.png'))).toEqual({ width: 128, height: 128 });
    expect(() => pngSize(Buffer.from('GIF89a-----------------------'))).toThrow(/not a PNG/);
  });

  it('docs/store/listing.md fits the stores and repeats the manifest description', () => {
    const listing = readFileSync('docs/store/listing.md', 'utf8');
    const description = /description:\s*\n?\s*'([^']+)'/.exec(readFileSync('wxt.config.ts', 'utf8'))?.[1];
    expect(description).toMatch(/^Tells you at a glance whether an MLflow run is overfitting/);
    expect(listingProblems(listing, description!)).toEqual([]);
    expect(listingProblems('## Short description\n\nx\n', 'y').length).toBeGreaterThan(1);
  });

  it('public/privacy.html is PRIVACY.md as rendered (run node .ci/privacy-page.mjs after editing PRIVACY.md)', () => {
    expect(readFileSync('public/privacy.html', 'utf8')).toBe(markdownToHtml(readFileSync('PRIVACY.md', 'utf8')));
  });

  it('renders the markdown PRIVACY.md uses, escaped, with no script and relative links as text', () => {
    const html = markdownToHtml('# Title\n\nA **bold** `<code>` and [link](https://x.org) and [file](SECURITY.md).\n\n- one\n  more\n- two\n\n| A | B |\n|---|---|\n| `a` | *b* |\n');
    expect(html).toContain('<title>Title — Lens for MLflow</title>');
    expect(html).toContain('<p>A <strong>bold</strong> <code>&lt;code&gt;</code> and <a href="https://x.org">link</a> and file.</p>');
    expect(html).toContain('<ul><li>one more</li><li>two</li></ul>');
    expect(html).toContain('<tbody><tr><td><code>a</code></td><td><em>b</em></td></tr></tbody>');
    expect(html).not.toMatch(/<script/i);
  });
});
