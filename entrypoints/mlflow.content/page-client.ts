import { MlflowClient } from '@/lib/mlflow/client';
import { parseRoute } from '@/lib/mlflow/routes';

/**
 * The MLflow client of this tab, configured like MLflow's own UI: relative to the page's base URI (so a
 * `--static-prefix` or proxy path works), the page's cookies and session, and the active workspace.
 */
export function createPageClient(): MlflowClient {
  return new MlflowClient({
    baseUrl: document.baseURI,
    cookies: () => document.cookie,
    workspace: () => parseRoute(location.href).workspace ?? readStoredWorkspace(),
  });
}

function readStoredWorkspace(): string | undefined {
  try {
    return localStorage.getItem('mlflow.activeWorkspace') ?? undefined;
  } catch {
    return undefined; // storage can be blocked by the browser's site settings
  }
}
