/**
 * The pure parts of `npm run release` (.ci/release.mjs), unit-tested in tests/unit/release.test.ts: version
 * parsing and bumping, the changelog entry from git's log, reading and checking the zips (listing, manifests,
 * web-ext lint's report), PNG sizes, and PRIVACY.md rendered as the packaged privacy page. No I/O here.
 */
import { inflateRawSync } from 'node:zlib';

// ---------------------------------------------------------------------------------------------------------
// Versions

/**
 * A release version as the stores take it: three or four dot-separated integers (Chrome allows 1–4, each
 * 0–65535, no leading zeros; AMO and Edge take the same), e.g. `0.2.0`. Throws with the reason otherwise.
 * @param {string} text @returns {number[]}
 */
export function parseVersion(text) {
  const value = String(text ?? '').trim();
  if (!/^\d+(\.\d+){2,3}$/.test(value)) {
    throw new Error(`"${value}" is not a release version: give three (or four) numbers, like 0.2.0`);
  }
  const parts = value.split('.');
  for (const part of parts) {
    if (part.length > 1 && part.startsWith('0')) throw new Error(`"${value}": no leading zeros (the Chrome Web Store refuses "${part}")`);
    if (Number(part) > 65535) throw new Error(`"${value}": each number is at most 65535 (the Chrome Web Store's limit)`);
  }
  return parts.map(Number);
}

