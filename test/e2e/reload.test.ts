import * as assert from 'node:assert/strict';
import { workbench } from './support/session';
import { step } from './support/steps';

describe('Window reload', () => {
  it('has the extension active again in the new extension host, with its view', async () => {
    const ui = workbench();
    await step('open the view', () => ui.openServiceCatalogView());
    await ui.waitForExtensionActive();
    await step('reload the window', () => ui.reload());
    await step('view restored', () => ui.serviceCatalogContainer().waitFor({ state: 'visible', timeout: 30_000 }));
    assert.match(await ui.sideBarTitle(), /^Service Catalog/i);
  });
});
