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
export const LensMessage = z.discriminatedUnion('type', [OpenOptionsMessage, NotifyMessage]);
export type LensMessage = z.infer<typeof LensMessage>;

export function parseMessage(value: unknown): LensMessage | null {
  const parsed = LensMessage.safeParse(value);
  return parsed.success ? parsed.data : null;
}
