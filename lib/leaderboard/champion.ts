/**
 * The leaderboard's baseline: the version of the experiment's registered model that carries the `champion` alias,
 * or else its latest version. "The experiment's model" is the one one-click register targets: the registered model
 * holding the newest version made from the experiment's runs (lib/register/target.ts).
 */
import type { RegisteredModel } from '../mlflow/schemas';
import { FAILED_REGISTRATION } from '../register/existing';

export const CHAMPION_ALIAS = 'champion';

/** The version to compare against: the `champion` alias's, else the highest version number; null for a model without versions. */
export function championVersion(model: RegisteredModel): { version: string; alias: string | null } | null {
  const aliased = (model.aliases ?? []).find((a) => a.alias === CHAMPION_ALIAS);
  if (aliased) return { version: aliased.version, alias: CHAMPION_ALIAS };
  const latest = (model.latest_versions ?? [])
    .filter((v) => v.status !== FAILED_REGISTRATION)
    .sort((a, b) => Number(b.version) - Number(a.version))[0];
  return latest ? { version: latest.version, alias: null } : null;
}
