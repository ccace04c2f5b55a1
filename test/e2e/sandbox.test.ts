import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import sampleSeed from '../../src/emulator/seeds/sample.json';
import { executeUpToReview } from './support/executeWizard';
import { resetEmulator } from './support/fixtures';
import { e2eSession, workbench } from './support/session';
import { step } from './support/steps';
import { waitUntil } from '../../tools/waitUntil';
import type { WorkbenchUi } from '../../tools/workbenchUi';

/**
 * The sandbox as a person uses it: started from the palette, still there after a reload (a fresh one,
 * with the sample data again), and stopped from the palette, after which the view shows the runner's
 * AWS profiles again. `after` stops it whatever happened, for the suites that follow.
 */
describe('Sandbox', () => {
  const sampleProfile = sampleSeed.credentials[0].profileName;

  let second: { ui: WorkbenchUi; folder: string } | undefined;

  after(async () => {
    if (second) {
      await second.ui.page.close().catch(() => undefined);
      fs.rmSync(second.folder, { recursive: true, force: true });
    }
    resetEmulator();
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

  it('stays on across a reload of its window only, and a request of the user\'s files left pending waits for them instead of being dropped', async () => {
    const ui = workbench();
    const emulator = resetEmulator();
    const runnerProfile = e2eSession().sandbox.profiles[0];
    await step('execute Restart-Instance on alice-web-02 while every answer to Execute is lost', async () => {
      await executeUpToReview(ui, { product: 'alice-web-02', action: 'Restart-Instance' });
      emulator.faults.set([{ kind: 'drop', operation: 'ExecuteProvisionedProductServiceAction' }]);
      await ui.page.keyboard.press('Enter');
    });
    await step('it may have started: the request stays pending', () => ui.waitForNotification(/may have started/, 90_000));
    emulator.faults.clear();
    await ui.dismissTransientUi();

    await step('run Service Catalog: Start Sandbox', () => ui.runCommand('Service Catalog: Start Sandbox'));
    await step(`the sample profile ${sampleProfile}`, () => ui.treeItem(sampleProfile).first().waitFor({ state: 'visible', timeout: 30_000 }));

    const other = await step('open a second window on another folder', async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sca-sandbox-second-window-'));
      const url = new URL(e2eSession().url);
      url.searchParams.set('folder', folder);
      second = { ui: await ui.openAnotherWindow(url.toString()), folder };
      return second.ui;
    });
    await step('the second window shows the user\'s profiles: the sandbox did not start there', async () => {
      await other.openServiceCatalogView();
      await other.treeItem(runnerProfile).first().waitFor({ state: 'visible', timeout: 30_000 });
    });
    assert.equal(await other.treeItem(sampleProfile).count(), 0);
    assert.equal(await other.statusBarItem('Sandbox').count(), 0, 'no sandbox in the second window');
    await other.page.close();

    const mark = ui.extensionLogMark();
    await step('reload the first window', () => ui.reload());
    await step(`the sandbox is on again in it: ${sampleProfile}`, async () => {
      await ui.openServiceCatalogView();
      await ui.treeItem(sampleProfile).first().waitFor({ state: 'visible', timeout: 30_000 });
    });
    await step('the request of the user\'s files waits for them', () => ui.waitForExtensionLog(/1 pending execution\(s\) left by a reload wait for the user's AWS files/, { since: mark, timeoutMs: 30_000 }));
    assert.doesNotMatch(ui.extensionLog(mark), /Dropped the pending execution/);
    assert.equal(emulator.counters().executions.total, 0, 'not sent to the sandbox, not dropped');

    await step('run Service Catalog: Stop Sandbox', () => ui.runCommand('Service Catalog: Stop Sandbox'));
    await step('the request is sent again with its token, now that the user\'s files are read', () =>
      waitUntil('the execution', () => emulator.counters().executions.total === 1, 60_000),
    );
    assert.deepEqual(Object.values(emulator.counters().executions.byExecuteToken), [1]);
    await step(`the runner's profile ${runnerProfile} again`, () => ui.treeItem(runnerProfile).first().waitFor({ state: 'visible', timeout: 30_000 }));
  });
});
