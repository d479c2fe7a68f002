/**
 * Registered model names and aliases, checked as MLflow checks them (mlflow/utils/validation.py), so an
 * invalid one is caught before any request.
 *  - Model names: not blank; at most 256 characters (the `name` column of the registry tables); 3.11+ also
 *    reject `/` and `:` ("Names cannot contain '/' or ':'") and names that are not their own normalised path
 *    (`.`, names starting with `..`). Lens applies the newest rules to new names on every server, so a model
 *    it creates stays valid after an upgrade.
 *  - Aliases: `^[\w\-]*$` (Python's Unicode `\w`), at most 255 characters, not `latest` (any case), not
 *    `v<digits>` (`v1`, `V12`: reserved for versions).
 */
export const MAX_MODEL_NAME_LENGTH = 256;
export const MAX_ALIAS_LENGTH = 255;
export const FALLBACK_MODEL_NAME = 'model';

/**
 * The name of a new model for an experiment's runs: the experiment name's last path segment
 * (`HM_Dataset/binary_classification/Churn` → `Churn`), with `/` and `:` replaced by `-`, trimmed, cut to
 * the maximum length; `model` when nothing is left.
 */
export function defaultModelName(experimentName: string): string {
  const segments = experimentName.split('/').map((s) => s.trim()).filter((s) => s !== '');
  let name = (segments[segments.length - 1] ?? '').replace(/[/:]/g, '-').replace(/\s+/g, ' ').trim();
  name = name.slice(0, MAX_MODEL_NAME_LENGTH).trim();
  if (name === '' || validateModelName(name) !== null) {
    // `.` or `..x`: strip the leading dots; if that leaves nothing usable, the fallback.
    name = name.replace(/^\.+/, '').trim();
    if (name === '' || validateModelName(name) !== null) return FALLBACK_MODEL_NAME;
  }
  return name;
}

export interface ModelNameRules {
  /**
   * The name is an existing registered model's (picked from the registry, not typed): only the checks every
   * server applies are made, so a model created on an older server with `/` in its name can still get versions.
   */
  existing?: boolean;
}

/** null when MLflow accepts `name` as a registered model name; otherwise why not, in a sentence. */
export function validateModelName(name: string, rules: ModelNameRules = {}): string | null {
  if (name.trim() === '') return 'Enter a model name.';
  if (name.length > MAX_MODEL_NAME_LENGTH) {
    return `The model name is too long: ${name.length} characters, at most ${MAX_MODEL_NAME_LENGTH}.`;
  }
  if (rules.existing) return null;
  if (/[/:]/.test(name)) return 'The model name cannot contain "/" or ":".';
  if (name === '.' || name.startsWith('..')) return 'The model name cannot be "." or start with "..".';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'The model name cannot contain control characters.';
  return null;
}

const ALIAS_CHARS = /^[\p{L}\p{N}_-]*$/u;
const VERSION_ALIAS = /^[vV]\d+$/;

/** null when `alias` is acceptable (empty = no alias); otherwise why not, in a sentence. */
export function validateAlias(alias: string): string | null {
  if (alias === '') return null;
  if (!ALIAS_CHARS.test(alias)) {
    return `Invalid alias "${alias}": use only letters, digits, underscores (_) and dashes (-).`;
  }
  if (alias.length > MAX_ALIAS_LENGTH) {
    return `The alias is too long: ${alias.length} characters, at most ${MAX_ALIAS_LENGTH}.`;
  }
  if (alias.toLowerCase() === 'latest') return 'The alias "latest" is reserved by MLflow.';
  if (VERSION_ALIAS.test(alias)) return `The alias "${alias}" is reserved by MLflow for version numbers.`;
  return null;
}
