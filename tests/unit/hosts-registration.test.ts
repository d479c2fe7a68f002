import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetRevokedHosts, grantedUserPatterns, syncContentScripts, USER_HOSTS_SCRIPT_ID } from '@/lib/hosts/registration';
import { readUserHosts, userHosts } from '@/lib/settings';
import { installExtensionApis } from './fake-extension-apis';

const A = { pattern: 'https://mlflow.example.com/*', origin: 'https://mlflow.example.com:8443', addedAt: 1 };
const B = { pattern: 'http://10.0.0.5/*', origin: 'http://10.0.0.5:5000', addedAt: 2 };

let apis: ReturnType<typeof installExtensionApis>;
beforeEach(() => {
  fakeBrowser.reset();
  apis = installExtensionApis();
});

describe('syncContentScripts', () => {
  it('registers the content script for the added hosts that are still granted, in the order added', async () => {
    await userHosts.setValue([A, B]);
    apis.granted.add(A.pattern).add(B.pattern);
    expect(await syncContentScripts()).toEqual([A.pattern, B.pattern]);
    expect([...apis.registered.values()]).toEqual([
      { id: USER_HOSTS_SCRIPT_ID, matches: [A.pattern, B.pattern], js: ['content-scripts/mlflow.js'], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
  });

  it('is idempotent: run again, it replaces its registration rather than failing on the duplicate id', async () => {
    await userHosts.setValue([A]);
    apis.granted.add(A.pattern);
    await syncContentScripts();
    await syncContentScripts();
    expect([...apis.registered.keys()]).toEqual([USER_HOSTS_SCRIPT_ID]);
    expect(apis.scripting.unregisterContentScripts).toHaveBeenCalledTimes(1);
  });

  it('registers nothing when no added host is granted, and removes what it registered before', async () => {
    await userHosts.setValue([A, B]);
    apis.granted.add(B.pattern);
    await syncContentScripts();
    expect(apis.registered.get(USER_HOSTS_SCRIPT_ID)?.matches).toEqual([B.pattern]);
    apis.granted.clear();
    expect(await syncContentScripts()).toEqual([]);
    expect(apis.registered.size).toBe(0);
  });

  it('reads a malformed stored list as no hosts (storage is user-editable)', async () => {
    await fakeBrowser.storage.local.set({ userHosts: [{ pattern: 42 }] });
    apis.granted.add(A.pattern);
    expect(await grantedUserPatterns()).toEqual([]);
    expect(await readUserHosts()).toEqual([]);
  });
});

describe('forgetRevokedHosts', () => {
  it('drops the hosts whose permission was revoked, keeping the others', async () => {
    await userHosts.setValue([A, B]);
    await forgetRevokedHosts([A.pattern, 'https://unrelated.example.org/*']);
    expect(await readUserHosts()).toEqual([B]);
  });

  it('writes nothing when no added host was revoked', async () => {
    await userHosts.setValue([A]);
    let changes = 0;
    const unwatch = userHosts.watch(() => changes++);
    await forgetRevokedHosts([]);
    await forgetRevokedHosts(['https://unrelated.example.org/*']);
    unwatch();
    expect(changes).toBe(0);
    expect(await readUserHosts()).toEqual([A]);
  });
});
