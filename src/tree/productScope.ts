import type { ProvisionedProductAttribute, ProvisionedProductDetail } from '@aws-sdk/client-service-catalog';
import { problemOf, type AwsProblem } from '../aws/errors';
import type { AwsProfile } from '../aws/profiles';
import type { SecretRedactor } from '../aws/secrets';
import type { AccessLevel, ServiceCatalogApi } from '../aws/serviceCatalogApi';
import type { Logger } from '../platform/logger';
import { systemTimers, type Timers } from '../platform/timers';
import { productStatusPresentation, sortProducts } from '../catalog/productStatus';

export type ScopeState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | {
      kind: 'loaded';
      products: ProvisionedProductAttribute[];
      accessLevel: AccessLevel;
      /** Set when the configured access level was denied and the scope fell back to the user's own products. */
      accessLevelFallback?: AwsProblem;
    }
  | { kind: 'failed'; problem: AwsProblem };

export interface ProductScopeOptions {
  api: () => Promise<ServiceCatalogApi> | ServiceCatalogApi;
  accessLevel: () => AccessLevel;
  searchQuery: () => string | undefined;
  /** Called when the scope's state changed (no id) or one product changed (its id). */
  onDidChange: (scope: ProductScope, productId?: string) => void;
  log: Logger;
  redactor: SecretRedactor;
  timers?: Timers;
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

/**
 * The provisioned products of one profile in one region: loaded on first demand with every page,
 * kept until reset, and products that AWS is still changing are described again until they settle.
 */
export class ProductScope {
  private current: ScopeState = { kind: 'idle' };
  private loading: Promise<void> | undefined;
  private generation = 0;
  private settleTimer: unknown;
  private settleDelayMs = firstSettleCheckMs;
  private readonly timers: Timers;

  constructor(
    readonly profile: AwsProfile,
    readonly region: string,
    private readonly options: ProductScopeOptions,
  ) {
    this.timers = options.timers ?? systemTimers;
  }

  get state(): ScopeState {
    return this.current;
  }

  /** Loads unless already loaded; concurrent callers share one load. */
  load(): Promise<void> {
    if (this.current.kind === 'loaded' || this.current.kind === 'failed') {
      return Promise.resolve();
    }
    if (!this.loading) {
      const loading: Promise<void> = this.fetch(this.generation).finally(() => {
        // A reset may have started another load meanwhile: only this load's own promise is cleared.
        if (this.loading === loading) {
          this.loading = undefined;
        }
      });
      this.loading = loading;
    }
    return this.loading;
  }

  /** Forgets what was loaded; the next `load()` asks AWS again. */
  reset(): void {
    this.generation++;
    this.stopSettling();
    this.loading = undefined;
    this.current = { kind: 'idle' };
  }

  find(provisionedProductId: string): ProvisionedProductAttribute | undefined {
    return this.current.kind === 'loaded' ? this.current.products.find((product) => product.Id === provisionedProductId) : undefined;
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
    const generation = this.generation;
    try {
      const detail = await (await this.options.api()).describeProvisionedProduct(provisionedProductId);
      if (generation === this.generation) {
        this.patch(provisionedProductId, changedFields(detail));
      }
    } catch (error) {
      const problem = problemOf(error, this.options.redactor);
      if (problem.kind === 'not-found' && generation === this.generation) {
        // Terminated meanwhile: it is no longer one of the products to settle or to show.
        this.remove(provisionedProductId);
      }
      this.options.log.warn(`Could not refresh provisioned product ${provisionedProductId}: ${problem.detail}`);
    }
  }

  dispose(): void {
    this.reset();
  }

  private async fetch(generation: number): Promise<void> {
    this.current = { kind: 'loading' };
    const started = Date.now();
    const accessLevel = this.options.accessLevel();
    let next: ScopeState;
    for (let retry = 1; ; retry++) {
      try {
        const api = await this.options.api();
        next = await this.search(api, accessLevel);
        break;
      } catch (error) {
        next = { kind: 'failed', problem: problemOf(error, this.options.redactor) };
      }
      if (next.problem.kind !== 'throttled' || retry > throttledRetries || generation !== this.generation) {
        break;
      }
      const delayMs = Math.round(1000 * 2 ** (retry - 1) * (0.75 + Math.random() / 2));
      this.options.log.info(`Listing provisioned products of ${this.profile.name} in ${this.region} was throttled; trying again in ${delayMs} ms`);
      await new Promise<void>((resolve) => this.timers.setTimeout(resolve, delayMs));
      if (generation !== this.generation) {
        return;
      }
    }
    if (generation !== this.generation) {
      return;
    }
    this.current = next;
    this.options.log.info(
      next.kind === 'loaded'
        ? `Loaded ${next.products.length} provisioned products of ${this.profile.name} in ${this.region} in ${Date.now() - started} ms`
        : `Loading provisioned products of ${this.profile.name} in ${this.region} failed: ${next.kind === 'failed' ? next.problem.detail : ''}`,
    );
    this.options.onDidChange(this);
    this.scheduleSettleCheck();
  }

  private async search(api: ServiceCatalogApi, accessLevel: AccessLevel): Promise<ScopeState> {
    const found = await api.searchProvisionedProductsWithFallback({ accessLevel, searchQuery: this.options.searchQuery(), pageSize: 100 });
    return { kind: 'loaded', products: sortProducts(found.products), accessLevel: found.accessLevel, accessLevelFallback: found.fallbackFrom };
  }

  private patch(provisionedProductId: string, fields: Partial<ProvisionedProductAttribute>): boolean {
    if (this.current.kind !== 'loaded') {
      return false;
    }
    const index = this.current.products.findIndex((product) => product.Id === provisionedProductId);
    if (index === -1) {
      return false;
    }
    const product = this.current.products[index];
    if ((Object.keys(fields) as Array<keyof ProvisionedProductAttribute>).every((key) => product[key] === fields[key])) {
      // A check that finds nothing new leaves the row alone: VS Code would render it again for nothing, every
      // few seconds while a product is under change (and a context menu open in the view may close then).
      return true;
    }
    this.current.products[index] = { ...product, ...fields };
    this.options.onDidChange(this, provisionedProductId);
    return true;
  }

  private remove(provisionedProductId: string): void {
    if (this.current.kind === 'loaded') {
      this.current = { ...this.current, products: this.current.products.filter((product) => product.Id !== provisionedProductId) };
      this.options.onDidChange(this);
    }
  }

  private unsettledIds(): string[] {
    if (this.current.kind !== 'loaded') {
      return [];
    }
    return this.current.products.filter((product) => !productStatusPresentation(product.Status).settled).map((product) => product.Id!);
  }

  private scheduleSettleCheck(): void {
    if (this.settleTimer !== undefined || this.unsettledIds().length === 0) {
      return;
    }
    this.settleTimer = this.timers.setTimeout(() => void this.settleCheck(), this.settleDelayMs);
  }

  private async settleCheck(): Promise<void> {
    this.settleTimer = undefined;
    const generation = this.generation;
    await forEachLimited(this.unsettledIds(), settleConcurrency, (id) => this.refreshProduct(id));
    if (generation === this.generation) {
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
