/**
 * One-click registration of a run's model, never twice:
 *  1. the name and alias are checked as MLflow checks them, before any request ("invalid-input", endpoint
 *     `lens/validate`);
 *  2. a version already made from this run's model (`model-versions/search` on `run_id`) is returned as
 *     'existing' — nothing is created (a requested alias is still set on it, if it lacks it);
 *  3. a new target model is created (`registered-models/create`); "already exists" (created meanwhile, or a
 *     retry after a timeout) means: use it;
 *  4. `model-versions/create` with the source the server version expects (./source.ts);
 *  5. the version is awaited while `PENDING_REGISTRATION`; `FAILED_REGISTRATION` is an error with MLflow's
 *     `status_message`;
 *  6. the alias is set (`registered-models/alias`).
 * A failure after something was created throws a RegistrationError: the original error's kind, a message that
 * says what was created, and `partial` for the UI. Calls for the same run and model in one page share one
 * promise; across tabs, wrap the call in `navigator.locks.request(registrationLockName(...), …)`.
 */
import { collectPages, type MlflowClient } from '../mlflow/client';
import { isMlflowError, MlflowError, type MlflowErrorDetails } from '../mlflow/errors';
import type { ModelVersion, Run } from '../mlflow/schemas';
import { FAILED_REGISTRATION, findExistingVersion, PENDING_REGISTRATION } from './existing';
import { runModelKey, type RunModel } from './models';
import { validateAlias, validateModelName } from './names';
import type { ServerVersion } from './server-version';
import { versionRequest } from './source';
import type { RegisterTarget } from './target';
import { versionsOfRun as versionsOfRunFilter } from '../mlflow/filters';

export type RegisterStage = 'checking-existing' | 'creating-model' | 'creating-version' | 'waiting' | 'setting-alias' | 'done';

export interface RegisterRequest {
  run: Run;
  model: RunModel;
  target: RegisterTarget;
  /** Empty or absent: no alias. */
  alias?: string;
  /** The new version's description (see registrationDetails). */
  description?: string;
  /** The new version's tags (see registrationDetails). */
  tags?: { key: string; value: string }[];
  /** null when unknown: the pre-3.6 source format is used, which every server accepts. */
  serverVersion: ServerVersion | null;
  /** The run page's URL: sent as `run_link` without its query string (see `runLink` in source.ts). */
  runLink?: string;
}

export interface RegisterOptions {
  signal?: AbortSignal;
  /** Called as each step starts (not for calls that joined one already in flight). */
  onProgress?(stage: RegisterStage): void;
  /** Between `model-versions/get` polls while the version is PENDING_REGISTRATION. Default 1,000 ms. */
  pollIntervalMs?: number;
  /** Give up waiting for PENDING_REGISTRATION after this long ("timeout"). Default 120,000 ms. */
  pollTimeoutMs?: number;
}

export interface RegisterResult {
  outcome: 'created' | 'existing';
  version: ModelVersion;
  /** This call created the registered model. */
  createdModel: boolean;
  /** This call set the alias (false when none was asked, or on an existing version that had it already). */
  aliasSet: boolean;
}

/** What had been done when a registration failed half-way. */
export interface RegistrationPartial {
  modelName: string;
  /** The registered model was created by this call (and is left in place: a retry reuses it). */
  modelCreated: boolean;
  /** The version, when it was created (or found) and a later step failed. */
  version?: ModelVersion;
}

/** An MlflowError (same kind, endpoint, status, server message) that also says what was left half-done. */
export class RegistrationError extends MlflowError {
  readonly partial: RegistrationPartial;
  /** The error as the failing step threw it. */
  readonly original: MlflowError;

  constructor(original: MlflowError, message: string, partial: RegistrationPartial) {
    const details: MlflowErrorDetails = {
      kind: original.kind,
      endpoint: original.endpoint,
      status: original.status,
      errorCode: original.errorCode,
      serverMessage: original.serverMessage,
      field: original.field,
      message,
    };
    super(details);
    this.name = 'RegistrationError';
    this.partial = partial;
    this.original = original;
  }
}

export const VALIDATE_ENDPOINT = 'lens/validate';
const DEFAULT_POLL_INTERVAL_MS = 1_000;
const DEFAULT_POLL_TIMEOUT_MS = 120_000;

