#!/usr/bin/env node
/**
 * public/privacy.html from PRIVACY.md: the privacy policy inside the package, which the options page links to
 * (the stores also want it at a public address: the repository's PRIVACY.md). `npm run release` runs this;
 * tests/unit/release.test.ts fails when the page is older than PRIVACY.md.
 *   node .ci/privacy-page.mjs           write public/privacy.html
 *   node .ci/privacy-page.mjs --check   exit 1 when it is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownToHtml } from './release-lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PRIVACY_MD = join(ROOT, 'PRIVACY.md');
export const PRIVACY_HTML = join(ROOT, 'public', 'privacy.html');

/** @returns {boolean} whether the file changed */
export function writePrivacyPage() {
  const html = markdownToHtml(readFileSync(PRIVACY_MD, 'utf8'));
  let current = '';
  try {
    current = readFileSync(PRIVACY_HTML, 'utf8');
  } catch {
    /* first time */
  }
  if (current === html) return false;
  writeFileSync(PRIVACY_HTML, html);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--check')) {
    const fresh = markdownToHtml(readFileSync(PRIVACY_MD, 'utf8'));
    let current = '';
    try {
      current = readFileSync(PRIVACY_HTML, 'utf8');
    } catch {
      /* missing */
    }
    if (current !== fresh) {
      console.error('public/privacy.html is out of date with PRIVACY.md: run node .ci/privacy-page.mjs');
      process.exit(1);
    }
    console.log('public/privacy.html matches PRIVACY.md');
  } else {
    console.log(writePrivacyPage() ? 'wrote public/privacy.html' : 'public/privacy.html is up to date');
  }
}
