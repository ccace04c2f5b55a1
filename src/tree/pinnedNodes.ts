import type { ProvisionedProductAttribute } from '@aws-sdk/client-service-catalog';
import * as vscode from 'vscode';
import type { AwsProblem } from '../aws/errors';
import { commands } from '../catalog/commands';
import { productStatusPresentation } from '../catalog/productStatus';
import { productKey, type ProductItem, type ProductRef, type ProductTarget } from '../catalog/products';
import { commandLink } from '../platform/vscode/commands';
import { productContextValue, productTooltip, type TreeNode } from './nodes';
import { pinnedContextSuffix as pinnedSuffix, pinnedPlace, pinnedRef, type PinnedProduct } from './pinnedProducts';
import { asOf } from './scopePresentation';

/** What a pinned row shows: its product (live, or as kept on disk), or why it has none. */
export type PinnedView =
  | { kind: 'product'; product: ProvisionedProductAttribute; savedAt?: number; problem?: AwsProblem }
  | { kind: 'loading' }
  | { kind: 'gone' }
  | { kind: 'failed'; problem: AwsProblem };

/** What the Pinned group needs of the view. */
export interface PinnedNodeContext {
  pins(): PinnedProduct[];
  view(pin: PinnedProduct): PinnedView;
  /** Reads what the disk holds of these before their rows are shown, and starts asking AWS where the view's listings do not say. */
  prepare(pins: PinnedProduct[]): Promise<void>;
}

/** "Pinned", at the top of the view: the pinned products of every scope and region. Shown only while something is pinned. */
export class PinnedGroupNode implements TreeNode {
  readonly id = 'pinned';
  readonly parent = undefined;
  private rows = new Map<string, PinnedProductNode>();

  constructor(private readonly context: PinnedNodeContext) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Pinned'), vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    const count = this.context.pins().length;
    item.description = count === 1 ? vscode.l10n.t('1 product') : vscode.l10n.t('{0} products', count);
    item.iconPath = new vscode.ThemeIcon('pinned');
    item.tooltip = vscode.l10n.t('Pinned provisioned products, from every profile, role and region');
    item.contextValue = 'pinnedGroup';
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    const pins = this.context.pins();
    await this.context.prepare(pins);
    const rows = new Map<string, PinnedProductNode>();
    for (const pin of pins) {
      const key = productKey(pinnedRef(pin));
      const known = this.rows.get(key);
      if (known) known.pin = pin;
      rows.set(key, known ?? new PinnedProductNode(this, pin, this.context));
    }
    this.rows = rows;
    return [...rows.values()];
  }

  /** The row of a pinned product, if it has been shown. */
  row(ref: ProductRef): PinnedProductNode | undefined {
    return this.rows.get(productKey(ref));
  }

  shownRows(): PinnedProductNode[] {
    return [...this.rows.values()];
  }
}

/**
 * A pinned product: the same status icon, words and tooltip as its row under its profile, and where it is as its
 * description. It is a product item, so every command of a product row works on it.
 */
export class PinnedProductNode implements TreeNode, ProductItem {
  readonly id: string;

  constructor(
    readonly parent: PinnedGroupNode,
    public pin: PinnedProduct,
    private readonly context: PinnedNodeContext,
  ) {
    this.id = `pinned/${productKey(pinnedRef(pin))}`;
  }

  get ref(): ProductRef {
    return pinnedRef(this.pin);
  }

  get productTarget(): ProductTarget {
    const view = this.context.view(this.pin);
    return { ...this.ref, ...(view.kind === 'product' ? { product: view.product } : {}) };
  }

  getTreeItem(): vscode.TreeItem {
    const view = this.context.view(this.pin);
    const place = pinnedPlace(this.pin);
    const name = (view.kind === 'product' ? view.product.Name : undefined) ?? this.pin.name ?? this.pin.provisionedProductId;
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    switch (view.kind) {
      case 'product': {
        const status = productStatusPresentation(view.product.Status);
        item.description = [place, view.savedAt !== undefined ? asOf(view.savedAt) : undefined, view.problem?.summary].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(status.icon, status.color ? new vscode.ThemeColor(status.color) : undefined);
        item.accessibilityInformation = { label: `${name}, ${status.label}, ${item.description}` };
        item.contextValue = productContextValue(view.product) + pinnedSuffix;
        return item;
      }
      case 'loading':
        item.description = `${place} · ${vscode.l10n.t('loading…')}`;
        item.iconPath = new vscode.ThemeIcon('loading~spin');
        break;
      case 'gone':
        item.description = `${vscode.l10n.t('no longer exists')} · ${place}`;
        item.iconPath = new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.warningForeground'));
        item.command = commandLink(commands.refreshItem, vscode.l10n.t('Try Again'), this);
        break;
      case 'failed':
        item.description = `${view.problem.summary} · ${place}`;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
        item.command = commandLink(commands.refreshItem, vscode.l10n.t('Try Again'), this);
        break;
    }
    item.accessibilityInformation = { label: `${name}, ${item.description as string}` };
    item.contextValue = 'pinnedRow' + pinnedSuffix;
    return item;
  }

  /** Built when VS Code shows it (`resolveTreeItem`), like a product row's. */
  tooltip(): vscode.MarkdownString {
    const view = this.context.view(this.pin);
    const place = pinnedPlace(this.pin);
    if (view.kind === 'product') {
      const tooltip = productTooltip(view.product);
      tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Pinned from {0}', place));
      if (view.savedAt !== undefined) tooltip.appendMarkdown('\n\n').appendText(asOf(view.savedAt));
      if (view.problem) tooltip.appendMarkdown('\n\n').appendText(view.problem.detail);
      return tooltip;
    }
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**').appendText(this.pin.name ?? this.pin.provisionedProductId).appendMarkdown('**\n\n');
    if (view.kind === 'gone') {
      tooltip.appendText(vscode.l10n.t('Provisioned product {0} no longer exists in {1}. Unpin it to remove it from Pinned.', this.pin.provisionedProductId, place));
    } else if (view.kind === 'failed') {
      tooltip.appendText(view.problem.detail);
      if (view.problem.fix) tooltip.appendMarkdown('\n\n').appendText(view.problem.fix);
      tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Click to try again.'));
    } else {
      tooltip.appendText(vscode.l10n.t('Pinned from {0}', place));
    }
    return tooltip;
  }

  getChildren(): TreeNode[] {
    return [];
  }
}