/** The Web Locks name that serialises registrations of one run on one MLflow server across tabs. */
export function registrationLockName(baseUrl: string, runId: string): string {
  let base = baseUrl;
  try {
    const url = new URL(baseUrl);
    base = `${url.origin}${url.pathname}`;
  } catch {
    // not a URL: use it as given
  }
  return `lens-register:${base}:${runId}`;
}

const inFlight = new Map<string, Promise<RegisterResult>>();

/**
 * Registers `request.model` of `request.run` into `request.target`, or returns the version already made from
 * it. Concurrent calls for the same server, run and model share one promise (the first call's signal and
 * progress callback drive it).
 */
export function registerRunModel(client: MlflowClient, request: RegisterRequest, options: RegisterOptions = {}): Promise<RegisterResult> {
  // Invalid input is refused at once, before joining anything or sending anything.
  const invalid = validateRequest(request);
  if (invalid) return Promise.reject(invalid);
  const key = `${registrationLockName(client.http.baseUrl, request.run.info.run_id)}|${runModelKey(request.model)}`;
  const running = inFlight.get(key);
  if (running) return running;
  const promise = register(client, request, options).finally(() => inFlight.delete(key));
  inFlight.set(key, promise);
  return promise;
}

function validateRequest(request: RegisterRequest): MlflowError | null {
  const problem = validateModelName(request.target.name, { existing: request.target.exists }) ?? validateAlias(request.alias ?? '');
  return problem ? new MlflowError({ kind: 'invalid-input', endpoint: VALIDATE_ENDPOINT, message: problem }) : null;
}

async function register(client: MlflowClient, request: RegisterRequest, options: RegisterOptions): Promise<RegisterResult> {
  const { run, model, target } = request;
  const name = target.name;
  const alias = request.alias ?? '';
  const signal = options.signal;
  const opts = { signal };
  const progress = (stage: RegisterStage) => options.onProgress?.(stage);
  const runId = run.info.run_id;

  // 2. Already registered?
  progress('checking-existing');
  const versionsOfRun = await collectPages(
    (pageToken) => client.searchModelVersions({ filter: versionsOfRunFilter(runId), maxResults: 1_000, pageToken }, opts),
    5_000,
  );
  const existing = findExistingVersion(versionsOfRun, model, run);
  if (existing) {
    const partial: RegistrationPartial = { modelName: existing.name, modelCreated: false, version: existing };
    let version = existing;
    if (version.status === PENDING_REGISTRATION) {
      progress('waiting');
      version = await awaitReady(client, version, options, partial);
    }
    let aliasSet = false;
    if (alias && !(version.aliases ?? []).includes(alias)) {
      progress('setting-alias');
      version = await setAlias(client, version, alias, opts, partial);
      aliasSet = true;
    }
    progress('done');
    return { outcome: 'existing', version, createdModel: false, aliasSet };
  }

  // 3. The registered model.
  let createdModel = false;
  const createModel = async () => {
    progress('creating-model');
    try {
      await client.createRegisteredModel({ name }, opts);
      createdModel = true;
    } catch (error) {
      if (!isMlflowError(error, 'already-exists')) throw error;
    }
  };
  if (!target.exists) await createModel();

  // 4. The version.
  const partial = (): RegistrationPartial => ({ modelName: name, modelCreated: createdModel });
  const body = {
    ...versionRequest(model, run, request.serverVersion, target, { runLink: request.runLink }),
    description: request.description || undefined,
    tags: request.tags?.length ? request.tags : undefined,
  };
  progress('creating-version');
  let version: ModelVersion;
  try {
    try {
      version = await client.createModelVersion(body, opts);
    } catch (error) {
      // The chosen model was deleted since it was listed: create it again, once.
      const modelGone = isMlflowError(error, 'not-found') && !createdModel && /registered model/i.test(error.serverMessage ?? '');
      if (!modelGone) throw error;
      await createModel();
      progress('creating-version');
      version = await client.createModelVersion(body, opts);
    }
  } catch (error) {
    throw createdModel ? modelOnlyError(error, partial()) : error;
  }

  // 5. Wait for it to be ready.
  if (version.status === PENDING_REGISTRATION) {
    progress('waiting');
    version = await awaitReady(client, version, options, { ...partial(), version });
  } else if (version.status === FAILED_REGISTRATION) {
    throw failedRegistrationError(version, { ...partial(), version });
  }

  // 6. The alias.
  let aliasSet = false;
  if (alias) {
    progress('setting-alias');
    version = await setAlias(client, version, alias, opts, { ...partial(), version });
    aliasSet = true;
  }
  progress('done');
  return { outcome: 'created', version, createdModel, aliasSet };
}

