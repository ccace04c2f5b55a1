import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ServiceCatalogExtensionApi } from '../../src/extension';
import type { GoToItem } from '../../src/search/registerGoToProduct';
import { emulatorAdmin, extensionApi, testSeed } from './helpers/serviceCatalogApi';
import { waitUntil } from '../../tools/waitUntil';

/**
 * Go to Provisioned Product in a real VS Code against the emulator: it searches every profile and region the view
 * shows (through the extension's own clients and limiter), what the disk holds first, counts and names the scopes
 * that fail, narrows without calls, and reveals the product picked.
 */
describe('Go to Provisioned Product', function () {
  this.timeout(90_000);
  let api: ServiceCatalogExtensionApi;
  const admin = emulatorAdmin();
  const settings = () => vscode.workspace.getConfiguration('serviceCatalog');
  const shown = ['main-alice', 'main-carol', 'main-expired', 'other-erin'];
  const regions = ['us-east-1', 'eu-west-1'];
  const searchCalls = async () => (await admin.counters()).calls.SearchProvisionedProducts ?? 0;
  const callsOf = async (profile: string) => {
    const credential = testSeed().credentials.find((candidate) => candidate.profileName === profile)!;
    return (await admin.counters()).callsByAccessKey[credential.accessKeyId]?.SearchProvisionedProducts ?? 0;
  };
  const labels = (items: readonly GoToItem[]) => items.map((item) => item.label);
  const picker = () => {
    const open = api.goTo.picker;
    assert.ok(open, 'the quick pick is open');
    return open;
  };

  before(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand('serviceCatalog.provisionedProducts.focus');
    await settings().update('profiles', shown, vscode.ConfigurationTarget.Global);
    await settings().update('regions', regions, vscode.ConfigurationTarget.Global);
    await waitUntil('the view to show the chosen profiles in both regions', async () => {
      await api.tree.getChildren();
      const profiles = api.tree.profiles();
      return profiles.length === shown.length && shown.every((name) => api.tree.scopesOf(name).length === regions.length);
    });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    // The reveal expanded main-alice in the view: collapsed again, a rebuild in the suites after lists nothing.
    await vscode.commands.executeCommand('workbench.actions.treeView.serviceCatalog.provisionedProducts.collapseAll');
    await settings().update('profiles', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('regions', undefined, vscode.ConfigurationTarget.Global);
  });

  it('searches every scope the view shows, the disk first, and counts and names the ones that fail', async () => {
    // What the disk holds of a scope that now fails still comes up, marked as last listed.
    await api.aws.listingCache.saveProducts(
      { scope: 'main-expired', region: 'eu-west-1', accessLevel: 'User' },
      { accessLevel: 'User', products: [{ Id: 'pp-cached0000001', Name: 'expired-cached-web', Status: 'AVAILABLE', Tags: [{ Key: 'team', Value: 'payments' }] }] },
    );
    const bobBefore = await callsOf('main-bob');
    await vscode.commands.executeCommand('serviceCatalog.goToProvisionedProduct');
    await waitUntil(
      () => `every scope to answer (${picker().title})`,
      () => !picker().busy && picker().title?.includes('8 of 8 scopes searched, 2 failed'),
      60_000,
    );
    const items = picker().items;
    const rows = labels(items).join('\n');
    for (const name of ['alice-web-01', 'alice-eu-web-01', 'carol-bucket-01', 'erin-web-01', 'expired-cached-web']) {
      assert.ok(labels(items).includes(name), `${name} is found`);
    }
    assert.equal(items.find((item) => item.label === 'alice-eu-web-01')?.detail?.startsWith('main-alice · eu-west-1 · pp-eualice00000026'), true);
    assert.match(items.find((item) => item.label === 'expired-cached-web')?.detail ?? '', /as last listed/);
    assert.ok(!rows.includes('bob-web-01'), 'a profile the view does not show is not searched');
    assert.equal(await callsOf('main-bob'), bobBefore, 'nor contacted');

    const separator = items.find((item) => item.kind === vscode.QuickPickItemKind.Separator);
    assert.equal(separator?.label, '2 scopes failed');
    const failures = items.slice(items.indexOf(separator!) + 1);
    assert.deepEqual(labels(failures).sort(), ['main-expired · eu-west-1', 'main-expired · us-east-1']);
    assert.ok(failures.every((item) => item.description === 'Credentials expired'), JSON.stringify(failures.map((item) => item.description)));
  });

  it('narrows by a tag value without a call, and reveals the product picked', async () => {
    const before = await searchCalls();
    picker().value = 'payments';
    const hasTag = (item: GoToItem) => item.hit?.product.Tags?.some((tag) => tag.Value === 'payments');
    await waitUntil('the rows to narrow to the payments tag', () => {
      const found = picker().items.filter((item) => item.hit);
      return found.length > 0 && found.every(hasTag);
    });
    const found = picker().items.filter((item) => item.hit);
    // alice's six web servers, and what the disk held of main-expired.
    assert.deepEqual(labels(found).sort(), ['alice-web-01', 'alice-web-02', 'alice-web-03', 'alice-web-04', 'alice-web-05', 'alice-web-06', 'expired-cached-web']);
    assert.equal(await searchCalls(), before, 'narrowing calls nothing');

    picker().value = 'alice-web-03 payments';
    await waitUntil('one row', () => picker().items.filter((item) => item.hit).length === 1);
    const row = picker().items.find((item) => item.hit)!;
    assert.match(row.detail ?? '', /tag team=payments/);
    picker().activeItems = [row];
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitUntil('the product to be revealed in the view', () => api.tree.productNode('main-alice', 'us-east-1', 'pp-alice00000003'));
    await waitUntil('the search to close', () => api.goTo.picker === undefined);
  });
});
