import { experimentHash, loggedModelHash, registeredModelHash, runHash } from '../mlflow/routes';
import type { SearchItem } from './rank';

/** The MLflow hash route of a search result. */
export function itemHash(item: SearchItem): string {
  switch (item.kind) {
    case 'experiment':
      return experimentHash(item.id);
    case 'run':
      return runHash(item.experimentId, item.id);
    case 'registered-model':
      return registeredModelHash(item.name);
    case 'logged-model':
      return loggedModelHash(item.experimentId, item.id);
  }
}
