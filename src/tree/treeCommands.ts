import * as vscode from 'vscode';
import type { AwsContext } from '../aws/awsContext';
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
import { ProductNode, type TreeNode } from './nodes';
import type { ProductFilters } from './productFilters';
import { scopeContainersOf, type ProvisionedProductsProvider } from './provisionedProductsProvider';

export interface TreeCommandDependencies {
  provider: ProvisionedProductsProvider;
  view: vscode.TreeView<TreeNode>;
  aws: AwsContext;
  settings: Settings;
  filters: ProductFilters;
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
      await (profile ? deps.filters.set(profile, undefined) : deps.filters.clear());
      applyFilters(deps);
    }),
    register(commands.chooseProfiles, () => chooseProfiles(deps)),
    register(commands.copyId, (item) => copy(item.productTarget.provisionedProductId)),
    register(commands.copyArn, (item) => copy(item.productTarget.product?.Arn ?? '')),
    register(commands.openInConsole, ({ productTarget }) => {
      const url = provisionedProductConsoleUrl(productTarget.region, productTarget.provisionedProductId);
      return url
        ? vscode.env.openExternal(vscode.Uri.parse(url, true))
        : vscode.window.showWarningMessage(vscode.l10n.t('There is no AWS console page for region "{0}".', productTarget.region));
    }),
    register(commands.ssoLogin, (profile) => ssoLogin(deps, profile)),
    register(commands.openAwsConfig, (file, line) => openAwsConfig(file ?? deps.aws.paths.config, line)),
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
  deps.view.description = deps.filters.describe() || undefined;
  deps.provider.rebuild();
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

async function ssoLogin(deps: TreeCommandDependencies, profile: string): Promise<void> {
  const signedIn = await runSsoLogin(profile);
  deps.aws.forgetCredentials(profile);
  if (signedIn) {
    await deps.provider.reloadProfiles();
  }
}
