import { render } from 'preact';
import { browser } from 'wxt/browser';
import { WelcomePage } from '@/components/welcome/WelcomePage';
import { BUILTIN_PATTERNS } from '@/lib/hosts/builtin';
import { readUserHosts } from '@/lib/settings';
import '@/components/options/options.css';

/** The first-run page (opened once, on install, by the background): what Lens does, where, and on which hosts. */
async function main() {
  const added = (await readUserHosts()).map((h) => h.origin);
  render(
    <WelcomePage builtins={BUILTIN_PATTERNS} added={added} onOpenOptions={() => void browser.runtime.openOptionsPage()} />,
    document.getElementById('app')!,
  );
}
void main();