async function awaitReady(
  client: MlflowClient,
  initial: ModelVersion,
  options: RegisterOptions,
  partial: RegistrationPartial,
): Promise<ModelVersion> {
  const interval = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const timeoutMs = options.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let version = initial;
  while (version.status === PENDING_REGISTRATION) {
    if (Date.now() >= deadline) {
      const original = new MlflowError({
        kind: 'timeout',
        endpoint: 'model-versions/get',
        message: `MLflow is still preparing version ${version.version} of "${version.name}" after ${Math.round(timeoutMs / 1000)} s`,
      });
      throw new RegistrationError(
        original,
        `Version ${version.version} of "${version.name}" was created, but MLflow is still preparing it after ${Math.round(timeoutMs / 1000)} s; retrying will wait for it again.`,
        { ...partial, version },
      );
    }
    await sleep(Math.min(interval, Math.max(0, deadline - Date.now())), options.signal);
    try {
      version = await client.getModelVersion(version.name, version.version, { signal: options.signal });
    } catch (error) {
      throw wrapAfterVersion(error, { ...partial, version }, `Version ${version.version} of "${version.name}" was created, but Lens could not check that it is ready`);
    }
  }
  if (version.status === FAILED_REGISTRATION) throw failedRegistrationError(version, { ...partial, version });
  return version;
}

async function setAlias(
  client: MlflowClient,
  version: ModelVersion,
  alias: string,
  opts: { signal?: AbortSignal },
  partial: RegistrationPartial,
): Promise<ModelVersion> {
  try {
    await client.setRegisteredModelAlias(version.name, alias, version.version, opts);
  } catch (error) {
    throw wrapAfterVersion(
      error,
      { ...partial, version },
      `Version ${version.version} of "${version.name}" is registered, but the alias "${alias}" was not set`,
      'retrying will set it',
    );
  }
  return { ...version, aliases: [...(version.aliases ?? []).filter((a) => a !== alias), alias] };
}

function failedRegistrationError(version: ModelVersion, partial: RegistrationPartial): RegistrationError {
  const reason = version.status_message?.trim() || 'MLflow gave no reason';
  const original = new MlflowError({
    kind: 'server-error',
    endpoint: 'model-versions/get',
    serverMessage: version.status_message,
    message: `MLflow could not register version ${version.version} of "${version.name}" (FAILED_REGISTRATION): ${reason}.`,
  });
  const message = partial.modelCreated
    ? `The registered model "${partial.modelName}" was created, but its version was not: MLflow failed to register it (${reason}); retrying will reuse the model.`
    : `MLflow failed to register version ${version.version} of "${version.name}": ${reason}. Retrying makes a new version.`;
  return new RegistrationError(original, message, partial);
}

function modelOnlyError(error: unknown, partial: RegistrationPartial): RegistrationError {
  const original = asMlflowError(error, 'model-versions/create');
  return new RegistrationError(
    original,
    `The registered model "${partial.modelName}" was created, but its version was not: ${stripPeriod(original.message)}; retrying will reuse it.`,
    partial,
  );
}

function wrapAfterVersion(error: unknown, partial: RegistrationPartial, what: string, next = 'retrying will pick it up'): RegistrationError {
  const original = asMlflowError(error, 'model-versions/get');
  return new RegistrationError(original, `${what}: ${stripPeriod(original.message)}; ${next}.`, partial);
}

function asMlflowError(error: unknown, endpoint: string): MlflowError {
  if (error instanceof MlflowError) return error;
  return new MlflowError({ kind: 'unexpected-response', endpoint, message: error instanceof Error ? error.message : String(error) });
}

function stripPeriod(message: string): string {
  return message.trim().replace(/\.$/, '');
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => new MlflowError({ kind: 'aborted', endpoint: 'model-versions/get', message: 'The request was cancelled.' });
    if (signal?.aborted) return reject(aborted());
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
