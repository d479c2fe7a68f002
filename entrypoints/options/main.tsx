import { render } from 'preact';
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { OptionsPage, type HostRow, type SaveNote, type ShortcutRow } from '@/components/options/OptionsPage';
import { RuleSection, type RuleField } from '@/components/options/RuleSection';
import { COMMANDS, shortcutsPageHint } from '@/lib/commands';
import { FEATURE_CATALOG, type FeatureId } from '@/lib/features-catalog';
import { BUILTIN_PATTERNS, parseHostInput } from '@/lib/hosts/patterns';
import { analysisSettings, ANALYSIS_BOUNDS, DEFAULT_ANALYSIS_SETTINGS, disabledFeatures, readUserHosts, storedAnalysisSettings, userHosts, type AnalysisSettings } from '@/lib/settings';
import '@/components/options/options.css';

const hosts = signal<HostRow[]>([]);
const disabled = signal<FeatureId[]>([]);
const analysis = signal<Partial<AnalysisSettings>>({});
const shortcuts = signal<ShortcutRow[] | null>(null);
const saved = signal<{ section: 'features' | 'rule'; note: SaveNote } | null>(null);

/** Waits for the write, then says where it was made that it is saved, or why not. */
async function saving(section: 'features' | 'rule', write: Promise<void>, done: string): Promise<void> {
  try {
    await write;
    saved.value = { section, note: { ok: true, text: done } };
  } catch (error) {
    saved.value = { section, note: { ok: false, text: `Not saved: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

async function loadShortcuts(): Promise<void> {
  const all = await browser.commands.getAll();
  // The popup's command has no description of its own in every browser: use Lens's.
  shortcuts.value = all.map((c) => ({
    name: c.name ?? '',
    description: c.description || (COMMANDS as Record<string, { description: string }>)[c.name ?? '']?.description || (c.name ?? ''),
    shortcut: c.shortcut ?? '',
  }));
}

/** Chrome lets an extension open its shortcuts page; Firefox has its own call for it (Firefox 137+). */
function openShortcuts(): void {
  const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
  if (commands.openShortcutSettings) void commands.openShortcutSettings();
  else void browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}

/** An input's bounds: the settings' own, which a stored value must also keep (lib/settings.ts). */
const within = (key: RuleField['key']) => ({ key, min: ANALYSIS_BOUNDS[key][0], max: ANALYSIS_BOUNDS[key][1] });
const RULE_FIELDS: RuleField[] = [
  { ...within('overfitThreshold'), label: 'Overfitting threshold (%)', help: 'How far (smoothed) validation may drift from its best before it counts as overfitting.', step: 0.5 },
  { ...within('watchThreshold'), label: 'Watch threshold (%)', help: 'Drift that earns the “Watch” verdict (early signs of overfitting).', step: 0.5 },
  { ...within('patience'), label: 'Patience (evaluations)', help: 'Evaluations without improvement before "overfitting", as in early stopping.', step: 1 },
  { ...within('warmup'), label: 'Warm-up (evaluations)', help: 'Fewer validation evaluations than this: "too early" to judge.', step: 1 },
  { ...within('minDelta'), label: 'Minimum improvement', help: 'Relative change that counts as an improvement (0.001 = 0.1 %).', step: 0.0005 },
  { ...within('smoothing'), label: 'Smoothing (0–0.99)', help: 'Weight of the debiased moving average applied before judging.', step: 0.05 },
  { ...within('trainProgressFloor'), label: 'Training still improving (%)', help: 'Minimum training improvement since the best for "overfitting".', step: 0.5 },
  { ...within('divergenceThreshold'), label: 'Training worsening (%)', help: 'Training metric worse than this since the best: "diverging".', step: 0.5 },
  { ...within('noiseGuard'), label: 'Noise guard (0–2)', help: 'Raises the thresholds to the drift the curve’s own noise explains; 0 turns it off.', step: 0.1 },
  { ...within('liveRefreshSeconds'), label: 'Live refresh (seconds)', help: 'How often a running run is re-checked while its page is open, and followed runs from an MLflow tab.', step: 1 },
];

async function loadHosts(): Promise<void> {
  const stored = await readUserHosts();
  hosts.value = await Promise.all(
    stored.map(async (h) => ({ ...h, granted: await browser.permissions.contains({ origins: [h.pattern] }) })),
  );
}

/** Must run inside the click handler: browsers only show a permission prompt for a user gesture. */
async function addHost(input: string): Promise<string | undefined> {
  const parsed = parseHostInput(input);
  if (!parsed.ok) return parsed.error;
  if (hosts.value.some((h) => h.pattern === parsed.pattern)) return `${parsed.origin} is already in the list.`;
  const granted = await browser.permissions.request({ origins: [parsed.pattern] });
  if (!granted) return `Permission for ${parsed.origin} was not granted, so Lens cannot run there.`;
  const stored = await readUserHosts();
  await userHosts.setValue([...stored, { pattern: parsed.pattern, origin: parsed.origin, addedAt: Date.now() }]);
  await loadHosts();
  return undefined;
}

async function removeHost(pattern: string): Promise<void> {
  const stored = await readUserHosts();
  await userHosts.setValue(stored.filter((h) => h.pattern !== pattern));
  await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
  await loadHosts();
}

async function regrant(pattern: string): Promise<void> {
  await browser.permissions.request({ origins: [pattern] });
  await userHosts.setValue(await readUserHosts()); // nudges the background to re-register
  await loadHosts();
}

async function toggleFeature(id: FeatureId, enabled: boolean): Promise<void> {
  const current = new Set(await disabledFeatures.getValue());
  if (enabled) current.delete(id);
  else current.add(id);
  await saving('features', disabledFeatures.setValue([...current]), 'Saved. Open MLflow tabs follow at once.');
}

userHosts.watch(() => void loadHosts());
disabledFeatures.watch((value) => {
  disabled.value = value ?? [];
});
// What the user set and Lens can use: a stored value the features drop shows as empty (the default) here too.
analysisSettings.watch((value) => {
  analysis.value = storedAnalysisSettings(value);
});
void analysisSettings.getValue().then((value) => {
  analysis.value = storedAnalysisSettings(value);
});
void loadHosts();
void loadShortcuts();
// Changed on the browser's shortcuts page while this one is open: read them again on return.
document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && void loadShortcuts());
void disabledFeatures.getValue().then((value) => {
  disabled.value = value;
});

function App() {
  return (
    <OptionsPage
      builtins={BUILTIN_PATTERNS}
      hosts={hosts.value}
      features={FEATURE_CATALOG}
      disabled={disabled.value}
      onAddHost={addHost}
      onRemoveHost={removeHost}
      onRegrant={regrant}
      onToggleFeature={toggleFeature}
      featuresSaved={saved.value?.section === 'features' ? saved.value.note : undefined}
      shortcuts={shortcuts.value}
      shortcutsHint={shortcutsPageHint(navigator.userAgent)}
      onOpenShortcuts={openShortcuts}
    >
      <RuleSection
        fields={RULE_FIELDS}
        defaults={DEFAULT_ANALYSIS_SETTINGS}
        settings={analysis.value}
        saved={saved.value?.section === 'rule' ? saved.value.note : undefined}
        onChange={(next) => saving('rule', analysisSettings.setValue(next), 'Saved. Run pages use it when they next open or reload.')}
      />
    </OptionsPage>
  );
}

render(<App />, document.getElementById('app')!);
