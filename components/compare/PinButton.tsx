export interface PinButtonProps {
  pinned: boolean;
  /** Icon only, for runs-table rows. */
  compact?: boolean;
  runName: string;
  onToggle: () => void;
}

/** "Pin to compare" on the run header, a pin icon on each runs-table row. */
export function PinButton({ pinned, compact, runName, onToggle }: PinButtonProps) {
  const label = pinned ? `Unpin ${runName} from the compare tray` : `Pin ${runName} to compare`;
  return (
    <button
      type="button"
      class={`pin-button${compact ? ' compact' : ''}${pinned ? ' pinned' : ''}`}
      aria-pressed={pinned}
      aria-label={label}
      title={label}
      onClick={(e) => {
        // ag-grid rows select on click: the pin must not also toggle MLflow's row selection or open the run.
        e.preventDefault();
        e.stopPropagation();
        onToggle();
      }}
    >
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <path d="M10.5 1.5 14.5 5.5 12 6.5 9.5 9 9.5 12 8 13.5 5.5 11 2 14.5 1.5 14 5 10.5 2.5 8 4 6.5 7 6.5 9.5 4z" fill={pinned ? 'currentColor' : 'none'} stroke="currentColor" stroke-width="1.2" stroke-linejoin="round" />
      </svg>
      {compact ? null : <span>{pinned ? 'Pinned' : 'Pin to compare'}</span>}
    </button>
  );
}
