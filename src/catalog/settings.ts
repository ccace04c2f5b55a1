import type { AcceptLanguage, AccessLevel } from '../aws/serviceCatalogApi';
import type { Disposable } from '../platform/disposable';

/** The `serviceCatalog.*` settings, by their name without the prefix. */
export type SettingName =
  | 'profiles'
  | 'regions'
  | 'accessLevel'
  | 'confirmBeforeExecute'
  | 'maxConcurrentExecutions'
  | 'acceptLanguage'
  | 'identityCenter.discoverAccounts'
  | 'identityCenter.roles'
  | 'maxConcurrentRequests'
  | 'cacheListings'
  | 'activity.maxEntries';

/** Where the settings are read and written: VS Code's configuration in the extension (platform/vscode/configuration.ts). */
export interface SettingsSource {
  get<T>(name: SettingName, defaultValue: T): T;
  /** Writes the user's own (global) value. */
  setGlobal(name: SettingName, value: unknown): Promise<void>;
  /** Calls `listener` when settings change, with a test of which ones did. */
  onDidChange(listener: (changed: (name: SettingName) => boolean) => void): Disposable;
}

/** The extension's settings, checked and read when needed so changes apply without a reload. */
export class Settings {
  constructor(
    private readonly source: SettingsSource,
    /** VS Code's display language (`vscode.env.language`), which `acceptLanguage: auto` follows. */
    private readonly displayLanguage: string,
  ) {}

  /** Profiles to show; empty means all. */
  get profiles(): string[] {
    return names(this.source.get<unknown>('profiles', []));
  }

  /** Regions to show for every profile, besides the profile's own region. */
  get regions(): string[] {
    return names(this.source.get<unknown>('regions', []));
  }

  get accessLevel(): AccessLevel {
    const value = this.source.get<unknown>('accessLevel', 'User');
    return value === 'Account' || value === 'Role' ? value : 'User';
  }

  get confirmBeforeExecute(): boolean {
    return this.source.get<unknown>('confirmBeforeExecute', true) !== false;
  }

  get maxConcurrentExecutions(): number {
    const value = this.source.get<unknown>('maxConcurrentExecutions', 3);
    return typeof value === 'number' && Number.isInteger(value) && value > 0 ? Math.min(value, 10) : 3;
  }

  /** Whether the view lists the accounts and roles of each IAM Identity Center session of the AWS config. */
  get discoverAccounts(): boolean {
    return this.source.get<unknown>('identityCenter.discoverAccounts', true) !== false;
  }

  /** The IAM Identity Center roles to show and offer, by name (case-insensitive); empty means all. */
  get identityCenterRoles(): string[] {
    return names(this.source.get<unknown>('identityCenter.roles', []));
  }

  /** How many AWS calls may be in flight at once (the limiter), 1 to 32. */
  get maxConcurrentRequests(): number {
    const value = this.source.get<unknown>('maxConcurrentRequests', 8);
    return typeof value === 'number' && Number.isInteger(value) && value > 0 ? Math.min(value, 32) : 8;
  }

  /** Whether the last listings are kept on disk to show at once in a new window. */
  get cacheListings(): boolean {
    return this.source.get<unknown>('cacheListings', true) !== false;
  }

  /** How many actions the Activity view keeps and lists (the newest), 10 to 1,000. */
  get activityMaxEntries(): number {
    const value = this.source.get<unknown>('activity.maxEntries', defaultActivityMaxEntries);
    return typeof value === 'number' && Number.isInteger(value) ? Math.min(1_000, Math.max(10, value)) : defaultActivityMaxEntries;
  }

  get acceptLanguage(): AcceptLanguage {
    const value = this.source.get<unknown>('acceptLanguage', 'auto');
    return value === 'en' || value === 'jp' || value === 'zh' ? value : acceptLanguageFor(this.displayLanguage);
  }

  setProfiles(profiles: string[]): Promise<void> {
    return this.source.setGlobal('profiles', profiles);
  }

  onDidChange(listener: (changed: (name: SettingName) => boolean) => void): Disposable {
    return this.source.onDidChange(listener);
  }
}

export const defaultActivityMaxEntries = 200;

/** Whether the roles setting lets a role be shown. */
export function roleShown(roleName: string, shown: readonly string[]): boolean {
  return shown.length === 0 || shown.some((name) => name.toLowerCase() === roleName.toLowerCase());
}

function names(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((name): name is string => typeof name === 'string' && name.trim() !== '') : [];
}

/** Service Catalog's language code for a VS Code display language: `ja` → `jp`, `zh-*` → `zh`, else `en`. */
export function acceptLanguageFor(displayLanguage: string): AcceptLanguage {
  const language = displayLanguage.toLowerCase();
  if (language === 'ja' || language.startsWith('ja-')) {
    return 'jp';
  }
  if (language === 'zh' || language.startsWith('zh-')) {
    return 'zh';
  }
  return 'en';
}
