import * as vscode from 'vscode';
import { isProductItem, type ProductItem } from '../catalog/products';
import type { PinnedSection } from './pinnedSection';

/** The products a Pin or Unpin is for: every selected one when the clicked one is among them, otherwise the clicked one. */
export function productItemsOf(item: unknown, selection: unknown): ProductItem[] {
  const selected = Array.isArray(selection) ? selection.filter(isProductItem) : [];
  if (isProductItem(item)) return selected.includes(item) ? selected : [item];
  return selected;
}

export async function pinProducts(section: PinnedSection, items: ProductItem[]): Promise<void> {
  if (items.length === 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Pin works on a provisioned product of the Service Catalog view.'));
    return;
  }
  for (const { productTarget } of items) {
    if ((await section.pin(productTarget, productTarget.product?.Name)) === 'full') {
      void vscode.window.showWarningMessage(vscode.l10n.t('At most {0} products can be pinned: unpin one first.', section.max));
      return;
    }
  }
}

export async function unpinProducts(section: PinnedSection, items: ProductItem[]): Promise<void> {
  for (const { productTarget } of items) {
    await section.unpin(productTarget);
  }
}
