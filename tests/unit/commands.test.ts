import { describe, expect, it } from 'vitest';
import { COMMANDS, commandsFor, isTabCommand, oneActionPerPress, opensWelcome, shortcutsPageHint } from '@/lib/commands';

/** Chrome's rules for a suggested key (developer.chrome.com/docs/extensions/reference/api/commands). */
const KEYS = /^([A-Z0-9]|Comma|Period|Home|End|PageUp|PageDown|Space|Insert|Delete|Up|Down|Left|Right)$/;

describe('manifest commands', () => {
  const suggested = Object.values(COMMANDS).flatMap((c) => ('suggested_key' in c ? [c.suggested_key.default] : []));

  it('suggest at most four keys, each with Ctrl or Alt but not both, and a key Chrome accepts', () => {
    expect(suggested.length).toBeGreaterThan(0);
    expect(suggested.length).toBeLessThanOrEqual(4);
    for (const combo of suggested) {
      const parts = combo.split('+');
      const modifiers = parts.slice(0, -1);
      expect(modifiers.includes('Ctrl') !== modifiers.includes('Alt'), combo).toBe(true);
      expect(modifiers.every((m) => ['Ctrl', 'Alt', 'Shift'].includes(m)), combo).toBe(true);
      expect(parts.at(-1), combo).toMatch(KEYS);
    }
    expect(new Set(suggested).size).toBe(suggested.length);
  });

  it('keep the in-page keys: Alt+Shift+C for the drawer; Ctrl+K is not taken from every site', () => {
    expect(COMMANDS['compare-drawer'].suggested_key.default).toBe('Alt+Shift+C');
    expect(suggested).not.toContain('Ctrl+K');
    expect(Object.values(COMMANDS).every((c) => c.description.length > 10)).toBe(true);
  });

  it('leave the drawer unbound in Chrome, which refuses Alt+Shift+C, and suggest it in Firefox', () => {
    expect('suggested_key' in commandsFor('chrome')['compare-drawer']).toBe(false);
    expect(commandsFor('chrome')._execute_action.suggested_key.default).toBe('Alt+Shift+L');
    expect(commandsFor('firefox')['compare-drawer']).toEqual(COMMANDS['compare-drawer']);
  });

  it('relays only the commands the MLflow page handles', () => {
    expect(isTabCommand('quick-search')).toBe(true);
    expect(isTabCommand('compare-drawer')).toBe(true);
    expect(isTabCommand('_execute_action')).toBe(false);
  });
});

describe('oneActionPerPress', () => {
  it('lets one press act once when both the page key and the browser command report it', () => {
    let t = 0;
    const accept = oneActionPerPress(500, () => t);
    expect(accept('key')).toBe(true);
    t = 30;
    expect(accept('command')).toBe(false); // the same press, relayed by the background
    t = 2_000;
    expect(accept('command')).toBe(true); // a later press
    t = 2_010;
    expect(accept('key')).toBe(false);
    t = 2_100;
    expect(accept('command')).toBe(true); // the same source twice is two presses
  });
});

it('names the shortcuts page of each browser', () => {
  expect(shortcutsPageHint('Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0')).toContain('about:addons');
  expect(shortcutsPageHint('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36')).toContain('chrome://extensions/shortcuts');
});

it('opens the first-run page on a fresh install only', () => {
  expect(opensWelcome('install')).toBe(true);
  for (const reason of ['update', 'chrome_update', 'browser_update', 'shared_module_update']) expect(opensWelcome(reason)).toBe(false);
});
