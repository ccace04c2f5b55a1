import type {
  ExecutionParameter,
  ProvisionedProductAttribute,
  ServiceActionDetail,
  ServiceActionSummary,
} from '@aws-sdk/client-service-catalog';
import type { AwsContext } from '../../aws/awsContext';
import type { AwsProfile, ProfileCatalog } from '../../aws/profiles';
import { profileRegions } from '../../aws/profiles';
import { parseDiscoveredScopeName } from '../../aws/scopeNames';
import { type AccessLevel } from '../../aws/serviceCatalogApi';
import type { SsoAccount } from '../../aws/ssoPortal';
import { scopeNameForRole, type SsoSource } from '../../aws/ssoSources';
import type { IdentityCenterDirectory } from '../../catalog/identityCenterDirectory';
import { roleShown } from '../../catalog/settings';
import type { ListingState } from '../../catalog/cachedListing';
import { AwsCallError } from '../../aws/errors';
import { type ProfileChoice, type SsoSourceChoice } from './wizardContext';
import type { ProductTarget } from '../../catalog/products';
import { type ProductInfo, accountOfArn } from '../executionPlan';

/** A product listing: the one from earlier in the session at once (if any), and a fresh one. */
export interface ProductListing {
  cached?: ProvisionedProductAttribute[];
  fresh: Promise<ProvisionedProductAttribute[]>;
}

/** A listing shown at once from what was seen before (if anything), replaced by a fresh one. */
export interface Listing<T> {
  cached?: T;
  fresh: Promise<T>;
}

/** What the wizard reads from Service Catalog and IAM Identity Center. */
export interface CatalogSource {
  profiles(): Promise<ProfileChoice[]>;
  /** The IAM Identity Center sessions whose accounts can be picked (none when discovery is turned off). */
  ssoSources(): Promise<SsoSourceChoice[]>;
  accounts(source: string): Listing<SsoAccount[]>;
  /** The roles of an account the settings let be shown, each as the scope to use (a profile that names it, or the discovered role). */
  roles(source: string, accountId: string): Promise<Array<{ roleName: string; scope: ProfileChoice }>>;
  /** The choice of a scope named in arguments or a tree item: a discovered role's name, which no profile list holds. */
  scopeChoice(name: string): Promise<ProfileChoice | undefined>;
  products(profile: string, region: string): ProductListing;
  product(target: ProductTarget, signal?: AbortSignal): Promise<ProductInfo>;
  actions(profile: string, region: string, productId: string, artifactId: string, signal?: AbortSignal): Promise<ServiceActionSummary[]>;
  action(profile: string, region: string, actionId: string, signal?: AbortSignal): Promise<ServiceActionDetail>;
  parameters(profile: string, region: string, provisionedProductId: string, actionId: string, signal?: AbortSignal): Promise<ExecutionParameter[]>;
}

export interface CatalogSettings {
  /** Extra regions for every profile (`serviceCatalog.regions`). */
  readonly regions: string[];
  /** Profiles to offer; empty means all (`serviceCatalog.profiles`). */
  readonly profiles: string[];
  readonly accessLevel: AccessLevel;
  /** Whether IAM Identity Center sessions are offered (default yes). */
  readonly discoverAccounts?: boolean;
  /** The roles to offer; empty or absent means all. */
  readonly identityCenterRoles?: string[];
}

/**
 * The wizard's reads, through `AwsContext`. Product listings are kept for the session, keyed by
 * profile, region and access level, so the product step opens at once and refreshes behind.
 */
export class AwsCatalogSource implements CatalogSource {
  private readonly listings = new Map<string, { products?: ProvisionedProductAttribute[]; loading?: Promise<ProvisionedProductAttribute[]> }>();
  private catalog: ProfileCatalog | undefined;

  constructor(
    private readonly aws: AwsContext,
    private readonly settings: CatalogSettings,
    /** IAM Identity Center's accounts and roles, shared with the view; without it no session is offered. */
    private readonly identityCenter?: IdentityCenterDirectory,
  ) {}

  private get directory(): IdentityCenterDirectory {
    if (!this.identityCenter) throw new Error('IAM Identity Center discovery is not available here');
    return this.identityCenter;
  }

  async profiles(): Promise<ProfileChoice[]> {
    const catalog = await this.aws.profiles();
    if (catalog !== this.catalog) {
      // The AWS files were read again (edited, or another sandbox): earlier listings may be of other accounts.
      this.listings.clear();
      this.catalog = catalog;
    }
    const wanted = this.settings.profiles;
    return catalog.profiles.map((profile) => this.choiceOf(profile, wanted.length === 0 || wanted.includes(profile.name)));
  }

  async ssoSources(): Promise<SsoSourceChoice[]> {
    if (this.settings.discoverAccounts === false || !this.identityCenter) {
      return [];
    }
    return (await this.aws.profiles()).ssoSources
      .filter((source) => !source.problem)
      .map((source) => ({ id: source.id, label: source.label, description: source.kind === 'session' ? `sso-session · ${source.region}` : source.startUrl }));
  }

  accounts(sourceId: string): Listing<SsoAccount[]> {
    const fresh = this.source(sourceId).then(async (source) => {
      await this.directory.accountsSettled(source);
      return listed(this.directory.accounts(source));
    });
    const known = this.knownSource(sourceId);
    const state = known && this.identityCenter?.accounts(known);
    return { cached: state && 'value' in state && state.kind !== 'loading' ? state.value : undefined, fresh };
  }

