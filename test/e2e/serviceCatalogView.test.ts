import * as assert from 'node:assert/strict';
import { e2eSession, workbench } from './support/session';
import { readmeScreenshotPath } from './support/readmeScreenshots';
import { step } from './support/steps';

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
    // The rows asserted on, not any leaf: a slow listing (or a refresh still running) shows a "Loading…" row for a moment.
    await step('products listed', async () => {
      await ui.treeItem('alice-web-01').first().waitFor({ state: 'visible', timeout: 30_000 });
      await ui.treeItem('alice-db-10').first().waitFor({ state: 'visible', timeout: 30_000 });
    });
    // A product row reads "name, status, product version" to a person and to a screen reader.
    const labels = await ui.leafTreeItems().evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
    assert.ok(labels.some((label) => /^alice-web-01, Available, /.test(label)), `rows: ${labels.join(' | ')}`);
    assert.ok(labels.some((label) => /^alice-db-10, Under change, /.test(label)), `rows: ${labels.join(' | ')}`);
    const icons = await ui.leafTreeItems().locator('.codicon').evaluateAll((icons) => icons.map((icon) => icon.className));
    assert.ok(icons.some((name) => name.includes('codicon-pass')), 'an available product shows its icon');
    assert.ok(icons.some((name) => name.includes('codicon-sync')), 'a product under change shows a spinning icon');

    await step('picture of the view for the README', () => keepTreeScreenshot());
  });

  it('offers Execute Service Action on a product’s context menu', async () => {
    const ui = workbench();
    await ui.openServiceCatalogView();
    await step('expand main-alice', () => ui.expandTreeItem('main-alice'));
    await ui.leafTreeItems().first().waitFor({ state: 'visible', timeout: 30_000 });
    const items = await step('open the product’s context menu', () => ui.openTreeItemContextMenu('alice-web-01'));
    for (const expected of ['Execute Service Action', 'Show Record History...', 'Open in AWS Console', 'Copy Provisioned Product ID']) {
      assert.ok(items.includes(expected), `context menu has ${expected}: ${items.join(' | ')}`);
    }
    await ui.dismissTransientUi();
  });
});

/**
 * The README's picture: main-alice's products and main-expired saying what is wrong, in a side bar widened
 * for the picture (and narrowed back after), with a product row under the pointer showing its inline buttons.
 */
async function keepTreeScreenshot(): Promise<void> {
  const ui = workbench();
  await ui.expandTreeItem('main-expired');
  await ui.treeItem('Credentials expired').first().waitFor({ state: 'visible', timeout: 30_000 });
  const sidebar = ui.page.locator('.part.sidebar');
  const widen = async (by: number) => {
    const box = (await sidebar.boundingBox())!;
    await ui.page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
    await ui.page.mouse.down();
    await ui.page.mouse.move(box.x + box.width + 1 + by, box.y + box.height / 2, { steps: 5 });
    await ui.page.mouse.up();
  };
  await widen(180);
  try {
    // The row under the pointer shows its inline buttons.
    await ui.treeItemActions('alice-web-01');
    const box = (await sidebar.boundingBox())!;
    const rows = await ui.treeRows().evaluateAll((elements) =>
      Math.max(...elements.map((element) => element.getBoundingClientRect().bottom)),
    );
    await ui.page.screenshot({ path: readmeScreenshotPath('tree'), clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, rows - box.y + 12) } });
  } finally {
    await widen(-180);
  }
}
