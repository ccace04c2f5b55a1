import type { ProvisionedProductAttribute, ProvisionedProductDetail } from '@aws-sdk/client-service-catalog';
import { t } from '@vscode/l10n';
import type { AwsProblem } from '../aws/errors';
import type { AwsProfile } from '../aws/profiles';
import { type AccessLevel, type ServiceCatalogApi } from '../aws/serviceCatalogApi';
import { AwsCallError } from '../aws/errors';
import type { Logger } from '../platform/logger';
import { systemTimers, type Timers } from '../platform/timers';
import { productStatusPresentation, sortProducts } from './productPresentation';

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
  timers?: Timers;
}


const firstSettleCheckMs = 5_000;
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
    this.loading ??= this.fetch(this.generation).finally(() => (this.loading = undefined));
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
      this.options.log.warn(`Could not refresh provisioned product ${provisionedProductId}: ${describe(error)}`);
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
        next = { kind: 'failed', problem: problemOf(error) };
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
    const searchQuery = this.options.searchQuery();
    try {
      const products = await api.searchProvisionedProducts({ accessLevel, searchQuery, pageSize: 100 });
      return { kind: 'loaded', products: sortProducts(products), accessLevel };
    } catch (error) {
      if (accessLevel === 'User' || !(error instanceof AwsCallError) || error.problem.kind !== 'access-denied') {
        throw error;
      }
      const products = await api.searchProvisionedProducts({ accessLevel: 'User', searchQuery, pageSize: 100 });
      return { kind: 'loaded', products: sortProducts(products), accessLevel: 'User', accessLevelFallback: error.problem };
    }
  }

  private patch(provisionedProductId: string, fields: Partial<ProvisionedProductAttribute>): boolean {
    if (this.current.kind !== 'loaded') {
      return false;
    }
    const index = this.current.products.findIndex((product) => product.Id === provisionedProductId);
    if (index === -1) {
      return false;
    }
    this.current.products[index] = { ...this.current.products[index], ...fields };
    this.options.onDidChange(this, provisionedProductId);
    return true;
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
    await Promise.all(this.unsettledIds().map((id) => this.refreshProduct(id)));
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

function problemOf(error: unknown): AwsProblem {
  if (error instanceof AwsCallError) {
    return error.problem;
  }
  return { kind: 'unknown', summary: t('Loading failed'), detail: describe(error), retryable: true };
}

function describe(error: unknown): string {
  return error instanceof AwsCallError ? error.problem.detail : error instanceof Error ? error.message : String(error);
}
