import { MAX_PINS } from '@/lib/compare';

export interface TraySelection {
  /** Runs ticked in MLflow's table. */
  count: number;
  /** All of them are already in the compare tray: the button takes them out. */
  allPinned: boolean;
}

export interface TrayProps {
  count: number;
  open: boolean;
  /** On runs tables, while rows are ticked: adds them to (or takes them out of) the comparison. */
  selection?: TraySelection;
  onSelection?: () => void;
  onToggle: () => void;
  message: string | null;
  /** px from the viewport's right edge: beside MLflow's floating controls, never over them. */
  right: number;
}

/** The small tray at the bottom right: how many runs are in the comparison, and the way into the drawer. */
export function Tray({ count, open, selection, onSelection, onToggle, message, right }: TrayProps) {
  const ticked = selection && selection.count > 0 && onSelection ? selection : null;
  return (
    <div class="tray" data-testid="lens-compare-tray" data-count={count} style={{ right: `${right}px` }}>
      {message ? (
        <span class="tray-message" role="status">
          {message}
        </span>
      ) : null}
      {ticked ? (
        <button
          type="button"
          class="tray-button secondary"
          onClick={onSelection}
          data-testid="lens-compare-selection"
          title={ticked.allPinned ? 'Take the ticked runs out of the Lens comparison' : 'Add the runs ticked in the table to the Lens comparison'}
        >
          {ticked.allPinned ? `Remove ${ticked.count} from compare` : `Add ${ticked.count} to compare`}
        </button>
      ) : null}
      {count > 0 ? (
        <button
          type="button"
          class="tray-button"
          onClick={onToggle}
          aria-expanded={open}
          title={`${open ? 'Close' : 'Open'} the Lens compare drawer (Alt+Shift+C)`}
          data-testid="lens-compare-open"
        >
          Compare <span class="count">{count}</span>
          {count >= MAX_PINS ? <span class="full"> full</span> : null}
        </button>
      ) : null}
    </div>
  );
}
