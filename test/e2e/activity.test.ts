import * as assert from 'node:assert/strict';
import { executeUpToReview } from './support/executeWizard';
import { e2eSession, workbench } from './support/session';
import { readmeScreenshotPath } from './support/readmeScreenshots';
import { step } from './support/steps';
import { waitUntil } from '../../tools/waitUntil';

const long = 90_000;
const activity = 'Activity';

/**
 * The Activity view as a person uses it: run an action on a product, see it in Activity while it runs and
 * then with its final status, open its record from there, and use its context menu and title bar.
 */
describe('Activity view (e2e)', () => {
  beforeEach(async () => {
    e2eSession().sandbox.emulator.reset();
    await workbench().closeAllEditors();
  });

  after(async () => {
    const { emulator } = e2eSession().sandbox;
    emulator.clock.setSpeed(1);
    emulator.reset();
    await workbench().closeAllEditors().catch(() => undefined);
    // As it starts (collapsed): the suites after this one find the Provisioned Products view as tall as before.
    await workbench().setViewExpanded(activity, false).catch(() => undefined);
  });

  /** The Activity row titled `title` ("Restart-Instance on alice-web-07") whose description matches `description`. */
  const entry = (title: string, description: RegExp) => workbench().treeItem(title, activity).filter({ hasText: description }).first();
  const first = 'Restart-Instance on alice-web-07';
  const second = 'Restart-Instance on alice-web-08';

  /** The id of the record the emulator made for the execution on `provisionedProductId`. */
  const recordOf = (provisionedProductId: string): string => {
    const records = [...e2eSession().sandbox.emulator.state.records.values()].filter((record) => record.execution && record.provisionedProductId === provisionedProductId);
    assert.equal(records.length, 1, `one execution on ${provisionedProductId}`);
    return records[0].id;
  };

  it('runs an action on a product, sees it in the Activity view with its final status, and opens its record from there', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    emulator.clock.setSpeed(10);

    await step('open the Activity view (collapsed at first, below Provisioned Products)', async () => {
      await ui.openServiceCatalogView();
      await ui.setViewExpanded(activity, true);
    });
    await step('run Restart-Instance on alice-web-07 from its context menu', async () => {
      await executeUpToReview(ui, { product: 'alice-web-07', action: 'Restart-Instance' });
      await ui.page.keyboard.press('Enter');
    });
    await step('a notification says it succeeded', () => ui.waitForNotification(/Restart-Instance on alice-web-07 succeeded/, long));
    await step('the Activity view keeps it with its final status, where and when', () =>
      entry(first, /Succeeded · main-alice, us-east-1 · /).waitFor({ state: 'visible', timeout: long }),
    );
    const firstRecord = recordOf('pp-alice00000007');

    // A second action, slow: the view shows it running, above the first, and follows it to its end.
    emulator.clock.setSpeed(0.2);
    await step('run Restart-Instance on alice-web-08', async () => {
      await executeUpToReview(ui, { product: 'alice-web-08', action: 'Restart-Instance' });
      await ui.page.keyboard.press('Enter');
    });
    await step('the Activity view shows it in progress, newest first', () =>
      entry(second, /In progress · main-alice, us-east-1 · /).waitFor({ state: 'visible', timeout: long }),
    );
    assert.deepEqual((await ui.treeItemNames(activity)).slice(0, 2), [second, first]);
    await step('the README picture of the Activity view, in a side bar widened for it', async () => {
      await ui.closeAllEditors();
      await ui.resizeSideBar(400);
      try {
        await ui.page.mouse.move(0, 0);
        await ui.viewPane(activity).screenshot({ path: readmeScreenshotPath('activity') });
      } finally {
        await ui.resizeSideBar(-400);
      }
    });
    emulator.clock.setSpeed(10);
    await step('the running entry reaches its final status by itself', () =>
      entry(second, /Succeeded · /).waitFor({ state: 'visible', timeout: long }),
    );

    await step('click the first entry: its record panel opens', async () => {
      await ui.closeAllEditors();
      await entry(first, /Succeeded/).click();
      const frame = await ui.waitForWebviewText(firstRecord, 30_000);
      await frame.getByText('Succeeded').first().waitFor({ state: 'visible', timeout: 30_000 });
    });

    await step('Copy Record ID', async () => {
      await ui.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      const labels = await ui.chooseTreeItemContextMenuItem(second, 'Copy Record ID', activity);
      assert.deepEqual(labels, ['Execute Again', 'Show Product', 'Copy Record ID']);
    });
    assert.equal(await ui.page.evaluate(() => navigator.clipboard.readText()), recordOf('pp-alice00000008'));

    // alice-web-08 was the last product right-clicked in Provisioned Products: Show Product of the first entry moves the selection.
    await step('Show Product selects the product in the Provisioned Products view', async () => {
      assert.equal(await ui.isTreeItemSelected('alice-web-07'), false);
      await ui.chooseTreeItemContextMenuItem(first, 'Show Product', activity);
      await waitUntil('alice-web-07 to be selected', () => ui.isTreeItemSelected('alice-web-07'), 30_000);
    });

    await step('Execute Again opens the wizard on the same product and action, up to its review', async () => {
      await ui.chooseTreeItemContextMenuItem(first, 'Execute Again', activity);
      await ui.waitForQuickInputTitle(/^Execute Service Action/);
      await ui.waitForQuickPickRowWith('Use the value Service Catalog provides');
      await ui.page.keyboard.press('Enter');
      await ui.waitForQuickPickRowWith('Execute Restart-Instance');
      await ui.page.keyboard.press('Escape');
      await ui.waitForQuickInputClosed();
    });
    assert.equal(emulator.counters().executions.total, 2, 'Execute Again stopped at the review: nothing ran');

    await step('Clear Activity, confirmed: the finished actions go', async () => {
      await ui.runCommand('Service Catalog: Clear Activity');
      await ui.dialogButton('Clear', ui.dialog(/Clear the \d+ finished actions/)).click({ timeout: 30_000 });
      await ui.viewWelcome(activity).waitFor({ state: 'visible', timeout: 30_000 });
    });
  });
});
