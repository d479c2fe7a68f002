import { useEffect, useRef, useState } from 'preact/hooks';
import { useDismiss } from '../use-dismiss';

/** One model of the run, as the user picks it. */
export interface ModelChoice {
  key: string;
  label: string;
}

export type RegisterView =
  | { status: 'loading' }
  /** `failedUploads`: the run logged models, but their upload failed (MLflow's `LOGGED_MODEL_UPLOAD_FAILED`). */
  | { status: 'no-model'; failedUploads?: string[] }
  | { status: 'error'; message: string }
  | {
      status: 'ready';
      models: ModelChoice[];
      modelKey: string;
      /** The default target: an existing registered model (with its next version) or a new name. */
      target: { name: string; exists: boolean; nextVersion?: number };
      /** A version already made from the chosen model: shown instead of registering again. */
      existing?: { name: string; version: string; href: string };
      busy?: string;
      failure?: string;
    };

export interface RegisterChoices {
  modelKey: string;
  name: string;
  description: string;
  alias: string;
}

export interface RegisterButtonProps {
  view: RegisterView;
  /** Registered models to offer in the menu (filtered by the search box as the user types). */
  searchModels(query: string): Promise<string[]>;
  validateName(name: string): string | null;
  validateAlias(alias: string): string | null;
  /** The description Lens suggests (best validation values and their epochs); computed when the menu opens. */
  suggestDescription(): Promise<string>;
  onRegister(choices: RegisterChoices): void;
  onRetry(): void;
  onChooseModel(modelKey: string): void;
}

/**
 * The one-click register split button: the main part registers to the default target shown on it;
 * the chevron opens the choices (model, registered model or new name, description, alias).
 */
export function RegisterButton(props: RegisterButtonProps) {
  const { view } = props;
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLSpanElement>(null);

  useDismiss(open, wrapper, () => setOpen(false));

  if (view.status === 'loading') {
    return (
      <button type="button" class="reg-main" disabled aria-busy="true">
        Register…
      </button>
    );
  }
  if (view.status === 'no-model') {
    // Not a disabled button in the header's best spot: a quiet note of why Lens offers nothing here.
    const failed = view.failedUploads ?? [];
    return failed.length ? (
      <span class="reg-note warn" role="note" title={`MLflow marks ${failed.join(', ')} LOGGED_MODEL_UPLOAD_FAILED: its files never reached the artifact store. Log the model again to register it.`}>
        Model upload failed: nothing to register
      </span>
    ) : (
      <span class="reg-note" role="note" title="Lens's one-click register appears on runs that logged a model.">
        No logged model
      </span>
    );
  }
  if (view.status === 'error') {
    return (
      <span class="reg-error" role="alert">
        {view.message}{' '}
        <button type="button" class="link" onClick={props.onRetry}>
          Retry
        </button>
      </span>
    );
  }
  if (view.existing) {
    return (
      <span class="reg-group">
        <a class="reg-main reg-done" href={view.existing.href}>
          ✓ Registered as {view.existing.name} v{view.existing.version}
        </a>
      </span>
    );
  }
  const { target } = view;
  const label = `Register as ${target.name}${target.exists && target.nextVersion ? ` · v${target.nextVersion}` : target.exists ? '' : ' (new model)'}`;
  return (
    <span class="reg-wrapper" ref={wrapper}>
      <span class="reg-group" role="group" aria-label="Register this run's model">
        <button
          type="button"
          class="reg-main"
          disabled={!!view.busy}
          aria-busy={!!view.busy}
          onClick={() => props.onRegister({ modelKey: view.modelKey, name: target.name, description: '', alias: '' })}
        >
          {view.busy ?? label}
        </button>
        <button
          type="button"
          class="reg-chevron"
          aria-label="Registration options"
          aria-haspopup="dialog"
          aria-expanded={open}
          disabled={!!view.busy}
          onClick={() => setOpen(!open)}
        >
          ▾
        </button>
      </span>
      {view.failure && (
        <span class="reg-error" role="alert">
          {view.failure}
        </span>
      )}
      {open && (
        <RegisterMenu
          {...props}
          view={view}
          onSubmit={(choices) => {
            setOpen(false);
            props.onRegister(choices);
          }}
        />
      )}
    </span>
  );
}

function RegisterMenu(props: RegisterButtonProps & { view: Extract<RegisterView, { status: 'ready' }>; onSubmit(c: RegisterChoices): void }) {
  const { view } = props;
  const [name, setName] = useState(view.target.name);
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<string[]>([]);
  const [description, setDescription] = useState('');
  const [alias, setAlias] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void props.suggestDescription().then((text) => live && setDescription((d) => d || text)).catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void props.searchModels(query).then((names) => live && setOptions(names)).catch(() => live && setOptions([]));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  const submit = (event: Event) => {
    event.preventDefault();
    const error = props.validateName(name) ?? props.validateAlias(alias);
    setProblem(error);
    if (!error) props.onSubmit({ modelKey: view.modelKey, name: name.trim(), description, alias: alias.trim() });
  };

  return (
    <div class="reg-menu" role="dialog" aria-label="Register options">
    <form class="reg-form" onSubmit={submit}>
      {view.models.length > 1 && (
        <fieldset>
          <legend>Model</legend>
          {view.models.map((m) => (
            <label key={m.key} class="row">
              <input type="radio" name="model" checked={m.key === view.modelKey} onChange={() => props.onChooseModel(m.key)} /> {m.label}
            </label>
          ))}
        </fieldset>
      )}
      <label class="field">
        <span>Registered model</span>
        <input
          name="model-name"
          value={name}
          autocomplete="off"
          spellcheck={false}
          onInput={(e) => {
            const value = (e.target as HTMLInputElement).value;
            setName(value);
            setQuery(value);
          }}
        />
        <small>An existing model gets a new version; a new name creates the model.</small>
      </label>
      {options.length > 0 && (
        <ul class="reg-options" aria-label="Existing registered models">
          {options.slice(0, 8).map((option) => (
            <li key={option}>
              <button type="button" class="link" onClick={() => setName(option)}>
                {option}
              </button>
            </li>
          ))}
        </ul>
      )}
      <label class="field">
        <span>Description</span>
        <textarea name="description" rows={3} value={description} onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)} />
      </label>
      <label class="field">
        <span>Alias (optional)</span>
        <input name="alias" placeholder="champion" value={alias} onInput={(e) => setAlias((e.target as HTMLInputElement).value)} />
      </label>
      {problem && (
        <p class="reg-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" class="reg-submit">
        Register
      </button>
    </form>
    </div>
  );
}
