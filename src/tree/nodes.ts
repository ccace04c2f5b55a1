import type { ProvisionedProductAttribute } from '@aws-sdk/client-service-catalog';
import * as vscode from 'vscode';
import type { AwsProblem } from '../aws/errors';
import { productDescription, productDetailRows, productStatusPresentation, productTagRows } from '../catalog/productStatus';
import type { ProductScope } from './productScope';
import type { ProductItem, ProductTarget } from '../catalog/products';
import { passesViewFilter, type ViewFilter } from '../catalog/viewFilter';

/** A node of the Provisioned Products view: a small object that knows its item and its children. */
export interface TreeNode {
  readonly id: string;
  readonly parent?: TreeNode;
  getTreeItem(): vscode.TreeItem;
  getChildren(): TreeNode[] | Promise<TreeNode[]>;
}

export class ProductNode implements TreeNode, ProductItem {
  readonly id: string;

  constructor(
    readonly parent: ScopeContainer,
    readonly scope: ProductScope,
    private product: ProvisionedProductAttribute,
  ) {
    this.id = `${parent.id}/${product.Id}`;
  }

  get productTarget(): ProductTarget {
    return { profile: this.scope.profile.name, region: this.scope.region, provisionedProductId: this.product.Id!, product: this.product };
  }

  update(product: ProvisionedProductAttribute): void {
    this.product = product;
  }

  getTreeItem(): vscode.TreeItem {
    const status = productStatusPresentation(this.product.Status);
    const item = new vscode.TreeItem(this.product.Name ?? this.product.Id ?? '', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = productDescription(this.product);
    item.iconPath = new vscode.ThemeIcon(status.icon, status.color ? new vscode.ThemeColor(status.color) : undefined);
    item.accessibilityInformation = { label: `${item.label as string}, ${status.label}, ${item.description}` };
    item.contextValue = productContextValue(this.product);
    return item;
  }

  /** Built only when VS Code shows it (`resolveTreeItem`): thousands of products need no tooltips up front. */
  tooltip(): vscode.MarkdownString {
    return productTooltip(this.product);
  }

  getChildren(): TreeNode[] {
    return [];
  }
}

/** What a product row offers in its menus (package.json `viewItem` clauses): `product.actionable.hasRecord.hasArn`. */
export function productContextValue(product: ProvisionedProductAttribute): string {
  const status = productStatusPresentation(product.Status);
  const roles = ['product', status.actionable ? 'actionable' : 'busy', product.LastRecordId ? 'hasRecord' : '', product.Arn ? 'hasArn' : ''];
  return roles.filter(Boolean).join('.');
}

export interface MessageOptions {
  description?: string;
  tooltip?: string | vscode.MarkdownString;
  icon?: vscode.ThemeIcon;
  command?: vscode.Command;
  contextValue?: string;
}

/** A line that explains something (a failure, an empty list, a missing region) and may offer a fix on click. */
export class MessageNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: TreeNode | undefined,
    private label: string,
    private options: MessageOptions = {},
  ) {}

  /** Takes the words of another line of the same id: the view keeps one object per id (see ViewDataProvider). */
  takeFrom(other: MessageNode): void {
    this.label = other.label;
    this.options = other.options;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.options.description;
    item.tooltip = this.options.tooltip ?? [this.label, this.options.description].filter(Boolean).join('\n');
    item.iconPath = this.options.icon ?? new vscode.ThemeIcon('info');
    item.command = this.options.command;
    item.contextValue = this.options.contextValue ?? 'message';
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }
}

/** A node whose children are the products of one scope: a single-region profile, or a region. */
export interface ScopeContainer extends TreeNode {
  readonly scope: ProductScope;
  /** The product node of an id, if it is shown. */
  productNode(provisionedProductId: string): ProductNode | undefined;
}

/**
 * Builds and keeps the children of a scope container, reusing product nodes (their ids are stable) so single
 * products can be refreshed and a listing that arrives again updates the rows in place.
 */
export class ScopeChildren {
  private productNodes = new Map<string, ProductNode>();

  constructor(
    private readonly container: ScopeContainer,
    private readonly messages: ScopeMessages,
  ) {}

  async children(): Promise<TreeNode[]> {
    const scope = this.container.scope;
    await scope.load();
    const state = scope.state;
    switch (state.kind) {
      case 'idle':
        return [];
      case 'failed':
        // What was shown before the failure stays, under the failure and what to do.
        return [...this.messages.failure(this.container, state.problem), ...this.nodesFor(this.shown(state.products ?? []))];
      case 'loading':
        return state.products ? [...this.nodesFor(this.shown(state.products)), this.messages.progress(this.container, state.products.length)] : [];
      case 'loaded': {
        if (state.products.length === 0) return [this.messages.empty(this.container)];
        const shown = this.shown(state.products);
        return shown.length === 0 ? [this.messages.filteredOut(this.container, state.products.length)] : this.nodesFor(shown);
      }
    }
  }

  productNode(provisionedProductId: string): ProductNode | undefined {
    const node = this.productNodes.get(provisionedProductId);
    const product = this.container.scope.find(provisionedProductId);
    if (node && product) {
      node.update(product);
    }
    return node;
  }

  /** The products Filter All lets through. */
  private shown(products: ProvisionedProductAttribute[]): ProvisionedProductAttribute[] {
    const filter = this.messages.viewFilter();
    return filter ? products.filter((product) => passesViewFilter(product, filter)) : products;
  }

  private nodesFor(products: ProvisionedProductAttribute[]): ProductNode[] {
    const nodes = new Map<string, ProductNode>();
    for (const product of products) {
      const known = this.productNodes.get(product.Id!);
      if (known) {
        known.update(product);
        nodes.set(product.Id!, known);
      } else {
        nodes.set(product.Id!, new ProductNode(this.container, this.container.scope, product));
      }
    }
    this.productNodes = nodes;
    return [...nodes.values()];
  }
}

/** The explanatory nodes shown instead of (or after) products: provided by the view, which knows the commands. */
export interface ScopeMessages {
  failure(container: ScopeContainer, problem: AwsProblem): TreeNode[];
  empty(container: ScopeContainer): TreeNode;
  /** The last row while pages are still arriving: how many are there so far. */
  progress(container: ScopeContainer, loaded: number): TreeNode;
  /** Instead of the products when Filter All hides all of them. */
  filteredOut(container: ScopeContainer, hidden: number): TreeNode;
  /** Filter All's filter, applied to every scope's products. */
  viewFilter(): ViewFilter | undefined;
}

export function productTooltip(product: ProvisionedProductAttribute): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown('**').appendText(product.Name ?? '').appendMarkdown('**\n\n');
  appendRows(tooltip, productDetailRows(product));
  const tags = productTagRows(product);
  if (tags.length > 0) {
    tooltip.appendMarkdown(`\n\n**${vscode.l10n.t('Tags')}**\n\n`);
    appendRows(tooltip, tags);
  }
  return tooltip;
}

/** Server text goes through `appendText`, which escapes Markdown, so a name cannot become a link or markup. */
function appendRows(tooltip: vscode.MarkdownString, rows: Array<[string, string]>): void {
  for (const [label, value] of rows) {
    tooltip.appendMarkdown('- ').appendText(`${label}: ${value}`).appendMarkdown('\n');
  }
}
