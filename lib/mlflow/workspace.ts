import { parseRoute } from './routes';

/** Where MLflow's UI (3.10+) keeps the workspace the user last chose, for pages whose URL does not name one. */
const STORED_WORKSPACE_KEY = 'mlflow.activeWorkspace';

/** The MLflow workspace a page is in: the URL's `?workspace=`, else the one MLflow's UI remembers. */
export function activeWorkspace(href: string, storage: () => Storage = () => localStorage): string | undefined {
  const fromUrl = parseRoute(href).workspace;
  if (fromUrl) return fromUrl;
  try {
    return storage().getItem(STORED_WORKSPACE_KEY) ?? undefined;
  } catch {
    return undefined; // storage can be blocked by the browser's site settings
  }
}
