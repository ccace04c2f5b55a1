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
