/**
 * The test gateway (tests/support/gateway.mjs) in front of a server that closes its idle keep-alive
 * connections, as MLflow's uvicorn does after 5 s. On a busy machine a request went out on such a connection
 * just as it closed, and the gateway answered 502 before any fault was armed (seen on MLflow 3.18, #13). The
 * upstream here makes that race certain: the second request on any connection finds it closed.
 */
import http from 'node:http';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../support/gateway.mjs';

type Gateway = Awaited<ReturnType<typeof startGateway>>;

function get(gw: Gateway, path: string, cookie = ''): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: '127.0.0.1', port: gw.port, path, method: 'GET', servername: gw.host, rejectUnauthorized: false, headers: { host: `${gw.host}:${gw.port}`, cookie } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function signIn(gw: Gateway): Promise<string> {
  return new Promise((resolve, reject) => {
    const login = new URL(gw.loginUrl);
    const form = new URLSearchParams({ user: 'u', password: 'p', next: gw.url }).toString();
    const req = https.request(
      { host: '127.0.0.1', port: login.port, path: '/login', method: 'POST', rejectUnauthorized: false, headers: { host: login.host, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(form) } },
      (res) => {
        res.resume();
        const callback = new URL(res.headers.location ?? '');
        void get(gw, callback.pathname + callback.search).then((r) => resolve(String(r.headers['set-cookie']?.[0] ?? '').split(';')[0]!), reject);
      },
    );
    req.on('error', reject);
    req.end(form);
  });
}

describe('test gateway: an upstream keep-alive connection that closed', () => {
  const perSocket = new WeakMap<object, number>();
  let upstreamRequests = 0;
  const upstream = http.createServer((req, res) => {
    upstreamRequests++;
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    if (n > 1) {
      req.socket.destroy(); // closed while idle: the request meets a reset connection
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path: req.url }));
  });
  let gw: Gateway;
  let cookie = '';

  beforeAll(async () => {
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
    const { port } = upstream.address() as { port: number };
    gw = await startGateway({ upstream: `http://127.0.0.1:${port}/` });
    cookie = await signIn(gw);
  });

  afterAll(async () => {
    await gw?.stop();
    await new Promise((r) => upstream.close(r));
  });

  it('sends the request again on a fresh connection instead of answering 502', async () => {
    expect(cookie).toMatch(new RegExp(`^${gw.cookieName}=`));
    for (let i = 0; i < 4; i++) {
      const r = await get(gw, `/ajax-api/2.0/mlflow/experiments/search?i=${i}`, cookie);
      expect(r.status, r.body).toBe(200);
      expect(JSON.parse(r.body)).toEqual({ path: `/ajax-api/2.0/mlflow/experiments/search?i=${i}` });
    }
    // Each request after the first met a closed connection once and was sent again: never more than twice.
    expect(upstreamRequests).toBeLessThanOrEqual(4 * 2);
  });
});
