/**
 * Recognising ids in the search box: a run id (32 hex characters, as MLflow's uuid4().hex), a logged model id
 * (`m-` + 32 hex, MLflow 3), or a pasted MLflow URL that names either (`…#/experiments/1/runs/<id>/…`,
 * `…#/experiments/1/models/m-…`, the older `#/runs/<id>`).
 */

const RUN_ID = /^[0-9a-f]{32}$/i;
const LOGGED_MODEL_ID = /^m-[0-9a-f]{32}$/i;
// The id must be a whole path segment: followed by the end, `/`, `?`, `#` or `&`.
const URL_RUN = /(?:^|[/#])(?:experiments\/([^/?#]+)\/)?runs\/([0-9a-f]{32})(?=$|[/?#&])/i;
const URL_LOGGED_MODEL = /(?:^|[/#])(?:experiments\/([^/?#]+)\/)?models\/(m-[0-9a-f]{32})(?=$|[/?#&])/i;

export interface IdQuery {
  kind: 'run' | 'logged-model';
  /** Lower-cased, as MLflow writes ids. */
  id: string;
  /** From a pasted URL, when it names the experiment. */
  experimentId?: string;
  /** The text was a URL (so a name search with it is pointless). */
  fromUrl: boolean;
}

/** The run id in `text` (a bare id or a pasted run URL), lower-cased; `null` when there is none. */
export function looksLikeRunId(text: string): string | null {
  const found = parseIdQuery(text);
  return found?.kind === 'run' ? found.id : null;
}

/** A run or logged model id typed or pasted (bare, or inside an MLflow URL); `null` for anything else. */
export function parseIdQuery(text: string): IdQuery | null {
  const trimmed = text.trim();
  if (!trimmed || /\s/.test(trimmed)) return null;
  if (RUN_ID.test(trimmed)) return { kind: 'run', id: trimmed.toLowerCase(), fromUrl: false };
  if (LOGGED_MODEL_ID.test(trimmed)) return { kind: 'logged-model', id: trimmed.toLowerCase(), fromUrl: false };
  let decoded = trimmed;
  try {
    decoded = decodeURIComponent(trimmed);
  } catch {
    // a stray `%`: match the text as it is
  }
  if (!decoded.includes('/')) return null;
  const run = URL_RUN.exec(decoded);
  if (run?.[2]) return withExperiment({ kind: 'run', id: run[2].toLowerCase(), fromUrl: true }, run[1]);
  const model = URL_LOGGED_MODEL.exec(decoded);
  if (model?.[2]) return withExperiment({ kind: 'logged-model', id: model[2].toLowerCase(), fromUrl: true }, model[1]);
  return null;
}

function withExperiment(query: IdQuery, experimentId: string | undefined): IdQuery {
  return experimentId && /^\d+$/.test(experimentId) ? { ...query, experimentId } : query;
}
