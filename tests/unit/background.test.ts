import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { USER_HOSTS_SCRIPT_ID } from '@/lib/hosts/registration';
import { userHosts, watchedRuns, type WatchedRun } from '@/lib/settings';
import { installExtensionApis } from './fake-extension-apis';

const LENS = { id: fakeBrowser.runtime.id };
const HOST_A = { pattern: 'https://mlflow.example.com/*', origin: 'https://mlflow.example.com', addedAt: 1 };
const HOST_B = { pattern: 'https://*.ml.corp.io/*', origin: 'https://*.ml.corp.io', addedAt: 2 };
const RUN: WatchedRun = { baseUrl: 'http://localhost:5000/', runId: 'r1', runName: 'wolf', runUrl: 'http://localhost:5000/#/experiments/1/runs/r1' };

/** Sends `message` to the background as `sender`; resolves to its answer (undefined when it gives none). */
async function send(message: unknown, sender: object = LENS): Promise<unknown> {
  let answer: unknown;
  const answered = new Promise((resolve) => (answer = resolve));
  const results = await fakeBrowser.runtime.onMessage.trigger(message, sender, answer as (v: unknown) => void);
  return (results as unknown[]).includes(true) ? answered : undefined;
}

const openedUrls = async () => (await fakeBrowser.tabs.query({})).map((t) => t.url).filter(Boolean);

let apis: ReturnType<typeof installExtensionApis>;
beforeEach(() => {
  fakeBrowser.reset();
  apis = installExtensionApis();
  background.main!();
});

describe('background: notifications', () => {
  const notify = { type: 'lens:notify', id: 'lens-watch-r1-overfitting', title: 'wolf is overfitting', message: 'val_loss 30 % above its best', url: RUN.runUrl };

  it('shows what a content script reports, and a click opens the run', async () => {
    expect(await send(notify)).toBeUndefined();
    await vi.waitFor(() => expect(fakeBrowser.notifications.getAllCreateOptions()).toHaveProperty(notify.id));
    expect(fakeBrowser.notifications.getAllCreateOptions()[notify.id]).toEqual({
      type: 'basic',
      iconUrl: fakeBrowser.runtime.getURL('/icon/128.png'),
      title: 'wolf is overfitting',
      message: 'val_loss 30 % above its best',
    });
    await fakeBrowser.notifications.onClicked.trigger(notify.id);
    await vi.waitFor(async () => expect(await openedUrls()).toContain(RUN.runUrl));
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('shows nothing for another extension, a link that is not a web page, or a message that does not parse', async () => {
    await send(notify, { id: 'another-extension' });
    await send({ ...notify, url: 'javascript:alert(1)' });
    await send({ ...notify, title: 'x'.repeat(201) });
    await send({ type: 'lens:notify', id: 'n' });
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
  });
});

describe('background: the toolbar badge counts followed runs that turned bad', () => {
  it('follows the stored list, and clears when the user has looked', async () => {
    await watchedRuns.setValue([{ ...RUN, attention: true }, { ...RUN, runId: 'r2', attention: true }, { ...RUN, runId: 'r3' }]);
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('2'));
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([201, 42, 42, 255]);
    await watchedRuns.setValue([{ ...RUN, attention: false }]);
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe(''));
  });
});

describe('background: the content script on the user’s own hosts', () => {
  it('on install, registers it for the hosts the user added and still grants, and opens the welcome page once', async () => {
    await userHosts.setValue([HOST_A, HOST_B]);
    apis.granted.add(HOST_A.pattern);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    await vi.waitFor(() => expect(apis.registered.get(USER_HOSTS_SCRIPT_ID)?.matches).toEqual([HOST_A.pattern]));
    expect(apis.registered.get(USER_HOSTS_SCRIPT_ID)).toEqual({
      id: USER_HOSTS_SCRIPT_ID,
      matches: [HOST_A.pattern],
      js: ['content-scripts/mlflow.js'],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    });
    expect(await openedUrls()).toContain(fakeBrowser.runtime.getURL('/welcome.html'));
  });

  it('an update registers again without opening anything', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update' } as never);
    await vi.waitFor(() => expect(apis.scripting.getRegisteredContentScripts).toHaveBeenCalled());
    expect(await openedUrls()).not.toContain(fakeBrowser.runtime.getURL('/welcome.html'));
  });

  it('re-registers when the stored hosts change, and forgets a host whose permission the browser revoked', async () => {
    apis.granted.add(HOST_A.pattern).add(HOST_B.pattern);
    await userHosts.setValue([HOST_A, HOST_B]);
    await vi.waitFor(() => expect(apis.registered.get(USER_HOSTS_SCRIPT_ID)?.matches).toEqual([HOST_A.pattern, HOST_B.pattern]));
    apis.granted.delete(HOST_A.pattern);
    await apis.permissionsRemoved.trigger({ origins: [HOST_A.pattern] });
    await vi.waitFor(async () => expect(await userHosts.getValue()).toEqual([HOST_B]));
    await vi.waitFor(() => expect(apis.registered.get(USER_HOSTS_SCRIPT_ID)?.matches).toEqual([HOST_B.pattern]));
    apis.granted.delete(HOST_B.pattern);
    await apis.permissionsRemoved.trigger({ origins: [HOST_B.pattern] });
    await vi.waitFor(() => expect(apis.registered.has(USER_HOSTS_SCRIPT_ID)).toBe(false));
  });
});

describe('background: the lazily loaded bundle', () => {
  it('injects it into the asking frame of the asking tab', async () => {
    expect(await send({ type: 'lens:load-extras' }, { ...LENS, tab: { id: 7 }, frameId: 3 })).toEqual({ ok: true });
    expect(apis.scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: 7, frameIds: [3] }, files: ['/lens-extras.js'] });
  });

  it('says why it could not', async () => {
    expect(await send({ type: 'lens:load-extras' })).toEqual({ ok: false, message: 'Only an MLflow tab can load Lens’s charts.' });
    apis.scripting.executeScript.mockRejectedValueOnce(new Error('Cannot access contents of the page.'));
    expect(await send({ type: 'lens:load-extras' }, { ...LENS, tab: { id: 7 } })).toEqual({ ok: false, message: 'Cannot access contents of the page.' });
  });
});

it('opens the options page for a content script', async () => {
  await send({ type: 'lens:open-options' });
  expect(apis.openOptionsPage).toHaveBeenCalledTimes(1);
  await send({ type: 'lens:open-options' }, { id: 'another-extension' });
  expect(apis.openOptionsPage).toHaveBeenCalledTimes(1);
});

it('quick search on a tab that is not MLflow opens the popup', async () => {
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection.'));
  await apis.onCommand.trigger('quick-search', { id: 1 });
  expect(apis.openPopup).toHaveBeenCalledTimes(1);
  await apis.onCommand.trigger('compare-drawer', { id: 1 });
  expect(apis.openPopup).toHaveBeenCalledTimes(1);
});
