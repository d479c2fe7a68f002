import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { FeatureId } from '@/lib/features-catalog';

export interface HostRow {
  pattern: string;
  origin: string;
  granted: boolean;
}

export interface FeatureInfo {
  id: FeatureId;
  title: string;
  description: string;
  /** Shown apart, under "For your own styles". */
  advanced?: boolean;
}

export interface ShortcutRow {
  name: string;
  description: string;
  /** As the browser shows it, e.g. "Alt+Shift+C"; empty when the user (or a clash) left it unset. */
  shortcut: string;
}

export interface OptionsPageProps {
  builtins: readonly string[];
  hosts: readonly HostRow[];
  features: readonly FeatureInfo[];
  disabled: readonly FeatureId[];
  /** Resolves to an error message to show, or undefined on success. */
  onAddHost(input: string): Promise<string | undefined>;
  onRemoveHost(pattern: string): Promise<void>;
  onRegrant(pattern: string): Promise<void>;
  onToggleFeature(id: FeatureId, enabled: boolean): Promise<void>;
  /** The browser's commands for Lens (null while they load). */
  shortcuts: readonly ShortcutRow[] | null;
  /** Where the user changes them, in the browser's words. */
  shortcutsHint: string;
  onOpenShortcuts(): void;
  /** What the last change of a switch came to ("Saved…" or why not), shown beside the switches. */
  featuresSaved?: SaveNote;
  /** Further sections (feature settings), after the switches. */
  children?: ComponentChildren;
}

export interface SaveNote {
  ok: boolean;
  text: string;
}

/**
 * Says that a change was saved (or why not) where it was made. A polite live region, not role="status": screen readers
 * hear it, and it is not taken for the page's other announcements.
 */
export function SavedNote({ note }: { note?: SaveNote }) {
  return (
    <p class={`saved ${note?.ok === false ? 'error' : 'ok'}`} aria-live="polite" data-testid="lens-saved">
      {note ? `${note.ok ? '✓ ' : ''}${note.text}` : ''}
    </p>
  );
}

export function OptionsPage(props: OptionsPageProps) {
  return (
    <main class="options">
      <h1>Lens for MLflow</h1>
      <HostsSection {...props} />
      <FeaturesSection {...props} />
      {props.children}
      <ShortcutsSection {...props} />
      <footer class="privacy" style={{ marginTop: '2rem' }}>
        <a href="/welcome.html" target="_blank" rel="noopener">What Lens does, and where</a> ·{' '}
        <a href="/privacy.html" target="_blank" rel="noopener">Privacy policy</a>
      </footer>
    </main>
  );
}

function HostsSection({ builtins, hosts, onAddHost, onRemoveHost, onRegrant }: OptionsPageProps) {
  const [input, setInput] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string>();

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setAdded(undefined);
    try {
      const problem = await onAddHost(input);
      if (problem) setError(problem);
      else {
        setAdded(input.trim());
        setInput('');
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="hosts-title">
      <h2 id="hosts-title">MLflow hosts</h2>
      <p>
        Lens runs on these without asking: <span class="builtins">{builtins.join(', ')}</span>. Add any other
        address where you open MLflow — a company server, or the Snowflake session URL of your MLflow.
      </p>
      <form onSubmit={submit} class="add-host">
        <label for="host-input">MLflow address</label>
        <input
          id="host-input"
          type="text"
          placeholder="https://mlflow.example.com"
          value={input}
          onInput={(e) => setInput((e.target as HTMLInputElement).value)}
          autocomplete="url"
          spellcheck={false}
        />
        <button type="submit" disabled={busy || !input.trim()}>
          Add host
        </button>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {added && (
        <p role="status" class="ok">
          Added. Reload any tab already open on {added} for Lens to appear there.
        </p>
      )}
      {hosts.length === 0 ? (
        <p class="empty">No other hosts yet.</p>
      ) : (
        <ul class="hosts" aria-label="Your MLflow hosts">
          {hosts.map((host) => (
            <li key={host.pattern} data-pattern={host.pattern}>
              <span class="origin">{host.origin}</span>
              {!host.granted && (
                <span class="warn">
                  Permission revoked.{' '}
                  <button type="button" onClick={() => void onRegrant(host.pattern)}>
                    Grant again
                  </button>
                </span>
              )}
              <button type="button" aria-label={`Remove ${host.origin}`} onClick={() => void onRemoveHost(host.pattern)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function FeaturesSection({ features, disabled, onToggleFeature, featuresSaved }: OptionsPageProps) {
  const row = (feature: FeatureInfo) => {
    const enabled = !disabled.includes(feature.id);
    return (
      <li key={feature.id}>
        <label>
          <input
            type="checkbox"
            role="switch"
            data-feature={feature.id}
            checked={enabled}
            onChange={(e) => void onToggleFeature(feature.id, (e.target as HTMLInputElement).checked)}
          />
          <strong>{feature.title}</strong>
        </label>
        <p>{feature.description}</p>
      </li>
    );
  };
  const advanced = features.filter((f) => f.advanced);
  return (
    <section aria-labelledby="features-title">
      <h2 id="features-title">Features</h2>
      <p>Switch off what you don’t need; open MLflow tabs follow at once.</p>
      <ul class="features">{features.filter((f) => !f.advanced).map(row)}</ul>
      {advanced.length > 0 && (
        <details class="advanced">
          <summary>For your own styles</summary>
          <ul class="features">{advanced.map(row)}</ul>
        </details>
      )}
      <SavedNote note={featuresSaved} />
    </section>
  );
}

function ShortcutsSection({ shortcuts, shortcutsHint, onOpenShortcuts }: OptionsPageProps) {
  return (
    <section aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <p>
        On MLflow’s pages, <kbd>Ctrl</kbd>+<kbd>K</kbd> (<kbd>⌘</kbd>+<kbd>K</kbd> on a Mac) opens quick search, except while
        you type in one of MLflow’s own fields. These are the browser’s shortcuts for Lens; you can change them:
      </p>
      {shortcuts === null ? (
        <p class="empty">Reading the browser’s shortcuts…</p>
      ) : (
        <table class="shortcuts" aria-label="Lens’s browser shortcuts">
          <tbody>
            {shortcuts.map((s) => (
              <tr key={s.name} data-command={s.name}>
                <th scope="row">{s.description}</th>
                <td>{s.shortcut ? <kbd>{s.shortcut}</kbd> : <span class="muted">not set</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <button type="button" onClick={onOpenShortcuts}>
          Change shortcuts…
        </button>{' '}
        <span class="muted">{shortcutsHint}</span>
      </p>
    </section>
  );
}
