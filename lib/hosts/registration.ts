/**
 * Keeps the run-time content script registration equal to "the hosts the user added AND still grants".
 * Called on install, on browser start, when the stored list changes and when a permission is revoked,
 * so it is idempotent: it reads the truth each time rather than trusting what it did before.
 */
import { browser } from 'wxt/browser';
import { readUserHosts, userHosts } from '../settings';

export const USER_HOSTS_SCRIPT_ID = 'lens-user-hosts';
const CONTENT_SCRIPT_FILE = 'content-scripts/mlflow.js';

export async function grantedUserPatterns(): Promise<string[]> {
  const hosts = await readUserHosts();
  const granted: string[] = [];
  for (const host of hosts) {
    if (await browser.permissions.contains({ origins: [host.pattern] })) granted.push(host.pattern);
  }
  return granted;
}

export async function syncContentScripts(): Promise<string[]> {
  const patterns = await grantedUserPatterns();
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [USER_HOSTS_SCRIPT_ID] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [USER_HOSTS_SCRIPT_ID] });
  if (patterns.length) {
    await browser.scripting.registerContentScripts([
      {
        id: USER_HOSTS_SCRIPT_ID,
        matches: patterns,
        js: [CONTENT_SCRIPT_FILE],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  }
  return patterns;
}

/** A permission revoked from the browser's own UI removes the host from Lens too. */
export async function forgetRevokedHosts(revokedOrigins: readonly string[]): Promise<void> {
  if (!revokedOrigins.length) return;
  const hosts = await readUserHosts();
  const kept = hosts.filter((h) => !revokedOrigins.includes(h.pattern));
  if (kept.length !== hosts.length) await userHosts.setValue(kept);
}
