import * as vscode from 'vscode';
import { MessageNode, type TreeNode } from './nodes';
import type { ProvisionedProductsProvider } from './provisionedProductsProvider';

/** How long the view waits for the products of one profile (or region) before showing it as loading. */
const holdBackLimitMs = 2_000;

/**
 * The view's data provider, in front of ProvisionedProductsProvider. VS Code answers the children of
 * nodes expanded together one after another and shows none before the last, so that a slow profile
 * does not hold back the others: a node's products start loading as soon as it is expanded (again
 * after a rebuild), and a node slower than two seconds shows a "Loading…" row until they arrive.
 */
export class ViewDataProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly expanded = new Set<string>();
  /**
   * One object per message line id. VS Code refuses a second object with an id it has registered ("Element with id
   * ... is already registered", and the parent shows nothing): when two requests for the same children overlap
   * (a refresh while a slow listing is pending), each would build its own "Loading…" or failure line.
   */
  private readonly messages = new Map<string, MessageNode>();
  readonly onDidChangeTreeData: vscode.Event<TreeNode | undefined>;

  constructor(
    private readonly provider: ProvisionedProductsProvider,
    private readonly holdBackMs = holdBackLimitMs,
  ) {
    this.onDidChangeTreeData = provider.onDidChangeTreeData;
  }

  /** The view's expand and collapse events. */
  expandedChanged(node: TreeNode, expanded: boolean): void {
    if (expanded) {
      this.expanded.add(node.id);
      this.provider.prefetch(node.id);
    } else {
      this.expanded.delete(node.id);
    }
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return this.provider.getTreeItem(node);
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    return this.provider.resolveTreeItem(item, node);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.provider.getParent(node);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    return (await this.children(node)).map((child) => this.stable(child));
  }

  private stable(node: TreeNode): TreeNode {
    if (!(node instanceof MessageNode)) {
      return node;
    }
    const known = this.messages.get(node.id);
    if (!known) {
      this.messages.set(node.id, node);
      return node;
    }
    known.takeFrom(node);
    return known;
  }

  private async children(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      const roots = await this.provider.getChildren();
      for (const id of this.expanded) {
        this.provider.prefetch(id);
      }
      return roots;
    }
    let timer: NodeJS.Timeout | undefined;
    const loadingRow = new Promise<TreeNode[]>((resolve) => {
      timer = setTimeout(
        () => resolve([new MessageNode(`${node.id}/loading`, node, vscode.l10n.t('Loading provisioned products…'), { icon: new vscode.ThemeIcon('loading~spin') })]),
        this.holdBackMs,
      );
    });
    try {
      return await Promise.race([Promise.resolve(this.provider.getChildren(node)), loadingRow]);
    } finally {
      clearTimeout(timer);
    }
  }
}
