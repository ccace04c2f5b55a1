import * as vscode from 'vscode';
import type { AwsContext } from '../aws/awsContext';
import { appendProfileSection, roleProfileSection } from '../aws/roleProfileSection';
import { parseDiscoveredScopeName, sourceOfReference } from '../aws/scopeNames';
import { ssoLoginOption } from '../aws/ssoSources';
import type { IdentityCenterDirectory } from '../catalog/identityCenterDirectory';
import { provisionedProductConsoleUrl } from '../aws/consoleLinks';
import { problemOf } from '../aws/errors';
import type { Logger } from '../platform/logger';
import { runSsoLogin } from '../platform/vscode/ssoLogin';
import type { Settings } from '../catalog/settings';
import { withoutLinks } from '../platform/plainText';
import { commands, type ViewItem } from '../catalog/commands';
import type { ArgumentsOf, CommandId } from '../platform/commandId';
import { registerCommand } from '../platform/vscode/commands';
import { openAwsConfig } from './awsConfigFile';
import type { AccountFilters } from './accountFilters';
import { SsoSessionNode } from './identityCenterNodes';
import { ProductNode, type TreeNode } from './nodes';
import type { ProductFilters } from './productFilters';
import type { ViewFilterStore } from './viewFilterStore';
import { describeFilters, filterStatuses, maxViewFilterText, viewFilterOf, type ViewFilter } from '../catalog/viewFilter';
import { productStatusPresentation } from '../catalog/productStatus';
import { scopeContainersOf, type ProvisionedProductsProvider } from './provisionedProductsProvider';
import { pinProducts, productItemsOf, unpinProducts } from './pinnedCommands';

export interface TreeCommandDependencies {
  provider: ProvisionedProductsProvider;
  view: vscode.TreeView<TreeNode>;
  aws: AwsContext;
  settings: Settings;
  filters: ProductFilters;
  accountFilters: AccountFilters;
  viewFilter: ViewFilterStore;
  directory: IdentityCenterDirectory;
  log: Logger;
}

