/**
 * The user's text inside MLflow's search-filter syntax, so that any input gives results or a clean
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

/**
 * `text` as a quoted value for `=`/`!=`, exactly as MLflow will read it back, or `null` when MLflow's parser
 * cannot carry it: both quote kinds in it (there is no escape), a control character, or a backslash right
 * before the closing quote (sqlparse reads `\'` as an escaped quote and the clause may run on).
 */
export function quoteValue(text: string): string | null {
  if (Array.from(text).some(isControl)) return null;
  const hasSingle = text.includes("'");
  const hasDouble = text.includes('"');
  if (hasSingle && hasDouble) return null;
  const quote = hasSingle ? '"' : "'";
  if (text.endsWith('\\')) return null;
  return `${quote}${text}${quote}`;
}
