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
      /** Whether Lens's `lens.*` tags go on the version (the user's remembered choice). */
      writeTags: boolean;
      busy?: string;
      failure?: string;
    };

export interface RegisterChoices {
  modelKey: string;
  name: string;
  description: string;
  alias: string;
  writeTags: boolean;
}

/** What Lens writes on the version: shown in the menu before anything is sent. */
export interface LensNotes {
  description: string;
  tags: { key: string; value: string }[];
}

export interface RegisterButtonProps {
  view: RegisterView;
  /** Registered models to offer in the menu (filtered by the search box as the user types). */
  searchModels(query: string): Promise<string[]>;
  /** `existing`: the name is a registered model the server already has (older names may break newer rules). */
  validateName(name: string, existing: boolean): string | null;
  validateAlias(alias: string): string | null;
  /** Said under the name while it differs from the default: what it does to the other runs' one-click target. */
  defaultChangeNotice(name: string): string | null;
  /** The description and tags Lens suggests (best validation values and their epochs); read when the menu opens. */
  suggestNotes(): Promise<LensNotes>;
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
          title={`With Lens's description${view.writeTags ? ' and lens.* tags' : ''}: ▾ shows them`}
          onClick={() => props.onRegister({ modelKey: view.modelKey, name: target.name, description: '', alias: '', writeTags: view.writeTags })}
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
  const [tags, setTags] = useState<LensNotes['tags']>([]);
  const [writeTags, setWriteTags] = useState(view.writeTags);
  const [alias, setAlias] = useState('');
  // Problems are shown once the user has typed in a field (or tried to submit), next to that field.
  const [touched, setTouched] = useState({ name: false, alias: false });

  useEffect(() => {
    let live = true;
    void props
      .suggestNotes()
      .then((notes) => {
        if (!live) return;
        setDescription((d) => d || notes.description);
        setTags(notes.tags);
      })
      .catch(() => {});
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

  const trimmed = name.trim();
  const existing = (trimmed === view.target.name && view.target.exists) || options.includes(trimmed);
  const nameProblem = props.validateName(name, existing);
  const aliasProblem = props.validateAlias(alias.trim());
  const notice = nameProblem ? null : props.defaultChangeNotice(name);

  const submit = (event: Event) => {
    event.preventDefault();
    setTouched({ name: true, alias: true });
    if (!nameProblem && !aliasProblem) props.onSubmit({ modelKey: view.modelKey, name: trimmed, description, alias: alias.trim(), writeTags });
  };

  const showName = touched.name && nameProblem;
  const showAlias = touched.alias && aliasProblem;
  return (
    <div class="reg-menu" role="dialog" aria-label="Register options">
    <form class="reg-form" onSubmit={submit} noValidate>
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
      <div class="field">
        <label for="reg-name">Registered model</label>
        <input
          id="reg-name"
          name="model-name"
          value={name}
          autocomplete="off"
          spellcheck={false}
          aria-invalid={showName ? 'true' : undefined}
          aria-describedby="reg-name-help"
          onInput={(e) => {
            const value = (e.target as HTMLInputElement).value;
            setName(value);
            setQuery(value);
            setTouched((t) => ({ ...t, name: true }));
          }}
        />
        {showName ? (
          <small id="reg-name-help" class="reg-field-error" role="alert">
            {nameProblem}
          </small>
        ) : (
          <small id="reg-name-help">
            An existing model gets a new version; a new name creates the model.
            {notice && <span class="reg-notice"> {notice}</span>}
          </small>
        )}
      </div>
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
      {tags.length > 0 && (
        <fieldset class="reg-tags">
          <label class="row">
            <input type="checkbox" name="lens-tags" checked={writeTags} onChange={(e) => setWriteTags((e.target as HTMLInputElement).checked)} /> Add
            Lens&apos;s tags (one-click registers remember this)
          </label>
          <ul aria-label="Lens's tags" class={writeTags ? '' : 'off'}>
            {tags.map((tag) => (
              <li key={tag.key}>
                <code>{tag.key}</code> = <code>{tag.value}</code>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <div class="field">
        <label for="reg-alias">Alias (optional)</label>
        <input
          id="reg-alias"
          name="alias"
          placeholder="champion"
          value={alias}
          aria-invalid={showAlias ? 'true' : undefined}
          aria-describedby={showAlias ? 'reg-alias-error' : undefined}
          onInput={(e) => {
            setAlias((e.target as HTMLInputElement).value);
            setTouched((t) => ({ ...t, alias: true }));
          }}
        />
        {showAlias && (
          <small id="reg-alias-error" class="reg-field-error" role="alert">
            {aliasProblem}
          </small>
        )}
      </div>
      <button type="submit" class="reg-submit">
        Register
      </button>
    </form>
    </div>
  );
}
