import type { AwsContext } from '../aws/awsContext';
import type { ListingCache } from '../catalog/listingCache';
import { productKey, type ProductRef } from '../catalog/products';
import type { Settings } from '../catalog/settings';
import type { Disposable } from '../platform/disposable';
import type { Logger } from '../platform/logger';
import type { Timers } from '../platform/timers';
import type { TreeNode } from './nodes';
import { PinnedGroupNode, PinnedProductNode, type PinnedView } from './pinnedNodes';
import { PinnedLookups } from './pinnedLookups';
import { pinnedRef, type PinOutcome, type PinnedProduct, type PinnedProducts } from './pinnedProducts';
import { PinnedWatch, type PinnedChange } from './pinnedWatch';
import type { ProductFilters } from './productFilters';
import type { ProductScope } from './productScope';

export interface PinnedSectionDependencies {
  pins: PinnedProducts;
  aws: AwsContext;
  cache: ListingCache;
  settings: Settings;
  filters: ProductFilters;
  log: Logger;
  /** The view's scope of this name and region, if the view has it (a profile, or a discovered role shown so far). */
  scopeOf(scope: string, region: string): ProductScope | undefined;
  /** The product's own row under its scope, if the view has built it (its menu offers Pin or Unpin). */
  productRow(ref: ProductRef): TreeNode | undefined;
  /** Tells the view a node changed; `undefined`: the top level (the group appears or goes). */
  notify(node: TreeNode | undefined): void;
  /** The timers of the watch on the stored pins (counted for leak checks). */
  timers: Timers;
}

/**
 * The Pinned group of the view and where its rows' status comes from: the view's own listing of the product's
 * scope when it is current, otherwise the listing kept on disk and one DescribeProvisionedProduct per product
 * (PinnedLookups). Nothing is asked for pinned products until the group is shown.
 */
export class PinnedSection implements Disposable {
  readonly group: PinnedGroupNode;
  private readonly lookups: PinnedLookups;
  private keys: Set<string> | undefined;
  private readonly pinsListener: Disposable;
  private readonly watch: PinnedWatch;

  constructor(private readonly deps: PinnedSectionDependencies) {
    this.lookups = new PinnedLookups({
      api: (scope, region) => deps.aws.apiFor(scope, region),
      cached: async (scope, region) => {
        const entry = await deps.cache.products({ scope, region, accessLevel: deps.settings.accessLevel, filter: deps.filters.get(scope) });
        return entry && { products: entry.value.products, savedAt: entry.savedAt };
      },
      coveredByView: (ref) => this.fromView(ref) !== undefined,
      onDidChange: (ref) => this.notifyRow(ref),
      redactor: deps.aws.redactor,
      log: deps.log,
    });
    this.group = new PinnedGroupNode({
      pins: () => deps.pins.list(),
      view: (pin) => this.view(pin),
      prepare: (pins) => this.lookups.ensure(pins.map(pinnedRef).filter((ref) => this.fromView(ref) === undefined)),
    });
    // This window's Pin and Unpin, and another window's (read again while the view is visible), take the same path.
    this.watch = new PinnedWatch({ read: () => deps.pins.list(), changed: (change) => this.pinsChanged(change), timers: deps.timers });
    this.pinsListener = deps.pins.onDidChange(() => this.watch.check());
  }

  /** The view was shown or hidden: while it is visible, other windows' Pin and Unpin show within a few seconds. */
  setVisible(visible: boolean): void {
    this.watch.setVisible(visible);
  }

  /** Reads the stored pins again now, and shows what another window changed; undefined when nothing did. */
  checkStoredPins(): PinnedChange | undefined {
    return this.watch.check();
  }

  /** The pinned products as kept. */
  get pins(): PinnedProducts {
    return this.deps.pins;
  }

  get max(): number {
    return this.deps.pins.max;
  }

  pin(ref: ProductRef, name?: string): Promise<PinOutcome> {
    return this.deps.pins.pin({ profile: ref.profile, region: ref.region, provisionedProductId: ref.provisionedProductId }, name);
  }

  unpin(ref: ProductRef): Promise<boolean> {
    return this.deps.pins.unpin(ref);
  }

  /** What the view's top level starts with: the group, while something is pinned. */
  roots(): TreeNode[] {
    return this.deps.pins.size > 0 ? [this.group] : [];
  }

  isPinned(ref: ProductRef): boolean {
    this.keys ??= new Set(this.deps.pins.list().map((pin) => productKey(pinnedRef(pin))));
    return this.keys.has(productKey(ref));
  }

