import { MlflowClient } from '@/lib/mlflow/client';
import { activeWorkspace } from '@/lib/mlflow/workspace';

/**
 * The MLflow client of this tab, configured like MLflow's own UI: relative to the page's base URI (so a
 * `--static-prefix` or proxy path works), the page's cookies and session, and the active workspace.
 * Never off the page's origin: a `<base href>` pointing elsewhere makes every request fail with an
 * `off-origin` error instead of carrying the session's headers there (issue #15.4).
 */
export function createPageClient(): MlflowClient {
  return new MlflowClient({
    baseUrl: document.baseURI,
    pageOrigin: location.origin,
    cookies: () => document.cookie,
    workspace: () => activeWorkspace(location.href),
  });
}
