// A test stand-in for Snowflake's SPCS ingress (docs: /work/shared/reference/hosting-and-auth.md, F1): an
// HTTPS reverse proxy in front of a real MLflow, served as `<id>-<account>.snowflakecomputing.app`, that
// lets a request through only with its session cookie and otherwise redirects to a sign-in page on another
// origin — plus faults on demand. Node's http/https only; plain ESM + JSDoc (types in gateway.d.mts).
//
// The browser reaches it by name through Chromium flags (`chromiumArgs`): the host names are mapped to
// 127.0.0.1 and the self-signed certificate is accepted.
//
// Certificate: made at startup with the `openssl` CLI in a temp dir (read into memory, the dir removed),
// once per process. Not checked in: a private key in the repo trips secret scanners and a stored
// certificate expires one day and breaks the suite; openssl is on every machine that runs these tests
// (Debian base image) and takes a few milliseconds for an EC key.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Lens's request timeout (lib/mlflow/http.ts, `timeoutMs ?? 20_000`; page-client.ts does not override it). */
export const LENS_REQUEST_TIMEOUT_MS = 20_000;
/** How long a `slow` fault holds its answer by default: past Lens's timeout. */
export const DEFAULT_SLOW_MS = LENS_REQUEST_TIMEOUT_MS + 5_000;
export const SNOWFLAKE_APP_DOMAIN = 'snowflakecomputing.app';

/** @type {Promise<{ key: string, cert: string }> | undefined} */
let certificate;

