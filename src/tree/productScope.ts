import type { ProvisionedProductAttribute, ProvisionedProductDetail } from '@aws-sdk/client-service-catalog';
import { t } from '@vscode/l10n';
import { problemOf, type AwsProblem } from '../aws/errors';
import type { AwsProfile } from '../aws/profiles';
import type { SecretRedactor } from '../aws/secrets';
import type { AccessLevel, ServiceCatalogApi } from '../aws/serviceCatalogApi';
import type { Logger } from '../platform/logger';
import { systemTimers, type Timers } from '../platform/timers';
import { productStatusPresentation, sortProducts } from '../catalog/productStatus';
import { CachedListing, type ListingState } from '../catalog/cachedListing';
import type { ListingCache } from '../catalog/listingCache';

/**
 * - `loading`: `products` holds the first pages while more are coming;
 * - `loaded`: `savedAt` is set while the products are the ones kept on disk (shown until AWS answers again);
 * - `failed`: `products` keeps what was shown before the failure, if anything.
 */
export type ScopeState =
  | { kind: 'idle' }
  | { kind: 'loading'; products?: ProvisionedProductAttribute[] }
  | {
      kind: 'loaded';
      products: ProvisionedProductAttribute[];
      accessLevel: AccessLevel;
      /** Set when the configured access level was denied and the scope fell back to the user's own products. */
      accessLevelFallback?: AwsProblem;
      savedAt?: number;
      refreshing?: boolean;
    }
  | { kind: 'failed'; problem: AwsProblem; products?: ProvisionedProductAttribute[]; savedAt?: number };

interface ScopeListing {
  products: ProvisionedProductAttribute[];
  accessLevel: AccessLevel;
  accessLevelFallback?: AwsProblem;
}

export interface ProductScopeOptions {
  api: () => Promise<ServiceCatalogApi> | ServiceCatalogApi;
  accessLevel: () => AccessLevel;
  searchQuery: () => string | undefined;
  /** Called when the scope's state changed (no id) or one product changed (its id). */
  onDidChange: (scope: ProductScope, productId?: string) => void;
  log: Logger;
  redactor: SecretRedactor;
  timers?: Timers;
  /** The last listings on disk: each complete listing is saved there. */
  cache?: ListingCache;
  /** Show the listing kept on disk first (a new window's first paint), then list again after `refreshDelayMs`. */
  warmStart?: boolean;
  /** How long products shown from the disk wait before they are listed again. */
  refreshDelayMs?: number;
}

const firstSettleCheckMs = 5_000;
/** Products described at once when many settle together: a few hundred under change must not flood the API. */
const settleConcurrency = 4;
const maxSettleCheckMs = 60_000;
/**
 * A listing whose every SDK attempt was throttled is tried again after 1, 2, 4, 8 and 16 s (with
 * jitter) before the tree shows the throttle: a storm of throttling passes without an error.
 */
const throttledRetries = 5;
/** While pages arrive, the view is told at the first page, then at growing intervals: each telling makes it fetch every row again. */
const firstPartialIntervalMs = 250;

/**
 * The provisioned products of one scope (a profile, or a discovered IAM Identity Center role) in one region:
 * shown at once from the last listing on disk, otherwise page by page as they arrive; kept until reset; products
 * that AWS is still changing are described again until they settle.
 */
export class ProductScope {
  private readonly listing: CachedListing<ScopeListing>;
  private settleTimer: unknown;
  private settleDelayMs = firstSettleCheckMs;
  private partialTimer: unknown;
  private partialIntervalMs = firstPartialIntervalMs;
  /** Pages arrived since the view was last told. */
  private partialPending = false;
  private readonly timers: Timers;
  /** A refresh asked for (the Refresh command, Try Again): callers of `load` wait for it, while the rows stay. */
  private asked: Promise<void> | undefined;

  constructor(
    readonly profile: AwsProfile,
    readonly region: string,
    private readonly options: ProductScopeOptions,
  ) {
    this.timers = options.timers ?? systemTimers;
    this.listing = new CachedListing<ScopeListing>({
      readCache: async () => {
        const cached = options.warmStart ? await options.cache?.products(this.cacheKey()) : undefined;
        return cached && { savedAt: cached.savedAt, value: { products: sortProducts(cached.value.products), accessLevel: cached.value.accessLevel } };
      },
      fetch: (partial, isCurrent, signal) => this.fetch(partial, isCurrent, signal),
      writeCache: async (value) => options.cache?.saveProducts(this.cacheKey(), { products: value.products, accessLevel: value.accessLevel }),
      onDidChange: () => this.listingChanged(),
      redactor: options.redactor,
      refreshDelayMs: options.refreshDelayMs,
      timers: this.timers,
    });
  }

  get state(): ScopeState {
    return scopeState(this.listing.state);
  }

  /**
   * Starts loading unless it has; resolves when there is something to show (the disk's listing, a first page, or
   * the end), or when a refresh that was asked for has ended.
   */
  async load(): Promise<void> {
    await this.listing.load();
    await this.asked;
  }

