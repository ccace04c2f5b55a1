import * as vscode from 'vscode';
import { MessageNode, type TreeNode } from './nodes';
import type { ProvisionedProductsProvider } from './provisionedProductsProvider';

/** How long the view waits for the products of one profile (or region) before showing it as loading. */
const holdBackLimitMs = 2_000;

/**
 * The data provider of the Provisioned Products view, in front of ProvisionedProductsProvider (the extension's
 * API keeps the provider itself, whose children are the products once they are loaded).
 *
 * VS Code asks for the children of nodes expanded together (clicked at once, restored, or refreshed while
 * expanded) in one batch that its extension host answers one node after another, and shows none of them
 * before the last one is answered. So that profiles load in parallel and a slow one does not hold the others back:
 * - a node's products start loading as soon as it is expanded, and again, after a rebuild, for every node
 *   still expanded;
 * - a node whose products take longer than two seconds answers with a "Loading…" row meanwhile; the
 *   provider refreshes the node when its products arrive (it does on every change of a scope's state).
 */
export class ViewDataProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly expanded = new Set<string>();
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
