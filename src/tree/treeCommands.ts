import type { RecordDetail } from '@aws-sdk/client-service-catalog';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AwsContext } from '../aws/awsContext';
import { provisionedProductConsoleUrl } from '../aws/consoleLinks';
import { problemOf } from '../aws/errors';
import type { Logger } from '../platform/logger';
import { runSsoLogin } from '../platform/vscode/ssoLogin';
import type { Settings } from '../catalog/settings';
import { showRecordCommand } from '../records/notifications';
import { withoutIcons, withoutLinks } from '../platform/plainText';
import type { RecordRef } from '../catalog/records';
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
  const register = (id: string, handler: (...args: never[]) => unknown) =>
    vscode.commands.registerCommand(id, async (...args: never[]) => {
      try {
        await handler(...args);
      } catch (error) {
        const problem = problemOf(error, deps.aws.redactor);
        deps.log.error(`${id} failed: ${problem.detail}`);
        void vscode.window.showErrorMessage(withoutLinks(problem.detail));
      }
    });

  return [
    register('serviceCatalog.refresh', () => provider.reloadProfiles()),
    register('serviceCatalog.refreshItem', (node?: TreeNode) => {
      if (!node) {
        return provider.reloadProfiles();
      }
      return node instanceof ProductNode ? provider.refreshProduct(node) : provider.refreshNode(node);
    }),
    register('serviceCatalog.filterProducts', (node?: TreeNode) => filterProducts(deps, node)),
    register('serviceCatalog.clearFilter', async (node?: TreeNode) => {
      const profile = node ? profileOf(node) : undefined;
      await (profile ? deps.filters.set(profile, undefined) : deps.filters.clear());
      applyFilters(deps);
    }),
    register('serviceCatalog.chooseProfiles', () => chooseProfiles(deps)),
    register('serviceCatalog.copyId', (node: ProductNode) => copy(node.productTarget.provisionedProductId)),
    register('serviceCatalog.copyArn', (node: ProductNode) => copy(node.productTarget.product?.Arn ?? '')),
    register('serviceCatalog.openInConsole', (node: ProductNode) => {
      const url = provisionedProductConsoleUrl(node.productTarget.region, node.productTarget.provisionedProductId);
      return url
        ? vscode.env.openExternal(vscode.Uri.parse(url, true))
        : vscode.window.showWarningMessage(vscode.l10n.t('There is no AWS console page for region "{0}".', node.productTarget.region));
    }),
    register('serviceCatalog.showLastRecord', (node: ProductNode) => {
      const recordId = node.productTarget.product?.LastRecordId;
      if (!recordId) {
        return vscode.window.showInformationMessage(withoutLinks(vscode.l10n.t('{0} has no record yet.', node.productTarget.product?.Name ?? '')));
      }
      return vscode.commands.executeCommand(showRecordCommand, { profile: node.productTarget.profile, region: node.productTarget.region, recordId } satisfies RecordRef);
    }),
    register('serviceCatalog.showRecordHistory', (node: ProductNode) => showRecordHistory(deps, node)),
    register('serviceCatalog.ssoLogin', (profile: string) => ssoLogin(deps, profile)),
    register('serviceCatalog.openAwsConfig', (file?: string, line?: number) => openAwsConfig(file ?? deps.aws.paths.config, line)),
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

interface RecordPick extends vscode.QuickPickItem {
  record?: RecordDetail;
  loadMore?: string;
}

async function showRecordHistory(deps: TreeCommandDependencies, node: ProductNode): Promise<void> {
  const { profile, region, provisionedProductId, product } = node.productTarget;
  const api = await deps.aws.apiFor(profile, region);
  const quickPick = vscode.window.createQuickPick<RecordPick>();
  quickPick.title = vscode.l10n.t('Record history of {0}', product?.Name ?? provisionedProductId);
  quickPick.placeholder = vscode.l10n.t('Newest first; pick one to open it');
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  const records: RecordDetail[] = [];

  const load = async (pageToken?: string) => {
    quickPick.busy = true;
    try {
      const page = await api.listRecordHistory({ provisionedProductId, accessLevel: deps.settings.accessLevel, pageToken });
      records.push(...page.records);
      quickPick.items = [
        ...records.map(recordPick),
        ...(page.nextPageToken ? [{ label: `$(ellipsis) ${vscode.l10n.t('Load more')}`, loadMore: page.nextPageToken, alwaysShow: true }] : []),
      ];
      if (records.length === 0) {
        quickPick.placeholder = vscode.l10n.t('This product has no records');
      }
    } catch (error) {
      quickPick.hide();
      throw error;
    } finally {
      quickPick.busy = false;
    }
  };

  const done = new Promise<void>((resolve, reject) => {
    quickPick.onDidAccept(() => {
      const [choice] = quickPick.selectedItems;
      if (choice?.loadMore) {
        load(choice.loadMore).catch(reject);
      } else if (choice?.record?.RecordId) {
        quickPick.hide();
        void vscode.commands.executeCommand(showRecordCommand, { profile, region, recordId: choice.record.RecordId } satisfies RecordRef);
      }
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve();
    });
  });
  quickPick.show();
  await load();
  await done;
}

function recordPick(record: RecordDetail): RecordPick {
  const icon = record.Status === 'SUCCEEDED' ? '$(pass)' : record.Status === 'FAILED' ? '$(error)' : '$(sync)';
  return {
    label: `${icon} ${withoutIcons(record.RecordType ?? '')}`,
    description: withoutIcons(`${record.Status ?? ''} · ${record.CreatedTime?.toLocaleString() ?? ''}`),
    detail: withoutIcons(record.RecordId ?? ''),
    record,
  };
}

async function ssoLogin(deps: TreeCommandDependencies, profile: string): Promise<void> {
  const signedIn = await runSsoLogin(profile);
  deps.aws.forgetCredentials(profile);
  if (signedIn) {
    await deps.provider.reloadProfiles();
  }
}

/** A new AWS config file: what it is, in the user's language, and a commented-out SSO profile. */
const configTemplate = (): string => `# ${vscode.l10n.t('AWS shared config file. Each profile is a [profile NAME] section; [default] is the default profile.')}
# ${vscode.l10n.t('Service Catalog Actions shows every profile found here and in the credentials file.')}
# ${vscode.l10n.t('Reference: {0}', 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html')}
#
# [profile my-sso]
# sso_session = my-company
# sso_account_id = 111122223333
# sso_role_name = ServiceCatalogEndUser
# region = us-east-1
#
# [sso-session my-company]
# sso_start_url = https://my-company.awsapps.com/start
# sso_region = us-east-1
`;

async function openAwsConfig(target: string, line?: number): Promise<void> {
  try {
    await fs.access(target);
  } catch {
    const create = vscode.l10n.t('Create It');
    const answer = await vscode.window.showInformationMessage(vscode.l10n.t('{0} does not exist yet.', target), create);
    if (answer !== create) {
      return;
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, configTemplate(), { flag: 'wx', mode: 0o600 });
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(target));
  const position = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
}
