import * as vscode from 'vscode';
import type { AwsContext } from '../aws/awsContext';
import type { IdentityCenterDirectory } from '../catalog/identityCenterDirectory';
import type { ListingCache } from '../catalog/listingCache';
import type { Logger } from '../platform/logger';
import type { SettingName, Settings } from '../catalog/settings';
import type { RecordSnapshot, RecordTracker } from '../catalog/records';
import { terminalRecordStatuses } from '../catalog/records';
import { views } from '../catalog/commands';
import type { ProductFinderSource } from '../catalog/productSearch';
import type { ProductItem, ProductRef } from '../catalog/products';
import type { TreeNode } from './nodes';
import { AccountFilters } from './accountFilters';
import { PinnedProducts } from './pinnedProducts';
import { ProductFilters } from './productFilters';
import { ViewFilterStore } from './viewFilterStore';
import { describeFilters } from '../catalog/viewFilter';
import { ProvisionedProductsProvider } from './provisionedProductsProvider';
import { registerTreeCommands } from './treeCommands';
import { revealProduct } from './revealProduct';
import { ViewDataProvider } from './viewDataProvider';

export interface TreeDependencies {
  aws: AwsContext;
  settings: Settings;
  log: Logger;
  /** The accounts and roles of IAM Identity Center, shared with the wizard. */
  directory: IdentityCenterDirectory;
  /** The last listings on disk. */
  cache: ListingCache;
}

/** The Provisioned Products view, its commands, and what keeps it current (AWS files, settings, records). */
export function registerProvisionedProductsView(context: vscode.ExtensionContext, deps: TreeDependencies) {
  const filters = new ProductFilters(context.globalState);
  const accountFilters = new AccountFilters(context.globalState);
  const pins = new PinnedProducts(context.globalState);
  const viewFilter = new ViewFilterStore(context.globalState);
  const provider = new ProvisionedProductsProvider({ ...deps, filters, accountFilters, pins, viewFilter });
  const viewData = new ViewDataProvider(provider);
  const view = vscode.window.createTreeView<TreeNode>(views.provisionedProducts, {
    treeDataProvider: viewData,
    showCollapseAll: true,
    canSelectMany: true,
  });
  view.description = describeFilters(filters.describe(), viewFilter.get()) || undefined;
  // Expanding starts the load at once: VS Code asks for the children of profiles expanded together one by one.
  const expandListeners = [
    view.onDidExpandElement((event) => viewData.expandedChanged(event.element, true)),
    view.onDidCollapseElement((event) => viewData.expandedChanged(event.element, false)),
  ];

  // Other windows' Pin and Unpin are read again while the view is visible, and when it becomes visible.
  provider.pinned.setVisible(view.visible);
  const visibilityListener = view.onDidChangeVisibility((event) => provider.pinned.setVisible(event.visible));

  const configWatcher = deps.aws.onDidChangeFiles(() => {
    deps.log.info('The AWS config or credentials file changed: reloading profiles');
    void provider.reloadProfiles({ onlyIfChanged: true });
  });
  const settingsListener = deps.settings.onDidChange((changed) => {
    if (['profiles', 'regions', 'accessLevel', 'identityCenter.discoverAccounts', 'identityCenter.roles'].some((name) => changed(name as SettingName))) {
      provider.rebuild();
    }
  });

  context.subscriptions.push(pins, provider, view, ...expandListeners, visibilityListener, configWatcher, settingsListener, ...registerTreeCommands({ ...deps, provider, view, filters, accountFilters, viewFilter }));
  return {
    provider,
    view,
    /** "Show Product" of other features: selects and focuses a product, loading its scope first. */
    revealProduct: async (ref: ProductRef) => (await revealProduct(provider, view, ref)) !== undefined,
    /** What Go to Provisioned Product searches, and how it shows a product it found. */
    finder: {
      searchScopes: () => provider.searchScopes(),
      reveal: (ref: ProductRef): Promise<ProductItem | undefined> => revealProduct(provider, view, ref),
    } satisfies ProductFinderSource,
    /** Keeps products in step with the records the extension watches. */
    followRecords(tracker: RecordTracker): void {
      const productOf = (snapshot: RecordSnapshot) => snapshot.record?.ProvisionedProductId ?? snapshot.origin.provisionedProductId;
      context.subscriptions.push(
        tracker.onDidChange((snapshot) => {
          const productId = productOf(snapshot);
          const status = snapshot.record?.Status;
          const node = productId && provider.shownProduct(snapshot.ref.profile, snapshot.ref.region, productId);
          if (node && status && !terminalRecordStatuses.has(status) && node.productTarget.product?.Status !== 'UNDER_CHANGE') {
            provider.markUnderChange(snapshot.ref.profile, snapshot.ref.region, productId, snapshot.ref.recordId);
          }
        }),
        tracker.onDidEnd((snapshot) => {
          const productId = productOf(snapshot);
          if (productId) {
            void provider.productSettled(snapshot.ref.profile, snapshot.ref.region, productId);
          }
        }),
      );
    },
  };
}
