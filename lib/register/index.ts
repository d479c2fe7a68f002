/**
 * One-click registration of a run's model (no DOM, no browser API: everything goes through an MlflowClient).
 * Typical use from the run page:
 *   const version = await loadServerVersion(client, signal);
 *   const models = await loadRunModels(client, run, signal, { serverVersion: version });
 *   const target = await loadDefaultTarget(client, experiment, signal);
 *   const { description, tags } = registrationDetails(run, judgement);
 *   await navigator.locks.request(registrationLockName(client.http.baseUrl, run.info.run_id), () =>
 *     registerRunModel(client, { run, model: models[0], target, description, tags, serverVersion: version }, { signal }));
 */
export {
  defaultModelName,
  validateModelName,
  validateAlias,
  MAX_MODEL_NAME_LENGTH,
  MAX_ALIAS_LENGTH,
  FALLBACK_MODEL_NAME,
  type ModelNameRules,
} from './names';
export {
  failedUploads,
  findRunModels,
  loadRunModels,
  parseLogModelHistory,
  runModelKey,
  LOG_MODEL_HISTORY_TAG,
  type RunModel,
} from './models';
export { parseServerVersion, loadServerVersion, isAtLeast, formatServerVersion, type ServerVersion } from './server-version';
export { versionRequest, usesModelUriSources, type VersionRequest } from './source';
export { findExistingVersion, newestFirst, FAILED_REGISTRATION, PENDING_REGISTRATION } from './existing';
export {
  defaultTarget,
  defaultChangeNotice,
  loadDefaultTarget,
  searchVersionsOfRuns,
  DEFAULT_TARGET_MAX_RUNS,
  RUN_IDS_PER_SEARCH,
  type RegisterTarget,
  type DefaultTarget,
} from './target';
export {
  registrationDetails,
  formatValue,
  TAG_SOURCE_RUN_ID,
  TAG_SOURCE_RUN_NAME,
  TAG_BEST_PREFIX,
  type RegistrationDetails,
} from './describe';
export {
  registerRunModel,
  registrationLockName,
  RegistrationError,
  VALIDATE_ENDPOINT,
  type RegisterRequest,
  type RegisterOptions,
  type RegisterResult,
  type RegisterStage,
  type RegistrationPartial,
} from './register';
