/**
 * Experiment names for items that only carry an experiment id (pinned runs), asked of MLflow (GET experiments/get,
 * parsed by the client) once per experiment and client, i.e. once per page. A name that can't be read stays
 * unknown — the item shows "experiment <id>" — and is asked again next time.
 */
import type { MlflowClient } from '../mlflow/client';
import { unnamedExperimentIds, withExperimentNames } from './recent';
import type { SearchItem } from './rank';

const names = new WeakMap<MlflowClient, Map<string, Promise<string | undefined>>>();

function experimentName(client: MlflowClient, experimentId: string): Promise<string | undefined> {
  let cache = names.get(client);
  if (!cache) names.set(client, (cache = new Map()));
  let name = cache.get(experimentId);
  if (!name) {
    const asked = client.getExperiment(experimentId).then(
      (experiment) => experiment.name,
      () => {
        if (cache.get(experimentId) === asked) cache.delete(experimentId);
        return undefined;
      },
    );
    cache.set(experimentId, (name = asked));
  }
  return name;
}

/** `items` with the experiment names MLflow gives for those that have none; never rejects. */
export async function nameExperiments<T extends SearchItem>(client: MlflowClient, items: readonly T[]): Promise<T[]> {
  const ids = unnamedExperimentIds(items);
  if (!ids.length) return [...items];
  const found = new Map<string, string>();
  await Promise.all(
    ids.map(async (id) => {
      const name = await experimentName(client, id);
      if (name) found.set(id, name);
    }),
  );
  return withExperimentNames(items, found);
}

/**
 * The empty palette's pinned and recent items with their experiments named; null when none needed a name MLflow
 * gave (nothing to redraw). Never rejects.
 */
export async function nameEmptyState<T extends SearchItem>(
  client: MlflowClient,
  empty: { pinned: readonly T[]; recent: readonly T[] },
): Promise<{ pinned: T[]; recent: T[] } | null> {
  const [pinned, recent] = await Promise.all([nameExperiments(client, empty.pinned), nameExperiments(client, empty.recent)]);
  const changed = pinned.some((item, i) => item !== empty.pinned[i]) || recent.some((item, i) => item !== empty.recent[i]);
  return changed ? { pinned, recent } : null;
}
