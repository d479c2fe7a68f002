import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** Closes a popover on Escape or on a click outside `inside` (shadow DOM aware), while `open`. */
export function useDismiss(open: boolean, inside: RefObject<HTMLElement | null>, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    const onClick = (e: MouseEvent) => {
      if (inside.current && !e.composedPath().includes(inside.current)) close();
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('click', onClick, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('click', onClick, true);
    };
  }, [open]);
}
