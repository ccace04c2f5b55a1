import type {
  ExecutionParameter,
  ProvisionedProductAttribute,
  ServiceActionDetail,
  ServiceActionSummary,
} from '@aws-sdk/client-service-catalog';
import type { AwsContext } from '../../aws/awsContext';
import type { AwsProfile, ProfileCatalog } from '../../aws/profiles';
import { profileRegions } from '../../aws/profiles';
import { type AccessLevel } from '../../aws/serviceCatalogApi';
import { type ProfileChoice } from './wizardContext';
import type { ProductTarget } from '../../catalog/products';
import { type ProductInfo, accountOfArn } from '../executionPlan';

/** A product listing: the one from earlier in the session at once (if any), and a fresh one. */
export interface ProductListing {
  cached?: ProvisionedProductAttribute[];
  fresh: Promise<ProvisionedProductAttribute[]>;
}

/** What the wizard reads from Service Catalog. */
export interface CatalogSource {
  profiles(): Promise<ProfileChoice[]>;
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
  ) {}

  async profiles(): Promise<ProfileChoice[]> {
    const catalog = await this.aws.profiles();
    if (catalog !== this.catalog) {
      // The AWS files were read again (edited, or another sandbox): earlier listings may be of other accounts.
      this.listings.clear();
      this.catalog = catalog;
    }
    const wanted = this.settings.profiles;
    return catalog.profiles.map((profile) => ({
      name: profile.name,
      regions: profileRegions(profile, this.settings.regions),
      description: describeProfile(profile),
      listed: wanted.length === 0 || wanted.includes(profile.name),
    }));
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

  private listed(target: ProductTarget): ProvisionedProductAttribute | undefined {
    const key = `${target.profile}\u0000${target.region}\u0000${this.settings.accessLevel}`;
    return this.listings.get(key)?.products?.find((product) => product.Id === target.provisionedProductId);
  }
}

function describeProfile(profile: AwsProfile): string {
  return [profile.region, profile.credentialKind === 'none' ? undefined : profile.credentialKind].filter(Boolean).join(' · ');
}
