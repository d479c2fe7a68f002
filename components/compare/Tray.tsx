import { MAX_PINS } from '@/lib/compare';

export interface TrayProps {
  count: number;
  open: boolean;
  /** Shown on runs tables: pins the rows selected in MLflow's table. */
  onPinSelected?: () => void;
  onToggle: () => void;
  message: string | null;
}

/** The small tray in the corner: how many runs are pinned, and the way into the drawer. */
export function Tray({ count, open, onPinSelected, onToggle, message }: TrayProps) {
  return (
    <div class="tray" data-testid="lens-compare-tray" data-count={count}>
      {message ? (
        <span class="tray-message" role="status">
          {message}
        </span>
      ) : null}
      {onPinSelected ? (
        <button type="button" class="tray-button secondary" onClick={onPinSelected} title="Pin the runs selected in the table">
          Pin selected
        </button>
      ) : null}
      {count > 0 ? (
        <button
          type="button"
          class="tray-button"
          onClick={onToggle}
          aria-expanded={open}
          title={`${open ? 'Close' : 'Open'} the compare drawer (Alt+Shift+C)`}
          data-testid="lens-compare-open"
        >
          Compare <span class="count">{count}</span>
          {count >= MAX_PINS ? <span class="full"> full</span> : null}
        </button>
      ) : null}
    </div>
  );
}
