import * as assert from 'node:assert/strict';
import { e2eSession, workbench } from './support/session';
import { step } from './support/steps';

const productRows = '.monaco-list[role="tree"][aria-label="Provisioned Products"] .monaco-list-row[role="treeitem"]:not([aria-expanded])';

describe('Service Catalog view', () => {
  it('opens from the activity bar and activates the extension', async () => {
    const ui = workbench();
    await step('open the Service Catalog view', () => ui.openServiceCatalogView());
    assert.match(await ui.sideBarTitle(), /^Service Catalog/i);
    await step('extension active', () => ui.waitForExtensionActive());
  });

  it('shows a node for each AWS profile of the sandbox config', async () => {
    const ui = workbench();
    await ui.openServiceCatalogView();
    for (const profile of e2eSession().sandbox.profiles) {
      await step(`profile ${profile}`, () => ui.treeItem(profile).first().waitFor({ state: 'visible', timeout: 30_000 }));
    }
  });

  it('expands a profile to show its provisioned products with their status', async () => {
    const ui = workbench();
    await ui.openServiceCatalogView();
    await step('expand main-alice', () => ui.expandTreeItem('main-alice'));
    await step('products listed', () => ui.page.locator(productRows).first().waitFor({ state: 'visible', timeout: 30_000 }));
    // A product row reads "name, status, product version" to a person and to a screen reader.
    const labels = await ui.page.locator(productRows).evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
    assert.ok(labels.some((label) => /^alice-web-01, Available, /.test(label)), `rows: ${labels.join(' | ')}`);
    assert.ok(labels.some((label) => /^alice-db-10, Under change, /.test(label)), `rows: ${labels.join(' | ')}`);
    const icons = await ui.page.locator(productRows).locator('.codicon').evaluateAll((icons) => icons.map((icon) => icon.className));
    assert.ok(icons.some((name) => name.includes('codicon-pass')), 'an available product shows its icon');
    assert.ok(icons.some((name) => name.includes('codicon-sync')), 'a product under change shows a spinning icon');
  });

  it('offers Execute Service Action on a product’s context menu', async () => {
    const ui = workbench();
    await ui.openServiceCatalogView();
    await step('expand main-alice', () => ui.expandTreeItem('main-alice'));
    await ui.page.locator(productRows).first().waitFor({ state: 'visible', timeout: 30_000 });
    const items = await step('open the product’s context menu', () => ui.openTreeItemContextMenu('alice-web-01'));
    for (const expected of ['Execute Service Action', 'Show Record History...', 'Open in AWS Console', 'Copy Provisioned Product ID']) {
      assert.ok(items.includes(expected), `context menu has ${expected}: ${items.join(' | ')}`);
    }
    await ui.dismissTransientUi();
  });
});
