export interface PinButtonProps {
  pinned: boolean;
  runName: string;
  onToggle: () => void;
}

/**
 * "Add to compare" in the run header. Its icon is two overlaid chart lines, not a pin: MLflow 3's own row pin
 * (keep a run at the top of the table) is a pin, and the same icon must not mean two things on one page.
 */
export function PinButton({ pinned, runName, onToggle }: PinButtonProps) {
  const title = pinned ? `Remove ${runName} from the Lens comparison` : `Add ${runName} to the Lens comparison`;
  // The accessible name starts with the visible words (WCAG 2.5.3, "label in name") and adds the run and whose button it is.
  return (
    <button type="button" class={`pin-button${pinned ? ' pinned' : ''}`} aria-pressed={pinned} title={`${title} (Alt+Shift+C opens it)`} onClick={onToggle}>
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linecap="round" stroke-linejoin="round">
        <path d="M1.5 13.5 5.5 8l3 2.5 6-7" />
        <path d="M1.5 10.5 5.5 5l3 4 6-3" opacity="0.55" />
      </svg>
      <span>{pinned ? 'In compare' : 'Add to compare'}</span>
      <span class="sr-only">for {runName} (Lens)</span>
    </button>
  );
}
