import { useState } from 'preact/hooks';
import type { AnalysisSettings } from '@/lib/settings';
import { SavedNote, type SaveNote } from './OptionsPage';

export interface RuleField {
  key: Exclude<keyof AnalysisSettings, 'pairs'>;
  label: string;
  help: string;
  min: number;
  max: number;
  step: number;
}

export interface RuleSectionProps {
  fields: readonly RuleField[];
  defaults: Readonly<Record<RuleField['key'], number>>;
  settings: Partial<AnalysisSettings>;
  onChange(next: Partial<AnalysisSettings>): Promise<void>;
  /** What the last change came to. */
  saved?: SaveNote;
}

/** The overfitting rule's parameters and the user's own metric pairs. Empty fields use the defaults. */
export function RuleSection({ fields, defaults, settings, onChange, saved }: RuleSectionProps) {
  const pairs = settings.pairs ?? [];
  const [draft, setDraft] = useState({ train: '', validation: '', direction: '' as '' | 'min' | 'max' });
  const [error, setError] = useState<string>();

  const setNumber = (key: RuleField['key'], raw: string, field: RuleField) => {
    const next = { ...settings };
    if (raw.trim() === '') delete next[key];
    else {
      const value = Number(raw);
      if (!Number.isFinite(value) || value < field.min || value > field.max) {
        setError(`${field.label} must be between ${field.min} and ${field.max}.`);
        return;
      }
      next[key] = value;
    }
    setError(undefined);
    void onChange(next);
  };

  const addPair = (event: Event) => {
    event.preventDefault();
    const train = draft.train.trim();
    const validation = draft.validation.trim();
    if (!train || !validation) return setError('A pair needs both a training and a validation metric key.');
    if (train === validation) return setError('The training and validation metrics must differ.');
    setError(undefined);
    void onChange({
      ...settings,
      pairs: [...pairs.filter((p) => p.validation !== validation), { train, validation, ...(draft.direction ? { direction: draft.direction } : {}) }],
    });
    setDraft({ train: '', validation: '', direction: '' });
  };

  return (
    <section aria-labelledby="rule-title">
      <h2 id="rule-title">Overfitting rule</h2>
      <p>Leave a field empty to use Lens's default (shown in grey). The README explains each one.</p>
      <div class="rule-grid">
        {fields.map((field) => (
          <label key={field.key}>
            <span>{field.label}</span>
            <input
              type="number"
              name={field.key}
              min={field.min}
              max={field.max}
              step={field.step}
              placeholder={String(defaults[field.key])}
              value={settings[field.key] ?? ''}
              onChange={(e) => setNumber(field.key, (e.target as HTMLInputElement).value, field)}
            />
            <small>{field.help}</small>
          </label>
        ))}
      </div>
      <h3>Metric pairs</h3>
      <p>
        Lens pairs training and validation metrics by their names (train_loss ↔ val_loss and other usual spellings). Add a
        pair here when yours are named otherwise, or to give a direction Lens cannot guess.
      </p>
      {pairs.length > 0 && (
        <ul class="hosts" aria-label="Your metric pairs">
          {pairs.map((p) => (
            <li key={p.validation}>
              <span class="origin">
                {p.train} ↔ {p.validation} {p.direction && `(${p.direction === 'min' ? 'lower is better' : 'higher is better'})`}
              </span>
              <button
                type="button"
                aria-label={`Remove pair ${p.train} and ${p.validation}`}
                onClick={() => void onChange({ ...settings, pairs: pairs.filter((x) => x !== p) })}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="add-host" onSubmit={addPair}>
        <input aria-label="Training metric key" placeholder="training metric, e.g. loss_tr" value={draft.train} onInput={(e) => setDraft({ ...draft, train: (e.target as HTMLInputElement).value })} />
        <input aria-label="Validation metric key" placeholder="validation metric, e.g. loss_holdout" value={draft.validation} onInput={(e) => setDraft({ ...draft, validation: (e.target as HTMLInputElement).value })} />
        <select aria-label="Direction" value={draft.direction} onChange={(e) => setDraft({ ...draft, direction: (e.target as HTMLSelectElement).value as '' | 'min' | 'max' })}>
          <option value="">direction: guess</option>
          <option value="min">lower is better</option>
          <option value="max">higher is better</option>
        </select>
        <button type="submit">Add pair</button>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <SavedNote note={error ? undefined : saved} />
    </section>
  );
}
