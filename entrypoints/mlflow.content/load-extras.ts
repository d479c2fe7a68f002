import { browser } from 'wxt/browser';
import { readExtras, type LensExtras } from './extras-contract';
import { LoadExtrasAnswer } from '@/lib/messages';

let loading: Promise<LensExtras> | undefined;

/**
 * The lazily loaded bundle (uPlot, the compare drawer): asked of the background once per page, which
 * injects it into this content-script world. A failure is not kept: the next click asks again.
 */
export function loadExtras(): Promise<LensExtras> {
  const ready = readExtras();
  if (ready) return Promise.resolve(ready);
  loading ??= ask().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function ask(): Promise<LensExtras> {
  let reason: string;
  try {
    const answer = LoadExtrasAnswer.safeParse(await browser.runtime.sendMessage({ type: 'lens:load-extras' }));
    reason = !answer.success ? 'the extension answered unexpectedly' : answer.data.ok ? 'it did not start' : answer.data.message;
  } catch (error) {
    // Mostly: the extension was updated or reloaded, and this page still runs the old content script.
    reason = error instanceof Error ? error.message : String(error);
  }
  const extras = readExtras();
  if (extras) return extras;
  throw new Error(`Lens could not load its charts (${reason}). Reload the page to try again.`);
}
