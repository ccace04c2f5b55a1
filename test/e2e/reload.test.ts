import * as assert from 'node:assert/strict';
import { workbench } from './support/session';
import { step } from './support/steps';

describe('Window reload', () => {
  it('has the extension active again in the new extension host after Developer: Reload Window', async () => {
    const ui = workbench();
    await step('open the view', () => ui.openServiceCatalogView());
    await ui.waitForExtensionActive();
    await step('reload the window', () => ui.reload());
    await step('view restored', () => ui.serviceCatalogContainer().waitFor({ state: 'visible', timeout: 30_000 }));
    assert.match(await ui.sideBarTitle(), /^Service Catalog/i);
  });

  it('has the extension active again after the browser’s refresh', async () => {
    const ui = workbench();
    await step('open the view', () => ui.openServiceCatalogView());
    await ui.waitForExtensionActive();
    await step('refresh the page', () => ui.reload({ browserRefresh: true }));
    await step('view shown', () => ui.openServiceCatalogView());
    assert.match(await ui.sideBarTitle(), /^Service Catalog/i);
  });
});
