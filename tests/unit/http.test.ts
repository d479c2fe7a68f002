/**
 * The transport, with fetch replaced by one that answers with responses recorded from real MLflow
 * servers (tests/unit/fixtures, made by tests/support/record-fixtures.mjs).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '@/lib/mlflow/client';
import { isMlflowError } from '@/lib/mlflow/errors';
import { Limiter, MAX_RESPONSE_BYTES, MlflowHttp } from '@/lib/mlflow/http';
import * as S from '@/lib/mlflow/schemas';

const FIXTURES = join(__dirname, 'fixtures');
const VERSIONS = readdirSync(FIXTURES).filter((d) => /^\d/.test(d));

interface Recorded {
  request: { method: string; path: string };
  status: number;
  body: unknown;
}
function recorded(version: string, name: string): Recorded {
  return JSON.parse(readFileSync(join(FIXTURES, version, `${name}.json`), 'utf8')) as Recorded;
}
function reply(rec: Pick<Recorded, 'status' | 'body'>, contentType = 'application/json'): Response {
  const text = typeof rec.body === 'string' ? rec.body : JSON.stringify(rec.body);
  return new Response(text, { status: rec.status, headers: { 'content-type': contentType } });
}

interface Call {
  url: URL;
  init: RequestInit;
}
function fakeFetch(answers: (call: Call, n: number) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: new URL(String(input)), init: init ?? {} };
    calls.push(call);
    return answers(call, calls.length);
  }) as typeof fetch;
  return { fn, calls };
}

describe.each(VERSIONS)('recorded MLflow %s responses', (version) => {
  it('parse with Lens schemas', () => {
    const parse = (name: string, schema: { safeParse(v: unknown): { success: boolean } }) =>
      expect(schema.safeParse(recorded(version, name).body).success, name).toBe(true);
    parse('runs-get', S.GetRunResponse);
    parse('runs-search-page1', S.SearchRunsResponse);
    parse('runs-search-page2', S.SearchRunsResponse);
    parse('experiments-search', S.SearchExperimentsResponse);
    parse('metrics-get-history-val_loss-nan', S.MetricHistoryResponse);
    parse('metrics-get-history-bulk-interval', S.BulkIntervalResponse);
    parse('registered-models-search', S.SearchRegisteredModelsResponse);
    parse('model-versions-search', S.SearchModelVersionsResponse);
  });

  it('errors recorded from the server map to their kinds', async () => {
    for (const [name, kind] of [['runs-get-missing', 'not-found'], ['registered-models-create-duplicate', 'already-exists']] as const) {
      const rec = recorded(version, name);
      const { fn } = fakeFetch(() => reply(rec));
      const http = new MlflowHttp({ baseUrl: 'http://localhost:5000/', fetch: fn });
      const error = await http.get('runs/get', {}, S.GetRunResponse).catch((e: unknown) => e);
      expect(isMlflowError(error, kind), `${name}: ${String(error)}`).toBe(true);
    }
  });
});

describe('MlflowHttp', () => {
  const runGet = recorded(VERSIONS[0]!, 'runs-get');

  it('resolves against the page base (path prefixes work) and sends MLflow UI headers', async () => {
    const { fn, calls } = fakeFetch(() => reply(runGet));
    const http = new MlflowHttp({
      baseUrl: 'https://acct.snowflakecomputing.app/mlflow/#/experiments/1',
      fetch: fn,
      cookies: () => 'sfc-ss-csrf=1; mlflow-request-header-X-Csrf-Token=abc%3D; other=2; mlflow-request-header-Bad Name=x',
      workspace: () => 'team-a',
    });
    await new MlflowClient(http).getRun('r1');
    const { url, init } = calls[0]!;
    expect(url.href).toBe('https://acct.snowflakecomputing.app/mlflow/ajax-api/2.0/mlflow/runs/get?run_id=r1');
    expect(init.headers).toEqual({
      'Content-Type': 'application/json; charset=utf-8',
      'X-Csrf-Token': 'abc=',
      'X-MLFLOW-WORKSPACE': 'team-a',
    });
    expect(init.credentials).toBe('same-origin');
    expect(init.redirect).toBe('manual');
  });

  it('repeats query arrays (run_ids=a&run_ids=b) and always sends max_results', async () => {
    const { fn, calls } = fakeFetch(() => reply(recorded(VERSIONS[0]!, 'metrics-get-history-bulk-interval')));
    const client = new MlflowClient({ baseUrl: 'http://localhost:5000/', fetch: fn });
    await client.getMetricHistoryBulkInterval(['a', 'b'], 'val_loss');
    expect(calls[0]!.url.searchParams.getAll('run_ids')).toEqual(['a', 'b']);
    expect(calls[0]!.url.searchParams.get('max_results')).toBe('320');
    const { fn: fn2, calls: calls2 } = fakeFetch(() => reply(recorded(VERSIONS[0]!, 'experiments-search')));
    await new MlflowClient({ baseUrl: 'http://localhost:5000/', fetch: fn2 }).searchExperiments();
    expect(calls2[0]!.url.searchParams.get('max_results')).toBe('100');
  });

  it('retries GETs on 429/503 with backoff, never POSTs', async () => {
    const busy = { status: 503, body: 'Service Unavailable' };
    const { fn, calls } = fakeFetch((_, n) => (n < 3 ? reply(busy, 'text/plain') : reply(runGet)));
    const http = new MlflowHttp({ baseUrl: 'http://localhost:5000/', fetch: fn, retryDelaysMs: [1, 1, 1] });
    await expect(http.get('runs/get', { run_id: 'x' }, S.GetRunResponse)).resolves.toMatchObject({ run: { info: { run_name: 'bold-heron-17' } } });
    expect(calls).toHaveLength(3);

    const post = fakeFetch(() => reply({ status: 429, body: 'Too many' }, 'text/plain'));
    const http2 = new MlflowHttp({ baseUrl: 'http://localhost:5000/', fetch: post.fn, retryDelaysMs: [1, 1, 1] });
    const error = await http2.post('registered-models/create', { name: 'x' }, S.RegisteredModelResponse).catch((e: unknown) => e);
    expect(isMlflowError(error, 'server-error')).toBe(true);
    expect(post.calls).toHaveLength(1);
  });

  it('recognises an expired session: 401, a redirect, or a login page where JSON was expected', async () => {
    const answers: Response[] = [
      new Response('You are not authenticated.', { status: 401, headers: { 'www-authenticate': 'Basic realm="mlflow"' } }),
      new Response(null, { status: 302, headers: { location: 'https://login.example.com/' } }),
      new Response('<!DOCTYPE html><html><body><form>Sign in</form></body></html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    ];
    for (const answer of answers) {
      const { fn } = fakeFetch(() => answer);
      const http = new MlflowHttp({ baseUrl: 'http://localhost:5000/', fetch: fn });
      const error = await http.get('runs/get', {}, S.GetRunResponse).catch((e: unknown) => e);
      expect(isMlflowError(error, 'session-expired'), String(error)).toBe(true);
      expect((error as Error).message).toMatch(/sign in again in this tab/i);
    }
  });

  it('tells a cross-origin block and a host-header block apart from plain permission denial', async () => {
    const cases = [
      ['Cross-origin request blocked', 'cross-origin-blocked', /--cors-allowed-origins https:\/\/mlflow\.example\.com/],
      ['Invalid Host header - possible DNS rebinding attack detected', 'host-not-allowed', /--allowed-hosts mlflow\.example\.com/],
      ['Permission denied', 'permission-denied', /denied permission for model-versions create/],
    ] as const;
    for (const [body, kind, message] of cases) {
      const { fn } = fakeFetch(() => new Response(body, { status: 403, headers: { 'content-type': 'text/plain' } }));
      const http = new MlflowHttp({ baseUrl: 'https://mlflow.example.com/', fetch: fn });
      const error = await http.post('model-versions/create', {}, S.ModelVersionResponse).catch((e: unknown) => e);
      expect(isMlflowError(error, kind), String(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('names truncated JSON and 5xx HTML pages for what they are', async () => {
    const text = JSON.stringify(runGet.body);
    const truncated = fakeFetch(() => new Response(text.slice(0, text.length / 2), { status: 200, headers: { 'content-type': 'application/json' } }));
    const e1 = await new MlflowHttp({ baseUrl: 'http://localhost:5000/', fetch: truncated.fn }).get('runs/get', {}, S.GetRunResponse).catch((e: unknown) => e);
    expect(isMlflowError(e1, 'unexpected-response')).toBe(true);
    expect((e1 as Error).message).toMatch(/not valid JSON/);
    const gateway = fakeFetch(() => new Response('<html><body>502 Bad Gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    const e2 = await new MlflowHttp({ baseUrl: 'http://localhost:5000/', fetch: gateway.fn, retryDelaysMs: [] }).get('runs/get', {}, S.GetRunResponse).catch((e: unknown) => e);
    expect(isMlflowError(e2, 'server-error')).toBe(true);
    expect((e2 as Error).message).toMatch(/HTTP 502/);
  });

  it('a caller abort is "aborted", not a failure to report', async () => {
    const { fn } = fakeFetch((call) => new Promise((_, reject) => call.init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))));
    const controller = new AbortController();
    const pending = new MlflowHttp({ baseUrl: 'http://localhost:5000/', fetch: fn }).get('runs/get', {}, S.GetRunResponse, { signal: controller.signal });
    controller.abort();
    expect(isMlflowError(await pending.catch((e: unknown) => e), 'aborted')).toBe(true);
  });
});

// Issue #15.4: a page with <base href="http://elsewhere/"> made Lens send its requests, the
// mlflow-request-header-* cookies turned into headers (Authorization), to another origin.
describe('MlflowHttp: requests stay on the page origin', () => {
  const runGet = recorded(VERSIONS[0]!, 'runs-get');
  const cookies = () => 'mlflow-request-header-Authorization=Basic%20c2VjcmV0';

  it('refuses a base URL on another origin than the page, and sends nothing', async () => {
    const { fn, calls } = fakeFetch(() => reply(runGet));
    const http = new MlflowHttp({ baseUrl: 'http://elsewhere.example/', pageOrigin: 'http://localhost:5000', fetch: fn, cookies });
    for (const call of [
      () => http.get('runs/get', { run_id: 'r' }, S.GetRunResponse),
      () => http.post('runs/search', {}, S.SearchRunsResponse),
      () => http.getText('version'),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(isMlflowError(error, 'off-origin'), String(error)).toBe(true);
      expect((error as Error).message).toMatch(/http:\/\/elsewhere\.example.*http:\/\/localhost:5000/);
    }
    expect(calls).toEqual([]);
  });

  it('a path that leaves the origin (//host/…) is refused too', async () => {
    const { fn, calls } = fakeFetch(() => reply({ status: 200, body: '3.17.2' }, 'text/plain'));
    const http = new MlflowHttp({ baseUrl: 'http://localhost:5000/', pageOrigin: 'http://localhost:5000', fetch: fn, cookies });
    expect(isMlflowError(await http.getText('//elsewhere.example/version').catch((e: unknown) => e), 'off-origin')).toBe(true);
    expect(calls).toEqual([]);
  });

  it('a base on the page origin, static prefix and all, is used as it is', async () => {
    const { fn, calls } = fakeFetch(() => reply(runGet));
    const http = new MlflowHttp({ baseUrl: 'http://localhost:5000/mlflow/', pageOrigin: 'http://localhost:5000', fetch: fn, cookies });
    await http.get('runs/get', { run_id: 'r' }, S.GetRunResponse);
    expect(calls[0]!.url.href).toBe('http://localhost:5000/mlflow/ajax-api/2.0/mlflow/runs/get?run_id=r');
    expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBe('Basic c2VjcmV0');
  });
});

describe('MlflowHttp: response size limit', () => {
  const runGet = recorded(VERSIONS[0]!, 'runs-get');
  const text = JSON.stringify(runGet.body);

  /** A body of `total` bytes in chunks, counting how much of it was pulled. */
  function streamed(total: number, chunk = 64 * 1024) {
    const pulled = { bytes: 0, cancelled: false };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled.bytes >= total) return controller.close();
        const size = Math.min(chunk, total - pulled.bytes);
        pulled.bytes += size;
        controller.enqueue(new Uint8Array(size).fill(0x20));
      },
      cancel() {
        pulled.cancelled = true;
      },
    });
    return { body, pulled };
  }

  it('is generous by default: 64 MB', () => {
    expect(MAX_RESPONSE_BYTES).toBe(64 * 1024 * 1024);
  });

  it('refuses an answer whose Content-Length is over the limit, without reading it', async () => {
    const { body, pulled } = streamed(10 * 1024 * 1024);
    const { fn } = fakeFetch(() => new Response(body, { status: 200, headers: { 'content-type': 'application/json', 'content-length': String(300 * 1024 * 1024) } }));
    const http = new MlflowHttp({ baseUrl: 'http://localhost:5000/', fetch: fn, retryDelaysMs: [] });
    const error = await http.get('metrics/get-history', {}, S.MetricHistoryResponse).catch((e: unknown) => e);
    expect(isMlflowError(error, 'too-large'), String(error)).toBe(true);
    expect((error as Error).message).toBe(
      "MLflow's answer to metrics get-history is larger than Lens reads (300 MB; at most 64 MB). The server or a proxy in front of it may be misbehaving.",
    );
    expect(pulled.bytes).toBeLessThan(1024 * 1024);
  });

  it('counts the bytes of an answer without Content-Length and stops reading at the limit', async () => {
    const { body, pulled } = streamed(5 * 1024 * 1024);
    const { fn } = fakeFetch(() => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }));
    const http = new MlflowHttp({ baseUrl: 'http://localhost:5000/', fetch: fn, maxResponseBytes: 1024 * 1024 });
    const error = await http.get('runs/get', {}, S.GetRunResponse).catch((e: unknown) => e);
    expect(isMlflowError(error, 'too-large'), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/larger than Lens reads \(over 1 MB; at most 1 MB\)/);
    expect(pulled.bytes).toBeLessThanOrEqual(1024 * 1024 + 2 * 64 * 1024);
    expect(pulled.cancelled).toBe(true);
  });

  it('an error answer is bounded the same way', async () => {
    const { body } = streamed(3 * 1024 * 1024);
    const { fn } = fakeFetch(() => new Response(body, { status: 500, headers: { 'content-type': 'text/html' } }));
    const http = new MlflowHttp({ baseUrl: 'http://localhost:5000/', fetch: fn, maxResponseBytes: 1024 * 1024, retryDelaysMs: [] });
    expect(isMlflowError(await http.get('runs/get', {}, S.GetRunResponse).catch((e: unknown) => e), 'too-large')).toBe(true);
  });

  it('an answer within the limit reads as before, multi-byte characters split across chunks included', async () => {
    const named = JSON.stringify({ run: { ...(runGet.body as { run: object }).run, info: { ...((runGet.body as { run: { info: object } }).run.info), run_name: 'ünïcødé-🔥-run' } } });
    const bytes = new TextEncoder().encode(named);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
        controller.close();
      },
    });
    const { fn } = fakeFetch(() => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }));
    const http = new MlflowHttp({ baseUrl: 'http://localhost:5000/', fetch: fn, maxResponseBytes: bytes.length });
    const answer = await http.get('runs/get', {}, S.GetRunResponse);
    expect(answer.run.info.run_name).toBe('ünïcødé-🔥-run');
    expect(text.length).toBeGreaterThan(0);
  });

  it('a 25,000-point history page (a 200,000-step run reads 8 of them) passes the default limit', async () => {
    const metrics = Array.from({ length: 25_000 }, (_, step) => ({ key: 'validation_loss_epoch', value: 0.123456789012345 + step, timestamp: 1_764_000_000_000 + step, step: 175_000 + step, run_id: 'f'.repeat(32) }));
    const page = JSON.stringify({ metrics, next_page_token: 'eyJvZmZzZXQiOiAyMDAwMDB9' });
    const { fn } = fakeFetch(() => new Response(page, { status: 200, headers: { 'content-type': 'application/json', 'content-length': String(page.length) } }));
    const http = new MlflowHttp({ baseUrl: 'http://localhost:5000/', fetch: fn });
    const answer = await http.get('metrics/get-history', {}, S.MetricHistoryResponse);
    expect(answer.metrics).toHaveLength(25_000);
  });
});

