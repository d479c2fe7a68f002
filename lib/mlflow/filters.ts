/**
 * MLflow's search-filter syntax, the only module that writes it: the filters Lens sends, and the user's text
 * inside them so that any input gives results or a clean
 * "no match", never a 400.
 *
 * What MLflow 2.22.5 and 3.17.2 showed (parser read and checked against real servers, SQLite backend):
 * - The filter parser (sqlparse + `_strip_quotes`) only strips the outer quotes. It never unescapes:
 *   `'it''s'` is the value `it''s`, `'it\'s'` is `it\'s`. The only way to carry a quote is the *other*
 *   quote character: `"it's"`, `'"quoted"'`. A value with both kinds cannot be written exactly.
 * - LIKE/ILIKE go to SQLAlchemy's `like()`/`ilike()` without an ESCAPE clause, and `ESCAPE '!'` in the
 *   filter is a 400 ("Invalid clause(s)"). So there is no escape for `%` and `_`: on SQLite (no default
 *   escape character) `'%50\%%'` matches nothing and `\` is an ordinary character, while on PostgreSQL and
 *   MySQL `\` *is* the default LIKE escape, and on SQL Server `[` opens a character class.
 * - Hence the portable fallback: every character that is special on some backend (`%`, `_`, `\`, `[`, `]`,
 *   control characters, and `'` when the text also holds `"`) becomes the single-character wildcard `_`.
 *   The server then matches a superset of what the user typed; `matches()` narrows it client-side to the
 *   literal, case-insensitive substring. Long input is cut to a prefix (MAX_PATTERN_CHARS code points) for
 *   the server and checked in full by `matches()`.
 */

/** Code points of the user's text sent to the server; the rest is checked client-side. */
export const MAX_PATTERN_CHARS = 100;

export interface LikeQuery {
  /** The quoted literal to put after `LIKE`/`ILIKE`, e.g. `'%crawling-mole%'` or `"%it's%"`. */
  literal: string;
  /** The LIKE pattern inside the quotes. */
  pattern: string;
  /** True when the server may match more than the text (wildcards stood in, or the text was cut): filter with `matches`. */
  loose: boolean;
  /** Whether `value` contains the user's text, case-insensitively: what the user meant. */
  matches(value: string): boolean;
}

export interface LikeOptions {
  /** `contains` (default): `%text%`; `prefix`: `text%`. */
  anchor?: 'contains' | 'prefix';
  maxChars?: number;
}

/** Characters with a meaning in LIKE on some backend MLflow supports (SQLite, PostgreSQL, MySQL, SQL Server). */
const LIKE_SPECIAL = new Set(['%', '_', '\\', '[', ']']);

function isControl(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}

/** The pattern for `text` (`null` when it is empty), safe on every backend; see the module comment. */
export function likePattern(text: string, options: LikeOptions = {}): LikeQuery | null {
  if (text.length === 0) return null;
  const maxChars = Math.max(1, options.maxChars ?? MAX_PATTERN_CHARS);
  const chars = Array.from(text);
  let loose = chars.length > maxChars;
  const kept = chars.slice(0, maxChars);
  const hasSingle = kept.includes("'");
  const hasDouble = kept.includes('"');
  // Single quotes unless the text holds one; with both kinds, `'` becomes a wildcard.
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let body = '';
  for (const ch of kept) {
    if (LIKE_SPECIAL.has(ch) || isControl(ch) || ch === quote) {
      body += '_'; // a literal `_` is the wildcard too, so the match is loose either way
      loose = true;
    } else {
      body += ch;
    }
  }
  const pattern = options.anchor === 'prefix' ? `${body}%` : `%${body}%`;
  const needle = text.toLowerCase();
  const matches =
    options.anchor === 'prefix'
      ? (value: string) => value.toLowerCase().startsWith(needle)
      : (value: string) => value.toLowerCase().includes(needle);
  return { literal: `${quote}${pattern}${quote}`, pattern, loose, matches };
}

/** `<field> ILIKE <literal>` for `text`, with its client-side check; `null` for empty text. */
export function ilikeFilter(
  field: string,
  text: string,
  options?: LikeOptions,
): { filter: string; like: LikeQuery } | null {
  const like = likePattern(text, options);
  return like ? { filter: `${field} ILIKE ${like.literal}`, like } : null;
}

// ---- The filters and orderings Lens sends. Ids are MLflow's own (hex, `m-` + hex): anything else is dropped. ----

const ID_CHARS = /[^0-9a-z-]/gi;
const idLiteral = (id: string) => `'${id.replace(ID_CHARS, '')}'`;
const idList = (ids: readonly string[], separator = ', ') => `(${ids.map(idLiteral).join(separator)})`;

/** runs/search: these runs (`attributes.run_id IN (…)`). */
export const runsWithIds = (runIds: readonly string[]): string => `attributes.run_id IN ${idList(runIds)}`;
/** model-versions/search: the versions made from one run. */
export const versionsOfRun = (runId: string): string => `run_id=${idLiteral(runId)}`;
/** model-versions/search: the versions made from any of these runs (some stores refuse IN: see versionsOfRun). */
export const versionsOfRuns = (runIds: readonly string[]): string => `run_id IN ${idList(runIds, ',')}`;
/** logged-models/search: the models a run logged. */
export const loggedModelsOfRun = (runId: string): string => `source_run_id = ${idLiteral(runId)}`;
/** logged-models/search: these logged models. */
export const loggedModelsWithIds = (modelIds: readonly string[]): string => `attributes.model_id IN ${idList(modelIds)}`;
/** runs/search: run names containing `text` (see ilikeFilter). */
export const runNameContains = (text: string, options?: LikeOptions) => ilikeFilter('attributes.run_name', text, options);
/** experiments, registered models and logged models: names containing `text`. */
export const nameContains = (text: string, options?: LikeOptions) => ilikeFilter('name', text, options);

export const NEWEST_RUNS_FIRST = 'attributes.start_time DESC';
export const RECENTLY_UPDATED_FIRST = 'last_update_time DESC';
