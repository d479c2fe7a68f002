import type { SearchItem } from './rank';

/** The MLflow hash route of a search result (MLflow redirects `#/experiments/<id>` to the right tab). */
export function itemHash(item: SearchItem): string {
  switch (item.kind) {
    case 'experiment':
      return `#/experiments/${item.id}`;
    case 'run':
      return `#/experiments/${item.experimentId}/runs/${item.id}`;
    case 'registered-model':
      return `#/models/${encodeURIComponent(item.name)}`;
    case 'logged-model':
      return `#/experiments/${item.experimentId}/models/${item.id}`;
  }
}
