/**
 * One-click registration of a run's model (no DOM, no browser API: everything goes through an MlflowClient):
 * what the feature and the tests use. The feature's steps are, in order: loadServerVersion, loadRunModels (in
 * ./models), loadDefaultTarget, registrationDetails, then registerRunModel under registrationLockName's Web Lock.
 */
export {
  defaultModelName,
  validateModelName,
  validateAlias,
  MAX_ALIAS_LENGTH,
} from './names';
export {
  findRunModels,
  loadRunModels,
  parseLogModelHistory,
  runModelKey,
  type RunModel,
} from './models';
export {
  parseServerVersion,
  loadServerVersion,
  type ServerVersion,
} from './server-version';
export {
  versionRequest,
} from './source';
export {
  findExistingVersion,
  FAILED_REGISTRATION,
} from './existing';
export {
  defaultTarget,
  defaultChangeNotice,
  loadDefaultTarget,
  RUN_IDS_PER_SEARCH,
  searchVersionsOfRuns,
  DEFAULT_TARGET_MAX_RUNS,
} from './target';
export {
  registrationDetails,
  formatValue,
} from './describe';
export {
  registerRunModel,
  registrationLockName,
  RegistrationError,
  type RegisterRequest,
  type RegisterStage,
  type RegisterResult,
} from './register';
