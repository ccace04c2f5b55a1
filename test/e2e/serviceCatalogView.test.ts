import * as assert from 'node:assert/strict';
import type { Context } from 'mocha';
import { contributesMenuItem } from './support/manifest';
import { e2eSession, workbench } from './support/session';
import { step } from './support/steps';

/** The tree is being built: these flows skip themselves while the view has no data provider. */
async function skipUntilTheTreeExists(context: Context): Promise<void> {
  await workbench().openServiceCatalogView();
  if (!(await workbench().viewHasDataProvider())) context.skip();
}

describe('Service Catalog view', () => {
  it('opens from the activity bar and activates the extension', async () => {
    const ui = workbench();
    await step('open the Service Catalog view', () => ui.openServiceCatalogView());
    assert.match(await ui.sideBarTitle(), /^Service Catalog/i);
    await step('extension active', () => ui.waitForExtensionActive());
  });

  it('shows a node for each AWS profile of the sandbox config', async function () {
    await skipUntilTheTreeExists(this);
    const ui = workbench();
    for (const profile of e2eSession().sandbox.profiles) {
      await step(`profile ${profile}`, () => ui.treeItem(profile).first().waitFor({ state: 'visible', timeout: 30_000 }));
    }
  });

  it('expands a profile to show its provisioned products', async function () {
    await skipUntilTheTreeExists(this);
    const ui = workbench();
    const profile = e2eSession().sandbox.profiles[0];
    const before = (await ui.treeItemLabels()).length;
    await step(`expand ${profile}`, () => ui.expandTreeItem(profile));
    await step('products listed', () => ui.page.waitForFunction(
      ([selector, count]) => document.querySelectorAll(selector).length > count,
      ['.monaco-list[role="tree"][aria-label="Provisioned Products"] .monaco-list-row[role="treeitem"]', before] as const,
      { timeout: 30_000 },
    ));
  });

  it('offers Execute Service Action on a product’s context menu', async function () {
    await skipUntilTheTreeExists(this);
    // Waits for the Execute Service Action feature to put the command on product items.
    if (!contributesMenuItem('view/item/context', 'serviceCatalog.executeServiceAction')) this.skip();
    const ui = workbench();
    const profile = e2eSession().sandbox.profiles[0];
    await step(`expand ${profile}`, () => ui.expandTreeItem(profile));
    // A product is a leaf: a row without aria-expanded (profiles and regions are collapsible).
    const product = ui.tree().locator('.monaco-list-row[role="treeitem"]:not([aria-expanded])').first();
    await product.waitFor({ state: 'visible', timeout: 30_000 });
    const label = (await product.getAttribute('aria-label')) ?? '';
    const items = await step('open the product’s context menu', () => ui.openTreeItemContextMenu(label.split(',')[0]));
    assert.ok(items.includes('Execute Service Action'), `context menu: ${items.join(' | ')}`);
  });
});
