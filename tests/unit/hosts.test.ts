import { describe, expect, it } from 'vitest';
import { BUILTIN_PATTERNS, isAcceptablePattern, parseHostInput, patternMatchesUrl } from '@/lib/hosts/patterns';

describe('parseHostInput', () => {
  it.each([
    ['mlflow.example.com', 'https://mlflow.example.com/*', 'https://mlflow.example.com'],
    ['https://mlflow.example.com:8443/mlflow/#/experiments/1', 'https://mlflow.example.com/*', 'https://mlflow.example.com:8443'],
    ['http://10.0.0.5:5000', 'http://10.0.0.5/*', 'http://10.0.0.5:5000'],
    ['  https://*.internal.acme.io  ', 'https://*.internal.acme.io/*', 'https://*.internal.acme.io'],
    ['http://localhost:5000', undefined, undefined],
    ['https://abc-myacct.snowflakecomputing.app/#/experiments/3', undefined, undefined],
  ])('%s', (input, pattern, origin) => {
    const result = parseHostInput(input);
    if (pattern === undefined) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/already runs/);
    } else {
      expect(result).toEqual({ ok: true, pattern, origin });
    }
  });

  it('refuses what is not an MLflow web address, saying why', () => {
    const cases = { '': /Type the address/, 'ftp://x.example.com': /Only http/, 'intranet': /full host name/, 'https://*.com': /wildcard/, 'http://exa mple.com': /not a web address/ };
    for (const [input, message] of Object.entries(cases)) {
      const result = parseHostInput(input);
      expect(result.ok, input).toBe(false);
      if (!result.ok) expect(result.error).toMatch(message);
    }
  });

  it('quotes a refused address as typed, not as the URL parser rewrote it', () => {
    const result = parseHostInput('  INTRANET:8080 ');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('"INTRANET:8080"');
  });

  // Issue #15.5: the URL parser decodes %2A after the wildcard check ("https://%2A.com" became
  // https://*.com/*), a "*" after a user name or inside the host got through, and wildcards over public
  // suffixes (co.uk, github.io, ngrok.io) were accepted.
  it.each([
    'https://%2A.com',
    'https://%2a.example.com',
    'https://lens.%2A.com',
    'https://*.%2A.com',
    'https://x@*.co.uk',
    'https://mlflow@%2A.com',
    'https://a.*.example.com',
    'https://*.*.example.com',
    'https://mlflow*.example.com',
    '*example.com',
    'https://ml%66low.example.com',
    'http://*',
    'https://*.',
  ])('refuses a "*" or a percent sign anywhere but a leading "*.": %s', (input) => {
    const result = parseHostInput(input);
    expect(result.ok, JSON.stringify(result)).toBe(false);
  });

  it.each([
    ['https://*.co.uk', 'co.uk'],
    ['https://*.github.io', 'github.io'],
    ['https://*.ngrok.io', 'ngrok.io'],
    ['https://*.ngrok-free.app', 'ngrok-free.app'],
    ['https://*.compute.amazonaws.com', 'compute.amazonaws.com'],
    ['*.com', 'com'],
    ['https://*.internal', 'internal'],
  ])('refuses a wildcard over the public suffix: %s', (input, suffix) => {
    const result = parseHostInput(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(suffix);
  });

  it('refuses a wildcard over an IP address', () => {
    expect(parseHostInput('http://*.10.0.0.5').ok).toBe(false);
  });

  it('still takes wildcards under a registrable domain, public suffixes included', () => {
    expect(parseHostInput('https://*.example.co.uk')).toEqual({ ok: true, pattern: 'https://*.example.co.uk/*', origin: 'https://*.example.co.uk' });
    expect(parseHostInput('https://*.acme.github.io')).toMatchObject({ ok: true, pattern: 'https://*.acme.github.io/*' });
    expect(parseHostInput('https://*.ml.corp.local')).toMatchObject({ ok: true, pattern: 'https://*.ml.corp.local/*' });
    expect(parseHostInput('https://acme.github.io')).toMatchObject({ ok: true, pattern: 'https://acme.github.io/*' });
  });

  it('isAcceptablePattern: what parseHostInput makes, and nothing an older Lens may have stored wrongly', () => {
    expect(isAcceptablePattern('https://mlflow.example.com/*')).toBe(true);
    expect(isAcceptablePattern('https://*.ml.example.com/*')).toBe(true);
    expect(isAcceptablePattern('http://10.0.0.5/*')).toBe(true);
    for (const bad of ['https://*.com/*', 'https://*.co.uk/*', 'https://*.github.io/*', '<all_urls>', 'https://*/*', '*://*/*', 'https://a.*.com/*', 'https://x.com/path/*', 'file:///*']) {
      expect(isAcceptablePattern(bad), bad).toBe(false);
    }
  });

  it('http Snowflake addresses are not covered by the built-in https pattern', () => {
    expect(parseHostInput('http://abc.snowflakecomputing.app').ok).toBe(true);
  });

  it('a wildcard under the built-in Snowflake wildcard is covered already; one under a plain built-in host is not', () => {
    const covered = parseHostInput('https://*.acme.snowflakecomputing.app');
    expect(covered).toEqual({ ok: false, error: 'Lens already runs on *.acme.snowflakecomputing.app without extra permission.' });
    expect(parseHostInput('http://127.0.0.1:8080').ok).toBe(false);
    expect(parseHostInput('https://localhost')).toEqual({ ok: true, pattern: 'https://localhost/*', origin: 'https://localhost' });
  });
});

describe('patternMatchesUrl', () => {
  it('matches host, any port, any path, and subdomains only for wildcards', () => {
    expect(patternMatchesUrl('https://mlflow.example.com/*', 'https://mlflow.example.com:8443/x/#/runs/1')).toBe(true);
    expect(patternMatchesUrl('https://mlflow.example.com/*', 'http://mlflow.example.com/')).toBe(false);
    expect(patternMatchesUrl('https://mlflow.example.com/*', 'https://a.mlflow.example.com/')).toBe(false);
    expect(patternMatchesUrl('https://*.example.com/*', 'https://a.b.example.com/')).toBe(true);
    expect(patternMatchesUrl('https://*.example.com/*', 'https://example.org/')).toBe(false);
    expect(patternMatchesUrl('https://*.example.com/*', 'https://evilexample.com/')).toBe(false);
    expect(patternMatchesUrl('https://*.example.com/*', 'https://example.com/')).toBe(true);
    expect(patternMatchesUrl('http://localhost/*', 'http://localhost:5000/#/experiments/1')).toBe(true);
    expect(patternMatchesUrl('http://localhost/*', 'not a url')).toBe(false);
    expect(patternMatchesUrl('mlflow.example.com', 'https://mlflow.example.com/')).toBe(false);
  });

  it('the built-in hosts (manifest, content script, options page) are valid match patterns covering what they say', () => {
    expect([...BUILTIN_PATTERNS]).toEqual(['http://localhost/*', 'http://127.0.0.1/*', 'https://*.snowflakecomputing.app/*']);
    expect(BUILTIN_PATTERNS.map((p) => patternMatchesUrl(p, 'https://abc-acct.snowflakecomputing.app/#/'))).toEqual([false, false, true]);
    expect(BUILTIN_PATTERNS.map((p) => patternMatchesUrl(p, 'http://127.0.0.1:5000/'))).toEqual([false, true, false]);
  });
});