/** One self-signed certificate for `*.snowflakecomputing.app`, made with openssl on first use. */
export function testCertificate() {
  certificate ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lens-gateway-cert-'));
    try {
      const key = join(dir, 'key.pem');
      const cert = join(dir, 'cert.pem');
      await promisify(execFile)('openssl', [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', key, '-out', cert, '-days', '2',
        '-subj', `/CN=*.${SNOWFLAKE_APP_DOMAIN}`,
        '-addext', `subjectAltName=DNS:*.${SNOWFLAKE_APP_DOMAIN},DNS:localhost,IP:127.0.0.1`,
      ]);
      return { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') };
    } catch (error) {
      certificate = undefined;
      throw new Error(`gateway: could not make a test certificate with openssl (is it installed?): ${error}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })();
  return certificate;
}

/**
 * @typedef {401 | 403 | 500 | 502 | 'slow' | 'truncated-json' | 'wrong-shape' | 'drop' | 'login-redirect'} FaultKind
 * @typedef {{ method?: string, path: string | RegExp, kind: FaultKind, times?: number }} FaultRule
 * @typedef {{ method: string, path: string, status: number, fault?: FaultKind, at: number }} LoggedRequest
 */

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

/**
 * @param {{
 *   upstream: string,
 *   id?: string,
 *   account?: string,
 *   hostHeader?: 'translate' | 'preserve',
 *   slowMs?: number,
 *   sessionTtlMs?: number,
 *   user?: string,
 * }} options
 */
export async function startGateway(options) {
  const { id = 'lens-test', account = 'acct', hostHeader = 'translate', slowMs = DEFAULT_SLOW_MS, user = 'LENS_TEST_USER' } = options;
  const sessionTtlMs = options.sessionTtlMs ?? 3_600_000;
  const upstream = new URL(options.upstream);
  if (upstream.protocol !== 'http:') throw new Error(`gateway: upstream must be http://…, got ${options.upstream}`);
  const prefix = upstream.pathname.replace(/\/+$/, ''); // '' or '/mlflow'
  const host = `${id}-${account}.${SNOWFLAKE_APP_DOMAIN}`;
  const loginHost = `login-${account}.${SNOWFLAKE_APP_DOMAIN}`;
  const cookieName = `sfc-ss-ingress-auth-v1-${id}`;
  const tls = await testCertificate();

  /** @type {Map<string, number>} session value → expiry (ms since epoch) */
  const sessions = new Map();
  /** @type {Map<string, string>} one-time sign-in code → `next` URL */
  const codes = new Map();
  /** @type {(FaultRule & { left: number })[]} */
  let faults = [];
  /** @type {LoggedRequest[]} */
  const requests = [];
  /** @type {Set<ReturnType<typeof setTimeout>>} */
  const timers = new Set();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

  const gatewayServer = https.createServer({ key: tls.key, cert: tls.cert });
  const loginServer = https.createServer({ key: tls.key, cert: tls.cert });
  const port = await listen(gatewayServer);
  const loginPort = await listen(loginServer);
  const origin = `https://${host}:${port}`;
  const loginOrigin = `https://${loginHost}:${loginPort}`;
  const url = `${origin}${prefix}/`;
  const loginUrl = `${loginOrigin}/login`;

  const loginRedirect = (/** @type {http.ServerResponse} */ res, /** @type {string} */ next) => {
    res.writeHead(302, {
      Location: `${loginUrl}?next=${encodeURIComponent(next)}`,
      'Cache-Control': 'no-store',
      'Content-Type': 'text/html; charset=utf-8',
    });
    res.end('<!doctype html><title>Redirecting</title><p>Redirecting to sign in…</p>');
  };

  const sessionOf = (/** @type {http.IncomingMessage} */ req) => {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === cookieName) {
        const value = part.slice(eq + 1).trim();
        const expires = sessions.get(value);
        if (expires !== undefined && expires > Date.now()) return value;
      }
    }
    return null;
  };

  /** @param {string} method @param {string} pathAndQuery */
  const takeFault = (method, pathAndQuery) => {
    const pathname = pathAndQuery.split('?', 1)[0] ?? '';
    const rule = faults.find((f) => {
      if (f.method && f.method.toUpperCase() !== method) return false;
      if (f.path instanceof RegExp) return f.path.test(pathAndQuery);
      const want = f.path.replace(/^\/+/, '');
      return pathname === `/${want}` || pathname.endsWith(`/${want}`);
    });
    if (!rule) return undefined;
    if (--rule.left <= 0) faults = faults.filter((f) => f !== rule);
    return rule.kind;
  };

  /**
   * Forwards to MLflow. `translate` (the default): the gateway only answers for its own Host (anything else
   * gets 421), and maps its own Host and — on requests from its own pages — its own Origin to the upstream's,
   * so a shared MLflow started without `--allowed-hosts`/`--cors-allowed-origins` for the gateway serves them,
   * while any foreign Origin (another site, `chrome-extension://…`) still reaches MLflow as is and MLflow's
   * CORS check still refuses its writes. `preserve`: Host and Origin untouched, as a transparent ingress; the
   * MLflow must then be started with `--allowed-hosts <host>:*` and `--cors-allowed-origins <origin>` (3.x).
   * @param {http.IncomingMessage} req @param {http.ServerResponse} res
   * @param {(status: number, headers: http.OutgoingHttpHeaders, body: Buffer) => void} [onBody] buffer the answer and hand it over instead of streaming it
   */
  const forward = (req, res, onBody) => {
    /** @type {http.OutgoingHttpHeaders} */
    const headers = { ...req.headers };
    for (const h of HOP_BY_HOP) delete headers[h];
    // The ingress keeps its own cookie to itself and tells the app who the caller is instead.
    const cookies = (req.headers.cookie ?? '').split(';').map((c) => c.trim()).filter((c) => c && !c.startsWith(`${cookieName}=`));
    if (cookies.length) headers.cookie = cookies.join('; ');
    else delete headers.cookie;
    headers['sf-context-current-user'] = user;
    headers['x-forwarded-proto'] = 'https';
    headers['x-forwarded-host'] = req.headers.host;
    headers['x-forwarded-for'] = req.socket.remoteAddress ?? '127.0.0.1';
    if (hostHeader === 'translate') {
      headers.host = upstream.host;
      if (req.headers.origin === origin) headers.origin = upstream.origin;
    }
    if (onBody) headers['accept-encoding'] = 'identity';
    /** @type {http.ClientRequest | null} */
    let current = null;
    res.on('close', () => {
      if (!res.writableFinished) current?.destroy();
    });
    // The body is read first so a request can be sent twice: MLflow's server closes idle keep-alive
    // connections (uvicorn after 5 s), and a request that went out on one just as it closed fails with
    // ECONNRESET before any byte came back. That is the ingress's problem, never the app's: send it again on a
    // fresh connection, once, as Node's documentation advises (`request.reusedSocket`).
    /** @type {Buffer[]} */
    const body = [];
    req.on('data', (c) => body.push(c));
    req.on('end', () => send(Buffer.concat(body), 0));
    /** @param {Buffer} payload @param {number} attempt */
    const send = (payload, attempt) => {
    const up = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent },
      (upRes) => {
        /** @type {http.OutgoingHttpHeaders} */
        const out = { ...upRes.headers };
        for (const h of HOP_BY_HOP) delete out[h];
        const location = upRes.headers.location;
        if (location?.startsWith(upstream.origin)) out.location = origin + location.slice(upstream.origin.length);
        if (onBody) {
          /** @type {Buffer[]} */
          const chunks = [];
          upRes.on('data', (c) => chunks.push(c));
          upRes.on('end', () => onBody(upRes.statusCode ?? 502, out, Buffer.concat(chunks)));
          upRes.on('error', () => res.destroy());
          return;
        }
        res.writeHead(upRes.statusCode ?? 502, out);
        upRes.pipe(res);
      },
    );
    current = up;
    up.on('error', (/** @type {NodeJS.ErrnoException} */ err) => {
      if (attempt === 0 && up.reusedSocket && !res.headersSent && !res.destroyed && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) {
        send(payload, 1);
        return;
      }
      if (res.headersSent) res.destroy();
      else sendHtml(res, 502, '502 Bad Gateway', 'The service did not answer.');
    });
    up.end(payload);
    };
  };

  /** @param {FaultKind} kind @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  const applyFault = (kind, req, res) => {
    switch (kind) {
      case 401:
        return sendText(res, 401, 'Unauthorized');
      case 403:
        return sendText(res, 403, 'Forbidden: your role has no access to this service endpoint.');
      case 500:
        return sendHtml(res, 500, '500 Internal Server Error', 'The server encountered an internal error and was unable to complete your request.');
      case 502:
        return sendHtml(res, 502, '502 Bad Gateway', 'The service endpoint is not responding. Try again later.');
      case 'slow': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) forward(req, res);
        }, slowMs);
        timers.add(timer);
        res.on('close', () => {
          clearTimeout(timer);
          timers.delete(timer);
        });
        return;
      }
      case 'truncated-json':
        // The upstream really answers (a POST really happens); the answer is cut off half way.
        return forward(req, res, (status, headers, body) => {
          const cut = body.length > 1 ? body.subarray(0, Math.floor(body.length / 2)) : Buffer.from('{"');
          delete headers['content-encoding'];
          res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': cut.length });
          res.end(cut);
        });
      case 'wrong-shape': {
        const body = JSON.stringify([{ lens_gateway: 'JSON of the wrong shape', items: 'not a list' }]);
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
        return res.end(body);
      }
      case 'drop':
        return req.socket.destroy();
      case 'login-redirect':
        return loginRedirect(res, origin + req.url);
      default:
        return sendText(res, 500, `gateway: unknown fault kind ${String(kind)}`);
    }
  };

  gatewayServer.on('request', (req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = req.url ?? '/';
    /** @type {LoggedRequest} */
    const entry = { method, path, status: 0, at: Date.now() };
    requests.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));

    if (req.headers.host !== `${host}:${port}` && req.headers.host !== host) {
      return sendText(res, 421, `This gateway serves ${host} only.`);
    }
    const pathname = path.split('?', 1)[0];
    if (pathname === '/sfc-endpoint/callback') {
      const params = new URL(path, origin).searchParams;
      const next = codes.get(params.get('code') ?? '');
      codes.delete(params.get('code') ?? '');
      if (!next) return loginRedirect(res, url);
      const value = randomBytes(24).toString('base64url');
      sessions.set(value, Date.now() + sessionTtlMs);
      res.writeHead(302, {
        Location: next,
        'Set-Cookie': `${cookieName}=${value}; Path=/; Max-Age=${Math.round(sessionTtlMs / 1000)}; Secure; HttpOnly; SameSite=Lax`,
        'Cache-Control': 'no-store',
      });
      return res.end();
    }
    if (pathname === '/sfc-endpoint/logout') {
      const value = sessionOf(req);
      if (value) sessions.delete(value);
      res.writeHead(302, { Location: `${loginUrl}?next=${encodeURIComponent(url)}`, 'Set-Cookie': `${cookieName}=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax` });
      return res.end();
    }
    if (!sessionOf(req)) return loginRedirect(res, origin + path);
    const kind = takeFault(method, path);
    if (kind !== undefined) {
      entry.fault = kind;
      return applyFault(kind, req, res);
    }
    forward(req, res);
  });

  loginServer.on('request', (req, res) => {
    const here = new URL(req.url ?? '/', loginOrigin);
    if (here.pathname !== '/login') return sendText(res, 404, 'Not found');
    if (req.method === 'GET') {
      const next = here.searchParams.get('next') ?? url;
      return sendHtml(res, 200, 'Sign in to Snowflake', `
        <form method="post" action="/login">
          <input type="hidden" name="next" value="${escapeHtml(next)}">
          <p><label>User name <input name="user" autocomplete="username" required></label></p>
          <p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p>
          <p><button type="submit">Sign in</button></p>
        </form>`);
    }
    if (req.method !== 'POST') return sendText(res, 405, 'Method not allowed');
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      let next = form.get('next') ?? url;
      try {
        // Only back to the gateway: never an open redirect, even in a test.
        if (new URL(next).origin !== origin) next = url;
      } catch {
        next = url;
      }
      if (!form.get('user') || !form.get('password')) return sendHtml(res, 400, 'Sign in to Snowflake', '<p>User name and password are required.</p>');
      // The session cookie is the gateway's own (a host-only cookie another origin cannot set): hand over a
      // one-time code, the way the ingress's OAuth-style callback does, and the gateway sets it.
      const code = randomBytes(16).toString('hex');
      codes.set(code, next);
      res.writeHead(302, { Location: `${origin}/sfc-endpoint/callback?code=${code}`, 'Cache-Control': 'no-store' });
      res.end();
    });
  });

  for (const server of [gatewayServer, loginServer]) {
    server.on('clientError', (_err, socket) => socket.destroy());
    server.on('tlsClientError', () => {});
  }

  let stopped = false;
  return {
    url,
    origin,
    host,
    port,
    prefix,
    loginUrl,
    loginOrigin,
    cookieName,
    requests,
    /** Chromium flags that send both host names here and accept the self-signed certificate. */
    chromiumArgs: [`--host-resolver-rules=MAP ${host} 127.0.0.1, MAP ${loginHost} 127.0.0.1`, '--ignore-certificate-errors'],
    cert: tls.cert,
    /** @param {FaultRule} rule */
    fault(rule) {
      const times = rule.times ?? Infinity;
      if (!(times > 0)) throw new Error(`gateway.fault: times must be > 0, got ${rule.times}`);
      faults.push({ ...rule, left: times });
    },
    clearFaults() {
      faults = [];
    },
    expireSessions() {
      sessions.clear();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.all([gatewayServer, loginServer].map((s) => new Promise((resolve) => {
        s.close(() => resolve(undefined));
        s.closeAllConnections();
      })));
      agent.destroy();
    },
  };
}

/** @param {https.Server} server @returns {Promise<number>} */
function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

/** @param {http.ServerResponse} res @param {number} status @param {string} text */
function sendText(res, status, text) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

/** @param {http.ServerResponse} res @param {number} status @param {string} title @param {string} html */
function sendHtml(res, status, title, html) {
  const body = `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${html.startsWith('<') || html.startsWith('\n') ? html : `<p>${escapeHtml(html)}</p>`}</body></html>\n`;
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(body);
}

/** @param {string} s */
function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
