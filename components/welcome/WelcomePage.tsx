export interface WelcomePageProps {
  /** Host patterns Lens runs on without asking. */
  builtins: readonly string[];
  /** Hosts the user added (empty on a fresh install). */
  added: readonly string[];
  onOpenOptions(): void;
}

/** What Lens adds, said where it appears on MLflow's pages, so a new user knows where to look. */
export function WelcomePage({ builtins, added, onOpenOptions }: WelcomePageProps) {
  return (
    <main class="options welcome">
      <h1>Lens for MLflow is installed</h1>
      <p>
        Lens adds a few things to MLflow’s own pages — nothing to open, nothing to sign in to. Open MLflow as you always
        do and look for these:
      </p>
      <dl class="places">
        <dt>On a run’s page, beside its name</dt>
        <dd>
          An <strong>overfitting badge</strong>: <em>Overfitting · best at epoch 12 · val_loss +32 %</em>, or Healthy,
          Diverging… Click it for a small chart and why. On the <em>Model metrics</em> tab, each paired chart carries a
          marker. A running run can be followed: you get a notification when it starts overfitting, diverges, finishes
          or fails.
        </dd>
        <dt>In an experiment’s runs table</dt>
        <dd>A small verdict sign after each run’s name (▲ overfitting, ✓ healthy…): its words are in the tooltip.</dd>
        <dt>In the run header</dt>
        <dd>
          <strong>Register as &lt;model&gt; · v&lt;n&gt;</strong>: the run’s model into the registry in one click, and{' '}
          <strong>Add to compare</strong>.
        </dd>
        <dt>Bottom right of any MLflow page</dt>
        <dd>
          The <strong>compare tray</strong>, once runs are added (or ticked in the runs table). It opens the compare drawer:
          curves of all the runs together, their best and last values, and their differing params. Shortcut:{' '}
          <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>C</kbd>.
        </dd>
        <dt>Anywhere on MLflow, and in the toolbar</dt>
        <dd>
          <strong>Quick search</strong>: <kbd>Ctrl</kbd>+<kbd>K</kbd> (<kbd>⌘</kbd>+<kbd>K</kbd> on a Mac) finds any
          experiment, run or registered model. Lens’s toolbar button (<kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>L</kbd>) searches
          too, and lists the runs you follow. Pin it from the browser’s Extensions menu to keep it in sight.
        </dd>
      </dl>
      <h2>Where Lens runs</h2>
      <p>
        Without asking: <span class="builtins">{builtins.join(', ')}</span> — MLflow on your own machine, or hosted in
        Snowflake. On any other page of those hosts that isn’t MLflow, Lens does nothing.
      </p>
      {added.length > 0 && (
        <p>
          And on the hosts you added: <span class="builtins">{added.join(', ')}</span>.
        </p>
      )}
      <p>
        Your MLflow is somewhere else (a company server)? Add its address in the options; the browser asks you to allow
        that one host.
      </p>
      <p>
        <button type="button" onClick={onOpenOptions}>
          Open Lens options
        </button>{' '}
        <a href="/privacy.html" target="_blank" rel="noopener">
          Privacy policy
        </a>
      </p>
    </main>
  );
}
