import * as assert from 'node:assert/strict';
import { wizardStep } from './support/executeWizard';
import { startFromTheSeed } from './support/fixtures';
import { readmeScreenshotPath } from './support/readmeScreenshots';
import { e2eSession, workbench } from './support/session';
import { step } from './support/steps';

const activity = 'Activity';
/** Every scope has answered: "(7 of 7 scopes searched, 1 failed)" (main-expired fails, and roles an earlier suite listed may). */
const everyScopeAnswered = /^Go to Provisioned Product \((\d+) of \1 scopes searched, \d+ failed\)$/;

/**
 * A person looks for a product without knowing where it is: Go to Provisioned Product from the palette, a few
 * letters of one of its tags, and the product is shown in the view (its collapsed profile expanded) with its actions.
 */
describe('Go to Provisioned Product (e2e)', () => {
  startFromTheSeed();

  after(async () => {
    // As it starts (collapsed): the suites after this one find the Provisioned Products view as tall as before.
    await workbench().setViewExpanded(activity, false).catch(() => undefined);
  });

  it('finds a product of a collapsed profile by part of a tag value, reveals it, runs an action on it and sees it in Activity', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    await step('open the view with main-alice collapsed', async () => {
      await ui.openServiceCatalogView();
      await ui.treeItem('main-alice').first().waitFor({ state: 'visible', timeout: 30_000 });
      await ui.collapseTreeItems(['main-alice']);
    });

    await step('run Go to Provisioned Product from the palette', () => ui.runCommand('Service Catalog: Go to Provisioned Product...'));
    await step('every scope answers', () => ui.waitForQuickInputTitle(everyScopeAnswered, 60_000));
    await step('the failed scope is named, whatever is typed', async () => {
      // Under the results: typing what matches no product brings it into view.
      await ui.typeInQuickInput('no-product-has-this', { accept: false });
      await ui.waitForQuickPickRowWith(/main-expired · us-east-1\s*Credentials expired/);
    });
    await step('type part of a tag value', async () => {
      await ui.typeInQuickInput('paym', { accept: false });
      await ui.waitForQuickPickRowWith('tag team=payments');
      const rows = (await ui.quickPickItems()).filter((label) => label.startsWith('alice-'));
      assert.deepEqual(rows, ['alice-web-01', 'alice-web-02', 'alice-web-03', 'alice-web-04', 'alice-web-05', 'alice-web-06']);
      // No hover highlight in the picture.
      await ui.page.mouse.move(0, 0);
      await ui.quickInput().screenshot({ path: readmeScreenshotPath('go-to') });
    });
    await step('pick alice-web-05', () => ui.quickPickItem('alice-web-05').click());

    await step('the product is revealed and selected in the view', () => ui.waitForTreeItemSelected('alice-web-05'));
    assert.equal(await ui.isTreeItemExpanded('main-alice'), true, 'its profile was expanded');

    await step('its actions are offered', async () => {
      await ui.waitForQuickInputTitle('alice-web-05');
      const actions = await ui.quickPickItems();
      for (const expected of ['Execute Service Action', 'Show Last Record', 'Show Record History', 'Copy ARN', 'Open in AWS Console']) {
        assert.ok(actions.includes(expected), `${expected} is offered: ${actions.join(' | ')}`);
      }
    });
    await step('Execute Service Action, on the product found', async () => {
      await ui.pickQuickPickItem('Execute Service Action');
      await ui.waitForQuickInputTitle(wizardStep(1));
      await ui.pickQuickPickItem('Restart-Instance');
      await ui.waitForQuickInputTitle(wizardStep(2));
      await ui.waitForQuickPickRowWith('Use the value Service Catalog provides');
      await ui.page.keyboard.press('Enter');
      await ui.waitForQuickInputTitle(wizardStep(3, 3));
      await ui.waitForQuickPickRowWith('Execute Restart-Instance');
      const review = (await ui.quickPickItems()).join('\n');
      assert.ok(review.includes('alice-web-05'), `the review names the product:\n${review}`);
    });
    emulator.clock.setSpeed(10);
    await step('confirm, and see how it ended', async () => {
      await ui.page.keyboard.press('Enter');
      await ui.waitForNotification(/Restart-Instance on alice-web-05 succeeded/, 60_000);
    });
    await step('the Activity view lists it with its final status', async () => {
      await ui.setViewExpanded(activity, true);
      await ui
        .treeItem('Restart-Instance on alice-web-05', activity)
        .filter({ hasText: /Succeeded · main-alice, us-east-1 · / })
        .first()
        .waitFor({ state: 'visible', timeout: 60_000 });
    });
    const executed = [...emulator.state.records.values()].filter((record) => record.execution);
    assert.deepEqual(
      executed.map((record) => record.provisionedProductId),
      ['pp-alice00000005'],
    );
  });
});
