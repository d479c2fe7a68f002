import type { BrowserContext } from '@playwright/test';

export const OUTPUT_DIR: string;
export const EXTENSION_DIR: string;
export const CHROMIUM: string;
export function launchChromiumWithLens(options?: { headless?: boolean; args?: string[]; profile?: string; grantHosts?: string[]; httpCredentials?: { username: string; password: string }; extension?: boolean }): Promise<{ context: BrowserContext; profile: string; cleanup: () => Promise<void> }>;
export function grantInProfile(profile: string, extensionId: string, hosts: string[]): void;
export function extensionIdOf(context: BrowserContext): Promise<string>;
