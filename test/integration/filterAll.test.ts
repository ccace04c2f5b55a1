import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ProductSearch } from '../../src/catalog/productSearch';
import type { ServiceCatalogExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/nodes';
import { emulatorAdmin, extensionApi } from './helpers/serviceCatalogApi';

/**
 * Filter All in a real VS Code against the emulator: one filter of text and statuses over every profile's products,
 * applied to what was listed (no call), shown in the view's description, searched by Go to Provisioned Product, and
 * cleared by Clear Filter.
 */
describe('Filter All', function () {
  this.timeout(60_000);
  let api: ServiceCatalogExtensionApi;
  const admin = emulatorAdmin();
  const searchCalls = async () => (await admin.counters()).calls.SearchProvisionedProducts ?? 0;
  const label = (node: TreeNode) => {
    const itemLabel = node.getTreeItem().label;
    return typeof itemLabel === 'string' ? itemLabel : (itemLabel?.label ?? '');
  };
  const productsOf = async (profile: string) => {
    const node = (await api.tree.getChildren()).find((candidate) => candidate.id === `profile:${profile}`);
    assert.ok(node, `profile ${profile} is shown`);
    return (await api.tree.getChildren(node)).map((child) => ({ label: label(child), description: String(child.getTreeItem().description ?? '') }));
  };

  before(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand('serviceCatalog.provisionedProducts.focus');
    // Every profile listed once, before the filter.
    await productsOf('main-alice');
    await productsOf('other-erin');
  });

  after(async () => {
    await vscode.commands.executeCommand('serviceCatalog.filterAll', {});
  });

  it('shows only the products of every profile that match the text and statuses, listing nothing again', async () => {
    const before = await searchCalls();
    await vscode.commands.executeCommand('serviceCatalog.filterAll', { text: 'payments' });
    assert.deepEqual(
      (await productsOf('main-alice')).map((row) => row.label),
      ['alice-web-01', 'alice-web-02', 'alice-web-03', 'alice-web-04', 'alice-web-05', 'alice-web-06'],
    );
    assert.deepEqual(await productsOf('other-erin'), [{ label: 'No product matches the filter of the view', description: '4 hidden' }]);

    // Other suites run actions on alice's products: what is expected comes from what the view listed.
    const listed = api.tree.scopesOf('main-alice')[0].state;
    const all = listed.kind === 'loaded' ? listed.products : [];
    await vscode.commands.executeCommand('serviceCatalog.filterAll', { statuses: ['UNDER_CHANGE', 'PLAN_IN_PROGRESS'] });
    const busy = all.filter((product) => product.Status === 'UNDER_CHANGE' || product.Status === 'PLAN_IN_PROGRESS').map((product) => product.Name);
    assert.ok(busy.length > 0 && busy.length < all.length, `some of alice's products are busy: ${busy.join(', ')}`);
    assert.deepEqual(
      (await productsOf('main-alice')).map((row) => row.label),
      busy,
    );
    assert.equal(await searchCalls(), before, 'the filter applies to what was listed');
  });

  it('is what Go to Provisioned Product searches', async () => {
    await vscode.commands.executeCommand('serviceCatalog.filterAll', { text: 'web', statuses: ['AVAILABLE'] });
    const search = new ProductSearch((await api.tree.searchScopes()).filter((scope) => scope.scopeName === 'main-alice'));
    await search.start();
    const found = search.results('').map((hit) => hit.product.Name);
    const listed = api.tree.scopesOf('main-alice')[0].state;
    const expected = (listed.kind === 'loaded' ? listed.products : []).filter((product) => product.Name?.includes('web') && product.Status === 'AVAILABLE').map((product) => product.Name);
    assert.ok(expected.length > 0);
    assert.deepEqual(found, expected);
    search.dispose();
  });

  it('is cleared by Clear Filter', async () => {
    await vscode.commands.executeCommand('serviceCatalog.filterAll', { text: 'erin-web-02' });
    assert.deepEqual(
      (await productsOf('other-erin')).map((row) => row.label),
      ['erin-web-02'],
    );
    await vscode.commands.executeCommand('serviceCatalog.clearFilter');
    assert.equal((await productsOf('other-erin')).length, 4);
  });
});