describe('Limiter', () => {
  it('never runs more than its maximum at once, and runs everything in order', async () => {
    const limiter = new Limiter(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        limiter.run(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 2));
          order.push(i);
          active--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toHaveLength(7);
    expect(limiter.inFlight).toBe(0);
  });
});

describe('MlflowClient.getRun: one request for concurrent asks', () => {
  for (const version of VERSIONS) {
    it(`${version}: two features asking at once share one runs/get; an ask after the answer makes a new one`, async () => {
      const rec = recorded(version, 'runs-get');
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const { fn, calls } = fakeFetch(async () => (await gate, reply(rec)));
      const client = new MlflowClient(new MlflowHttp({ baseUrl: 'http://localhost:5000/', fetch: fn }));
      const runId = (rec.body as { run: { info: { run_id: string } } }).run.info.run_id;
      const first = client.getRun(runId);
      const second = client.getRun(runId);
      const other = client.getRun('another-run');
      release();
      const [a, b] = await Promise.all([first, second, other]);
      expect(a.info.run_id).toBe(runId);
      expect(b).toBe(a);
      expect(calls.map((c) => c.url.searchParams.get('run_id'))).toEqual([runId, 'another-run']);
      await client.getRun(runId);
      expect(calls).toHaveLength(3); // answered requests are not kept
    });
  }

  it('one caller aborting ends its own wait only', async () => {
    const rec = recorded(VERSIONS[0]!, 'runs-get');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { fn, calls } = fakeFetch(async () => (await gate, reply(rec)));
    const client = new MlflowClient(new MlflowHttp({ baseUrl: 'http://localhost:5000/', fetch: fn }));
    const leaving = new AbortController();
    const left = client.getRun('r1', { signal: leaving.signal }).catch((e: unknown) => e);
    const staying = client.getRun('r1');
    leaving.abort();
    const error = await left;
    expect(isMlflowError(error, 'aborted')).toBe(true);
    release();
    await expect(staying).resolves.toMatchObject({ info: { run_id: expect.any(String) } });
    expect(calls).toHaveLength(1);
    await expect(client.getRun('r1', { signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'aborted' });
    expect(calls).toHaveLength(1);
  });
});
