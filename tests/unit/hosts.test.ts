import { describe, expect, it } from 'vitest';
import { parseHostInput, patternMatchesUrl } from '@/lib/hosts';

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

  it('http Snowflake addresses are not covered by the built-in https pattern', () => {
    expect(parseHostInput('http://abc.snowflakecomputing.app').ok).toBe(true);
  });
});

describe('patternMatchesUrl', () => {
  it('matches host, any port, any path, and subdomains only for wildcards', () => {
    expect(patternMatchesUrl('https://mlflow.example.com/*', 'https://mlflow.example.com:8443/x/#/runs/1')).toBe(true);
    expect(patternMatchesUrl('https://mlflow.example.com/*', 'http://mlflow.example.com/')).toBe(false);
    expect(patternMatchesUrl('https://mlflow.example.com/*', 'https://a.mlflow.example.com/')).toBe(false);
    expect(patternMatchesUrl('https://*.example.com/*', 'https://a.b.example.com/')).toBe(true);
    expect(patternMatchesUrl('https://*.example.com/*', 'https://example.org/')).toBe(false);
  });
});
