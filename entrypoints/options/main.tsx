import { render } from 'preact';
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { OptionsPage, type HostRow } from '@/components/options/OptionsPage';
import { FEATURE_CATALOG, type FeatureId } from '@/lib/features-catalog';
import { BUILTIN_PATTERNS, parseHostInput } from '@/lib/hosts';
import { disabledFeatures, readUserHosts, userHosts } from '@/lib/settings';
import '@/components/options/options.css';

const hosts = signal<HostRow[]>([]);
const disabled = signal<FeatureId[]>([]);

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
  await disabledFeatures.setValue([...current]);
}

userHosts.watch(() => void loadHosts());
disabledFeatures.watch((value) => {
  disabled.value = value ?? [];
});
void loadHosts();
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
    />
  );
}

render(<App />, document.getElementById('app')!);
