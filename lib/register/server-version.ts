/**
 * The MLflow server's version, which decides the model version `source` format (3.6) and whether logged
 * models exist (3.0). Read from MLflow's plain-text `version` endpoint (MlflowClient.getServerVersion).
 */
import type { MlflowClient } from '../mlflow/client';
import type { RequestOptions } from '../mlflow/http';

export interface ServerVersion {
  major: number;
  minor: number;
  patch: number;
}

/** `3.17.2` → {3, 17, 2}; `3.6.1.dev0`, `3.0.0rc1`, `2.22` also parse; anything else (an HTML page) → null. */
export function parseServerVersion(text: string): ServerVersion | null {
  const m = /^\s*v?(\d+)\.(\d+)(?:\.(\d+))?(?:[.+-]?[0-9A-Za-z.+-]*)?\s*$/.exec(text);
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: m[3] === undefined ? 0 : Number(m[3]) };
}

/** Whether `version` is `major.minor` or later. */
export function isAtLeast(version: ServerVersion, major: number, minor = 0): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}

/**
 * The server's version, or null when it cannot be told (no `version` endpoint where expected, or an answer that
 * is not a version). Session, permission, network and abort errors are thrown: they would fail the
 * registration anyway, and the user must see them.
 */
export async function loadServerVersion(client: MlflowClient, signal?: AbortSignal): Promise<ServerVersion | null> {
  const opts: RequestOptions = { signal };
  try {
    return parseServerVersion(await client.getServerVersion(opts));
  } catch (error) {
    const kind = (error as { kind?: string }).kind;
    if (kind === 'not-found' || kind === 'unexpected-response') return null;
    throw error;
  }
}