  async roles(sourceId: string, accountId: string): Promise<Array<{ roleName: string; scope: ProfileChoice }>> {
    const source = await this.source(sourceId);
    await this.directory.rolesSettled(source, accountId);
    const catalog = await this.aws.profiles();
    return listed(this.directory.roles(source, accountId))
      .filter((roleName) => roleShown(roleName, this.settings.identityCenterRoles ?? []))
      .map((roleName) => {
        const name = scopeNameForRole(source, { accountId, roleName }, catalog.profiles);
        const profile = catalog.profiles.find((candidate) => candidate.name === name) ?? this.aws.discoveredRole(source, { accountId, roleName });
        return { roleName, scope: this.choiceOf(profile, false) };
      });
  }

  async scopeChoice(name: string): Promise<ProfileChoice | undefined> {
    const ref = parseDiscoveredScopeName(name);
    if (!ref) {
      return undefined;
    }
    const source = (await this.aws.profiles()).ssoSources.find((candidate) => candidate.id === ref.source);
    return source ? this.choiceOf(this.aws.discoveredRole(source, ref), false) : undefined;
  }

  products(profile: string, region: string): ProductListing {
    const accessLevel = this.settings.accessLevel;
    const key = `${profile}\u0000${region}\u0000${accessLevel}`;
    const entry = this.listings.get(key) ?? {};
    this.listings.set(key, entry);
    entry.loading ??= this.aws
      .apiFor(profile, region)
      // As the tree does: a user without account-level permission still sees their own products.
      .then((api) => api.searchProvisionedProductsWithFallback({ accessLevel }))
      .then(({ products }) => products)
      .then(
        (products) => {
          entry.products = products;
          entry.loading = undefined;
          return products;
        },
        (error: unknown) => {
          entry.loading = undefined;
          throw error;
        },
      );
    return { cached: entry.products, fresh: entry.loading };
  }

  async product(target: ProductTarget, signal?: AbortSignal): Promise<ProductInfo> {
    const api = await this.aws.apiFor(target.profile, target.region);
    const known = target.product ?? this.listed(target);
    const [detail, attribute] = await Promise.all([
      api.describeProvisionedProduct(target.provisionedProductId, { signal }),
      // Only the search has the product's and version's names.
      known
        ? Promise.resolve(known)
        : api
            .searchProvisionedProducts({ accessLevel: this.settings.accessLevel, searchQuery: `id:${target.provisionedProductId}`, signal })
            .then((found) => found.find((product) => product.Id === target.provisionedProductId))
            .catch(() => undefined),
    ]);
    return {
      profile: target.profile,
      region: target.region,
      id: target.provisionedProductId,
      name: detail.Name ?? attribute?.Name ?? target.provisionedProductId,
      productId: detail.ProductId ?? attribute?.ProductId,
      productName: attribute?.ProductName,
      artifactId: detail.ProvisioningArtifactId ?? attribute?.ProvisioningArtifactId,
      artifactName: attribute?.ProvisioningArtifactName,
      status: detail.Status ?? attribute?.Status,
      lastRecordId: detail.LastRecordId ?? attribute?.LastRecordId,
      accountId: accountOfArn(detail.Arn ?? attribute?.Arn),
    };
  }

  async actions(profile: string, region: string, productId: string, artifactId: string, signal?: AbortSignal): Promise<ServiceActionSummary[]> {
    return (await this.aws.apiFor(profile, region)).listServiceActions(productId, artifactId, { signal });
  }

  async action(profile: string, region: string, actionId: string, signal?: AbortSignal): Promise<ServiceActionDetail> {
    return (await this.aws.apiFor(profile, region)).describeServiceAction(actionId, { signal });
  }

  async parameters(profile: string, region: string, provisionedProductId: string, actionId: string, signal?: AbortSignal): Promise<ExecutionParameter[]> {
    return (await this.aws.apiFor(profile, region)).describeExecutionParameters(provisionedProductId, actionId, { signal });
  }

  private choiceOf(profile: AwsProfile, listed: boolean): ProfileChoice {
    return { name: profile.name, regions: profileRegions(profile, this.settings.regions), description: describeProfile(profile), listed };
  }

  private knownSource(id: string): SsoSource | undefined {
    return this.catalog?.ssoSources.find((source) => source.id === id);
  }

  private async source(id: string): Promise<SsoSource> {
    const source = (await this.aws.profiles()).ssoSources.find((candidate) => candidate.id === id);
    if (!source) {
      throw new Error(`No IAM Identity Center session ${id}`);
    }
    return source;
  }

  private listed(target: ProductTarget): ProvisionedProductAttribute | undefined {
    const key = `${target.profile}\u0000${target.region}\u0000${this.settings.accessLevel}`;
    return this.listings.get(key)?.products?.find((product) => product.Id === target.provisionedProductId);
  }
}

function describeProfile(profile: AwsProfile): string {
  if (profile.identityCenter) {
    return [profile.region, 'IAM Identity Center'].filter(Boolean).join(' · ');
  }
  return [profile.region, profile.credentialKind === 'none' ? undefined : profile.credentialKind].filter(Boolean).join(' · ');
}

/** The value of a listing that ended, or what it still showed when it failed; a failure with nothing throws its problem. */
function listed<T>(state: ListingState<T[]>): T[] {
  if (state.kind === 'loaded') return state.value;
  if (state.kind === 'failed') throw new AwsCallError(state.problem, 'IdentityCenter');
  return state.kind === 'loading' && state.value ? state.value : [];
}
