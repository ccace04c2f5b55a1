import type { ProvisionedProductAttribute } from '@aws-sdk/client-service-catalog';
import { isDiscoveredScopeName, parseDiscoveredScopeName } from '../aws/scopeNames';
import type { AccessLevel } from '../aws/serviceCatalogApi';
import type { SsoAccount } from '../aws/ssoPortal';
import type { CacheEntry, DiskCache } from '../platform/diskCache';

/** Which listing of products: the scope (profile or discovered role), region, access level asked for, and filter. */
export interface ProductListingKey {
  scope: string;
  region: string;
  accessLevel: AccessLevel;
  filter?: string;
}

/** A product listing as it was last seen complete. */
export interface CachedProducts {
  products: ProvisionedProductAttribute[];
  /** The access level the listing was made at (the user's own, when the one asked for was denied). */
  accessLevel: AccessLevel;
}

/** The fields of a product the view and the wizard show; nothing else is kept (no token, no parameter). */
const productFields = [
  'Name',
  'Id',
  'Arn',
  'Type',
  'Status',
  'StatusMessage',
  'CreatedTime',
  'LastRecordId',
  'LastProvisioningRecordId',
  'LastSuccessfulProvisioningRecordId',
  'Tags',
  'PhysicalId',
  'ProductId',
  'ProductName',
  'ProvisioningArtifactId',
  'ProvisioningArtifactName',
  'UserArn',
  'UserArnSession',
] as const satisfies ReadonlyArray<keyof ProvisionedProductAttribute>;

type Kind = 'products' | 'accounts' | 'roles';

/**
 * The last complete listings, on disk, so a new window shows them at once (with their age) while it asks AWS
 * again: products per scope, region, access level and filter; the accounts of an IAM Identity Center source;
 * the roles of an account. What is stored is what the view shows — never a credential, a token or a parameter
 * value. Turned off, it reads nothing, writes nothing and keeps nothing. Every failure to read or write is a
 * cache miss: the cache can make the view faster, never break it.
 *
 * Entries belong to the AWS config file they were listed through (`namespace`): the sandbox's profiles never
 * show the listings of yours, and dropping what is gone from one file leaves the other's alone.
 */
export class ListingCache {
  constructor(
    private readonly disk: DiskCache,
    private readonly namespace: () => string,
    private enabled = true,
  ) {}

  get isEnabled(): boolean {
    return this.enabled;
  }

  /** Turning it off deletes what it holds. */
  async setEnabled(enabled: boolean): Promise<void> {
    this.enabled = enabled;
    if (!enabled) {
      await this.disk.clear().catch(() => undefined);
    }
  }

  async products(key: ProductListingKey): Promise<CacheEntry<CachedProducts> | undefined> {
    const entry = await this.read<{ products: Array<Record<string, unknown>>; accessLevel: AccessLevel }>(this.key('products', key.scope, key.region, key.accessLevel, key.filter ?? ''));
    return entry && { savedAt: entry.savedAt, value: { accessLevel: entry.value.accessLevel, products: entry.value.products.map(revive) } };
  }

  saveProducts(key: ProductListingKey, listing: CachedProducts): Promise<void> {
    return this.write(this.key('products', key.scope, key.region, key.accessLevel, key.filter ?? ''), { accessLevel: listing.accessLevel, products: listing.products.map(strip) });
  }

  accounts(source: string): Promise<CacheEntry<SsoAccount[]> | undefined> {
    return this.read<SsoAccount[]>(this.key('accounts', source));
  }

  saveAccounts(source: string, accounts: SsoAccount[]): Promise<void> {
    return this.write(this.key('accounts', source), accounts.map(({ accountId, accountName, emailAddress }) => ({ accountId, accountName, ...(emailAddress ? { emailAddress } : {}) })));
  }

  roles(source: string, accountId: string): Promise<CacheEntry<string[]> | undefined> {
    return this.read<string[]>(this.key('roles', source, accountId));
  }

  saveRoles(source: string, accountId: string, roles: string[]): Promise<void> {
    return this.write(this.key('roles', source, accountId), roles);
  }

  /**
   * Drops what belongs to scopes that are gone: products of profiles no longer in the files, and everything of
   * IAM Identity Center sources no longer in them. `profiles` and `sources` are what the files have now.
   */
  dropGoneScopes(profiles: readonly string[], sources: readonly string[]): Promise<number> {
    return this.dropWhere((kind, parts) => {
      if (kind !== 'products') return !sources.includes(parts[0]);
      const scope = parts[0];
      const role = parseDiscoveredScopeName(scope);
      return role ? !sources.includes(role.source) : !isDiscoveredScopeName(scope) && !profiles.includes(scope);
    });
  }

  /** Drops what belongs to accounts a source no longer lists (after a complete listing of its accounts). */
  dropGoneAccounts(source: string, accountIds: readonly string[]): Promise<number> {
    return this.dropWhere((kind, parts) => {
      if (kind === 'roles') return parts[0] === source && !accountIds.includes(parts[1]);
      const role = kind === 'products' ? parseDiscoveredScopeName(parts[0]) : undefined;
      return role !== undefined && role.source === source && !accountIds.includes(role.accountId);
    });
  }

  /** Drops the products of roles an account no longer gives (after a complete listing of its roles). */
  dropGoneRoles(source: string, accountId: string, roleNames: readonly string[]): Promise<number> {
    return this.dropWhere((kind, parts) => {
      const role = kind === 'products' ? parseDiscoveredScopeName(parts[0]) : undefined;
      return role !== undefined && role.source === source && role.accountId === accountId && !roleNames.includes(role.roleName);
    });
  }

  private key(kind: Kind, ...parts: string[]): string {
    return JSON.stringify([kind, this.namespace(), ...parts]);
  }

  private async read<T>(key: string): Promise<CacheEntry<T> | undefined> {
    return this.enabled ? this.disk.get<T>(key).catch(() => undefined) : undefined;
  }

  private async write(key: string, value: unknown): Promise<void> {
    if (this.enabled) {
      await this.disk.set(key, value).catch(() => undefined);
    }
  }

  private async dropWhere(matches: (kind: Kind, parts: string[]) => boolean): Promise<number> {
    if (!this.enabled) return 0;
    const namespace = this.namespace();
    return this.disk
      .deleteWhere((key) => {
        const [kind, owner, ...parts] = JSON.parse(key) as [Kind, string, ...string[]];
        return owner === namespace && matches(kind, parts);
      })
      .catch(() => 0);
  }
}

function strip(product: ProvisionedProductAttribute): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const field of productFields) {
    const value = product[field];
    if (value !== undefined) {
      kept[field] = value instanceof Date ? value.toISOString() : value;
    }
  }
  return kept;
}

function revive(stored: Record<string, unknown>): ProvisionedProductAttribute {
  const product = { ...stored } as ProvisionedProductAttribute & { CreatedTime?: Date | string };
  if (typeof product.CreatedTime === 'string') {
    product.CreatedTime = new Date(product.CreatedTime);
  }
  return product as ProvisionedProductAttribute;
}