  /** Reads the listing kept on disk into the state, without asking AWS (a new window's rows, before they are expanded). */
  prime(): Promise<void> {
    return this.listing.prime();
  }

  /** Resolves once AWS has answered (after whatever was shown from the disk). */
  settled(): Promise<void> {
    return this.listing.settled();
  }

  /** Forgets what was loaded; the next `load()` starts over. */
  reset(): void {
    this.stopSettling();
    this.stopPartial();
    this.asked = undefined;
    this.listing.reset();
  }

  /** Lists again now, leaving the rows in place until the new listing replaces them. */
  refresh(): Promise<void> {
    this.stopSettling();
    const asked = this.listing.refresh();
    this.asked = asked;
    void asked.finally(() => this.asked === asked && (this.asked = undefined));
    return asked;
  }

  /** What is known without an AWS call: the listing shown (or loading), else the one kept on disk. */
  async known(): Promise<ProvisionedProductAttribute[] | undefined> {
    const state = this.state;
    if ('products' in state && state.products) return state.products;
    return (await this.options.cache?.products(this.cacheKey()))?.value.products;
  }

  /**
   * The products as AWS gives them now: a listing made in this window is the answer; otherwise the scope lists
   * (again, for a failure or what came from the disk) and the view shows it too. Rejects with the problem.
   */
  async answer(): Promise<ProvisionedProductAttribute[]> {
    const before = this.state;
    if (before.kind === 'loaded' && before.savedAt === undefined && !before.refreshing) {
      return before.products;
    }
    if (before.kind === 'failed') {
      await this.refresh();
    } else {
      // Shown from the disk, the listing would wait for the view's first paint: the search wants it now.
      await this.listing.load();
      this.listing.listNow();
      await this.settled();
    }
    const after = this.state;
    if (after.kind === 'loaded' && after.savedAt === undefined) return after.products;
    if (after.kind === 'failed') throw after.problem;
    throw new Error(t('The view was rebuilt while searching: search again.'));
  }

  find(provisionedProductId: string): ProvisionedProductAttribute | undefined {
    const state = this.state;
    return 'products' in state ? state.products?.find((product) => product.Id === provisionedProductId) : undefined;
  }

  /** Marks a product as changing (an execution just started on it) and watches it until it settles. */
  markUnderChange(provisionedProductId: string, lastRecordId?: string): void {
    if (this.patch(provisionedProductId, { Status: 'UNDER_CHANGE', ...(lastRecordId ? { LastRecordId: lastRecordId } : {}) })) {
      this.settleDelayMs = firstSettleCheckMs;
      this.scheduleSettleCheck();
    }
  }

  /** Describes one product again and updates it in place. */
  async refreshProduct(provisionedProductId: string): Promise<void> {
    if (!this.find(provisionedProductId)) {
      return;
    }
    try {
      const detail = await (await this.options.api()).describeProvisionedProduct(provisionedProductId);
      this.patch(provisionedProductId, changedFields(detail));
    } catch (error) {
      const problem = problemOf(error, this.options.redactor);
      if (problem.kind === 'not-found') {
        // Terminated meanwhile: it is no longer one of the products to settle or to show.
        this.remove(provisionedProductId);
      }
      this.options.log.warn(`Could not refresh provisioned product ${provisionedProductId}: ${problem.detail}`);
    }
  }

  dispose(): void {
    this.reset();
  }

  private cacheKey() {
    return { scope: this.profile.name, region: this.region, accessLevel: this.options.accessLevel(), filter: this.options.searchQuery() };
  }

  private async fetch(partial: (soFar: ScopeListing) => void, isCurrent: () => boolean, signal: AbortSignal): Promise<ScopeListing> {
    const started = Date.now();
    const accessLevel = this.options.accessLevel();
    for (let retry = 1; ; retry++) {
      try {
        const api = await this.options.api();
        const soFar: ProvisionedProductAttribute[] = [];
        const found = await api.searchProvisionedProductsWithFallback({
          accessLevel,
          searchQuery: this.options.searchQuery(),
          pageSize: 100,
          signal,
          // Pages in name order fill the sorted rows mostly at their end, so rows shown do not jump as pages arrive.
          sortByName: true,
          onPage: (page, more) => {
            soFar.push(...page);
            if (more) partial({ products: sortProducts(soFar), accessLevel });
          },
        });
        this.options.log.info(`Loaded ${found.products.length} provisioned products of ${this.profile.name} in ${this.region} in ${Date.now() - started} ms`);
        return { products: sortProducts(found.products), accessLevel: found.accessLevel, accessLevelFallback: found.fallbackFrom };
      } catch (error) {
        const problem = problemOf(error, this.options.redactor);
        if (problem.kind !== 'throttled' || retry > throttledRetries || !isCurrent()) {
          this.options.log.info(`Loading provisioned products of ${this.profile.name} in ${this.region} failed: ${problem.detail}`);
          throw error;
        }
        const delayMs = Math.round(1000 * 2 ** (retry - 1) * (0.75 + Math.random() / 2));
        this.options.log.info(`Listing provisioned products of ${this.profile.name} in ${this.region} was throttled; trying again in ${delayMs} ms`);
        await new Promise<void>((resolve) => this.timers.setTimeout(resolve, delayMs));
        if (!isCurrent()) {
          throw error;
        }
      }
    }
  }

