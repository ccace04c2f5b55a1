import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Seed } from '../../src/emulator';
import { waitUntil } from '../../tools/waitUntil';
import { TEST_SEED_PATH } from '../fixtures/seeds';
import { startFromTheSeed } from './support/fixtures';
import { e2eSession, workbench } from './support/session';
import { step } from './support/steps';

const profile = 'main-carol';
const carolKey = 'AKIATESTCAROL000001';
const added = 240;
const heldMs = 20_000;
const progressRow = /^\d+ loaded so far/;

/** The test seed with 240 more web servers of carol's (actions included): 243 products, three pages of 100. */
function seedWithALongListing(): Seed {
  const seed = JSON.parse(readFileSync(TEST_SEED_PATH, 'utf8')) as Seed;
  const template = seed.provisionedProducts.find((product) => product.name === 'alice-web-01');
  assert.ok(template, 'the test seed has alice-web-01');
  const { lastProvisioningRecordId: _p, lastSuccessfulProvisioningRecordId: _s, lastRecordId: _r, ...webServer } = template;
  for (let i = 1; i <= added; i += 1) {
    const id = `pp-carolbulk${String(i).padStart(4, '0')}`;
    seed.provisionedProducts.push({
      ...webServer,
      id,
      name: `carol-bulk-${String(i).padStart(3, '0')}`,
      userArn: 'arn:aws:iam::111111111111:user/carol',
      physicalId: `arn:aws:cloudformation:us-east-1:111111111111:stack/SC-111111111111-${id}/0000-${id.slice(3)}`,
    });
  }
  return seed;
}

/**
 * A profile whose listing takes several pages shows the first page as soon as it arrives, with a last row saying how
 * many are loaded so far, and a product of that page can be acted on while the next page is still on its way. The
 * emulator holds the second page of main-carol's listing (a profile no other UI suite opens, so nothing of it is
 * kept on disk in this window), and the emulator's counters say the row was seen while it was held.
 */
describe('Provisioned Products tree: a long listing fills in page by page (e2e)', () => {
  startFromTheSeed('once');

  after(async () => {
    e2eSession().sandbox.emulator.faults.clear();
    await workbench().closeAllEditors();
    await workbench().collapseTreeItems([profile]);
  });

  it('shows the first page at once with a row saying how many are loaded, acts on one of them, then fills in', async () => {
    const ui = workbench();
    const emulator = e2eSession().sandbox.emulator;
    emulator.reset(seedWithALongListing());
    const listings = () => emulator.counters().callsByAccessKey[carolKey]?.SearchProvisionedProducts ?? 0;

    await ui.openServiceCatalogView();
    await step(`start from ${profile} collapsed and not listed`, async () => {
      await ui.collapseTreeItems([profile]);
      await ui.runCommand('Service Catalog: Refresh');
      await waitUntil(`${profile} to show that its products are not loaded`, async () => (await ui.treeItemDescription(profile)) === 'us-east-1', 30_000);
    });
    // The second call of the listing (page 2) waits 20 s, once.
    emulator.faults.set([{ kind: 'latency', accessKeyId: carolKey, operation: 'SearchProvisionedProducts', latencyMs: heldMs, everyNth: 2, times: 1 }]);

    await step(`expand ${profile}`, () => ui.expandTreeItem(profile));
    await step('its first page shows, the profile and the last row saying 100 loaded so far, while page 2 is held', async () => {
      await waitUntil('the second page to be asked for and held', () => listings() === 2 && emulator.counters().faults.delayed === 1, 30_000);
      await waitUntil(`${profile} to say 100 loaded so far`, async () => /100 loaded so far/.test(await ui.treeItemDescription(profile)), 30_000);
      await ui.scrollTreeToItem(progressRow);
      assert.match(await ui.treeItemText(progressRow), /^100 loaded so far…\s*more are loading$/);
    });

    await step('a product of the first page can be acted on at once', async () => {
      // Read while the row says only the first page is there.
      const shown = (await ui.treeItemNames()).filter((name) => name.startsWith('carol-'));
      assert.ok(shown.length > 0, 'products of the first page are in view');
      await ui.chooseTreeItemContextMenuItem(shown[shown.length - 1], 'Execute Service Action');
      await ui.waitForQuickInputTitle(/^Execute Service Action \(1\/\d\)$/);
      await ui.waitForQuickPickItem('Restart-Instance');
      await ui.page.keyboard.press('Escape');
      await ui.waitForQuickInputClosed();
    });

    await step('the rest fills in when the held page answers; the row goes', async () => {
      await waitUntil(`${profile} to say 243 products`, async () => /243 products/.test(await ui.treeItemDescription(profile)), heldMs + 30_000);
      assert.equal(listings(), 3);
      assert.equal(await ui.treeItem(progressRow).count(), 0);
    });
    assert.equal(emulator.counters().executions.total, 0, 'Escape ran nothing');
  });
});
