export interface PopupLinksProps {
  /** Runs pinned for comparison on the MLflow the popup searches; undefined when no MLflow tab is open to show them. */
  pinned?: number;
  onOpenDrawer(): void | Promise<void>;
  onOpenOptions(): void;
}

/** The popup's way to the compare drawer (in the MLflow tab) and to Lens's options. */
export function PopupLinks({ pinned, onOpenDrawer, onOpenOptions }: PopupLinksProps) {
  return (
    <nav class="popup-links" aria-label="Lens">
      {pinned !== undefined && (
        <button type="button" class="link" onClick={() => void onOpenDrawer()}>
          {pinned ? `Compare drawer (${pinned} ${pinned === 1 ? 'run' : 'runs'})` : 'Compare drawer'}
        </button>
      )}
      <button type="button" class="link" onClick={onOpenOptions}>
        Options
      </button>
    </nav>
  );
}
