import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { parseMessage } from '@/lib/messages';
import { userHosts } from '@/lib/settings';
import { forgetRevokedHosts, syncContentScripts } from '@/lib/user-hosts';

/** Where each notification leads; lost if the worker sleeps, and then a click only dismisses it. */
const notificationUrls = new Map<string, string>();

export default defineBackground(() => {
  const sync = () => {
    syncContentScripts().catch((error: unknown) => console.warn('Lens for MLflow: could not register MLflow hosts', error));
  };
  browser.runtime.onInstalled.addListener(sync);
  browser.runtime.onStartup.addListener(sync);
  userHosts.watch(sync);
  browser.runtime.onMessage.addListener((raw, sender) => {
    // Only Lens's own pages and content scripts can reach this listener; still, check both.
    if (sender.id !== browser.runtime.id) return undefined;
    const message = parseMessage(raw);
    if (message?.type === 'lens:open-options') void browser.runtime.openOptionsPage();
    if (message?.type === 'lens:notify' && /^https?:\/\//.test(message.url)) {
      notificationUrls.set(message.id, message.url);
      void browser.notifications.create(message.id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: message.title,
        message: message.message,
      });
    }
    return undefined;
  });
  browser.notifications.onClicked.addListener((id) => {
    const url = notificationUrls.get(id);
    if (url) void browser.tabs.create({ url });
    void browser.notifications.clear(id);
  });
  browser.permissions.onRemoved.addListener((removed) => {
    forgetRevokedHosts(removed.origins ?? []).then(sync, sync);
  });
});
