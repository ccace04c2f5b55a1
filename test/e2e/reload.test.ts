import * as assert from 'node:assert/strict';
import { startFromTheSeed } from './support/fixtures';
import { openRecord, waitForRecordStatus } from './support/recordPanel';
import { workbench } from './support/session';
import { step } from './support/steps';

/**
 * What a reload replaces (the extension host, with the tree's data provider, the webview serializer and the
 * record panel's host side) works again in the new one: the view lists a profile's products, and a record
 * panel left open comes back with its record, fed by the new host.
 */
describe('Window reload', () => {
  startFromTheSeed('each');

  async function openTreeAndPanel(): Promise<void> {
    const ui = workbench();
    await step('open the view and list main-alice\'s products', async () => {
      await ui.openServiceCatalogView();
      await ui.expandTreeItem('main-alice');
      await ui.treeItem('alice-web-01').first().waitFor({ state: 'visible', timeout: 60_000 });
    });
    const frame = await step('open a record panel', () => openRecord(ui, 'rec-prov000000001'));
    await waitForRecordStatus(frame, 'SUCCEEDED', 60_000);
  }

  async function assertWorksAgain(): Promise<void> {
    const ui = workbench();
    const frame = await step('the record panel is back', () => ui.waitForWebviewText('rec-prov000000001', 60_000));
    await step('with its record, from the new extension host', () => waitForRecordStatus(frame, 'SUCCEEDED', 60_000));
    await step('the view lists main-alice\'s products again', async () => {
      await ui.openServiceCatalogView();
      await ui.expandTreeItem('main-alice');
      await ui.treeItem('alice-web-01').first().waitFor({ state: 'visible', timeout: 60_000 });
    });
    assert.match(await ui.sideBarTitle(), /^Service Catalog/i);
  }

  it('after Developer: Reload Window, lists products and restores a record panel with its record', async () => {
    await openTreeAndPanel();
    await step('reload the window', () => workbench().reload());
    await assertWorksAgain();
  });

  it('after the browser’s refresh, lists products and opens a record panel fed by the new extension host', async () => {
    const ui = workbench();
    await openTreeAndPanel();
    // A refresh may come before VS Code saved its open editors (the panel), unlike Reload Window: only what the new host does is checked.
    await step('refresh the page', () => ui.reload({ browserRefresh: true }));
    await step('the view lists main-alice\'s products again', async () => {
      await ui.openServiceCatalogView();
      await ui.expandTreeItem('main-alice');
      await ui.treeItem('alice-web-01').first().waitFor({ state: 'visible', timeout: 60_000 });
    });
    await ui.closeAllEditors();
    const frame = await step('a record panel opens with its record', () => openRecord(ui, 'rec-prov000000001'));
    await waitForRecordStatus(frame, 'SUCCEEDED', 60_000);
  });
});
