/**
 * Turning what a user types ("mlflow.acme.io", a pasted Snowflake session URL…) into the match pattern
 * Lens asks permission for. Ports are dropped: match patterns in Chrome and Firefox cover every port.
 */
export const BUILTIN_PATTERNS = [
  'http://localhost/*',
  'http://127.0.0.1/*',
  'https://*.snowflakecomputing.app/*',
] as const;

export type HostInput =
  | { ok: true; pattern: string; origin: string }
  | { ok: false; error: string };

export function parseHostInput(input: string): HostInput {
  const text = input.trim();
  if (!text) return { ok: false, error: 'Type the address of your MLflow, for example https://mlflow.example.com.' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    // A leading "*." is valid in a match pattern but not in a URL; parse without it.
    url = new URL(withScheme.replace('://*.', '://lens-wildcard.'));
  } catch {
    return { ok: false, error: `"${text}" is not a web address.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, error: 'Only http:// and https:// addresses can host MLflow.' };
  }
  const wildcard = url.hostname.startsWith('lens-wildcard.');
  const hostname = wildcard ? `*.${url.hostname.slice('lens-wildcard.'.length)}` : url.hostname;
  if (!hostname.includes('.') && hostname !== 'localhost' && !hostname.startsWith('[')) {
    return { ok: false, error: `"${hostname}" is not a full host name.` };
  }
  if (wildcard && hostname.split('.').length < 3) {
    return { ok: false, error: 'A wildcard must keep at least a domain and its suffix, like *.example.com.' };
  }
  const pattern = `${url.protocol}//${hostname}/*`;
  if (isCoveredByBuiltins(url.protocol, hostname)) {
    return { ok: false, error: `Lens already runs on ${hostname} without extra permission.` };
  }
  return { ok: true, pattern, origin: `${url.protocol}//${hostname}${url.port ? `:${url.port}` : ''}` };
}

function isCoveredByBuiltins(protocol: string, hostname: string): boolean {
  if (protocol === 'http:' && (hostname === 'localhost' || hostname === '127.0.0.1')) return true;
  return protocol === 'https:' && hostname.endsWith('.snowflakecomputing.app') && !hostname.startsWith('*');
}

/** Whether a page URL falls under a match pattern of the form `scheme://host/*` or `scheme://*.host/*`. */
export function patternMatchesUrl(pattern: string, pageUrl: string): boolean {
  const m = /^(https?|\*):\/\/(\*\.)?([^/]+)\/\*$/.exec(pattern);
  if (!m) return false;
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return false;
  }
  const [, scheme, wildcard, host] = m;
  if (scheme !== '*' && `${scheme}:` !== url.protocol) return false;
  if (wildcard) return url.hostname === host || url.hostname.endsWith(`.${host}`);
  return url.hostname === host;
}
