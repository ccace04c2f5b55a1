import type * as vscode from 'vscode';
import type { ProductRef } from '../catalog/products';
import type { ProductNode, TreeNode } from './nodes';
import type { ProvisionedProductsProvider } from './provisionedProductsProvider';

/**
 * Selects and focuses a product in the view, listing its profile's (or role's) region first when it was
 * not yet; undefined when the view does not show it (a hidden or filtered profile, a product gone).
 */
export async function revealProduct(provider: ProvisionedProductsProvider, view: vscode.TreeView<TreeNode>, ref: ProductRef): Promise<ProductNode | undefined> {
  const node = await provider.productNodeFor(ref);
  if (node) {
    await view.reveal(node, { select: true, focus: true, expand: false });
  }
  return node;
}
