/**
 * The hosts Lens runs on without asking: the one list behind the manifest's host permissions (wxt.config.ts), the
 * content script's matches, and what the options page says it needs no permission for (lib/hosts/patterns.ts). A module of
 * its own so the content script can name them without bundling lib/hosts/patterns.ts's Public Suffix List.
 */
export const BUILTIN_PATTERNS = [
  'http://localhost/*',
  'http://127.0.0.1/*',
  'https://*.snowflakecomputing.app/*',
] as const;
