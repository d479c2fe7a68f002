// Type declarations for release-lib.mjs (so strict TS tests type-check without allowJs). Keep in sync.

export declare function parseVersion(text: string): number[];
export declare function compareVersions(a: string, b: string): number;
export declare function bumpPackageJson(text: string, version: string): string;
export declare function bumpLockfile(text: string, version: string): string;

export interface Commit {
  hash: string;
  subject: string;
}
export interface CommitGroup {
  title: string;
  commits: Commit[];
}
export declare const GIT_LOG_FORMAT: string;
export declare function parseGitLog(raw: string): Commit[];
export declare function issueOf(subject: string): number | null;
export declare function kindOf(subject: string): 'Tests' | 'Benchmarks' | 'Documentation' | 'Features and fixes';
export declare function groupCommits(commits: Commit[], titles?: Record<string, string>): CommitGroup[];
export declare function shortenSubject(subject: string, max?: number): string;
export declare function renderChangelogEntry(entry: { version: string; date: string; since: string | null; groups: CommitGroup[] }): string;
export declare const CHANGELOG_HEADER: string;
export declare function insertChangelogEntry(existing: string, version: string, entry: string): string;

export interface ZipEntry {
  name: string;
  size: number;
  compressedSize: number;
  method: number;
  offset: number;
}
export declare function zipEntries(buffer: Buffer): ZipEntry[];
export declare function zipRead(buffer: Buffer, name: string): Buffer;
export declare function extensionZipProblems(names: string[]): string[];
export declare const SOURCES_REQUIRED: string[];
export declare function sourcesZipProblems(names: string[]): string[];

export interface ReadmePermissions {
  permissions: string[];
  hostPermissions: string[];
  optionalHostPermissions: string[];
}
export declare function permissionsFromReadme(readme: string): ReadmePermissions;
export declare function chromeManifestProblems(manifest: Record<string, any>, options: { version: string; files: Set<string>; expected: ReadmePermissions }): string[];
export declare function firefoxManifestProblems(manifest: Record<string, any>, options: { version: string; files: Set<string> }): string[];

export interface LintReport {
  errors?: { code: string; message: string; file?: string; line?: number; column?: number }[];
  warnings?: { code: string; message: string; file?: string; line?: number; column?: number }[];
  notices?: { code: string; message: string; file?: string }[];
}
export declare function classifyLint(report: LintReport, lineOf: (file: string, line: number) => string): { own: string[]; ignored: string[]; notices: string[] };

export declare function pngSize(buffer: Buffer): { width: number; height: number };
export declare function sectionText(md: string, heading: string): string | null;
export declare function listingProblems(md: string, manifestDescription: string): string[];
export declare function formatSize(bytes: number): string;
export declare function markdownToHtml(md: string): string;