/** @param {string} a @param {string} b @returns {number} negative, 0 or positive */
export function compareVersions(a, b) {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * package.json with its top-level "version" set, everything else byte for byte (another change in the working
 * tree stays as it is). The top-level key is the one indented by two spaces.
 * @param {string} text @param {string} version
 */
export function bumpPackageJson(text, version) {
  parseVersion(version);
  const pattern = /^( {2}"version":\s*")([^"]*)(")/m;
  if (!pattern.test(text)) throw new Error('package.json has no top-level "version"');
  const next = text.replace(pattern, `$1${version}$3`);
  if (JSON.parse(next).version !== version) throw new Error('package.json: the top-level "version" could not be set');
  return next;
}

/**
 * package-lock.json with its own version (top level and `packages[""]`) set; dependencies' versions untouched.
 * @param {string} text @param {string} version
 */
export function bumpLockfile(text, version) {
  parseVersion(version);
  const lock = JSON.parse(text);
  const trailing = text.endsWith('\n') ? '\n' : '';
  if (JSON.stringify(lock, null, 2) + trailing !== text) throw new Error('package-lock.json is not in npm\'s own format: run "npm install" first');
  lock.version = version;
  if (lock.packages?.['']) lock.packages[''].version = version;
  return JSON.stringify(lock, null, 2) + trailing;
}

// ---------------------------------------------------------------------------------------------------------
// Changelog

/** The format release.mjs asks git for: short hash, unit separator, subject, record separator. */
export const GIT_LOG_FORMAT = '%h%x1f%s%x1e';

/** @param {string} raw `git log --format=${GIT_LOG_FORMAT}` output @returns {{ hash: string, subject: string }[]} */
export function parseGitLog(raw) {
  return raw
    .split('\x1e')
    .map((record) => record.trim())
    .filter(Boolean)
    .map((record) => {
      const [hash = '', subject = ''] = record.split('\x1f');
      return { hash: hash.trim(), subject: subject.trim() };
    });
}

/** The issue a commit belongs to: its first `#N` (a `#15.4` is issue 15), or null. @param {string} subject */
export function issueOf(subject) {
  const match = /(?:^|[\s(,;])#(\d+)(?:\.\d+)?\b/.exec(subject);
  return match ? Number(match[1]) : null;
}

/** Tests, Benchmarks, Documentation or Features and fixes, by what the subject's prefix ("README: …") names. */
export function kindOf(subject) {
  const colon = subject.indexOf(':');
  const prefix = colon > 0 && colon <= 40 ? subject.slice(0, colon) : subject.split(/\s/)[0] ?? '';
  if (/\b(e2e|tests?|unit tests?|integration|test harness|vitest|playwright)\b/i.test(prefix)) return 'Tests';
  if (/\bbench/i.test(prefix)) return 'Benchmarks';
  if (/\b(README|SECURITY|PRIVACY|CHANGELOG|docs?)\b/i.test(prefix)) return 'Documentation';
  return 'Features and fixes';
}

const KIND_ORDER = ['Features and fixes', 'Tests', 'Benchmarks', 'Documentation'];

/**
 * Commits grouped for the changelog: one group per issue (ascending, titled from `titles` when known), then the
 * others by kind. Each group keeps git's order (newest first).
 * @param {{ hash: string, subject: string }[]} commits @param {Record<string, string>} [titles] issue number → title
 * @returns {{ title: string, commits: { hash: string, subject: string }[] }[]}
 */
export function groupCommits(commits, titles = {}) {
  /** @type {Map<number, { hash: string, subject: string }[]>} */
  const issues = new Map();
  /** @type {Map<string, { hash: string, subject: string }[]>} */
  const kinds = new Map();
  for (const commit of commits) {
    if (/^Merge\b/.test(commit.subject)) continue;
    const issue = issueOf(commit.subject);
    if (issue !== null) issues.set(issue, [...(issues.get(issue) ?? []), commit]);
    else {
      const kind = kindOf(commit.subject);
      kinds.set(kind, [...(kinds.get(kind) ?? []), commit]);
    }
  }
  return [
    ...[...issues.keys()].sort((a, b) => a - b).map((n) => ({ title: titles[String(n)] ? `${titles[String(n)]} (#${n})` : `Issue #${n}`, commits: issues.get(n) ?? [] })),
    ...KIND_ORDER.filter((k) => kinds.has(k)).map((k) => ({ title: k, commits: kinds.get(k) ?? [] })),
  ];
}

/** A subject cut to about `max` characters at a clause or word boundary. @param {string} subject */
export function shortenSubject(subject, max = 240) {
  if (subject.length <= max) return subject;
  const head = subject.slice(0, max);
  const cut = Math.max(head.lastIndexOf('; '), head.lastIndexOf(', '), head.lastIndexOf(': '));
  const at = cut > max * 0.5 ? cut : head.lastIndexOf(' ');
  return `${head.slice(0, at > 0 ? at : max).replace(/[\s,;:(—-]+$/, '')} …`;
}

/**
 * One version's entry.
 * @param {{ version: string, date: string, since: string | null, groups: ReturnType<typeof groupCommits> }} entry
 */
export function renderChangelogEntry({ version, date, since, groups }) {
  const count = groups.reduce((n, g) => n + g.commits.length, 0);
  const lines = [`## ${version} — ${date}`, ''];
  lines.push(since ? `${count} commit${count === 1 ? '' : 's'} since ${since}.` : `The first release: ${count} commit${count === 1 ? '' : 's'}.`, '');
  for (const group of groups) {
    lines.push(`### ${group.title}`, '');
    for (const c of group.commits) lines.push(`- ${shortenSubject(c.subject).replace(/\s+/g, ' ')} (${c.hash})`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export const CHANGELOG_HEADER = `# Changelog

Every release of Lens for MLflow, newest first. Each entry is written by \`npm run release -- <version>\` from the
commits since the previous tag, grouped by issue.
`;

/**
 * CHANGELOG.md with `entry` on top (below the header), replacing an earlier entry of the same version.
 * @param {string} existing the current file ('' when there is none) @param {string} version @param {string} entry
 */
export function insertChangelogEntry(existing, version, entry) {
  const text = existing.trim() ? existing.replace(/\r\n/g, '\n') : CHANGELOG_HEADER;
  const sections = text.split(/^(?=## )/m);
  const header = sections[0]?.startsWith('## ') ? CHANGELOG_HEADER : (sections.shift() ?? CHANGELOG_HEADER);
  const versionOf = (/** @type {string} */ s) => /^## (\S+)/.exec(s)?.[1];
  const others = sections.filter((s) => versionOf(s) !== version).map((s) => `${s.trimEnd()}\n`);
  return [`${header.trimEnd()}\n`, entry.trimEnd() + '\n', ...others].join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Zips

/**
 * The entries of a zip file, from its central directory.
 * @param {Buffer} buffer
 * @returns {{ name: string, size: number, compressedSize: number, method: number, offset: number }[]}
 */
export function zipEntries(buffer) {
  let end = buffer.length - 22;
  while (end >= 0 && buffer.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file');
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error('bad zip central directory');
    const method = buffer.readUInt16LE(at + 10);
    const compressedSize = buffer.readUInt32LE(at + 20);
    const size = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const offset = buffer.readUInt32LE(at + 42);
    entries.push({ name: buffer.toString('utf8', at + 46, at + 46 + nameLength), size, compressedSize, method, offset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** One file's bytes out of a zip (stored or deflated). @param {Buffer} buffer @param {string} name */
export function zipRead(buffer, name) {
  const entry = zipEntries(buffer).find((e) => e.name === name);
  if (!entry) throw new Error(`the zip has no ${name}`);
  if (buffer.readUInt32LE(entry.offset) !== 0x04034b50) throw new Error(`bad zip local header for ${name}`);
  const start = entry.offset + 30 + buffer.readUInt16LE(entry.offset + 26) + buffer.readUInt16LE(entry.offset + 28);
  const data = buffer.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`${name}: zip compression method ${entry.method} is not read here`);
}

/**
 * What an extension package must not hold: source maps, logs, tests, dotfiles (a `.env`, `.DS_Store`), sources.
 * @param {string[]} names @returns {string[]} one line per offending entry
 */
export function extensionZipProblems(names) {
  const problems = [];
  for (const name of names) {
    const segments = name.split('/').filter(Boolean);
    if (/\.map$/i.test(name)) problems.push(`${name}: a source map`);
    else if (/\.log$/i.test(name)) problems.push(`${name}: a log file`);
    else if (segments.some((s) => s.startsWith('.'))) problems.push(`${name}: a dotfile`);
    else if (segments.some((s) => /^(tests?|__tests__|e2e|test-results|playwright-report|node_modules)$/.test(s))) problems.push(`${name}: tests or dependencies`);
    else if (/\.(test|spec)\.[cm]?[jt]sx?$/.test(name) || /\.tsx?$/.test(name)) problems.push(`${name}: source, not build output`);
  }
  if (!names.includes('manifest.json')) problems.push('no manifest.json at the root');
  return problems;
}

export const SOURCES_REQUIRED = ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'entrypoints/background.ts', 'PRIVACY.md'];

/**
 * What AMO's sources zip must not hold (dependencies, build output, logs, test output, dotfiles such as
 * `.env.submit` with store secrets) and must hold (what `npm ci && npm run zip` needs).
 * @param {string[]} names @returns {string[]}
 */
export function sourcesZipProblems(names) {
  const problems = [];
  for (const name of names) {
    const segments = name.split('/').filter(Boolean);
    if (segments.includes('node_modules')) problems.push(`${name}: dependencies (node_modules)`);
    else if (segments[0] === '.output') problems.push(`${name}: build output (.output)`);
    else if (/\.log$/i.test(name)) problems.push(`${name}: a log file`);
    else if (/^(test-results|playwright-report|demo-output)$/.test(segments[0] ?? '') || name.startsWith('bench/results/')) problems.push(`${name}: test or bench output`);
    else if (segments.some((s) => s.startsWith('.'))) problems.push(`${name}: a dotfile (secrets such as .env.submit never go to a store)`);
  }
  for (const needed of SOURCES_REQUIRED) if (!names.includes(needed)) problems.push(`missing ${needed}`);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Manifests

/**
 * The permissions README › Permissions lists: API permissions (a bare `name`), host patterns, optional host
 * patterns (the row that starts "Optional").
 * @param {string} readme
 */
export function permissionsFromReadme(readme) {
  const section = /^## Permissions\s*\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  if (!section) throw new Error('README.md has no "## Permissions" section');
  const permissions = new Set();
  const hosts = new Set();
  const optional = new Set();
  for (const line of section.split('\n')) {
    const cell = /^\|([^|]*)\|/.exec(line)?.[1]?.trim();
    if (!cell || /^-+$/.test(cell) || cell === 'Permission') continue;
    const tokens = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
    for (const token of tokens) {
      if (token.includes('://')) (/^optional/i.test(cell) ? optional : hosts).add(token);
      else if (/^[a-z][a-zA-Z.]*$/.test(token) && token !== 'host_permissions') permissions.add(token);
    }
  }
  return { permissions: [...permissions].sort(), hostPermissions: [...hosts].sort(), optionalHostPermissions: [...optional].sort() };
}

const sameSet = (/** @type {unknown} */ a, /** @type {string[]} */ b) => Array.isArray(a) && [...new Set(a)].sort().join('\n') === [...b].sort().join('\n');

/** @param {Record<string, any>} manifest @param {Set<string>} files @returns {string[]} */
function commonManifestProblems(manifest, version, files) {
  const problems = [];
  if (manifest.manifest_version !== 3) problems.push(`manifest_version is ${manifest.manifest_version}, not 3`);
  if (manifest.name !== 'Lens for MLflow') problems.push(`name is "${manifest.name}"`);
  if (typeof manifest.name === 'string' && manifest.name.length > 45) problems.push('name longer than 45 characters');
  if (manifest.version !== version) problems.push(`version is ${manifest.version}, not ${version}`);
  if (typeof manifest.description !== 'string' || !manifest.description) problems.push('no description');
  else if ([...manifest.description].length > 132) problems.push(`description is ${[...manifest.description].length} characters (the Chrome Web Store takes 132)`);
  const icons = manifest.icons ?? {};
  for (const size of ['16', '32', '48', '128']) if (!icons[size]) problems.push(`no ${size}×${size} icon`);
  for (const [size, path] of Object.entries(icons)) if (!files.has(String(path).replace(/^\//, ''))) problems.push(`icon ${size} (${path}) is not in the zip`);
  const json = JSON.stringify(manifest);
  if (json.includes('<all_urls>')) problems.push('asks for <all_urls>');
  if (/"\*:\/\/\*\/\*"/.test(json)) problems.push('asks for *://*/* up front');
  const referenced = [
    manifest.background?.service_worker,
    ...(manifest.background?.scripts ?? []),
    manifest.action?.default_popup,
    manifest.options_ui?.page,
    ...(manifest.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]),
  ].filter(Boolean);
  for (const path of referenced) if (!files.has(String(path).replace(/^\//, ''))) problems.push(`${path} is named in the manifest but not in the zip`);
  if (manifest.web_accessible_resources?.length) problems.push('declares web_accessible_resources (SECURITY.md says none)');
  if (manifest.externally_connectable) problems.push('declares externally_connectable (SECURITY.md says none)');
  return problems;
}

/**
 * The Chrome (and Edge) package's manifest against the requested version and README › Permissions.
 * @param {Record<string, any>} manifest
 * @param {{ version: string, files: Set<string>, expected: ReturnType<typeof permissionsFromReadme> }} options
 */
export function chromeManifestProblems(manifest, { version, files, expected }) {
  const problems = commonManifestProblems(manifest, version, files);
  if (!sameSet(manifest.permissions ?? [], expected.permissions)) problems.push(`permissions are [${manifest.permissions}], README › Permissions lists [${expected.permissions}]`);
  if (!sameSet(manifest.host_permissions ?? [], expected.hostPermissions)) problems.push(`host_permissions are [${manifest.host_permissions}], README lists [${expected.hostPermissions}]`);
  if (!sameSet(manifest.optional_host_permissions ?? [], expected.optionalHostPermissions)) problems.push(`optional_host_permissions are [${manifest.optional_host_permissions}], README lists [${expected.optionalHostPermissions}]`);
  const matches = (manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []);
  if (!sameSet(matches, expected.hostPermissions)) problems.push(`the content script runs on [${matches}], README lists [${expected.hostPermissions}]`);
  if (manifest.browser_specific_settings) problems.push('browser_specific_settings in the Chrome package (Firefox only)');
  if (manifest.key) problems.push('a "key" in the manifest (the store assigns the id)');
  if (manifest.update_url) problems.push('an update_url (the store updates it)');
  return problems;
}

/**
 * The Firefox package's manifest: what AMO accepts today — an id, data_collection_permissions `none`, and the
 * minimum versions that key needs (Firefox 140, Firefox for Android 142).
 * @param {Record<string, any>} manifest @param {{ version: string, files: Set<string> }} options
 */
export function firefoxManifestProblems(manifest, { version, files }) {
  const problems = commonManifestProblems(manifest, version, files);
  const gecko = manifest.browser_specific_settings?.gecko;
  if (!gecko) return [...problems, 'no browser_specific_settings.gecko'];
  if (!/^[\w.+-]+@[\w.-]+$/.test(String(gecko.id ?? '')) && !/^\{[0-9a-f-]{36}\}$/i.test(String(gecko.id ?? ''))) problems.push(`gecko.id "${gecko.id}" is neither an email-like id nor a {GUID}`);
  const major = (/** @type {unknown} */ v) => Number.parseInt(String(v ?? '0'), 10);
  if (major(gecko.strict_min_version) < 140) problems.push(`gecko.strict_min_version ${gecko.strict_min_version}: data_collection_permissions needs 140`);
  const android = manifest.browser_specific_settings?.gecko_android;
  if (major(android?.strict_min_version ?? gecko.strict_min_version) < 142) problems.push('gecko_android.strict_min_version below 142 (data_collection_permissions on Android)');
  const required = gecko.data_collection_permissions?.required;
  if (!Array.isArray(required) || required.join() !== 'none') problems.push(`data_collection_permissions.required is ${JSON.stringify(required)}, not ["none"] (PRIVACY.md: Lens collects nothing)`);
  if (gecko.update_url) problems.push('gecko.update_url in a package for AMO');
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// web-ext lint

/**
 * web-ext lint's JSON report split into what counts against Lens and what is ignored, and why. Ignored: the
 * UNSAFE_VAR_ASSIGNMENT on Preact's `dangerouslySetInnerHTML` support (`e.innerHTML = x.__html`, in the bundled
 * library; Lens never passes it). Everything else — every error, every other warning — is Lens's own.
 * @param {{ errors?: any[], warnings?: any[], notices?: any[] }} report
 * @param {(file: string, line: number) => string} lineOf the bundled file's line, to recognise Preact's code
 */
export function classifyLint(report, lineOf) {
  const own = [];
  const ignored = [];
  for (const e of report.errors ?? []) own.push(`error ${e.code} in ${e.file ?? 'the package'}: ${e.message}`);
  for (const w of report.warnings ?? []) {
    if (w.code === 'UNSAFE_VAR_ASSIGNMENT' && w.file && w.line) {
      const line = lineOf(w.file, w.line);
      const around = line.slice(Math.max(0, (w.column ?? 0) - 60), (w.column ?? 0) + 60);
      if (/\.innerHTML=\w+\.__html/.test(around)) {
        ignored.push(`${w.code} in ${w.file}:${w.line} — Preact's dangerouslySetInnerHTML support, bundled, never used by Lens`);
        continue;
      }
    }
    own.push(`warning ${w.code} in ${w.file ?? 'the package'}: ${w.message}`);
  }
  return { own, ignored, notices: (report.notices ?? []).map((n) => `notice ${n.code} in ${n.file ?? 'the package'}: ${n.message}`) };
}

// ---------------------------------------------------------------------------------------------------------
// Images and listing text

/** Width and height from a PNG's IHDR. @param {Buffer} buffer */
export function pngSize(buffer) {
  if (buffer.length < 24 || buffer.readUInt32BE(0) !== 0x89504e47 || buffer.toString('ascii', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

/** The text under `## <heading>` in a markdown file, up to the next `## `. @param {string} md @param {string} heading */
export function sectionText(md, heading) {
  const escaped = heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^## ${escaped}\\s*\\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm').exec(md);
  return match ? match[1].trim() : null;
}

/**
 * docs/store/listing.md against the stores' limits: the summary (the manifest's description on the Chrome Web
 * Store, ≤ 132 characters; AMO's summary ≤ 250), the description (Edge asks for at least 250 characters, the
 * Chrome Web Store takes up to 16,000), a category.
 * @param {string} md @param {string} manifestDescription
 */
export function listingProblems(md, manifestDescription) {
  const problems = [];
  const summary = sectionText(md, 'Short description');
  const long = sectionText(md, 'Long description');
  if (!summary) problems.push('listing.md has no "## Short description"');
  else {
    if ([...summary].length > 132) problems.push(`the short description is ${[...summary].length} characters (132 at most)`);
    if (summary !== manifestDescription) problems.push('the short description differs from the manifest description (the Chrome Web Store shows the manifest\'s)');
  }
  if (!long) problems.push('listing.md has no "## Long description"');
  else if (long.length < 250 || long.length > 16_000) problems.push(`the long description is ${long.length} characters (250 to 16,000)`);
  if (!sectionText(md, 'Category')) problems.push('listing.md has no "## Category"');
  return problems;
}

/** @param {number} bytes */
export function formatSize(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

// ---------------------------------------------------------------------------------------------------------
// PRIVACY.md → public/privacy.html (the page the options page links to, inside the package)

const escapeHtml = (/** @type {string} */ s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Inline markdown: `code`, **bold**, *em*, [links](…) — relative links (to other files of the repository) become their text. */
function inline(text) {
  /** @type {string[]} */
  const codes = [];
  let out = escapeHtml(text).replace(/`([^`]+)`/g, (_, code) => `\u0000${codes.push(code) - 1}\u0000`);
  out = out
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label, href) => (/^(https?:|mailto:)/.test(href) ? `<a href="${href}">${label}</a>` : label))
    .replace(/&lt;(https?:\/\/[^\s&]+)&gt;/g, '<a href="$1">$1</a>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
  return out.replace(/\u0000(\d+)\u0000/g, (_, i) => `<code>${codes[Number(i)]}</code>`);
}

/**
 * The small markdown PRIVACY.md is written in (headings, paragraphs, `-` lists with indented continuations,
 * tables, inline code/bold/em/links) as a standalone page with no script, light and dark.
 * @param {string} md
 */
export function markdownToHtml(md) {
  const lines = md.replace(/\r\n/g, '\n').split('\n');
  const body = [];
  let title = 'Privacy policy';
  for (let i = 0; i < lines.length; ) {
    const line = lines[i] ?? '';
    if (!line.trim()) {
      i++;
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1]?.length ?? 1;
      if (level === 1) title = heading[2] ?? title;
      body.push(`<h${level}>${inline(heading[2] ?? '')}</h${level}>`);
      i++;
      continue;
    }
    if (/^\|/.test(line) && /^\|[\s|:-]+\|$/.test(lines[i + 1] ?? '')) {
      const cells = (/** @type {string} */ row) => row.replace(/^\||\|$/g, '').split('|').map((c) => inline(c.trim()));
      const head = cells(line);
      i += 2;
      const rows = [];
      while (/^\|/.test(lines[i] ?? '')) rows.push(cells(lines[i++] ?? ''));
      body.push(`<table><thead><tr>${head.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`);
      continue;
    }
    if (/^- /.test(line)) {
      const items = [];
      while (/^- /.test(lines[i] ?? '') || (/^ {2,}\S/.test(lines[i] ?? '') && items.length)) {
        const current = lines[i++] ?? '';
        if (/^- /.test(current)) items.push(current.slice(2).trim());
        else items[items.length - 1] += ` ${current.trim()}`;
      }
      body.push(`<ul>${items.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`);
      continue;
    }
    const paragraph = [];
    while (lines[i]?.trim() && !/^(#{1,4}\s|- |\|)/.test(lines[i] ?? '')) paragraph.push((lines[i++] ?? '').trim());
    body.push(`<p>${inline(paragraph.join(' '))}</p>`);
  }
  return `<!doctype html>
<!-- Generated from PRIVACY.md by .ci/privacy-page.mjs: edit PRIVACY.md, then run node .ci/privacy-page.mjs. -->
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Lens for MLflow</title>
<style>
:root { color-scheme: light dark; font: 15px/1.55 system-ui, sans-serif; }
body { max-width: 760px; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .93rem; }
th, td { border: 1px solid color-mix(in srgb, currentColor 25%, transparent); padding: .4rem .55rem; text-align: left; vertical-align: top; }
code { font-family: ui-monospace, monospace; font-size: .9em; background: color-mix(in srgb, currentColor 9%, transparent); padding: 0 .2em; border-radius: 3px; }
</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}