export function registerTreeCommands(deps: TreeCommandDependencies): vscode.Disposable[] {
  const { provider } = deps;
  const reportFailure = (error: unknown) => {
    const problem = problemOf(error, deps.aws.redactor);
    deps.log.error(problem.detail);
    void vscode.window.showErrorMessage(withoutLinks(problem.detail));
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any command id; its arguments come from the id
  const register = <Id extends CommandId<any>>(id: Id, handler: (...args: ArgumentsOf<Id>) => unknown) => registerCommand(id, handler, reportFailure);
  // VS Code passes the view's own nodes to the commands of its menus and rows.
  const nodeOf = (item: ViewItem | undefined) => item as TreeNode | undefined;

  return [
    register(commands.refresh, () => provider.reloadProfiles()),
    register(commands.refreshItem, (item) => {
      const node = nodeOf(item);
      if (!node) {
        return provider.reloadProfiles();
      }
      return node instanceof ProductNode ? provider.refreshProduct(node) : provider.refreshNode(node);
    }),
    register(commands.filterProducts, (item) => filterProducts(deps, nodeOf(item))),
    register(commands.clearFilter, async (item) => {
      const node = nodeOf(item);
      const profile = node ? profileOf(node) : undefined;
      if (node instanceof SsoSessionNode) {
        await deps.accountFilters.set(node.source.id, undefined);
      } else if (profile) {
        await deps.filters.set(profile, undefined);
      } else {
        await Promise.all([deps.filters.clear(), deps.accountFilters.clear(), deps.viewFilter.set(undefined)]);
      }
      applyFilters(deps);
    }),
    // Called with a filter ({ text, statuses }), it sets that filter without asking (other extensions, tests).
    register(commands.filterAll, (filter) => filterAll(deps, filter)),
    // A menu passes the selected nodes second: only a string is a filter text.
    register(commands.filterAccounts, (item, text) => filterAccounts(deps, nodeOf(item), typeof text === 'string' ? text : undefined)),
    register(commands.addProfileForRole, (item) => addProfileForRole(deps, nodeOf(item))),
    register(commands.chooseProfiles, () => chooseProfiles(deps)),
    register(commands.copyId, (item) => copy(item.productTarget.provisionedProductId)),
    register(commands.copyArn, (item) => copy(item.productTarget.product?.Arn ?? '')),
    register(commands.openInConsole, ({ productTarget }) => {
      const url = provisionedProductConsoleUrl(productTarget.region, productTarget.provisionedProductId);
      return url
        ? vscode.env.openExternal(vscode.Uri.parse(url, true))
        : vscode.window.showWarningMessage(vscode.l10n.t('There is no AWS console page for region "{0}".', productTarget.region));
    }),
    register(commands.ssoLogin, (target) => ssoLogin(deps, target)),
    register(commands.openAwsConfig, (file, line) => openAwsConfig(file ?? deps.aws.paths.config, line)),
    register(commands.pinProduct, (item, selection) => pinProducts(provider.pinned, productItemsOf(item, selection))),
    register(commands.unpinProduct, (item, selection) => unpinProducts(provider.pinned, productItemsOf(item, selection))),
  ];
}

async function copy(text: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', text), 3000);
}

function profileOf(node: TreeNode): string | undefined {
  return scopeContainersOf(node)[0]?.scope.profile.name ?? (node instanceof ProductNode ? node.productTarget.profile : undefined);
}

function applyFilters(deps: TreeCommandDependencies): void {
  deps.view.description = describeFilters(deps.filters.describe(), deps.viewFilter.get()) || undefined;
  deps.provider.rebuild();
}

/** Filter All: text, then statuses, applied to what every scope has listed (nothing is listed again). */
async function filterAll(deps: TreeCommandDependencies, given?: unknown): Promise<void> {
  let filter: ViewFilter | undefined;
  if (given !== undefined) {
    filter = viewFilterOf(given);
  } else {
    const current = deps.viewFilter.get();
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Filter All Provisioned Products (1/2)'),
      value: current?.text ?? '',
      prompt: vscode.l10n.t("Text in a product's name, ID, product, version, status or tag value, in every profile and region. Leave empty for any."),
      validateInput: (value) => (value.length > maxViewFilterText ? vscode.l10n.t('A filter is at most {0} characters', maxViewFilterText) : undefined),
    });
    if (text === undefined) return;
    const picked = await vscode.window.showQuickPick(
      filterStatuses.map((status) => ({ label: productStatusPresentation(status).label, description: status, status, picked: current?.statuses?.includes(status) ?? false })),
      { title: vscode.l10n.t('Filter All Provisioned Products (2/2)'), placeHolder: vscode.l10n.t('The statuses to show (none: any status)'), canPickMany: true },
    );
    if (picked === undefined) return;
    filter = viewFilterOf({ text, statuses: picked.map((item) => item.status) });
  }
  await deps.viewFilter.set(filter);
  deps.view.description = describeFilters(deps.filters.describe(), deps.viewFilter.get()) || undefined;
  deps.provider.refilter();
}


async function filterProducts(deps: TreeCommandDependencies, node?: TreeNode): Promise<void> {
  let profile = node ? profileOf(node) : undefined;
  if (!profile) {
    const names = deps.provider.profiles().map((candidate) => candidate.profile.name);
    profile = names.length === 1 ? names[0] : await vscode.window.showQuickPick(names, { title: vscode.l10n.t('Filter the products of which profile?') });
  }
  if (!profile) {
    return;
  }
  const query = await vscode.window.showInputBox({
    title: vscode.l10n.t('Filter provisioned products of "{0}"', profile),
    value: deps.filters.get(profile) ?? '',
    prompt: vscode.l10n.t('A Service Catalog search query, such as "status:AVAILABLE", "name:payments" or any text. Leave empty to clear.'),
    placeHolder: 'status:AVAILABLE',
    validateInput: (value) => (value.length > 256 ? vscode.l10n.t('A filter is at most 256 characters') : undefined),
  });
  if (query === undefined) {
    return;
  }
  await deps.filters.set(profile, query);
  applyFilters(deps);
}

