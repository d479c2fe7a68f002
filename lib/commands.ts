/**
 * Lens's keyboard shortcuts as the browser knows them (manifest `commands`), so users see and change them on the
 * browser's own shortcuts page. Pure data and logic: wxt.config.ts puts them in the manifest, the background
 * relays them to the MLflow tab, the options page lists them.
 */

/** Commands the background relays to the active MLflow tab (`_execute_action` the browser handles itself). */
export type TabCommand = 'quick-search' | 'compare-drawer' | 'leaderboard';

/**
 * `_execute_action` opens the toolbar popup (quick search, followed runs, links) from any tab.
 * Quick search suggests no key: Ctrl+K bound as a command would be taken from every site and from the browser's own
 * Ctrl+K. It stays a key of MLflow's pages (handled there, only while not typing in MLflow's own fields); users may
 * bind the command too. Chrome allows four suggested keys, each with Ctrl or Alt (not both).
 */
export const COMMANDS = {
  _execute_action: {
    suggested_key: { default: 'Alt+Shift+L' },
    description: 'Open the Lens popup: quick search and followed runs',
  },
  'quick-search': {
    description: 'Quick search on the MLflow page (Ctrl/Cmd+K there works too)',
  },
  'compare-drawer': {
    suggested_key: { default: 'Alt+Shift+C' },
    description: 'Open or close the compare drawer on the MLflow page (Alt+Shift+C there works too)',
  },
  // No suggested key: it acts on runs pages only, and Chrome allows four suggestions; bind one on the shortcuts page.
  leaderboard: {
    description: 'Open or close the experiment leaderboard on an MLflow runs page',
  },
} as const satisfies Record<string, { suggested_key?: { default: string }; description: string }>;

/**
 * The manifest's commands for one browser. Chromium (156, checked) leaves a suggested Alt+Shift+C unassigned while it
 * assigns Alt+Shift+L, M or K: in Chrome the drawer's command is declared without it (the page's own Alt+Shift+C still
 * works, and users can bind the command), rather than suggest a second key for the same thing.
 */
export function commandsFor(browser: string) {
  if (browser === 'firefox') return COMMANDS;
  const { suggested_key: _refused, ...drawer } = COMMANDS['compare-drawer'];
  return { ...COMMANDS, 'compare-drawer': drawer };
}

export function isTabCommand(name: string): name is TabCommand {
  return name === 'quick-search' || name === 'compare-drawer' || name === 'leaderboard';
}

/**
 * The browser delivers a bound command's key to the background, and the page's own key handler may see the same
 * press (browsers differ, and a user may bind the command to the in-page key): one press must act once. Accepts an
 * action unless the other source triggered it within `windowMs`.
 */
export function oneActionPerPress(windowMs = 500, now: () => number = () => performance.now()) {
  let last: { source: 'key' | 'command'; at: number } | undefined;
  return (source: 'key' | 'command'): boolean => {
    const at = now();
    if (last && last.source !== source && at - last.at < windowMs) return false;
    last = { source, at };
    return true;
  };
}

/** Where the browser lets users change extension shortcuts, said in its own words. */
export function shortcutsPageHint(userAgent: string): string {
  return /Firefox\//.test(userAgent)
    ? 'Firefox: about:addons → the gear menu → “Manage Extension Shortcuts”.'
    : 'Chrome: chrome://extensions/shortcuts.';
}

/** The first-run page opens on a fresh install only: never on an update, a browser update or a re-enable. */
export function opensWelcome(reason: string): boolean {
  return reason === 'install';
}
