/**
 * The hosts Lens runs on without asking (the manifest's content script and host permissions). A module of
 * its own so the content script can name them without bundling lib/hosts.ts's Public Suffix List.
 */
export const BUILTIN_PATTERNS = [
  'http://localhost/*',
  'http://127.0.0.1/*',
  'https://*.snowflakecomputing.app/*',
] as const;
