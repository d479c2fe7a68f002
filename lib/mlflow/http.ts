/**
 * The transport MLflow's own UI uses, reproduced: relative `ajax-api/...` URLs resolved against the
 * page's base URI (so `--static-prefix` and proxy prefixes work), its headers, same-origin credentials.
 * Adds what the UI lacks: a timeout, bounded concurrency per host, GET retries, typed errors, zod parsing.
 */
import type * as z from 'zod/mini';
import {
  abortedError,
  errorFromResponse,
  looksLikeHtmlLogin,
  MlflowError,
  offlineError,
  offOriginError,
  SESSION_EXPIRED,
  timeoutError,
  tooLargeError,
  unexpectedResponse,
} from './errors';

/**
 * The most of one answer Lens reads: 64 MB. A hostile or broken server (or proxy) should not make Lens
 * download and parse hundreds of megabytes; a 200,000-step run's history pages (25,000 points each) are ~3 MB.
 */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface HttpOptions {
  /** The page's `document.baseURI`; API paths are resolved against it. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** `document.cookie`, read on every request: MLflow forwards `mlflow-request-header-<Name>` cookies as headers. */
  cookies?: () => string;
  /** The active workspace (MLflow 3.10+), sent as `X-MLFLOW-WORKSPACE`. */
  workspace?: () => string | undefined;
  timeoutMs?: number;
  /** At most this many requests in flight to one origin; the rest wait their turn. */
  maxInFlight?: number;
  /** Delays before each GET retry on 429/503. POSTs are never retried here. */
  retryDelaysMs?: readonly number[];
  /**
   * The page's own origin (`location.origin`). When set, no request leaves it: a base URL elsewhere (a page's
   * `<base href>`) is refused, so neither the session nor the `mlflow-request-header-*` cookies go to another origin.
   */
  pageOrigin?: string;
  /** The largest answer read, in bytes (default `MAX_RESPONSE_BYTES`); a larger one is a `too-large` error. */
  maxResponseBytes?: number;
}

export type Query = Record<string, string | number | boolean | readonly (string | number)[] | undefined>;

export interface RequestOptions {
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call (long metric histories on MLflow 2.x take seconds). */
  timeoutMs?: number;
}

const COOKIE_HEADER_PREFIX = 'mlflow-request-header-';

export class MlflowHttp {
  readonly baseUrl: string;
  readonly origin: string;
  private readonly fetchImpl: typeof fetch;
  private readonly options: HttpOptions;
  private readonly limiter: Limiter;

  constructor(options: HttpOptions) {
    this.options = options;
    this.baseUrl = options.baseUrl;
    this.origin = new URL(options.baseUrl).origin;
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.limiter = limiterFor(this.origin, options.maxInFlight ?? 4);
  }

