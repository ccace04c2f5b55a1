import type { ProvisionedProductAttribute } from '@aws-sdk/client-service-catalog';

/** Which provisioned product, seen through which profile and region. */
export interface ProductRef {
  profile: string;
  region: string;
  provisionedProductId: string;
}

/** A provisioned product a command is pointed at, with what the caller already knew of it. */
export interface ProductTarget extends ProductRef {
  product?: ProvisionedProductAttribute;
}

/** The one key of a provisioned product in maps and stores. */
export function productKey(ref: ProductRef): string {
  return JSON.stringify([ref.profile, ref.region, ref.provisionedProductId]);
}

export function sameProduct(a: ProductRef, b: ProductRef): boolean {
  return productKey(a) === productKey(b);
}

/**
 * What VS Code passes to a command run on a product of the view (its context menu, its inline button):
 * the view's product items carry their target, and commands of other features read only that.
 */
export interface ProductItem {
  readonly productTarget: ProductTarget;
}

export function isProductItem(value: unknown): value is ProductItem {
  return typeof value === 'object' && value !== null && 'productTarget' in value && typeof value.productTarget === 'object' && value.productTarget !== null;
}

/**
 * Selects and focuses a product in the Provisioned Products view, loading its profile and region if needed;
 * false when the view does not show it (a profile hidden or filtered out, a product gone). The tree
 * feature provides it; the composition root hands it to the others.
 */
export type RevealProduct = (ref: ProductRef) => Promise<boolean>;
