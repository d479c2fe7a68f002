import { useEffect } from 'preact/hooks';

export interface ToastProps {
  text: string;
  link?: { href: string; label: string };
  onClose(): void;
}

/** A short confirmation in the page's corner; it goes by itself after 10 s. */
export function Toast({ text, link, onClose }: ToastProps) {
  useEffect(() => {
    const timer = setTimeout(onClose, 10_000);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <div class="toast" role="status">
      <span>{text}</span>
      {link && (
        <a href={link.href} onClick={onClose}>
          {link.label}
        </a>
      )}
      <button type="button" class="link" aria-label="Dismiss" onClick={onClose}>
        ✕
      </button>
    </div>
  );
}
