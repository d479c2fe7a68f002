import type { Signal } from '@preact/signals';
import type { Notice } from '@/lib/notices';

/** What Lens could not do on this page, in words; each can be dismissed. */
export function NoticeList({ notices, onDismiss }: { notices: Signal<readonly Notice[]>; onDismiss(id: string): void }) {
  if (notices.value.length === 0) return null;
  return (
    <div class="notices" role="status" aria-label="Lens for MLflow notices">
      {notices.value.map((n) => (
        <p class="notice" key={n.id}>
          <span class="who">Lens</span> {n.text}
          <button type="button" class="dismiss" aria-label="Dismiss this notice" onClick={() => onDismiss(n.id)}>
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
