import * as vscode from 'vscode';
import { isCredentialProblem, type AwsProblem } from '../aws/errors';
import type { AwsProfile } from '../aws/profiles';
import { ScopeChildren, type ProductNode, type ScopeContainer, type ScopeMessages, type TreeNode } from './nodes';
import { profileTooltipLines, scopeSummary } from './scopePresentation';
import type { ProductScope } from './productScope';

/**
 * How a scope's node shows: a profile at the top of the view by default; a role discovered through IAM Identity
 * Center under its account, labelled with the role's name.
 */
export interface ScopeNodePlacement {
  id: string;
  label: string;
  parent?: TreeNode;
  contextValue: string;
  icon: string;
}

export function profilePlacement(profile: AwsProfile): ScopeNodePlacement {
  return { id: `profile:${profile.name}`, label: profile.name, contextValue: 'profile', icon: 'account' };
}

/** A profile (or role) whose products sit directly under it: it has exactly one region. */
export class SingleRegionProfileNode implements ScopeContainer {
  readonly id: string;
  readonly parent?: TreeNode;
  private readonly children: ScopeChildren;

  constructor(
    readonly profile: AwsProfile,
    readonly scope: ProductScope,
    messages: ScopeMessages,
    private readonly placement: ScopeNodePlacement = profilePlacement(profile),
  ) {
    this.id = placement.id;
    this.parent = placement.parent;
    this.children = new ScopeChildren(this, messages);
  }

  getTreeItem(): vscode.TreeItem {
    const summary = scopeSummary(this.scope.state);
    const description = [this.scope.region, summary.description].filter(Boolean).join(' · ');
    return profileItem(this.profile, this.placement, description, summary.problem, [this.scope]);
  }

  getChildren(): Promise<TreeNode[]> {
    return this.children.children();
  }

  productNode(provisionedProductId: string): ProductNode | undefined {
    return this.children.productNode(provisionedProductId);
  }
}

/** A profile (or role) shown in several regions: one child per region. */
export class MultiRegionProfileNode implements TreeNode {
  readonly id: string;
  readonly parent?: TreeNode;
  readonly regionNodes: RegionNode[];

  constructor(
    readonly profile: AwsProfile,
    scopes: ProductScope[],
    messages: ScopeMessages,
    private readonly placement: ScopeNodePlacement = profilePlacement(profile),
  ) {
    this.id = placement.id;
    this.parent = placement.parent;
    this.regionNodes = scopes.map((scope) => new RegionNode(this, scope, messages));
  }

  getTreeItem(): vscode.TreeItem {
    const scopes = this.regionNodes.map((node) => node.scope);
    const problem = scopes.map((scope) => scopeSummary(scope.state).problem).find((candidate) => candidate && isCredentialProblem(candidate));
    const description = problem ? problem.summary : vscode.l10n.t('{0} regions', scopes.length);
    return profileItem(this.profile, this.placement, description, problem, scopes);
  }

  async getChildren(): Promise<TreeNode[]> {
    await Promise.all(this.regionNodes.map((node) => node.scope.prime()));
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
  readonly parent?: TreeNode;

  constructor(
    readonly profile: AwsProfile,
    private readonly explanation: (parent: TreeNode) => TreeNode,
    private readonly placement: ScopeNodePlacement = profilePlacement(profile),
  ) {
    this.id = placement.id;
    this.parent = placement.parent;
  }

  getTreeItem(): vscode.TreeItem {
    const item = profileItem(this.profile, this.placement, vscode.l10n.t('no region'), undefined, []);
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    return item;
  }

  getChildren(): TreeNode[] {
    return [this.explanation(this)];
  }
}

export type ProfileNode = SingleRegionProfileNode | MultiRegionProfileNode | RegionlessProfileNode;

function profileItem(profile: AwsProfile, placement: ScopeNodePlacement, description: string, problem: AwsProblem | undefined, scopes: ProductScope[]): vscode.TreeItem {
  const item = new vscode.TreeItem(placement.label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = placement.id;
  item.description = description;
  item.iconPath = problem
    ? new vscode.ThemeIcon(isCredentialProblem(problem) ? 'key' : 'error', new vscode.ThemeColor('list.errorForeground'))
    : new vscode.ThemeIcon(placement.icon);
  item.tooltip = scopeTooltip(profile, scopes);
  item.contextValue = placement.contextValue;
  return item;
}

function scopeTooltip(profile: AwsProfile, scopes: ProductScope[]): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown('**').appendText(profile.identityCenter?.roleName ?? profile.name).appendMarkdown('**\n\n');
  for (const line of profileTooltipLines(profile, scopes.map((scope) => ({ region: scope.region, state: scope.state })))) {
    tooltip.appendMarkdown('- ').appendText(line).appendMarkdown('\n');
  }
  return tooltip;
}
