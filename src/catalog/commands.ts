import { commandId, contextKey } from '../platform/commandId';
import type { ExecuteArguments } from './executeArguments';
import type { ProductItem } from './products';
import type { RecordOrigin, RecordRef } from './records';

/**
 * An item of the Provisioned Products view as VS Code passes it to the commands of its menus. Only the
 * view knows its items; commands of other features take a `ProductItem`.
 */
export type ViewItem = object;

/**
 * Every command the extension contributes, with the arguments it takes. package.json, each
 * registration and each call are checked against it (test/unit/catalog/commandContract.test.ts).
 * Commands that other extensions may run validate their arguments at run time all the same.
 */
export const commands = {
  executeServiceAction: commandId<[argument?: ExecuteArguments | ProductItem, selection?: readonly ProductItem[]]>('serviceCatalog.executeServiceAction'),
  refresh: commandId('serviceCatalog.refresh'),
  refreshItem: commandId<[item?: ViewItem]>('serviceCatalog.refreshItem'),
  filterProducts: commandId<[item?: ViewItem]>('serviceCatalog.filterProducts'),
  clearFilter: commandId<[item?: ViewItem]>('serviceCatalog.clearFilter'),
  chooseProfiles: commandId('serviceCatalog.chooseProfiles'),
  copyId: commandId<[item: ProductItem]>('serviceCatalog.copyId'),
  copyArn: commandId<[item: ProductItem]>('serviceCatalog.copyArn'),
  openInConsole: commandId<[item: ProductItem]>('serviceCatalog.openInConsole'),
  showLastRecord: commandId<[item: ProductItem]>('serviceCatalog.showLastRecord'),
  showRecordHistory: commandId<[item: ProductItem]>('serviceCatalog.showRecordHistory'),
  /** A profile name, a discovered role's scope name, or `sso SOURCE` for an IAM Identity Center session. */
  ssoLogin: commandId<[target: string]>('serviceCatalog.ssoLogin'),
  /** `text` sets the filter of the item's session without asking (other extensions, tests); "" shows every account. */
  filterAccounts: commandId<[item?: ViewItem, text?: unknown]>('serviceCatalog.filterAccounts'),
  addProfileForRole: commandId<[item: ViewItem]>('serviceCatalog.addProfileForRole'),
  openAwsConfig: commandId<[file?: string, line?: number]>('serviceCatalog.openAwsConfig'),
  showRecord: commandId<[record?: RecordRef & { origin?: RecordOrigin }]>('serviceCatalog.showRecord'),
  showRunningExecutions: commandId('serviceCatalog.showRunningExecutions'),
  startSandbox: commandId('serviceCatalog.startSandbox'),
  stopSandbox: commandId('serviceCatalog.stopSandbox'),
  /** A menu passes the selected items second: every selected product is pinned (or unpinned). */
  pinProduct: commandId<[item: ProductItem, selection?: readonly ProductItem[]]>('serviceCatalog.pinProduct'),
  unpinProduct: commandId<[item: ProductItem, selection?: readonly ProductItem[]]>('serviceCatalog.unpinProduct'),
  // The Activity view's commands: an entry's context menu, then its title bar.
  executeAgain: commandId<[entry: ActivityItem]>('serviceCatalog.executeAgain'),
  copyRecordId: commandId<[entry: ActivityItem]>('serviceCatalog.copyRecordId'),
  showProduct: commandId<[entry: ActivityItem]>('serviceCatalog.showProduct'),
  filterActivity: commandId('serviceCatalog.filterActivity'),
  clearActivity: commandId('serviceCatalog.clearActivity'),
  goToProvisionedProduct: commandId('serviceCatalog.goToProvisionedProduct'),
  /** `filter` ({ text?, statuses? }) sets the view-wide filter without asking (other extensions, tests); `{}` clears it. */
  filterAll: commandId<[filter?: unknown]>('serviceCatalog.filterAll'),
} as const;

/** An entry of the Activity view as VS Code passes it to its context menu's commands: a record reference at least. */
export type ActivityItem = { ref: RecordRef };

/** The extension's views (package.json `contributes.views`). */
export const views = {
  provisionedProducts: 'serviceCatalog.provisionedProducts',
  activity: 'serviceCatalog.activity',
} as const;

/** The command VS Code creates for every view: it shows the view and focuses it. */
export const focusViewCommand = (view: (typeof views)[keyof typeof views]) => commandId(`${view}.focus`);

/** Context keys the extension sets, which package.json's `when` clauses read. */
export const contextKeys = {
  /** Neither AWS file exists: the welcome content offers to create the config. */
  noAwsConfig: contextKey<boolean>('serviceCatalog.noAwsConfig'),
  noProfiles: contextKey<boolean>('serviceCatalog.noProfiles'),
  noProfilesSelected: contextKey<boolean>('serviceCatalog.noProfilesSelected'),
  hasFilters: contextKey<boolean>('serviceCatalog.hasFilters'),
  sandboxActive: contextKey<boolean>('serviceCatalog.sandboxActive'),
  sandboxStarting: contextKey<boolean>('serviceCatalog.sandboxStarting'),
  /** A profile signs in with IAM Identity Center: the walkthrough shows its sign-in step. */
  hasSsoProfiles: contextKey<boolean>('serviceCatalog.hasSsoProfiles'),
  /** An action ran from this window: completes the walkthrough's "Run a first action". */
  hasRunAction: contextKey<boolean>('serviceCatalog.hasRunAction'),
  /** A record panel was open in this window: completes the walkthrough's "Open its record". */
  hasOpenedRecord: contextKey<boolean>('serviceCatalog.hasOpenedRecord'),
} as const;
