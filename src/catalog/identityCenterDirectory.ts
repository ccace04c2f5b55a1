import type { AwsProblem } from '../aws/errors';
import type { SecretRedactor } from '../aws/secrets';
import type { SsoAccount, SsoPortal } from '../aws/ssoPortal';
import type { SsoSource } from '../aws/ssoSources';
import type { Disposable } from '../platform/disposable';
import { Emitter } from '../platform/emitter';
import type { Logger } from '../platform/logger';
import type { Timers } from '../platform/timers';
import { CachedListing, type ListingState } from './cachedListing';
import type { ListingCache } from './listingCache';

/** What changed: the accounts of a source, or the roles of one of its accounts. */
export interface DirectoryChange {
  source: string;
  accountId?: string;
}

export interface IdentityCenterDirectoryOptions {
  /** The portal of a source (AwsContext.portal). */
  portal(source: SsoSource): SsoPortal;
  cache: ListingCache;
  redactor: SecretRedactor;
  log: Logger;
  refreshDelayMs?: number;
  timers?: Timers;
}

/**
 * The accounts each IAM Identity Center source reaches and the roles of each account, listed when first asked
 * for (the view's session node, an expanded account, the wizard) and never before: a source's accounts are one
 * listing, each account's roles another. Each opens from the disk cache and is listed again in the background.
 * Shared by the view and the wizard, so neither lists what the other has. No vscode.
 */
export class IdentityCenterDirectory implements Disposable {
  private readonly accountLists = new Map<string, { source: SsoSource; listing: CachedListing<SsoAccount[]> }>();
  private readonly roleLists = new Map<string, { source: SsoSource; listing: CachedListing<string[]> }>();
  /** A sign-in problem a role's own call ran into, by source: the source shows it until it is listed again. */
  private readonly signInNeeded = new Map<string, AwsProblem>();
  private readonly changed = new Emitter<DirectoryChange>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly options: IdentityCenterDirectoryOptions) {}

  /** The listing of a source's accounts (idle until `loadAccounts`). */
  accounts(source: SsoSource): ListingState<SsoAccount[]> {
    return this.accountsOf(source).state;
  }

  /** Reads what the disk holds of a source's accounts, asking nothing (a new window's rows before they are expanded). */
  primeAccounts(source: SsoSource): Promise<void> {
    return this.accountsOf(source).prime();
  }

  primeRoles(source: SsoSource, accountId: string): Promise<void> {
    return this.rolesOf(source, accountId).prime();
  }

  /** Starts listing a source's accounts unless it has; resolves when there is something to show. */
  loadAccounts(source: SsoSource): Promise<void> {
    return this.accountsOf(source).load();
  }

  /** Resolves once a source's accounts are listed by AWS (or failed), after any cached value. */
  accountsSettled(source: SsoSource): Promise<void> {
    return this.accountsOf(source).settled();
  }

  roles(source: SsoSource, accountId: string): ListingState<string[]> {
    return this.rolesOf(source, accountId).state;
  }

  loadRoles(source: SsoSource, accountId: string): Promise<void> {
    return this.rolesOf(source, accountId).load();
  }

  rolesSettled(source: SsoSource, accountId: string): Promise<void> {
    return this.rolesOf(source, accountId).settled();
  }

  /** The sign-in problem a source is known to have (from its listing, or a role's call), if any. */
  signInProblem(source: SsoSource): AwsProblem | undefined {
    const state = this.accounts(source);
    if (state.kind === 'failed' && state.problem.kind === 'sso-login-required') {
      return state.problem;
    }
    return this.signInNeeded.get(source.id);
  }

  /** A role's call found the session's token missing or expired: the source says so once, for all its roles. */
  reportSignInNeeded(source: SsoSource, problem: AwsProblem): void {
    if (problem.kind !== 'sso-login-required' || this.signInNeeded.has(source.id)) return;
    this.signInNeeded.set(source.id, problem);
    this.changed.fire({ source: source.id });
  }

  /** Forgets the listings of a source (every source without one), so they are listed again when next shown. */
  reset(sourceId?: string): void {
    for (const [key, entry] of [...this.accountLists, ...this.roleLists]) {
      if (sourceId === undefined || entry.source.id === sourceId) {
        entry.listing.dispose();
        this.accountLists.delete(key);
        this.roleLists.delete(key);
      }
    }
    if (sourceId === undefined) this.signInNeeded.clear();
    else this.signInNeeded.delete(sourceId);
  }

  /** Lists a source's accounts again in place (what is shown stays until the answer comes). */
  refreshAccounts(source: SsoSource): Promise<void> {
    this.signInNeeded.delete(source.id);
    return this.accountsOf(source).refresh();
  }

  refreshRoles(source: SsoSource, accountId: string): Promise<void> {
    return this.rolesOf(source, accountId).refresh();
  }

  dispose(): void {
    this.reset();
    this.changed.dispose();
  }

  private accountsOf(source: SsoSource): CachedListing<SsoAccount[]> {
    const known = this.accountLists.get(source.id);
    if (known && known.source === source) {
      return known.listing;
    }
    known?.listing.dispose();
    const listing = new CachedListing<SsoAccount[]>({
      readCache: () => this.options.cache.accounts(source.id),
      fetch: async (partial, _isCurrent, signal) => {
        const accounts = await this.options.portal(source).accounts({ onPage: partial, signal });
        this.signInNeeded.delete(source.id);
        this.options.log.info(`Listed ${accounts.length} accounts of IAM Identity Center session ${source.label}`);
        void this.options.cache.dropGoneAccounts(source.id, accounts.map((account) => account.accountId));
        return accounts;
      },
      writeCache: (accounts) => this.options.cache.saveAccounts(source.id, accounts),
      onDidChange: () => this.changed.fire({ source: source.id }),
      redactor: this.options.redactor,
      refreshDelayMs: this.options.refreshDelayMs,
      timers: this.options.timers,
    });
    this.accountLists.set(source.id, { source, listing });
    return listing;
  }

  private rolesOf(source: SsoSource, accountId: string): CachedListing<string[]> {
    const key = `${source.id}\u0000${accountId}`;
    const known = this.roleLists.get(key);
    if (known && known.source === source) {
      return known.listing;
    }
    known?.listing.dispose();
    const listing = new CachedListing<string[]>({
      readCache: () => this.options.cache.roles(source.id, accountId),
      fetch: async (_partial, _isCurrent, signal) => {
        // Read before this listing replaces it: when every role saved then is still given, no role's products are to drop
        // and the cache's folder is not scanned (once per account, hundreds in an organisation).
        const saved = await this.options.cache.roles(source.id, accountId);
        const roles = await this.options.portal(source).roles(accountId, { signal });
        if (!saved || saved.value.some((role) => !roles.includes(role))) {
          void this.options.cache.dropGoneRoles(source.id, accountId, roles);
        }
        return roles;
      },
      writeCache: (roles) => this.options.cache.saveRoles(source.id, accountId, roles),
      onDidChange: () => this.changed.fire({ source: source.id, accountId }),
      redactor: this.options.redactor,
      refreshDelayMs: this.options.refreshDelayMs,
      timers: this.options.timers,
    });
    this.roleLists.set(key, { source, listing });
    return listing;
  }
}
