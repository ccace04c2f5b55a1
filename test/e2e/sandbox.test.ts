import * as assert from 'node:assert/strict';
import sampleSeed from '../../src/emulator/seeds/sample.json';
import { e2eSession, workbench } from './support/session';
import { step } from './support/steps';

/**
 * The sandbox as a person uses it: started from the palette, still there after a reload (a fresh one,
 * with the sample data again), and stopped from the palette, after which the view shows the runner's
 * AWS profiles again. `after` stops it whatever happened, for the suites that follow.
 */
describe('Sandbox', () => {
  const sampleProfile = sampleSeed.credentials[0].profileName;

  after(async () => {
    const ui = workbench();
    await ui.dismissTransientUi();
    if (await ui.treeItem(sampleProfile).first().isVisible()) {
      await ui.runCommand('Service Catalog: Stop Sandbox');
    }
    await ui.treeItem(e2eSession().sandbox.profiles[0]).first().waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('starts from the palette, starts again fresh after a reload, and stops', async () => {
    const ui = workbench();
    const runnerProfile = e2eSession().sandbox.profiles[0];
    await step('open the Service Catalog view', () => ui.openServiceCatalogView());
    await step(`the runner's profile ${runnerProfile}`, () => ui.treeItem(runnerProfile).first().waitFor({ state: 'visible', timeout: 30_000 }));

    await step('run Service Catalog: Start Sandbox', () => ui.runCommand('Service Catalog: Start Sandbox'));
    await step('the notification says what happened', () => ui.waitForNotification(/sandbox is running/, 30_000));
    await step(`the sample profile ${sampleProfile}`, () => ui.treeItem(sampleProfile).first().waitFor({ state: 'visible', timeout: 30_000 }));
    assert.equal(await ui.treeItem(runnerProfile).count(), 0, "the runner's profiles are not shown");
    await step('the view says so', () => ui.viewMessage().filter({ hasText: /Sandbox: sample data/ }).waitFor({ state: 'visible' }));
    await step('the status bar says so', () => ui.statusBarItem('Sandbox').first().waitFor({ state: 'visible' }));
    await step('expand the sample profile', () => ui.expandTreeItem(sampleProfile));
    const product = sampleSeed.provisionedProducts.find((candidate) => candidate.name === 'payments-api-prod')!;
    await step(`its product ${product.name}`, () => ui.treeItem(product.name).first().waitFor({ state: 'visible', timeout: 30_000 }));
    await ui.dismissTransientUi();

    await step('reload the window', () => ui.reload());
    await step('the view comes back', () => ui.openServiceCatalogView());
    await step(`the sandbox again: ${sampleProfile}`, () => ui.treeItem(sampleProfile).first().waitFor({ state: 'visible', timeout: 30_000 }));
    assert.equal(await ui.treeItem(runnerProfile).count(), 0, "no real profile shown after the reload either");

    await step('run Service Catalog: Stop Sandbox', () => ui.runCommand('Service Catalog: Stop Sandbox'));
    await step(`the runner's profile ${runnerProfile} again`, () => ui.treeItem(runnerProfile).first().waitFor({ state: 'visible', timeout: 30_000 }));
    assert.equal(await ui.treeItem(sampleProfile).count(), 0);
    assert.equal(await ui.viewMessage().filter({ hasText: /Sandbox/ }).count(), 0, 'the view no longer says so');
  });
});
