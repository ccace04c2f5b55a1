import type { ProvisionedProductAttribute, ProvisionedProductDetail } from '@aws-sdk/client-service-catalog';
import { problemOf, type AwsProblem } from '../aws/errors';
import type { SecretRedactor } from '../aws/secrets';
import { productStatusPresentation } from '../catalog/productStatus';
import { productKey, type ProductRef } from '../catalog/products';
import type { Logger } from '../platform/logger';
import { systemTimers, type Timers } from '../platform/timers';

/**
 * What is known of a pinned product whose scope's listing the view has not loaded:
 * - `unknown`: not looked up yet, or the disk had nothing and AWS has not answered;
 * - `found`: `savedAt` is set while it is the one of the listing kept on disk (AWS not asked yet, or asking);
 * - `gone`: AWS says there is no such provisioned product (terminated);
 * - `failed`: the scope could not be asked (gone from the AWS files, signed out, ...); `product` keeps what was shown.
 */
export type PinnedState =
  | { kind: 'unknown' }
  | { kind: 'found'; product: ProvisionedProductAttribute; savedAt?: number }
  | { kind: 'gone' }
  | { kind: 'failed'; problem: AwsProblem; product?: ProvisionedProductAttribute };

export interface PinnedLookupOptions {
  /** The Service Catalog API of a scope (a profile or a discovered role's scope name); rejects with a classified error when the scope is gone. */
  api(scope: string, region: string): Promise<{ describeProvisionedProduct(id: string): Promise<ProvisionedProductDetail> }>;
  /** The listing of the scope kept on disk, if any (no AWS call). */
  cached(scope: string, region: string): Promise<{ products: ProvisionedProductAttribute[]; savedAt: number } | undefined>;
  /** True while the view's own listing of the scope is current and says whether the product is there: then nothing is asked. */
  coveredByView(ref: ProductRef): boolean;
  /** A pinned product's state changed. */
  onDidChange(ref: ProductRef): void;
  redactor: SecretRedactor;
  log: Logger;
  timers?: Timers;
}

const firstSettleCheckMs = 5_000;
const maxSettleCheckMs = 60_000;

interface Entry {
  ref: ProductRef;
  state: PinnedState;
  /** The disk read and the first answer, shared by whoever asked. */
  started?: Promise<void>;
  settleTimer?: unknown;
  settleDelayMs: number;
  generation: number;
}

/**
 * The status of pinned products that the view has not listed: shown at once from the listing kept on disk, then
 * asked of AWS with one DescribeProvisionedProduct each (through the scope's API, so through the limiter), and
 * asked again while AWS is still changing them. A product the view's current listing covers is never asked here.
 */
export class PinnedLookups {
  private readonly entries = new Map<string, Entry>();
  private readonly timers: Timers;

  constructor(private readonly options: PinnedLookupOptions) {
    this.timers = options.timers ?? systemTimers;
  }

  state(ref: ProductRef): PinnedState {
    return this.entries.get(productKey(ref))?.state ?? { kind: 'unknown' };
  }

  /**
   * Starts looking up each of these that has not been: resolves once what the disk holds of them is in their state
   * (AWS answers later, through `onDidChange`).
   */
  async ensure(refs: ProductRef[]): Promise<void> {
    await Promise.all(refs.map((ref) => this.entry(ref).started));
  }

  /** Asks AWS again now (the Refresh command, an action that ended). */
  async refresh(ref: ProductRef): Promise<void> {
    const entry = this.entries.get(productKey(ref));
    if (!entry) {
      await this.ensure([ref]);
      return;
    }
    this.stopSettling(entry);
    await this.describe(entry, entry.generation);
  }

  /** An execution just started on the product: it shows as changing and is watched until it settles. */
  markUnderChange(ref: ProductRef, lastRecordId?: string): void {
    const entry = this.entries.get(productKey(ref));
    if (!entry || entry.state.kind !== 'found') return;
    entry.state = { kind: 'found', product: { ...entry.state.product, Status: 'UNDER_CHANGE', ...(lastRecordId ? { LastRecordId: lastRecordId } : {}) } };
    this.options.onDidChange(ref);
    entry.settleDelayMs = firstSettleCheckMs;
    this.scheduleSettleCheck(entry);
  }

