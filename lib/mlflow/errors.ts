/**
 * Every way a request to MLflow can fail, each with a message a person can act on.
 * Features show `error.message` as is and may branch on `kind` to offer a way forward.
 */
export type MlflowErrorKind =
  | 'session-expired'
  | 'permission-denied'
  | 'cross-origin-blocked'
  | 'host-not-allowed'
  | 'not-found'
  | 'already-exists'
  | 'invalid-input'
  | 'server-error'
  | 'timeout'
  | 'offline'
  | 'unexpected-response'
  | 'too-large'
  | 'off-origin'
  | 'aborted';

export interface MlflowErrorDetails {
  kind: MlflowErrorKind;
  message: string;
  /** The endpoint path, e.g. `runs/get`. */
  endpoint: string;
  status?: number;
  /** MLflow's `error_code`, when the body was MLflow's JSON error. */
  errorCode?: string;
  /** MLflow's own words, kept for logs and "details" disclosures. */
  serverMessage?: string;
  /** For unexpected responses: the JSON path of the first field that did not match. */
  field?: string;
}

/** Marks MlflowErrors across bundles: the lazily loaded drawer bundle has its own copy of this class. */
const BRAND = Symbol.for('lens-for-mlflow.MlflowError');

export class MlflowError extends Error {
  readonly [BRAND] = true;
  readonly kind: MlflowErrorKind;
  readonly endpoint: string;
  readonly status?: number;
  readonly errorCode?: string;
  readonly serverMessage?: string;
  readonly field?: string;

  constructor(details: MlflowErrorDetails) {
    super(details.message);
    this.name = 'MlflowError';
    this.kind = details.kind;
    this.endpoint = details.endpoint;
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.serverMessage = details.serverMessage;
    this.field = details.field;
  }

  /** `instanceof` holds for an MlflowError made by another bundle of Lens (same page, same world). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // Subclasses (RegistrationError) keep the ordinary prototype check.
    if (this !== MlflowError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  /** Worth trying again as is (after a pause), without the user changing anything. */
  get retryable(): boolean {
    return this.kind === 'timeout' || this.kind === 'offline' || this.kind === 'server-error';
  }
}

export function isMlflowError(error: unknown, kind?: MlflowErrorKind): error is MlflowError {
  return error instanceof MlflowError && (kind === undefined || error.kind === kind);
}

const MLFLOW_CODE_TO_KIND: Record<string, MlflowErrorKind> = {
  RESOURCE_DOES_NOT_EXIST: 'not-found',
  RESOURCE_ALREADY_EXISTS: 'already-exists',
  INVALID_PARAMETER_VALUE: 'invalid-input',
  BAD_REQUEST: 'invalid-input',
  INVALID_STATE: 'invalid-input',
  PERMISSION_DENIED: 'permission-denied',
  UNAUTHENTICATED: 'session-expired',
  INTERNAL_ERROR: 'server-error',
  TEMPORARILY_UNAVAILABLE: 'server-error',
};

/** Builds the error for a non-2xx answer from its status and body text. */
export function errorFromResponse(
  endpoint: string,
  status: number,
  bodyText: string,
  origin: string,
): MlflowError {
  const parsed = parseMlflowErrorBody(bodyText);
  const serverMessage = parsed?.message ?? firstLine(bodyText);
  const base = { endpoint, status, errorCode: parsed?.error_code, serverMessage };

  // A 2xx login page is caught by the transport; an HTML 404 is a real 404 (a wrong base URL, say).
  if (status === 401) {
    return new MlflowError({ ...base, kind: 'session-expired', message: SESSION_EXPIRED });
  }
  if (status === 403) {
    if (/cross-origin request blocked/i.test(bodyText)) {
      return new MlflowError({
        ...base,
        kind: 'cross-origin-blocked',
        message:
          `MLflow refused this request as cross-origin. Its own "Register model" fails the same way here: ` +
          `start the server with --cors-allowed-origins ${origin}.`,
      });
    }
    if (/invalid host header/i.test(bodyText)) {
      return new MlflowError({
        ...base,
        kind: 'host-not-allowed',
        message: `MLflow does not accept requests for this host name: start the server with --allowed-hosts ${hostOf(origin)}.`,
      });
    }
    return new MlflowError({
      ...base,
      kind: 'permission-denied',
      message: `MLflow denied permission for ${describeEndpoint(endpoint)}. Ask the owner for access, or sign in as a user who has it.`,
    });
  }
  const kind = (parsed?.error_code && MLFLOW_CODE_TO_KIND[parsed.error_code]) || kindFromStatus(status);
  switch (kind) {
    case 'not-found':
      return new MlflowError({ ...base, kind, message: `Not found: ${serverMessage || describeEndpoint(endpoint)}.` });
    case 'already-exists':
      return new MlflowError({ ...base, kind, message: `Already exists: ${serverMessage}` });
    case 'invalid-input':
      return new MlflowError({ ...base, kind, message: `MLflow rejected the request: ${serverMessage}` });
    case 'permission-denied':
      return new MlflowError({ ...base, kind, message: `MLflow denied permission: ${serverMessage}` });
    case 'session-expired':
      return new MlflowError({ ...base, kind, message: SESSION_EXPIRED });
    default:
      return new MlflowError({
        ...base,
        kind: 'server-error',
        message: `MLflow answered with an error (HTTP ${status}) for ${describeEndpoint(endpoint)}. Try again in a moment; if it persists, check the server's log.`,
      });
  }
}