  /** `ajax-api/2.0/mlflow/<endpoint>` as an absolute URL under the page's base. */
  url(endpoint: string, query?: Query): URL {
    const path = endpoint.startsWith('ajax-api/') || endpoint.startsWith('graphql') ? endpoint : `ajax-api/2.0/mlflow/${endpoint}`;
    const url = new URL(path, this.baseUrl);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) url.searchParams.append(name, String(v));
      else url.searchParams.set(name, String(value));
    }
    return url;
  }

  headers(): Record<string, string> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
    for (const part of (this.options.cookies?.() ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      const name = part.slice(0, eq).trim();
      if (!name.startsWith(COOKIE_HEADER_PREFIX)) continue;
      const header = name.slice(COOKIE_HEADER_PREFIX.length);
      if (/^[A-Za-z0-9-]+$/.test(header)) headers[header] = safeDecode(part.slice(eq + 1).trim());
    }
    const workspace = this.options.workspace?.();
    if (workspace) headers['X-MLFLOW-WORKSPACE'] = workspace;
    return headers;
  }

  async get<S extends z.ZodMiniType>(endpoint: string, query: Query, schema: S, opts: RequestOptions = {}): Promise<z.infer<S>> {
    const delays = this.options.retryDelaysMs ?? [500, 1500, 4000];
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.send('GET', endpoint, this.url(endpoint, query), undefined, schema, opts);
      } catch (error) {
        const retry = error instanceof RetryableStatus && attempt < delays.length;
        if (!retry) throw error instanceof RetryableStatus ? error.error : error;
        await sleep(delays[attempt]!, opts.signal, endpoint);
      }
    }
  }

  async post<S extends z.ZodMiniType>(endpoint: string, body: unknown, schema: S, opts: RequestOptions = {}): Promise<z.infer<S>> {
    try {
      return await this.send('POST', endpoint, this.url(endpoint), body, schema, opts);
    } catch (error) {
      throw error instanceof RetryableStatus ? error.error : error;
    }
  }

  /**
   * A plain-text GET (MLflow's `version` endpoint, say) of `path` resolved against the page's base: a relative
   * path stays under the base (and its static prefix), `/path` goes to the origin root. The body is returned
   * as is, whatever its content type (MLflow serves `version` as text/html): callers check its shape.
   * Same timeout, per-host limit, credentials and error kinds as the JSON calls; no retries.
   */
  async getText(path: string, opts: RequestOptions = {}): Promise<string> {
    const headers = this.headers();
    delete headers['Content-Type'];
    const { text } = await this.exchange('GET', path, new URL(path, this.baseUrl), { headers }, opts, false);
    return text;
  }

  private async send<S extends z.ZodMiniType>(
    method: 'GET' | 'POST',
    endpoint: string,
    url: URL,
    body: unknown,
    schema: S,
    opts: RequestOptions,
  ): Promise<z.infer<S>> {
    const init = { headers: this.headers(), body: body === undefined ? undefined : JSON.stringify(body) };
    const { response, text } = await this.exchange(method, endpoint, url, init, opts, method === 'GET');
    if (looksLikeHtmlLogin(response.headers.get('content-type') ?? '', text)) {
      throw new MlflowError({ endpoint, kind: 'session-expired', status: response.status, message: SESSION_EXPIRED });
    }
    let json: unknown;
    try {
      json = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw unexpectedResponse(endpoint, '', 'the body is not valid JSON (it may have been cut off)');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw unexpectedResponse(endpoint, issue?.path.join('.') ?? '', issue?.message ?? 'it does not match what Lens expects');
    }
    return parsed.data;
  }

  /**
   * One request within the per-host limit and the timeout, its failures typed: an expired session (a
   * redirect), a timeout, offline, abort, or an error status (wrapped as retryable for 429/503 GETs).
   */
  private exchange(
    method: 'GET' | 'POST',
    endpoint: string,
    url: URL,
    init: { headers: Record<string, string>; body?: string },
    opts: RequestOptions,
    retryable: boolean,
  ): Promise<{ response: Response; text: string }> {
    const timeoutMs = opts.timeoutMs ?? this.options.timeoutMs ?? 20_000;
    const pageOrigin = this.options.pageOrigin;
    if (pageOrigin !== undefined && url.origin !== pageOrigin) return Promise.reject(offOriginError(endpoint, url.origin, pageOrigin));
    const maxBytes = this.options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
    return this.limiter.run(async () => {
      if (opts.signal?.aborted) throw abortedError(endpoint);
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
      let response: Response;
      let text: string;
      try {
        response = await this.fetchImpl(url, {
          method,
          ...init,
          credentials: 'same-origin',
          // A sign-in proxy answers an expired session with a redirect to its login page; following it
          // cross-origin would end in an opaque network error, so stop and recognise it instead.
          redirect: 'manual',
          signal,
        });
        if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
          throw new MlflowError({ endpoint, kind: 'session-expired', status: response.status, message: SESSION_EXPIRED });
        }
        text = await readText(response, maxBytes, endpoint);
      } catch (error) {
        if (error instanceof MlflowError) throw error;
        if (opts.signal?.aborted) throw abortedError(endpoint);
        if (timeout.aborted) throw timeoutError(endpoint, timeoutMs);
        throw offlineError(endpoint, this.origin);
      }
      if (!response.ok) {
        const error = errorFromResponse(endpoint, response.status, text, this.origin);
        if (retryable && (response.status === 429 || response.status === 503)) throw new RetryableStatus(error);
        throw error;
      }
      return { response, text };
    });
  }
}

/**
 * The body as text (UTF-8, as `Response.text()`), at most `limit` bytes: a declared Content-Length over it is
 * refused before reading, and a body without one is counted as it arrives and cancelled once over.
 */
async function readText(response: Response, limit: number, endpoint: string): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    response.body?.cancel().catch(() => {});
    throw tooLargeError(endpoint, limit, declared);
  }
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) {
      reader.cancel().catch(() => {});
      throw tooLargeError(endpoint, limit);
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

class RetryableStatus extends Error {
  constructor(readonly error: MlflowError) {
    super(error.message);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined, endpoint: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(endpoint));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(abortedError(endpoint));
    }, { once: true });
  });
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A FIFO semaphore shared by every client of one origin in this page. */
export class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  constructor(readonly max: number) {}

  get inFlight(): number {
    return this.active;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A finishing task hands its slot straight to the next in line, so the count never overshoots.
    if (this.active >= this.max) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const limiters = new Map<string, Limiter>();
function limiterFor(origin: string, max: number): Limiter {
  let limiter = limiters.get(origin);
  if (!limiter) limiters.set(origin, (limiter = new Limiter(max)));
  return limiter;
}
