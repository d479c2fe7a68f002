/**
 * Messages between Lens's contexts, validated on receipt: anything that does not parse is ignored.
 * Content scripts cannot open the options page themselves, so they ask the background.
 */
import * as z from 'zod/mini';

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
export const LensMessage = z.discriminatedUnion('type', [OpenOptionsMessage, NotifyMessage, PingMessage, SearchMessage, NavigateMessage, LoadExtrasMessage]);

/** The background's answer to `lens:load-extras`. */
export const LoadExtrasAnswer = z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), message: z.string() })]);
export type LoadExtrasAnswer = z.infer<typeof LoadExtrasAnswer>;

/** What an MLflow tab answers to a ping. */
export interface PingAnswer {
  base: string;
  title: string;
}
export type LensMessage = z.infer<typeof LensMessage>;

export function parseMessage(value: unknown): LensMessage | null {
  const parsed = LensMessage.safeParse(value);
  return parsed.success ? parsed.data : null;
}