  /** The listing changed: a first page tells the view at once, later pages at growing intervals, the end at once. */
  private listingChanged(): void {
    const state = this.listing.state;
    if (state.kind === 'loading' && state.value) {
      if (this.partialTimer === undefined) {
        this.options.onDidChange(this);
        this.armPartialTimer();
      } else {
        this.partialPending = true;
      }
      return;
    }
    this.stopPartial();
    this.options.onDidChange(this);
    if (state.kind === 'loaded' && state.savedAt === undefined) {
      this.scheduleSettleCheck();
    }
  }

  private armPartialTimer(): void {
    this.partialTimer = this.timers.setTimeout(() => {
      this.partialIntervalMs *= 2;
      if (this.partialPending && this.listing.state.kind === 'loading') {
        this.partialPending = false;
        this.options.onDidChange(this);
      }
      this.armPartialTimer();
    }, this.partialIntervalMs);
  }

  private stopPartial(): void {
    if (this.partialTimer !== undefined) {
      this.timers.clearTimeout(this.partialTimer);
      this.partialTimer = undefined;
    }
    this.partialIntervalMs = firstPartialIntervalMs;
    this.partialPending = false;
  }

  private patch(provisionedProductId: string, fields: Partial<ProvisionedProductAttribute>): boolean {
    let found = false;
    let changed = false;
    this.listing.update((value) => {
      const index = value.products.findIndex((product) => product.Id === provisionedProductId);
      if (index === -1) {
        return value;
      }
      found = true;
      const product = value.products[index];
      if ((Object.keys(fields) as Array<keyof ProvisionedProductAttribute>).every((key) => product[key] === fields[key])) {
        // A check that finds nothing new leaves the row alone: VS Code would render it again for nothing, every
        // few seconds while a product is under change (and a context menu open in the view may close then).
        return value;
      }
      changed = true;
      const products = [...value.products];
      products[index] = { ...product, ...fields };
      return { ...value, products };
    });
    if (changed) {
      this.options.onDidChange(this, provisionedProductId);
    }
    return found;
  }

  private remove(provisionedProductId: string): void {
    if (this.listing.update((value) => ({ ...value, products: value.products.filter((product) => product.Id !== provisionedProductId) }))) {
      this.options.onDidChange(this);
    }
  }

  private unsettledIds(): string[] {
    const state = this.state;
    if (state.kind !== 'loaded' || state.savedAt !== undefined) {
      return [];
    }
    return state.products.filter((product) => !productStatusPresentation(product.Status).settled).map((product) => product.Id!);
  }

  private scheduleSettleCheck(): void {
    if (this.settleTimer !== undefined || this.unsettledIds().length === 0) {
      return;
    }
    this.settleTimer = this.timers.setTimeout(() => void this.settleCheck(), this.settleDelayMs);
  }

  private async settleCheck(): Promise<void> {
    this.settleTimer = undefined;
    await forEachLimited(this.unsettledIds(), settleConcurrency, (id) => this.refreshProduct(id));
    if (this.listing.state.kind === 'loaded') {
      this.settleDelayMs = Math.min(this.settleDelayMs * 1.5, maxSettleCheckMs);
      this.scheduleSettleCheck();
    }
  }

  private stopSettling(): void {
    if (this.settleTimer !== undefined) {
      this.timers.clearTimeout(this.settleTimer);
      this.settleTimer = undefined;
    }
    this.settleDelayMs = firstSettleCheckMs;
  }
}

function scopeState(state: ListingState<ScopeListing>): ScopeState {
  switch (state.kind) {
    case 'idle':
      return state;
    case 'loading':
      return { kind: 'loading', products: state.value?.products };
    case 'loaded':
      return { kind: 'loaded', ...state.value, savedAt: state.savedAt, refreshing: state.refreshing };
    case 'failed':
      return { kind: 'failed', problem: state.problem, products: state.value?.products, savedAt: state.savedAt };
  }
}

function changedFields(detail: ProvisionedProductDetail): Partial<ProvisionedProductAttribute> {
  const fields: Partial<ProvisionedProductAttribute> = {
    Status: detail.Status,
    StatusMessage: detail.StatusMessage,
    LastRecordId: detail.LastRecordId,
    LastProvisioningRecordId: detail.LastProvisioningRecordId,
    LastSuccessfulProvisioningRecordId: detail.LastSuccessfulProvisioningRecordId,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** Runs `work` for every item, at most `limit` at a time. */
async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      await work(items[next++]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