async function chooseProfiles(deps: TreeCommandDependencies): Promise<void> {
  const catalog = await deps.aws.profiles();
  if (catalog.profiles.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No AWS profiles were found in {0}.', catalog.files.paths.config));
    return;
  }
  const selected = new Set(deps.settings.profiles);
  const items = catalog.profiles.map((profile) => ({
    label: profile.name,
    description: profile.region,
    picked: selected.size === 0 || selected.has(profile.name),
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Profiles to show in Service Catalog'),
    canPickMany: true,
    placeHolder: vscode.l10n.t('Pick the profiles to show; all of them when every one is picked'),
  });
  if (!picked) {
    return;
  }
  if (picked.length === 0) {
    // An empty setting means every profile: unticking them all cannot mean "none".
    void vscode.window.showInformationMessage(vscode.l10n.t('Pick at least one profile; the selection was not changed.'));
    return;
  }
  await deps.settings.setProfiles(picked.length === items.length ? [] : picked.map((item) => item.label));
}

/** Signs in to a profile's SSO session, or to an IAM Identity Center session (named by one of its roles or `sso SOURCE`). */
async function ssoLogin(deps: TreeCommandDependencies, target: string): Promise<boolean> {
  const sourceId = sourceOfReference(target);
  const source = sourceId === undefined ? undefined : (await deps.aws.profiles()).ssoSources.find((candidate) => candidate.id === sourceId);
  const login = source ? ssoLoginOption(source) : undefined;
  const signedIn = source && login ? await runSsoLogin(source.label, login.option, login.value) : await runSsoLogin(target, '--profile', target);
  if (source) {
    deps.aws.forgetSource(source.id);
    deps.directory.reset(source.id);
  } else {
    deps.aws.forgetCredentials(target);
  }
  if (signedIn) {
    await deps.provider.reloadProfiles();
  }
  return signedIn;
}

async function filterAccounts(deps: TreeCommandDependencies, node?: TreeNode, given?: string): Promise<void> {
  let session = node instanceof SsoSessionNode ? node : undefined;
  if (!session) {
    const sessions = deps.provider.sessions();
    const picked =
      sessions.length === 1
        ? sessions[0]
        : (await vscode.window.showQuickPick(sessions.map((candidate) => ({ label: candidate.source.label, session: candidate })), { title: vscode.l10n.t('Filter the accounts of which IAM Identity Center session?') }))?.session;
    if (!picked) {
      if (sessions.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('The AWS config file has no IAM Identity Center session (sso-session).'));
      return;
    }
    session = picked;
  }
  const tooLong = (value: string) => (value.length > 128 ? vscode.l10n.t('A filter is at most 128 characters') : undefined);
  if (given !== undefined && tooLong(given)) {
    void vscode.window.showErrorMessage(tooLong(given)!);
    return;
  }
  const text =
    given ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Filter the accounts of "{0}"', session.source.label),
      value: deps.accountFilters.get(session.source.id) ?? '',
      prompt: vscode.l10n.t('Text found in an account\'s name or id, such as "prod" or "1234". Leave empty to show every account.'),
      validateInput: tooLong,
    }));
  if (text === undefined) {
    return;
  }
  await deps.accountFilters.set(session.source.id, text);
  applyFilters(deps);
}

/**
 * Writes a `[profile ...]` section for a discovered role into the AWS config file, as `aws configure sso` would,
 * after asking: the AWS CLI (and copied commands) can then use it with `--profile`. Nothing else is changed.
 */
async function addProfileForRole(deps: TreeCommandDependencies, node?: TreeNode): Promise<void> {
  const role = node && scopeContainersOf(node)[0]?.scope.profile.identityCenter;
  const scopeName = node && scopeContainersOf(node)[0]?.scope.profile.name;
  const ref = scopeName ? parseDiscoveredScopeName(scopeName) : undefined;
  if (!role || !ref) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Add as a Profile works on a role of an IAM Identity Center account in the Service Catalog view.'));
    return;
  }
  const catalog = await deps.aws.profiles();
  const section = roleProfileSection(role, scopeContainersOf(node)[0].scope.region);
  const name = section.name;
  if (catalog.profiles.some((profile) => profile.name === name)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The AWS config file already has a profile "{0}".', name));
    return;
  }
  const file = deps.aws.paths.config;
  const add = vscode.l10n.t('Add Profile');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('Add profile "{0}" to {1}?', name, file),
    { modal: true, detail: section.lines.join('\n') },
    add,
  );
  if (answer !== add) {
    return;
  }
  await appendProfileSection(file, section);
  deps.log.info(`Added profile ${name} for ${scopeName} to ${file}`);
  await deps.provider.reloadProfiles();
  const open = vscode.l10n.t('Open File');
  void vscode.window.showInformationMessage(vscode.l10n.t('Added profile "{0}": the AWS CLI can use it with --profile {0}.', name), open).then((choice) => {
    if (choice === open) void openAwsConfig(file);
  });
}
