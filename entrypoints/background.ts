import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { isTabCommand, opensWelcome } from '@/lib/commands';
import { parseMessage, type LoadExtrasAnswer } from '@/lib/messages';
import { readWatchedRuns, userHosts, watchedRuns } from '@/lib/settings';
import { attentionBadge } from '@/lib/watch';
import { forgetRevokedHosts, syncContentScripts } from '@/lib/hosts/registration';

/** The lazily loaded bundle (entrypoints/lens-extras.tsx), into the content-script world of the asking frame. */
async function injectExtras(sender: Browser.runtime.MessageSender): Promise<LoadExtrasAnswer> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return { ok: false, message: 'Only an MLflow tab can load Lens’s charts.' };
  try {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: ['/lens-extras.js'] });
    return { ok: true };
  } catch (error) {
    // Typically the site's permission was revoked after the page loaded.
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * A keyboard shortcut: the active tab's Lens does it (MLflow pages only answer). Quick search on any other tab opens
 * the popup, which searches MLflow from there.
 */
async function relayCommand(command: string, tab?: Browser.tabs.Tab): Promise<void> {
  if (!isTabCommand(command)) return;
  const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  const answered = tabId === undefined ? undefined : await browser.tabs.sendMessage(tabId, { type: 'lens:command', command }).catch(() => undefined);
  if (answered === undefined && command === 'quick-search') await browser.action.openPopup().catch(() => undefined);
}

/** The toolbar icon's badge: followed runs that turned overfitting or diverging since the user last looked. */
async function showAttention(): Promise<void> {
  const text = attentionBadge(await readWatchedRuns());
  await browser.action.setBadgeText({ text });
  if (text) await browser.action.setBadgeBackgroundColor({ color: '#c92a2a' });
}

/** Where each notification leads; lost if the worker sleeps, and then a click only dismisses it. */
const notificationUrls = new Map<string, string>();

export default defineBackground(() => {
  const sync = () => {
    syncContentScripts().catch((error: unknown) => console.warn('Lens for MLflow: could not register MLflow hosts', error));
  };
  browser.runtime.onInstalled.addListener((details) => {
    sync();
    // Once, on a fresh install: what Lens does and where. Updates and browser restarts open nothing.
    if (opensWelcome(details.reason)) void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });
  browser.runtime.onStartup.addListener(sync);
  userHosts.watch(sync);
  const badge = () => void showAttention().catch(() => undefined);
  watchedRuns.watch(badge);
  badge();
  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    // Only Lens's own pages and content scripts can reach this listener; still, check both.
    if (sender.id !== browser.runtime.id) return undefined;
    const message = parseMessage(raw);
    if (message?.type === 'lens:load-extras') {
      void injectExtras(sender).then(sendResponse);
      return true; // the answer comes asynchronously
    }
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
  browser.commands.onCommand.addListener((command, tab) => void relayCommand(command, tab));
  browser.notifications.onClicked.addListener((id) => {
    const url = notificationUrls.get(id);
    if (url) void browser.tabs.create({ url });
    void browser.notifications.clear(id);
  });
  browser.permissions.onRemoved.addListener((removed) => {
    forgetRevokedHosts(removed.origins ?? []).then(sync, sync);
  });
});