  /** The row of a pinned product, if the group has shown it. */
  row(ref: ProductRef): PinnedProductNode | undefined {
    return this.group.row(ref);
  }

  /** A scope's listing changed (no id), or one of its products did. */
  scopeChanged(scope: ProductScope, productId?: string): void {
    for (const row of this.group.shownRows()) {
      const ref = row.ref;
      if (ref.profile === scope.profile.name && ref.region === scope.region && (productId === undefined || ref.provisionedProductId === productId)) {
        this.deps.notify(row);
      }
    }
  }

  /** An execution started on a product: a pinned row the view's listing does not cover shows it at once. */
  markUnderChange(ref: ProductRef, recordId?: string): void {
    if (this.fromView(ref) === undefined) this.lookups.markUnderChange(ref, recordId);
  }

  /** An execution on a product ended: a pinned row the view's listing does not cover is described again. */
  async settled(ref: ProductRef): Promise<void> {
    if (this.isPinned(ref) && this.fromView(ref) === undefined) await this.lookups.refresh(ref);
  }

  /** Refresh on the group (every pinned row) or on a row. */
  async refresh(node: PinnedGroupNode | PinnedProductNode): Promise<void> {
    const rows = node instanceof PinnedGroupNode ? this.group.shownRows() : [node];
    await Promise.all(
      rows.map(async (row) => {
        const scope = this.deps.scopeOf(row.ref.profile, row.ref.region);
        if (scope && this.fromView(row.ref)) {
          await scope.refreshProduct(row.ref.provisionedProductId);
        } else {
          await this.lookups.refresh(row.ref);
        }
      }),
    );
  }

  /** After a rebuild of the view (settings, files, filters): pinned rows are looked up again when shown. */
  reset(): void {
    this.lookups.reset();
  }

  dispose(): void {
    this.watch.dispose();
    this.pinsListener.dispose();
    this.lookups.dispose();
  }

  private view(pin: PinnedProduct): PinnedView {
    const ref = pinnedRef(pin);
    const view = this.fromView(ref) ?? this.fromLookup(ref);
    if (view.kind === 'product' && view.product.Name && view.product.Name !== pin.name) {
      void this.deps.pins.rememberName(ref, view.product.Name).catch(() => undefined);
    }
    return view;
  }

  /** What the view's current listing of the scope says of the product, when it says something. */
  private fromView(ref: ProductRef): PinnedView | undefined {
    const scope = this.deps.scopeOf(ref.profile, ref.region);
    const state = scope?.state;
    if (!scope || !state) return undefined;
    const product = scope.find(ref.provisionedProductId);
    if (state.kind === 'loaded' && state.savedAt === undefined) {
      // A filtered listing leaves out products that still exist.
      return product ? { kind: 'product', product } : this.deps.filters.get(ref.profile) ? undefined : { kind: 'gone' };
    }
    return state.kind === 'loading' && product ? { kind: 'product', product } : undefined;
  }

  private fromLookup(ref: ProductRef): PinnedView {
    const state = this.lookups.state(ref);
    switch (state.kind) {
      case 'found':
        return { kind: 'product', product: state.product, savedAt: state.savedAt };
      case 'gone':
        return { kind: 'gone' };
      case 'failed':
        return state.product ? { kind: 'product', product: state.product, problem: state.problem } : { kind: 'failed', problem: state.problem };
      case 'unknown': {
        // The view's own listing kept on disk, read when its profile's row was shown.
        const scope = this.deps.scopeOf(ref.profile, ref.region);
        const product = scope?.find(ref.provisionedProductId);
        const scopeState = scope?.state;
        return product ? { kind: 'product', product, savedAt: scopeState && 'savedAt' in scopeState ? scopeState.savedAt : undefined } : { kind: 'loading' };
      }
    }
  }

  private notifyRow(ref: ProductRef): void {
    const row = this.group.row(ref);
    if (row) this.deps.notify(row);
  }

  /** Only what changed is drawn again: the group (or the top level, when the group appears or goes) and the products' own rows. */
  private pinsChanged(change: PinnedChange): void {
    this.keys = undefined;
    for (const pin of change.removed) this.lookups.forget(pinnedRef(pin));
    this.deps.notify(change.groupKept ? this.group : undefined);
    // A product's own row changes its menu (Pin or Unpin).
    for (const pin of [...change.added, ...change.removed]) {
      const row = this.deps.productRow(pinnedRef(pin));
      if (row) this.deps.notify(row);
    }
  }
}
