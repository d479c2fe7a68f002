/**
 * Messages between Lens's contexts, validated on receipt: anything that does not parse is ignored.
 * Content scripts cannot open the options page themselves, so they ask the background.
 */
import * as z from 'zod/mini';

export const OpenOptionsMessage = z.object({ type: z.literal('lens:open-options') });
export const LensMessage = z.discriminatedUnion('type', [OpenOptionsMessage]);
export type LensMessage = z.infer<typeof LensMessage>;

export function parseMessage(value: unknown): LensMessage | null {
  const parsed = LensMessage.safeParse(value);
  return parsed.success ? parsed.data : null;
}