  /** Forgets a product (unpinned): its timer stops, and a lookup still running is ignored. */
  forget(ref: ProductRef): void {
    const entry = this.entries.get(productKey(ref));
    if (entry) {
      this.stopSettling(entry);
      entry.generation++;
      this.entries.delete(productKey(ref));
    }
  }

  /** Forgets everything: the next `ensure` reads the disk and asks AWS again. */
  reset(): void {
    for (const entry of this.entries.values()) {
      this.stopSettling(entry);
      entry.generation++;
    }
    this.entries.clear();
  }

  dispose(): void {
    this.reset();
  }

  private entry(ref: ProductRef): Entry {
    const key = productKey(ref);
    let entry = this.entries.get(key);
    if (!entry) {
      const created: Entry = { ref, state: { kind: 'unknown' }, settleDelayMs: firstSettleCheckMs, generation: 0 };
      entry = created;
      this.entries.set(key, created);
      created.started = this.start(created);
    }
    return entry;
  }

  private async start(entry: Entry): Promise<void> {
    const generation = entry.generation;
    const cached = await this.options.cached(entry.ref.profile, entry.ref.region).catch(() => undefined);
    const product = cached?.products.find((candidate) => candidate.Id === entry.ref.provisionedProductId);
    if (generation !== entry.generation) return;
    if (product) {
      entry.state = { kind: 'found', product, savedAt: cached!.savedAt };
    }
    // The first answer comes in the background: what the disk had is shown meanwhile.
    void this.describe(entry, generation);
  }

  private async describe(entry: Entry, generation: number): Promise<void> {
    if (this.options.coveredByView(entry.ref)) return;
    const { ref } = entry;
    const shown = entry.state.kind === 'found' ? entry.state.product : entry.state.kind === 'failed' ? entry.state.product : undefined;
    try {
      const detail = await (await this.options.api(ref.profile, ref.region)).describeProvisionedProduct(ref.provisionedProductId);
      if (generation !== entry.generation) return;
      entry.state = { kind: 'found', product: { ...shown, ...describedFields(detail) } };
    } catch (error) {
      if (generation !== entry.generation) return;
      const problem = problemOf(error, this.options.redactor);
      this.options.log.info(`Could not describe pinned product ${ref.provisionedProductId} of ${ref.profile} in ${ref.region}: ${problem.detail}`);
      entry.state = problem.kind === 'not-found' ? { kind: 'gone' } : { kind: 'failed', problem, product: shown };
    }
    this.options.onDidChange(ref);
    this.scheduleSettleCheck(entry);
  }

  private scheduleSettleCheck(entry: Entry): void {
    if (entry.settleTimer !== undefined || entry.state.kind !== 'found' || entry.state.savedAt !== undefined) return;
    if (productStatusPresentation(entry.state.product.Status).settled) {
      entry.settleDelayMs = firstSettleCheckMs;
      return;
    }
    const generation = entry.generation;
    entry.settleTimer = this.timers.setTimeout(() => {
      entry.settleTimer = undefined;
      entry.settleDelayMs = Math.min(entry.settleDelayMs * 1.5, maxSettleCheckMs);
      if (generation === entry.generation) void this.describe(entry, generation);
    }, entry.settleDelayMs);
  }

  private stopSettling(entry: Entry): void {
    if (entry.settleTimer !== undefined) {
      this.timers.clearTimeout(entry.settleTimer);
      entry.settleTimer = undefined;
    }
    entry.settleDelayMs = firstSettleCheckMs;
  }
}

/** What a DescribeProvisionedProduct says of a product, in the listing's shape; its idempotency token and launch role are left out. */
export function describedFields(detail: ProvisionedProductDetail): Partial<ProvisionedProductAttribute> {
  const fields: Partial<ProvisionedProductAttribute> = {
    Name: detail.Name,
    Arn: detail.Arn,
    Type: detail.Type,
    Id: detail.Id,
    Status: detail.Status,
    StatusMessage: detail.StatusMessage,
    CreatedTime: detail.CreatedTime,
    LastRecordId: detail.LastRecordId,
    LastProvisioningRecordId: detail.LastProvisioningRecordId,
    LastSuccessfulProvisioningRecordId: detail.LastSuccessfulProvisioningRecordId,
    ProductId: detail.ProductId,
    ProvisioningArtifactId: detail.ProvisioningArtifactId,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
