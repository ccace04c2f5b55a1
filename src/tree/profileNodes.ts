import * as vscode from 'vscode';
import { isCredentialProblem, type AwsProblem } from '../aws/errors';
import type { AwsProfile } from '../aws/profiles';
import { ScopeChildren, type ProductNode, type ScopeContainer, type ScopeMessages, type TreeNode } from './nodes';
import { profileTooltipLines, scopeSummary } from './scopePresentation';
import type { ProductScope } from './productScope';

/** A profile whose products sit directly under it: it has exactly one region. */
export class SingleRegionProfileNode implements ScopeContainer {
  readonly id: string;
  private readonly children: ScopeChildren;

  constructor(
    readonly profile: AwsProfile,
    readonly scope: ProductScope,
    messages: ScopeMessages,
  ) {
    this.id = profileNodeId(profile);
    this.children = new ScopeChildren(this, messages);
  }

  getTreeItem(): vscode.TreeItem {
    const summary = scopeSummary(this.scope.state);
    const description = [this.scope.region, summary.description].filter(Boolean).join(' · ');
    return profileItem(this.profile, this.id, description, summary.problem, [this.scope]);
  }

  getChildren(): Promise<TreeNode[]> {
    return this.children.children();
  }

  productNode(provisionedProductId: string): ProductNode | undefined {
    return this.children.productNode(provisionedProductId);
  }
}

/** A profile shown in several regions: one child per region. */
export class MultiRegionProfileNode implements TreeNode {
  readonly id: string;
  readonly regionNodes: RegionNode[];

  constructor(
    readonly profile: AwsProfile,
    scopes: ProductScope[],
    messages: ScopeMessages,
  ) {
    this.id = profileNodeId(profile);
    this.regionNodes = scopes.map((scope) => new RegionNode(this, scope, messages));
  }

  getTreeItem(): vscode.TreeItem {
    const scopes = this.regionNodes.map((node) => node.scope);
    const problem = scopes.map((scope) => scopeSummary(scope.state).problem).find((candidate) => candidate && isCredentialProblem(candidate));
    const description = problem ? problem.summary : vscode.l10n.t('{0} regions', scopes.length);
    return profileItem(this.profile, this.id, description, problem, scopes);
  }

  getChildren(): TreeNode[] {
    return this.regionNodes;
  }
}

export class RegionNode implements ScopeContainer {
  readonly id: string;
  private readonly children: ScopeChildren;

  constructor(
    readonly parent: MultiRegionProfileNode,
    readonly scope: ProductScope,
    messages: ScopeMessages,
  ) {
    this.id = `${parent.id}/${scope.region}`;
    this.children = new ScopeChildren(this, messages);
  }

  getTreeItem(): vscode.TreeItem {
    const summary = scopeSummary(this.scope.state);
    const item = new vscode.TreeItem(this.scope.region, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = summary.description;
    item.iconPath = new vscode.ThemeIcon(summary.problem ? 'warning' : 'globe');
    item.tooltip = scopeTooltip(this.parent.profile, [this.scope]);
    item.contextValue = 'region';
    return item;
  }

  getChildren(): Promise<TreeNode[]> {
    return this.children.children();
  }

  productNode(provisionedProductId: string): ProductNode | undefined {
    return this.children.productNode(provisionedProductId);
  }
}

/** A profile with no region at all: it explains how to give it one. */
export class RegionlessProfileNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly profile: AwsProfile,
    private readonly explanation: (parent: TreeNode) => TreeNode,
  ) {
    this.id = profileNodeId(this.profile);
  }

  getTreeItem(): vscode.TreeItem {
    const item = profileItem(this.profile, this.id, vscode.l10n.t('no region'), undefined, []);
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    return item;
  }

  getChildren(): TreeNode[] {
    return [this.explanation(this)];
  }
}

export type ProfileNode = SingleRegionProfileNode | MultiRegionProfileNode | RegionlessProfileNode;

function profileNodeId(profile: AwsProfile): string {
  return `profile:${profile.name}`;
}

function profileItem(profile: AwsProfile, id: string, description: string, problem: AwsProblem | undefined, scopes: ProductScope[]): vscode.TreeItem {
  const item = new vscode.TreeItem(profile.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = id;
  item.description = description;
  item.iconPath = problem
    ? new vscode.ThemeIcon(isCredentialProblem(problem) ? 'key' : 'error', new vscode.ThemeColor('list.errorForeground'))
    : new vscode.ThemeIcon('account');
  item.tooltip = scopeTooltip(profile, scopes);
  item.contextValue = 'profile';
  return item;
}

function scopeTooltip(profile: AwsProfile, scopes: ProductScope[]): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown('**').appendText(profile.name).appendMarkdown('**\n\n');
  for (const line of profileTooltipLines(profile, scopes.map((scope) => ({ region: scope.region, state: scope.state })))) {
    tooltip.appendMarkdown('- ').appendText(line).appendMarkdown('\n');
  }
  return tooltip;
}
