/**
 * Turning what a user types ("mlflow.acme.io", a pasted Snowflake session URL…) into the match pattern
 * Lens asks permission for. Ports are dropped: match patterns in Chrome and Firefox cover every port.
 */
import { parse as parseDomain } from 'tldts';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { BUILTIN_PATTERNS } from './builtin';

export { BUILTIN_PATTERNS };

export type HostInput =
  | { ok: true; pattern: string; origin: string }
  | { ok: false; error: string };

/** A host name as the URL parser leaves it (lower case, punycode): labels of letters, digits, "-" and "_". */
const HOST_NAME = /^(?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;

export function parseHostInput(input: string): HostInput {
  const text = input.trim();
  if (!text) return { ok: false, error: 'Type the address of your MLflow, for example https://mlflow.example.com.' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  // The host as typed, before the URL parser decodes anything ("%2A" would become a "*" after this check).
  const authority = withScheme.slice(withScheme.indexOf('://') + 3).split(/[/?#\\]/, 1)[0]!;
  const typedHost = authority.slice(authority.lastIndexOf('@') + 1);
  const wildcard = typedHost.startsWith('*.');
  if (/[*%]/.test(wildcard ? typedHost.slice(2) : typedHost) || authority.includes('@')) {
    return { ok: false, error: `"${text}" is not a host Lens can match: a "*" may only stand first, as in *.example.com, and the address can't hold "%" or a user name.` };
  }
  let url: URL;
  try {
    // A leading "*." is valid in a match pattern but not in a URL; parse without it.
    url = new URL(wildcard ? withScheme.replace('://*.', '://lens-wildcard.') : withScheme);
  } catch {
    return { ok: false, error: `"${text}" is not a web address.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, error: 'Only http:// and https:// addresses can host MLflow.' };
  }
  const bare = wildcard ? url.hostname.slice('lens-wildcard.'.length) : url.hostname;
  if (wildcard ? !url.hostname.startsWith('lens-wildcard.') || !HOST_NAME.test(bare) : !HOST_NAME.test(bare) && !IPV6.test(bare)) {
    return { ok: false, error: `"${text}" is not a web address.` };
  }
  const hostname = wildcard ? `*.${bare}` : bare;
  if (!hostname.includes('.') && hostname !== 'localhost' && !hostname.startsWith('[')) {
    // As typed: the parser's form of it (lower case, %-escapes in some browsers) is not what the user wrote.
    return { ok: false, error: `"${text}" is not a full host name (like mlflow.example.com).` };
  }
  if (wildcard) {
    const refused = wildcardRefusal(bare);
    if (refused) return { ok: false, error: refused };
  }
  const pattern = `${url.protocol}//${hostname}/*`;
  if (isCoveredByBuiltins(url.protocol, hostname)) {
    return { ok: false, error: `Lens already runs on ${hostname} without extra permission.` };
  }
  return { ok: true, pattern, origin: `${url.protocol}//${hostname}${url.port ? `:${url.port}` : ''}` };
}

/**
 * Why `*.<domain>` can't be a host pattern, if it can't: a wildcard must stay inside one registrable domain,
 * so never over an IP address or a public suffix — of the Public Suffix List's ICANN section (`com`, `co.uk`)
 * or its private one (`github.io`, `ngrok.io`: every user's site sits under those), or a top-level name the
 * list doesn't know (`internal`).
 */
function wildcardRefusal(domain: string): string | undefined {
  const parsed = parseDomain(domain, { allowPrivateDomains: true });
  if (parsed.isIp) return 'A wildcard can’t cover an IP address: add the address itself.';
  if (!parsed.domain) {
    return `A wildcard can’t cover the public suffix "${domain}": sites of unrelated owners sit under it. Keep your own domain in it, like *.example.${domain}.`;
  }
  return undefined;
}

/**
 * Whether a stored host pattern is one `parseHostInput` could have made: `scheme://host/*` or
 * `scheme://*.domain/*` under the current rules (so a pattern an older Lens accepted, such as
 * `https://*.co.uk/*`, is no longer registered).
 */
export function isAcceptablePattern(pattern: string): boolean {
  const m = /^(https?):\/\/([^/]+)\/\*$/.exec(pattern);
  if (!m) return false;
  const parsed = parseHostInput(`${m[1]}://${m[2]}`);
  return parsed.ok && parsed.pattern === pattern;
}

/** Whether a built-in pattern already covers every page of `hostname` (a `*.domain` only under a wildcard of its own). */
function isCoveredByBuiltins(protocol: string, hostname: string): boolean {
  const wildcard = hostname.startsWith('*.');
  const page = `${protocol}//${wildcard ? hostname.slice(2) : hostname}/`;
  return BUILTIN_PATTERNS.some((pattern) => (!wildcard || pattern.includes('://*.')) && patternMatchesUrl(pattern, page));
}

/** Whether a page URL falls under a match pattern, as the browser matches them (any port). */
export function patternMatchesUrl(pattern: string, pageUrl: string): boolean {
  try {
    return new MatchPattern(pattern).includes(pageUrl);
  } catch {
    return false; // not a pattern or not a URL (MatchPattern also refuses an IPv6 host: Lens never stores one as a builtin)
  }
}
