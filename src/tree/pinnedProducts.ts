import { parseDiscoveredScopeName } from '../aws/scopeNames';
import type { ProductRef } from '../catalog/products';
import { productKey } from '../catalog/products';
import { Emitter } from '../platform/emitter';
import type { KeyValueStore } from '../platform/keyValueStore';

/**
 * A pinned provisioned product as it is kept: only what finds it again (the scope — a profile name or a discovered
 * role's scope name —, the region and the id) and the name it had when last seen, to show while its status loads
 * or when it is gone. Never a credential, a token, an ARN of a session or anything else.
 */
export interface PinnedProduct {
  scope: string;
  region: string;
  provisionedProductId: string;
  name?: string;
}

export const maxPinnedProducts = 100;
export const pinnedStorageKey = 'serviceCatalog.pinnedProducts';

const maxScopeLength = 512;
const maxNameLength = 256;
const regionPattern = /^[a-z]{2}(-[a-z0-9]+){1,4}$/;
/** Service Catalog's pattern for an id (IdempotencyToken-like), bounded. */
const idPattern = /^[a-zA-Z0-9_-]{1,100}$/;

/**
 * Ends the context value of every pinned row (and of a pinned product's row under its profile): the menus offer
 * Unpin on `/\.pinned$/` and Pin on products without it. A pinned row that is not a product (gone, failed,
 * loading) is `pinnedRow.pinned`: Unpin and Refresh only.
 */
export const pinnedContextSuffix = '.pinned';

export type PinOutcome = 'pinned' | 'already' | 'full';

export function pinnedRef(pin: PinnedProduct): ProductRef {
  return { profile: pin.scope, region: pin.region, provisionedProductId: pin.provisionedProductId };
}

/**
 * What the store holds, read tolerantly: anything that is not a list of well-formed pins (another version wrote
 * it, a hand edit, a truncated file) gives the pins that are well-formed, without their unknown fields, each
 * once, at most `max` of them.
 */
export function parsePinned(stored: unknown, max = maxPinnedProducts): PinnedProduct[] {
  if (!Array.isArray(stored)) return [];
  const pins: PinnedProduct[] = [];
  const seen = new Set<string>();
  for (const entry of stored) {
    const pin = parseEntry(entry);
    if (!pin) continue;
    const key = productKey(pinnedRef(pin));
    if (seen.has(key)) continue;
    seen.add(key);
    pins.push(pin);
    if (pins.length === max) break;
  }
  return pins;
}

function parseEntry(entry: unknown): PinnedProduct | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { scope, region, provisionedProductId, name } = entry as Record<string, unknown>;
  if (typeof scope !== 'string' || scope.length === 0 || scope.length > maxScopeLength) return undefined;
  if (typeof region !== 'string' || !regionPattern.test(region)) return undefined;
  if (typeof provisionedProductId !== 'string' || !idPattern.test(provisionedProductId)) return undefined;
  const pin: PinnedProduct = { scope, region, provisionedProductId };
  if (typeof name === 'string' && name.length > 0) pin.name = name.slice(0, maxNameLength);
  return pin;
}

/**
 * The pinned products, in the order they were pinned, kept in the extension's global state so every window and
 * the next session see them. Bounded: pinning more than `max` is refused.
 */
export class PinnedProducts {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    /** The global state: another window, or this one after a reload, reads the same pins from it. */
    readonly store: KeyValueStore,
    readonly max = maxPinnedProducts,
  ) {}

  list(): PinnedProduct[] {
    return parsePinned(this.store.get<unknown>(pinnedStorageKey), this.max);
  }

  get size(): number {
    return this.list().length;
  }

  find(ref: ProductRef): PinnedProduct | undefined {
    const key = productKey(ref);
    return this.list().find((pin) => productKey(pinnedRef(pin)) === key);
  }

  has(ref: ProductRef): boolean {
    return this.find(ref) !== undefined;
  }

  async pin(ref: ProductRef, name?: string): Promise<PinOutcome> {
    const pins = this.list();
    if (pins.some((pin) => productKey(pinnedRef(pin)) === productKey(ref))) return 'already';
    if (pins.length >= this.max) return 'full';
    const pin = parseEntry({ scope: ref.profile, region: ref.region, provisionedProductId: ref.provisionedProductId, name });
    if (!pin) throw new Error(`Not a provisioned product that can be pinned: ${ref.provisionedProductId} in ${ref.region}`);
    await this.save([...pins, pin]);
    return 'pinned';
  }

  /** Unpins; false when it was not pinned. */
  async unpin(ref: ProductRef): Promise<boolean> {
    const pins = this.list();
    const kept = pins.filter((pin) => productKey(pinnedRef(pin)) !== productKey(ref));
    if (kept.length === pins.length) return false;
    await this.save(kept);
    return true;
  }

  /** Keeps the name a pinned product was last seen with (shown while it loads, or once it is gone). */
  async rememberName(ref: ProductRef, name: string | undefined): Promise<void> {
    const pins = this.list();
    const pin = pins.find((candidate) => productKey(pinnedRef(candidate)) === productKey(ref));
    const kept = name?.slice(0, maxNameLength);
    if (!pin || !kept || pin.name === kept) return;
    pin.name = kept;
    await this.store.update(pinnedStorageKey, pins);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async save(pins: PinnedProduct[]): Promise<void> {
    await this.store.update(pinnedStorageKey, pins);
    this.changed.fire();
  }
}

/** Where a pinned product is, in a few words: "main-alice · us-east-1", or for a discovered role "Admin · 123456789012 · us-east-1". */
export function pinnedPlace(pin: Pick<PinnedProduct, 'scope' | 'region'>): string {
  const role = parseDiscoveredScopeName(pin.scope);
  return role ? `${role.roleName} · ${role.accountId} · ${pin.region}` : `${pin.scope} · ${pin.region}`;
}
