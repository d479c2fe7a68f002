/**
 * Messages between Lens's contexts, validated on receipt: anything that does not parse is ignored.
 * Content scripts cannot open the options page themselves, so they ask the background.
 */
import * as z from 'zod/mini';
import { MlflowError, type MlflowErrorKind } from './mlflow/errors';
import type { SearchItem } from './search/rank';
import { StoredSearchItem } from './search/recent';
import type { QuickSearchResult, SearchGroup } from './search/search';

export const OpenOptionsMessage = z.object({ type: z.literal('lens:open-options') });
export const NotifyMessage = z.object({
  type: z.literal('lens:notify'),
  /** Same id → the notification is replaced, not repeated (several MLflow tabs may report one change). */
  id: z.string().check(z.maxLength(200)),
  title: z.string().check(z.maxLength(200)),
  message: z.string().check(z.maxLength(500)),
  url: z.string().check(z.maxLength(2000)),
});
/** Popup → an MLflow tab's content script: who are you? (answered only by MLflow pages) */
export const PingMessage = z.object({ type: z.literal('lens:ping') });
/** Popup → content script: search this MLflow with the page's session. */
export const SearchMessage = z.object({ type: z.literal('lens:search'), query: z.string().check(z.maxLength(2000)) });
/** Popup → content script: go to this MLflow route (a hash such as `#/experiments/1/runs/<id>`). */
export const NavigateMessage = z.object({ type: z.literal('lens:navigate'), hash: z.string().check(z.regex(/^#\/[^\s]*$/), z.maxLength(2000)) });
/** Content script → background: inject the lazily loaded bundle (charts, drawer) into my frame. */
export const LoadExtrasMessage = z.object({ type: z.literal('lens:load-extras') });
/**
 * Background (a keyboard shortcut) or popup → content script: act on this MLflow page. `open-drawer` opens the compare
 * drawer (the popup's link); `compare-drawer` toggles it, `quick-search` opens the palette and `leaderboard` toggles the
 * experiment leaderboard (the browser's commands).
 */
export const PageCommandMessage = z.object({ type: z.literal('lens:command'), command: z.enum(['quick-search', 'compare-drawer', 'open-drawer', 'leaderboard']) });
export type PageCommand = z.infer<typeof PageCommandMessage>['command'];
export const LensMessage = z.discriminatedUnion('type', [OpenOptionsMessage, NotifyMessage, PingMessage, SearchMessage, NavigateMessage, LoadExtrasMessage, PageCommandMessage]);

/** The background's answer to `lens:load-extras`. */
export const LoadExtrasAnswer = z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), message: z.string() })]);
export type LoadExtrasAnswer = z.infer<typeof LoadExtrasAnswer>;

/** What an MLflow tab answers to a ping. */
export const PingAnswer = z.object({ base: z.string().check(z.maxLength(2000)), title: z.string().check(z.maxLength(2000)) });
export type PingAnswer = z.infer<typeof PingAnswer>;

/** An MLflow tab's answer to `lens:search`: its results, or why there are none. */
export type SearchReply = { ok: true; result: QuickSearchResult } | { ok: false; message: string };

/** The reply as it crosses to the popup: an Error does not survive the structured clone, its kind and message do. */
export function searchReplyOf(result: QuickSearchResult) {
  return { ok: true as const, result: { ...result, errors: result.errors.map((e) => ({ group: e.group, error: { kind: e.error.kind, message: e.error.message } })) } };
}

const items = z.array(StoredSearchItem);
const SearchReplySchema = z.union([
  z.object({
    ok: z.literal(true),
    result: z.object({
      query: z.string(),
      experiments: items,
      runs: items,
      registeredModels: items,
      loggedModels: items,
      errors: z.array(
        z.object({
          group: z.enum(['experiments', 'runs', 'registeredModels', 'loggedModels', 'id'] satisfies SearchGroup[]),
          error: z.object({ kind: z.string(), message: z.string() }),
        }),
      ),
    }),
  }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);

/**
 * What the popup makes of a tab's reply to `lens:search`: null when it does not parse (no answer, another
 * version of Lens in the tab). Each group keeps only items of its kind; the errors become MlflowErrors again
 * (of a kind Lens's content script named), as the search panel takes them.
 */
export function parseSearchReply(value: unknown): SearchReply | null {
  const parsed = SearchReplySchema.safeParse(value);
  if (!parsed.success) return null;
  if (!parsed.data.ok) return parsed.data;
  const r = parsed.data.result;
  const only = <K extends SearchItem['kind']>(list: readonly SearchItem[], kind: K) => list.filter((i): i is Extract<SearchItem, { kind: K }> => i.kind === kind);
  return {
    ok: true,
    result: {
      query: r.query,
      experiments: only(r.experiments, 'experiment'),
      runs: only(r.runs, 'run'),
      registeredModels: only(r.registeredModels, 'registered-model'),
      loggedModels: only(r.loggedModels, 'logged-model'),
      errors: r.errors.map((e) => ({ group: e.group, error: new MlflowError({ kind: e.error.kind as MlflowErrorKind, message: e.error.message, endpoint: e.group }) })),
    },
  };
}

/**
 * Asks one tab whether it is an MLflow page with Lens (`send` posts the ping). A tab without Lens rejects at
 * once and is not asked again; a tab that does not answer in time — a busy machine, a page still loading its
 * bundle — is asked again with a longer wait. An answer that does not parse counts as none.
 */
export async function pingTab(send: () => Promise<unknown>, waits: readonly number[] = [1_000, 3_000]): Promise<PingAnswer | null> {
  for (const ms of waits) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outcome = await Promise.race([
      send().then(
        (value) => ({ kind: 'answer' as const, value }),
        () => ({ kind: 'none' as const }),
      ),
      new Promise<{ kind: 'timeout' }>((resolve) => (timer = setTimeout(() => resolve({ kind: 'timeout' }), ms))),
    ]);
    clearTimeout(timer);
    if (outcome.kind === 'none') return null;
    if (outcome.kind === 'answer') {
      const parsed = PingAnswer.safeParse(outcome.value);
      return parsed.success ? parsed.data : null;
    }
  }
  return null;
}
export type LensMessage = z.infer<typeof LensMessage>;

export function parseMessage(value: unknown): LensMessage | null {
  const parsed = LensMessage.safeParse(value);
  return parsed.success ? parsed.data : null;
}
