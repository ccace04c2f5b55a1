import * as vscode from 'vscode';
import type { AwsContext } from '../aws/awsContext';
import { profileRegions, type AwsProfile, type ProfileCatalog } from '../aws/profiles';
import type { Logger } from '../platform/logger';
import type { Settings } from '../catalog/settings';
import { contextKeys } from '../catalog/commands';
import { setContext } from '../platform/vscode/commands';
import type { ProductFilters } from './productFilters';
import { configProblemNode, emptyScopeNode, failureNodes, missingProfileNode, noRegionNode } from './messageNodes';
import { ProductNode, type ScopeContainer, type ScopeMessages, type TreeNode } from './nodes';
import { ProductScope } from './productScope';
import { MultiRegionProfileNode, RegionlessProfileNode, SingleRegionProfileNode, type ProfileNode } from './profileNodes';

export interface ProviderDependencies {
  aws: AwsContext;
  settings: Settings;
  filters: ProductFilters;
  log: Logger;
}

/** The Provisioned Products view's data: profile nodes over product scopes. It builds nodes and delegates to them. */
export class ProvisionedProductsProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Promise<TreeNode[]> | undefined;
  /** The AWS files' problems the roots show, to tell whether a reload changed anything. */
  private shownProblems = '[]';
  /** Counts rebuilds, so a build that finishes after a newer one started gives way to it. */
  private generation = 0;
  private profileNodes: ProfileNode[] = [];

  constructor(private readonly deps: ProviderDependencies) {}

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node instanceof ProductNode) {
      item.tooltip = node.tooltip();
    }
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    if (node) {
      return node.getChildren();
    }
    this.roots ??= this.buildRoots(this.generation);
    return this.roots;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /**
   * Re-reads the AWS files and rebuilds every profile; products load again when shown. When the files
   * changed in nothing the tree shows (`onlyIfChanged`, for edits another tool made), the tree stays as it is.
   */
  async reloadProfiles(options: { onlyIfChanged?: boolean } = {}): Promise<void> {
    const shownBefore = this.profileNodes.map((node) => node.profile);
    const problemsBefore = this.shownProblems;
    const catalog = await this.deps.aws.reload();
    const shown = this.shownProfiles(catalog);
    const unchanged =
      shown.length === shownBefore.length &&
      shown.every((profile, index) => profile === shownBefore[index]) &&
      JSON.stringify(catalog.files.problems) === problemsBefore;
    if (!(options.onlyIfChanged && unchanged)) {
      this.rebuild();
    }
  }

  /** Rebuilds the profile nodes from what is known (after a settings or filter change). */
  rebuild(): void {
    this.generation++;
    this.disposeScopes();
    this.roots = undefined;
    this.changed.fire(undefined);
  }

  /** Loads the products of a profile, region or failed scope again. */
  refreshNode(node: TreeNode): void {
    const containers = scopeContainersOf(node);
    for (const container of containers) {
      container.scope.reset();
    }
    this.changed.fire(node);
  }

  /**
   * Starts loading the products under the node of this id (a profile or region just expanded, or still expanded
   * after a rebuild), unless they are loaded or loading. See ViewDataProvider for why the view needs it.
   */
  prefetch(nodeId: string): void {
    const node = this.profileNodes.flatMap((profile) => [profile, ...scopeContainersOf(profile)]).find((candidate) => candidate.id === nodeId);
    if (!node || node instanceof MultiRegionProfileNode) {
      return; // gone, or its children are region nodes, which load when they are expanded
    }
    for (const container of scopeContainersOf(node)) {
      void container.scope.load();
    }
  }

  async refreshProduct(node: ProductNode): Promise<void> {
    await node.scope.refreshProduct(node.productTarget.provisionedProductId);
  }

  profiles(): ProfileNode[] {
    return this.profileNodes;
  }

  /** The scopes of a profile, e.g. for the filter command. */
  scopesOf(profileName: string): ProductScope[] {
    const node = this.profileNodes.find((candidate) => candidate.profile.name === profileName);
    return node ? scopeContainersOf(node).map((container) => container.scope) : [];
  }

  /** A shown product's node, for commands that act on a product by id. */
  productNode(profile: string, region: string, provisionedProductId: string): ProductNode | undefined {
    const profileNode = this.profileNodes.find((candidate) => candidate.profile.name === profile);
    const container = profileNode && scopeContainersOf(profileNode).find((candidate) => candidate.scope.region === region);
    return container?.productNode(provisionedProductId);
  }

  /** Shows an execution's product as changing right away, and watches it until it settles. */
  markUnderChange(profile: string, region: string, provisionedProductId: string, recordId?: string): void {
    this.scopeOf(profile, region)?.markUnderChange(provisionedProductId, recordId);
  }

  async productSettled(profile: string, region: string, provisionedProductId: string): Promise<void> {
    await this.scopeOf(profile, region)?.refreshProduct(provisionedProductId);
  }

  dispose(): void {
    this.disposeScopes();
    this.changed.dispose();
  }

  private scopeOf(profile: string, region: string): ProductScope | undefined {
    return this.scopesOf(profile).find((scope) => scope.region === region);
  }

  private async buildRoots(generation: number): Promise<TreeNode[]> {
    const catalog = await this.deps.aws.profiles();
    const selection = this.deps.settings.profiles;
    const shown = this.shownProfiles(catalog);
    const missing = selection.filter((name) => !catalog.profiles.some((profile) => profile.name === name));

    await this.setWelcomeContext(catalog, shown);
    if (generation !== this.generation) {
      // A rebuild started while this one waited: its nodes are the ones the view and the commands use.
      return this.getChildren();
    }
    this.disposeScopes();
    this.profileNodes = shown.map((profile) => this.profileNode(profile));

    this.shownProblems = JSON.stringify(catalog.files.problems);
    const fileProblems = catalog.files.problems.map((problem, index) => configProblemNode(problem, index));
    const missingNodes = missing.map(missingProfileNode);
    if (this.profileNodes.length === 0 && fileProblems.length === 0 && missingNodes.length === 0) {
      return [];
    }
    return [...fileProblems, ...missingNodes, ...this.profileNodes];
  }

  /** The profiles of the catalog that `serviceCatalog.profiles` selects (all when it is empty). */
  private shownProfiles(catalog: ProfileCatalog): AwsProfile[] {
    const selection = this.deps.settings.profiles;
    return selection.length === 0 ? catalog.profiles : catalog.profiles.filter((profile) => selection.includes(profile.name));
  }

  private profileNode(profile: AwsProfile): ProfileNode {
    const regions = profileRegions(profile, this.deps.settings.regions);
    if (regions.length === 0) {
      return new RegionlessProfileNode(profile, (parent) => noRegionNode(parent, profile));
    }
    const scopes = regions.map(
      (region) =>
        new ProductScope(profile, region, {
          api: () => this.deps.aws.api(profile, region),
          accessLevel: () => this.deps.settings.accessLevel,
          searchQuery: () => this.deps.filters.get(profile.name),
          onDidChange: (scope, productId) => this.scopeChanged(scope, productId),
          log: this.deps.log,
          redactor: this.deps.aws.redactor,
        }),
    );
    return scopes.length === 1
      ? new SingleRegionProfileNode(profile, scopes[0], this.messages)
      : new MultiRegionProfileNode(profile, scopes, this.messages);
  }

  private scopeChanged(scope: ProductScope, productId?: string): void {
    const profileNode = this.profileNodes.find((node) => node.profile === scope.profile);
    if (!profileNode) {
      return;
    }
    const container = scopeContainersOf(profileNode).find((candidate) => candidate.scope === scope);
    if (productId) {
      const node = container?.productNode(productId);
      if (node) {
        this.changed.fire(node);
      }
      return;
    }
    this.changed.fire(container ?? profileNode);
    if (container && container !== profileNode) {
      this.changed.fire(profileNode);
    }
  }

  private readonly messages: ScopeMessages = {
    failure: failureNodes,
    empty: (container) => emptyScopeNode(container, this.deps.filters.get(container.scope.profile.name), this.deps.settings.accessLevel),
  };

  private async setWelcomeContext(catalog: ProfileCatalog, shown: AwsProfile[]): Promise<void> {
    const noConfig = !catalog.files.configExists && !catalog.files.credentialsExists;
    await Promise.all([
      setContext(contextKeys.noAwsConfig, noConfig),
      setContext(contextKeys.noProfiles, !noConfig && catalog.profiles.length === 0),
      setContext(contextKeys.noProfilesSelected, catalog.profiles.length > 0 && shown.length === 0),
      setContext(contextKeys.hasFilters, this.deps.filters.size > 0),
    ]);
  }

  private disposeScopes(): void {
    for (const node of this.profileNodes) {
      for (const container of scopeContainersOf(node)) {
        container.scope.dispose();
      }
    }
    this.profileNodes = [];
  }
}

export function scopeContainersOf(node: TreeNode): ScopeContainer[] {
  if (node instanceof SingleRegionProfileNode) {
    return [node];
  }
  if (node instanceof MultiRegionProfileNode) {
    return node.regionNodes;
  }
  if ('scope' in node && 'productNode' in node) {
    return [node as ScopeContainer];
  }
  return [];
}
