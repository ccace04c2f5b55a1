import * as assert from 'node:assert/strict';
import { waitUntil } from '../../tools/waitUntil';
import { e2eSession, workbench } from './support/session';
import { step } from './support/steps';

const slowProfile = 'main-alice';
const quickProfile = 'main-bob';
const slowKey = 'AKIATESTALICE000001';
const slowMs = 8_000;

/**
 * VS Code asks for the children of nodes expanded together in one batch that its extension host answers one
 * node after another. The extension starts each profile's load as it is expanded, so a slow profile does not
 * hold back the ones expanded with it.
 */
describe('Provisioned Products tree: profiles expanded together', () => {
  after(async () => {
    e2eSession().sandbox.emulator.faults.clear();
    await workbench().collapseTreeItems([slowProfile, quickProfile]);
  });

  it('loads them in parallel: a profile whose listing is slow does not hold back the next one', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    await ui.openServiceCatalogView();
    await step('start from collapsed profiles whose products are not loaded yet', async () => {
      await ui.collapseTreeItems([slowProfile, quickProfile]);
      await ui.runCommand('Service Catalog: Refresh');
      // The rows from before the refresh ("us-east-1 · 12 products") show until the new ones replace them, and a click on
      // a row being replaced is lost: wait for the new rows, which say nothing is loaded.
      await waitUntil(
        `${slowProfile} and ${quickProfile} to show that their products are not loaded`,
        async () => (await ui.treeItemDescription(slowProfile)) === 'us-east-1' && (await ui.treeItemDescription(quickProfile)) === 'us-east-1',
        30_000,
      );
    });
    emulator.faults.set([{ kind: 'latency', accessKeyId: slowKey, operation: 'SearchProvisionedProducts', latencyMs: slowMs }]);

    await step(`expand ${slowProfile} (listing held ${slowMs / 1000} s) and ${quickProfile} together`, async () => {
      const twisties = [];
      for (const profile of [slowProfile, quickProfile]) {
        const box = await ui.treeItemTwistie(profile).boundingBox();
        assert.ok(box, `${profile} has a twistie`);
        twisties.push(box);
      }
      for (const box of twisties) await ui.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      // Both clicks took: the two profiles were expanded together, not one after the other.
      await waitUntil('both profiles to show expanded', async () => (await ui.isTreeItemExpanded(slowProfile)) && (await ui.isTreeItemExpanded(quickProfile)), 2_000);
    });
    await step(`${quickProfile}'s products show while ${slowProfile} is still loading`, async () => {
      await ui.treeItem('bob-web-01').first().waitFor({ state: 'visible', timeout: slowMs - 2_000 });
      assert.equal(await ui.treeItem('alice-web-01').count(), 0, `${slowProfile}'s products are not there yet`);
    });
    emulator.faults.clear();
    await step(`${slowProfile}'s products follow`, () => ui.treeItem('alice-web-01').first().waitFor({ state: 'visible', timeout: 30_000 }));
  });
});
