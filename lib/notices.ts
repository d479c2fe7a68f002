/**
 * Notices: what Lens could not do on this page, said once, in words (an MLflow release outside the tested
 * range, an element Lens attaches to that never appeared). Features report; the notice feature shows them.
 * Each notice is shown once per tab session (sessionStorage), so moving between pages does not repeat it.
 */
import { signal } from '@preact/signals';

export interface Notice {
  id: string;
  text: string;
}

export const notices = signal<readonly Notice[]>([]);

const SEEN_PREFIX = 'lens:notice:';

function seen(id: string): boolean {
  try {
    return sessionStorage.getItem(SEEN_PREFIX + id) !== null;
  } catch {
    return false;
  }
}

/** Says `text` unless this tab already said notice `id`. */
export function reportNotice(id: string, text: string): void {
  if (seen(id) || notices.value.some((n) => n.id === id)) return;
  try {
    sessionStorage.setItem(SEEN_PREFIX + id, '1');
  } catch {
    /* a page that forbids storage still gets the notice, maybe twice */
  }
  notices.value = [...notices.value, { id, text }];
  // Said, not nagging: it goes by itself (and the × takes it sooner).
  setTimeout(() => dismissNotice(id), NOTICE_MS);
}

/** How long a notice stays on screen. */
export const NOTICE_MS = 30_000;

export function dismissNotice(id: string): void {
  notices.value = notices.value.filter((n) => n.id !== id);
}

/**
 * Reports `notice` when nothing matches `selector` within `ms` (while `signal` lives): for anchors that a
 * different MLflow release may have renamed. `wanted` says whether the anchor is still expected then.
 */
export function noticeIfMissing(selector: string, ms: number, notice: Notice, signal: AbortSignal, wanted: () => boolean = () => true): void {
  const timer = setTimeout(() => {
    if (signal.aborted || !wanted() || document.querySelector(selector)) return;
    reportNotice(notice.id, notice.text);
  }, ms);
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
}
