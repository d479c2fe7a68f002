/**
 * Merging and ranking quick-search results: exact (case-insensitive) > prefix > word-prefix (after `/`, `-`,
 * `_` or a space) > substring > anything else the server returned (a run found by its id, say); ties go to the
 * most recently updated, then to the input order. Output is grouped by kind, each group capped.
 */

export type ResultKind = 'experiment' | 'run' | 'registered-model' | 'logged-model';

export interface SearchItemBase {
  kind: ResultKind;
  name: string;
  /** Experiment id, run id, registered model name or logged model id. */
  id: string;
  /** Epoch ms of the last change, when known. */
  updated?: number;
}

export interface ExperimentItem extends SearchItemBase {
  kind: 'experiment';
}
export interface RunItem extends SearchItemBase {
  kind: 'run';
  experimentId: string;
  experimentName?: string;
  status?: string;
}
export interface RegisteredModelItem extends SearchItemBase {
  kind: 'registered-model';
  latestVersion?: string;
}
export interface LoggedModelItem extends SearchItemBase {
  kind: 'logged-model';
  experimentId: string;
  experimentName?: string;
  sourceRunId?: string;
}
export type SearchItem = ExperimentItem | RunItem | RegisteredModelItem | LoggedModelItem;

export interface GroupedResults {
  experiments: ExperimentItem[];
  runs: RunItem[];
  registeredModels: RegisteredModelItem[];
  loggedModels: LoggedModelItem[];
}

/** At most this many results per group. */
export const RESULT_CAPS: Readonly<Record<ResultKind, number>> = Object.freeze({
  experiment: 8,
  run: 8,
  'registered-model': 8,
  'logged-model': 8,
});

export const SCORE = Object.freeze({ exact: 4, prefix: 3, wordPrefix: 2, substring: 1, none: 0 });

const WORD_SEPARATORS = new Set(['/', '-', '_', ' ']);

/** How well `name` (or the id) matches `query`; see SCORE. */
export function scoreMatch(query: string, name: string, id?: string): number {
  const q = query.trim().toLowerCase();
  if (!q) return SCORE.none;
  const n = name.toLowerCase();
  if (n === q || (id !== undefined && id.toLowerCase() === q)) return SCORE.exact;
  if (n.startsWith(q)) return SCORE.prefix;
  let best: number = SCORE.none;
  for (let at = n.indexOf(q); at >= 0; at = n.indexOf(q, at + 1)) {
    if (WORD_SEPARATORS.has(n[at - 1] ?? '')) return SCORE.wordPrefix;
    best = SCORE.substring;
  }
  return best;
}

/** Ranks `items` for `query` and groups them (experiments, runs, registered models, logged models), each capped. */
export function rankResults(
  query: string,
  items: readonly SearchItem[],
  caps: Partial<Record<ResultKind, number>> = {},
): GroupedResults {
  const scored = items.map((item, index) => ({ item, index, score: scoreMatch(query, item.name, item.id) }));
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      (b.item.updated ?? -Infinity) - (a.item.updated ?? -Infinity) ||
      a.index - b.index,
  );
  const out: GroupedResults = { experiments: [], runs: [], registeredModels: [], loggedModels: [] };
  const seen = new Set<string>();
  for (const { item } of scored) {
    const key = `${item.kind}\u0000${item.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const cap = caps[item.kind] ?? RESULT_CAPS[item.kind];
    const group = groupOf(out, item);
    if (group.length < cap) group.push(item);
  }
  return out;
}

function groupOf(out: GroupedResults, item: SearchItem): SearchItem[] {
  switch (item.kind) {
    case 'experiment':
      return out.experiments;
    case 'run':
      return out.runs;
    case 'registered-model':
      return out.registeredModels;
    case 'logged-model':
      return out.loggedModels;
  }
}
