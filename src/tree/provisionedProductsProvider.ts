import * as vscode from 'vscode';
import type { AwsContext } from '../aws/awsContext';
import { profileRegions, type AwsProfile, type ProfileCatalog } from '../aws/profiles';
import type { SsoAccount } from '../aws/ssoPortal';
import type { SsoSource } from '../aws/ssoSources';
import type { IdentityCenterDirectory } from '../catalog/identityCenterDirectory';
import type { ListingCache } from '../catalog/listingCache';
import type { SearchScope } from '../catalog/productSearch';
import type { ProductRef } from '../catalog/products';
import type { Logger } from '../platform/logger';
import { countingTimers, systemTimers, type Timers } from '../platform/timers';
import type { Settings } from '../catalog/settings';
import { contextKeys } from '../catalog/commands';
import { setContext } from '../platform/vscode/commands';
import type { AccountFilters } from './accountFilters';
import type { ProductFilters } from './productFilters';
import type { ViewFilterStore } from './viewFilterStore';
import { SsoAccountNode, SsoSessionNode, type IdentityCenterNodeContext } from './identityCenterNodes';
import { configProblemNode, emptyScopeNode, failureNodes, filteredOutNode, missingProfileNode, noRegionNode, progressNode } from './messageNodes';
import { ProductNode, type ScopeContainer, type ScopeMessages, type TreeNode } from './nodes';
import { PinnedGroupNode, PinnedProductNode } from './pinnedNodes';
import { pinnedContextSuffix, type PinnedProducts } from './pinnedProducts';
import { PinnedSection } from './pinnedSection';
import type { ProductItem } from '../catalog/products';
import { ProductScope } from './productScope';
import { searchScopesOf } from './searchScopes';
import { MultiRegionProfileNode, RegionlessProfileNode, SingleRegionProfileNode, profilePlacement, type ProfileNode, type ScopeNodePlacement } from './profileNodes';

export interface ProviderDependencies {
  aws: AwsContext;
  settings: Settings;
  filters: ProductFilters;
  accountFilters: AccountFilters;
  /** Filter All's filter of the whole view. */
  viewFilter: ViewFilterStore;
  directory: IdentityCenterDirectory;
  cache: ListingCache;
  log: Logger;
  /** The pinned products (kept in the global state). */
  pins: PinnedProducts;
  /** The view's own timers (the watch on other windows' pins); counted in `usage()`. */
  timers?: Timers;
}

/** Counts for leak checks: the view's timers pending (none while the view is hidden or once it is disposed). */
export interface TreeUsage {
  activeTimers: number;
}

/** How long the first window's listings shown from the disk wait before they are listed again: the paint comes first. */
const firstRefreshDelayMs = 1_000;

/**
 * The Provisioned Products view's data: profile nodes and IAM Identity Center session nodes (accounts, roles)
 * over product scopes. It builds nodes and delegates to them. Showing the roots lists each session's accounts
 * (one portal call each) and nothing else; an account is listed when expanded, a scope when shown expanded.
 */
