import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { userHosts } from '@/lib/settings';
import { forgetRevokedHosts, syncContentScripts } from '@/lib/user-hosts';

export default defineBackground(() => {
  const sync = () => {
    syncContentScripts().catch((error: unknown) => console.warn('Lens for MLflow: could not register MLflow hosts', error));
  };
  browser.runtime.onInstalled.addListener(sync);
  browser.runtime.onStartup.addListener(sync);
  userHosts.watch(sync);
  browser.permissions.onRemoved.addListener((removed) => {
    forgetRevokedHosts(removed.origins ?? []).then(sync, sync);
  });
});
