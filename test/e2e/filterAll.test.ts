import * as assert from 'node:assert/strict';
import { startFromTheSeed } from './support/fixtures';
import { workbench } from './support/session';
import { step } from './support/steps';
import { waitUntil } from '../../tools/waitUntil';

const long = 60_000;
const noMatch = 'No product matches the filter of the view';

/**
 * A person narrows the whole view at once: Filter All from the palette, a word, no status, and every profile shows
 * only what matches (the others say how many they hide); Clear Filter brings everything back.
 */
describe('Filter All (e2e)', () => {
  startFromTheSeed('once');

  /** The profiles this test expanded: collapsed again after it, so the suites after this one find the view as tall as before. */
  const expandedHere: string[] = [];

  after(async () => {
    // The suites after this one find the view unfiltered, and rows below these profiles where they were.
    const ui = workbench();
    await ui.runCommand('Service Catalog: Clear Filter').catch(() => ui.dismissTransientUi());
    await ui.collapseTreeItems(expandedHere);
  });

  it('filters every profile by a word, says so in the view, and is cleared by Clear Filter', async () => {
    const ui = workbench();
    await step('open the view with main-alice and other-erin expanded', async () => {
      await ui.openServiceCatalogView();
      for (const profile of ['main-alice', 'other-erin']) {
        if (await ui.isTreeItemExpanded(profile)) continue;
        await ui.expandTreeItem(profile);
        expandedHere.push(profile);
      }
      await ui.treeItem('erin-web-02').first().waitFor({ state: 'visible', timeout: long });
    });

    await step('Filter All: "payments", any status', async () => {
      await ui.runCommand('Service Catalog: Filter All...');
      await ui.waitForQuickInputTitle('Filter All Provisioned Products (1/2)');
      await ui.typeInQuickInput('payments');
      await ui.waitForQuickInputTitle('Filter All Provisioned Products (2/2)');
      await ui.waitForQuickPickItem('Available');
      await ui.page.keyboard.press('Enter');
      await ui.waitForQuickInputClosed();
    });
    await step('the view says it is filtered', () =>
      waitUntil('the view to describe the filter', async () => /payments/.test(await ui.viewDescription()), long),
    );
    await step('main-alice shows its payments products only; other-erin says how many it hides', async () => {
      // Other profiles may be expanded too: other-erin's message is the one that hides its 4 products.
      await ui.treeItem(noMatch).filter({ hasText: '4 hidden' }).first().waitFor({ state: 'visible', timeout: long });
      const names = await ui.treeItemNames();
      const alice = names.filter((name) => name.startsWith('alice-'));
      assert.deepEqual(alice, ['alice-web-01', 'alice-web-02', 'alice-web-03', 'alice-web-04', 'alice-web-05', 'alice-web-06']);
      assert.ok(!names.some((name) => name.startsWith('erin-')), `no product of other-erin: ${names.join(' | ')}`);
    });

    await step('Clear Filter brings every product back', async () => {
      await ui.runCommand('Service Catalog: Clear Filter');
      await ui.treeItem('erin-web-02').first().waitFor({ state: 'visible', timeout: long });
      await waitUntil('the view to say no filter', async () => (await ui.viewDescription()) === '', long);
    });
    assert.equal(await ui.treeItem(noMatch).count(), 0, 'no profile hides anything');
  });
});