export class ProvisionedProductsProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Promise<TreeNode[]> | undefined;
  /** The roots with the Pinned group in front, while something is pinned. */
  private shownRoots: Promise<TreeNode[]> | undefined;
  /** The AWS files' problems the roots show, to tell whether a reload changed anything. */
  private shownProblems = '[]';
  /** Counts rebuilds, so a build that finishes after a newer one started gives way to it. */
  private generation = 0;
  private profileNodes: ProfileNode[] = [];
  private sessionNodes: SsoSessionNode[] = [];
  /** The nodes of discovered roles, by scope name, kept until the next rebuild. */
  private readonly roleNodes = new Map<string, ProfileNode>();
  private catalog: ProfileCatalog | undefined;
  private readonly directoryListener: vscode.Disposable;
  private readonly identityCenter: IdentityCenterNodeContext;
  /** The Pinned group at the top, and the status of its rows. */
  readonly pinned: PinnedSection;
  private readonly timers: Timers & { readonly active: number };

  constructor(private readonly deps: ProviderDependencies) {
    this.timers = countingTimers(deps.timers ?? systemTimers);
    this.identityCenter = {
      directory: deps.directory,
      profiles: () => this.catalog?.profiles ?? [],
      shownRoles: () => deps.settings.identityCenterRoles,
      accountFilter: (source) => deps.accountFilters.get(source.id),
      roleNode: (source, account, roleName, parent) => this.roleNode(source, account, roleName, parent),
      prime: (nodes) => Promise.all(nodes.flatMap((node) => scopeContainersOf(node)).map((container) => container.scope.prime())).then(() => undefined),
    };
    this.pinned = new PinnedSection({
      ...deps,
      timers: this.timers,
      scopeOf: (scope, region) => this.scopeOf(scope, region),
      productRow: (ref) => this.productNode(ref.profile, ref.region, ref.provisionedProductId),
      notify: (node) => this.notify(node),
    });
    this.directoryListener = deps.directory.onDidChange((change) => {
      const session = this.sessionNodes.find((node) => node.source.id === change.source);
      const node = change.accountId ? session?.account(change.accountId) : session;
      if (node) this.notify(node);
    });
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = node.getTreeItem();
    if (node instanceof ProductNode && this.pinned.isPinned(node.productTarget)) {
      // Its menu offers Unpin instead of Pin.
      item.contextValue += pinnedContextSuffix;
    }
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node instanceof ProductNode || node instanceof PinnedProductNode) {
      item.tooltip = node.tooltip();
    }
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    if (node) {
      return node.getChildren();
    }
    if (!this.roots) {
      this.roots = this.buildRoots(this.generation);
      this.shownRoots = undefined;
    }
    // One answer until the roots or the pins change: callers tell a rebuild by the promise changing.
    this.shownRoots ??= this.roots.then((roots) => [...this.pinned.roots(), ...roots]);
    return this.shownRoots;
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
    const sourcesBefore = this.sessionNodes.map((node) => node.source);
    const problemsBefore = this.shownProblems;
    const catalog = await this.deps.aws.reload();
    const shown = this.shownProfiles(catalog);
    const sources = this.shownSources(catalog);
    const unchanged =
      shown.length === shownBefore.length &&
      shown.every((profile, index) => profile === shownBefore[index]) &&
      sources.length === sourcesBefore.length &&
      sources.every((source, index) => source === sourcesBefore[index]) &&
      JSON.stringify(catalog.files.problems) === problemsBefore;
    if (!(options.onlyIfChanged && unchanged)) {
      this.rebuild();
    }
  }

  /** Rebuilds the nodes from what is known (after a settings or filter change). */
  rebuild(): void {
    this.generation++;
    this.disposeScopes();
    this.pinned.reset();
    this.roots = undefined;
    this.changed.fire(undefined);
  }

  /** Shows every scope's products again under a changed Filter All, listing nothing again. */
  refilter(): void {
    void setContext(contextKeys.hasFilters, this.hasFilters());
    this.changed.fire(undefined);
  }

  hasFilters(): boolean {
    return this.deps.filters.size + this.deps.accountFilters.size > 0 || this.deps.viewFilter.get() !== undefined;
  }

  /** Lists the products of a profile, role, region or failed scope again, in place; a session's accounts or an account's roles too. */
  refreshNode(node: TreeNode): void {
    if (node instanceof PinnedGroupNode || node instanceof PinnedProductNode) {
      void this.pinned.refresh(node);
    } else if (node instanceof SsoSessionNode) {
      void this.deps.directory.refreshAccounts(node.source);
    } else if (node instanceof SsoAccountNode) {
      void this.deps.directory.refreshRoles(node.source, node.account.accountId);
    }
    for (const container of scopeContainersOf(node)) {
      void container.scope.refresh();
    }
    this.changed.fire(node);
  }

  /**
   * Starts loading the products under the node of this id (a profile or region just expanded, or still expanded
   * after a rebuild), unless they are loaded or loading. See ViewDataProvider for why the view needs it.
   */
  prefetch(nodeId: string): void {
    const node = this.scopeNodes()
      .flatMap((scopeNode) => [scopeNode, ...scopeContainersOf(scopeNode)])
      .find((candidate) => candidate.id === nodeId);
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

  sessions(): SsoSessionNode[] {
    return this.sessionNodes;
  }

  /** The scopes of a profile or discovered role, e.g. for the filter command. */
  scopesOf(scopeName: string): ProductScope[] {
    const node = this.scopeNodes().find((candidate) => candidate.profile.name === scopeName);
    return node ? scopeContainersOf(node).map((container) => container.scope) : [];
  }

  /** A shown product's node, for commands that act on a product by id. */
  productNode(scopeName: string, region: string, provisionedProductId: string): ProductNode | undefined {
    const scopeNode = this.scopeNodes().find((candidate) => candidate.profile.name === scopeName);
    const container = scopeNode && scopeContainersOf(scopeNode).find((candidate) => candidate.scope.region === region);
    return container?.productNode(provisionedProductId);
  }

  /** A product's row under its scope, or else its pinned row: what the view shows of it. */
  shownProduct(scopeName: string, region: string, provisionedProductId: string): ProductItem | undefined {
    return this.productNode(scopeName, region, provisionedProductId) ?? this.pinned.row({ profile: scopeName, region, provisionedProductId });
  }

  /** Where Go to Provisioned Product looks (see searchScopesOf), once the view's top level is known. */
  async searchScopes(): Promise<SearchScope[]> {
    await this.getChildren();
    return searchScopesOf(this.scopeNodes(), {
      signInProblem: (source) => this.deps.directory.signInProblem(source),
      accountFilter: (source) => this.deps.accountFilters.get(source.id),
      shownRoles: () => this.deps.settings.identityCenterRoles,
      containersOf: scopeContainersOf,
      viewFilter: () => this.deps.viewFilter.get(),
    });
  }

  /** A product's node, listing its scope's region first if the view has not yet, so the view can reveal it; undefined when the view does not show it. */
  async productNodeFor(ref: ProductRef): Promise<ProductNode | undefined> {
    await this.getChildren();
    const scopeNode = this.scopeNodes().find((candidate) => candidate.profile.name === ref.profile);
    const container = scopeNode && scopeContainersOf(scopeNode).find((candidate) => candidate.scope.region === ref.region);
    if (container && !container.productNode(ref.provisionedProductId)) {
      await container.scope.load();
      await container.getChildren();
    }
    return container?.productNode(ref.provisionedProductId);
  }

  /** Shows an execution's product as changing right away, and watches it until it settles. */
  markUnderChange(scopeName: string, region: string, provisionedProductId: string, recordId?: string): void {
    this.scopeOf(scopeName, region)?.markUnderChange(provisionedProductId, recordId);
    this.pinned.markUnderChange({ profile: scopeName, region, provisionedProductId }, recordId);
  }

  async productSettled(scopeName: string, region: string, provisionedProductId: string): Promise<void> {
    await Promise.all([this.scopeOf(scopeName, region)?.refreshProduct(provisionedProductId), this.pinned.settled({ profile: scopeName, region, provisionedProductId })]);
  }

  /** Counts for leak checks (see TreeUsage). */
  usage(): TreeUsage {
    return { activeTimers: this.timers.active };
  }

  dispose(): void {
    this.disposeScopes();
    this.pinned.dispose();
    this.directoryListener.dispose();
    this.changed.dispose();
  }

  /** Every node that holds scopes: the profiles, and the discovered roles shown so far. */
  private scopeNodes(): ProfileNode[] {
    return [...this.profileNodes, ...this.roleNodes.values()];
  }

  private scopeOf(scopeName: string, region: string): ProductScope | undefined {
    return this.scopesOf(scopeName).find((scope) => scope.region === region);
  }

  private async buildRoots(generation: number): Promise<TreeNode[]> {
    const catalog = await this.deps.aws.profiles();
    const selection = this.deps.settings.profiles;
    const shown = this.shownProfiles(catalog);
    const missing = selection.filter((name) => !catalog.profiles.some((profile) => profile.name === name));

    await this.setWelcomeContext(catalog, shown);
    if (generation !== this.generation) {
      // A rebuild started while this one waited: its nodes are the ones the view and the commands use.
      this.roots ??= this.buildRoots(this.generation);
      return this.roots;
    }
    this.disposeScopes();
    this.catalog = catalog;
    this.profileNodes = shown.map((profile) => this.scopeNode(profile, profilePlacement(profile)));
    const sources = this.shownSources(catalog);
    this.sessionNodes = sources.map((source) => new SsoSessionNode(source, this.identityCenter));
    void this.deps.cache.dropGoneScopes(
      catalog.profiles.map((profile) => profile.name),
      catalog.ssoSources.map((source) => source.id),
    );
    // What the disk holds is read first (no AWS call), so the rows' first words are already right.
    await Promise.all([
      ...this.profileNodes.flatMap((node) => scopeContainersOf(node)).map((container) => container.scope.prime()),
      ...sources.map((source) => this.deps.directory.primeAccounts(source)),
    ]);
    // The top level of a session is its account count: that one listing, and nothing else, starts now.
    for (const source of sources) {
      if (!source.problem) void this.deps.directory.loadAccounts(source);
    }

    this.shownProblems = JSON.stringify(catalog.files.problems);
    const fileProblems = catalog.files.problems.map((problem, index) => configProblemNode(problem, index));
    const missingNodes = missing.map(missingProfileNode);
    if (this.profileNodes.length === 0 && this.sessionNodes.length === 0 && fileProblems.length === 0 && missingNodes.length === 0) {
      return [];
    }
    return [...fileProblems, ...missingNodes, ...this.profileNodes, ...this.sessionNodes];
  }

  /** The profiles of the catalog that `serviceCatalog.profiles` selects (all when it is empty). */
  private shownProfiles(catalog: ProfileCatalog): AwsProfile[] {
    const selection = this.deps.settings.profiles;
    return selection.length === 0 ? catalog.profiles : catalog.profiles.filter((profile) => selection.includes(profile.name));
  }

  /** The IAM Identity Center sources the view lists accounts of (none when discovery is turned off). */
  private shownSources(catalog: ProfileCatalog): SsoSource[] {
    return this.deps.settings.discoverAccounts ? catalog.ssoSources : [];
  }

  private scopeNode(profile: AwsProfile, placement: ScopeNodePlacement): ProfileNode {
    const regions = profileRegions(profile, this.deps.settings.regions);
    if (regions.length === 0) {
      return new RegionlessProfileNode(profile, (parent) => noRegionNode(parent, profile), placement);
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
          cache: this.deps.cache,
          // A new window paints what it knew last, then lists again; a rebuild (settings, files, filters) lists at once.
          warmStart: this.generation === 0,
          refreshDelayMs: firstRefreshDelayMs,
        }),
    );
    return scopes.length === 1 ? new SingleRegionProfileNode(profile, scopes[0], this.messages, placement) : new MultiRegionProfileNode(profile, scopes, this.messages, placement);
  }

  /** The node of a discovered role: kept while the role and its account node stay, so expansion and products survive refreshes. */
  private roleNode(source: SsoSource, account: SsoAccount, roleName: string, parent: SsoAccountNode): ProfileNode {
    const role = this.deps.aws.discoveredRole(source, { accountId: account.accountId, roleName });
    let node = this.roleNodes.get(role.name);
    // One node per role and account node: VS Code refuses a second object with the id of one it shows.
    if (!node || node.parent !== parent) {
      if (node) scopeContainersOf(node).forEach((container) => container.scope.dispose());
      node = this.scopeNode(role, { id: `${parent.id}/${roleName}`, label: roleName, parent, contextValue: 'profile.ssoRole', icon: 'shield' });
      this.roleNodes.set(role.name, node);
    }
    return node;
  }

  private scopeChanged(scope: ProductScope, productId?: string): void {
    this.pinned.scopeChanged(scope, productId);
    const scopeNode = this.scopeNodes().find((node) => node.profile === scope.profile);
    if (!scopeNode) {
      return;
    }
    const container = scopeContainersOf(scopeNode).find((candidate) => candidate.scope === scope);
    if (productId) {
      const node = container?.productNode(productId);
      if (node) {
        this.notify(node);
      }
      return;
    }
    this.notify(container ?? scopeNode);
    if (container && container !== scopeNode) {
      this.notify(scopeNode);
    }
  }

  private notify(node: TreeNode | undefined): void {
    if (!node) this.shownRoots = undefined;
    this.changed.fire(node);
  }

  private readonly messages: ScopeMessages = {
    failure: (container, problem) => {
      const role = container.scope.profile.identityCenter;
      if (role) {
        // The session's node offers "Sign in" once for all its roles.
        this.deps.directory.reportSignInNeeded(role.source, problem);
        return failureNodes(container, problem, false);
      }
      return failureNodes(container, problem, container.scope.profile.name);
    },
    empty: (container) => emptyScopeNode(container, this.deps.filters.get(container.scope.profile.name), this.deps.settings.accessLevel),
    progress: progressNode,
    filteredOut: filteredOutNode,
    viewFilter: () => this.deps.viewFilter.get(),
  };

  private async setWelcomeContext(catalog: ProfileCatalog, shown: AwsProfile[]): Promise<void> {
    const noConfig = !catalog.files.configExists && !catalog.files.credentialsExists;
    const sources = this.shownSources(catalog);
    await Promise.all([
      setContext(contextKeys.noAwsConfig, noConfig),
      setContext(contextKeys.noProfiles, !noConfig && catalog.profiles.length === 0 && sources.length === 0),
      setContext(contextKeys.noProfilesSelected, catalog.profiles.length > 0 && shown.length === 0 && sources.length === 0),
      setContext(contextKeys.hasFilters, this.hasFilters()),
    ]);
  }

  private disposeScopes(): void {
    for (const node of this.scopeNodes()) {
      for (const container of scopeContainersOf(node)) {
        container.scope.dispose();
      }
    }
    this.profileNodes = [];
    this.sessionNodes = [];
    this.roleNodes.clear();
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