export const SESSION_EXPIRED =
  'Your MLflow session has expired. Sign in again in this tab, then retry.';

export function timeoutError(endpoint: string, ms: number): MlflowError {
  return new MlflowError({
    endpoint,
    kind: 'timeout',
    message: `MLflow did not answer ${describeEndpoint(endpoint)} within ${Math.round(ms / 1000)} s. The server may be busy; try again.`,
  });
}

export function offlineError(endpoint: string, origin: string): MlflowError {
  return new MlflowError({
    endpoint,
    kind: 'offline',
    message: `Could not reach MLflow at ${origin}. Check that the server is running and that you are online.`,
  });
}

export function abortedError(endpoint: string): MlflowError {
  return new MlflowError({ endpoint, kind: 'aborted', message: 'The request was cancelled.' });
}

/**
 * `promise`, or an "aborted" error as soon as `signal` aborts: one caller stops waiting for work that
 * others still share (a cached experiment listing, a run asked for by several features).
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, endpoint: string): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortedError(endpoint));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError(endpoint));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** An answer over Lens's size limit: `bytes` is what the server declared, or undefined when counted while reading. */
export function tooLargeError(endpoint: string, limit: number, declaredBytes?: number): MlflowError {
  const size = declaredBytes === undefined ? `over ${megabytes(limit)}` : megabytes(declaredBytes);
  return new MlflowError({
    endpoint,
    kind: 'too-large',
    message: `MLflow's answer to ${describeEndpoint(endpoint)} is larger than Lens reads (${size}; at most ${megabytes(limit)}). The server or a proxy in front of it may be misbehaving.`,
  });
}

/** A request that would leave the page's origin: the page's base URL (a `<base href>`) points elsewhere. */
export function offOriginError(endpoint: string, target: string, pageOrigin: string): MlflowError {
  return new MlflowError({
    endpoint,
    kind: 'off-origin',
    message: `This page's base address points to ${target}, not to the MLflow it came from (${pageOrigin}): Lens sends nothing there.`,
  });
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

export function unexpectedResponse(endpoint: string, field: string, why: string): MlflowError {
  return new MlflowError({
    endpoint,
    kind: 'unexpected-response',
    field,
    message: `MLflow sent an unexpected response to ${describeEndpoint(endpoint)}: ${field ? `field "${field}" ` : ''}${why}. Lens may not support this MLflow version yet.`,
  });
}

function kindFromStatus(status: number): MlflowErrorKind {
  if (status === 404) return 'not-found';
  if (status === 409) return 'already-exists';
  if (status === 400) return 'invalid-input';
  return 'server-error';
}

function parseMlflowErrorBody(text: string): { error_code?: string; message?: string } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object') {
      const { error_code, message } = value as Record<string, unknown>;
      return {
        error_code: typeof error_code === 'string' ? error_code : undefined,
        message: typeof message === 'string' ? message : undefined,
      };
    }
  } catch {
    // Not JSON: 401/403 bodies from basic auth and proxies are plain text.
  }
  return undefined;
}

export function looksLikeHtmlLogin(contentType: string, body: string): boolean {
  return /text\/html/i.test(contentType) || /^\s*<(!doctype|html)/i.test(body);
}

/** The gist of an error body: its first line, or for an HTML page (a proxy's or gunicorn's) its text. */
function firstLine(text: string): string {
  const trimmed = text.trim();
  const line = /^</.test(trimmed) ? htmlText(trimmed) : (trimmed.split('\n', 1)[0] ?? '');
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

function htmlText(html: string): string {
  const words = html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(?:lt|gt|amp|quot|#39|nbsp);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, ' ')
    .trim();
  return words || 'an HTML page';
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/** `registered-models/create` → `registered-models create`, a name people can match to MLflow's API docs. */
export function describeEndpoint(endpoint: string): string {
  return endpoint.replace(/^.*mlflow\//, '').replace(/\//g, ' ');
}
