import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { waitUntil } from '../../tools/waitUntil';
import type { WorkbenchUi } from '../../tools/workbenchUi';
import { startFromTheSeed } from './support/fixtures';
import { readmeScreenshotPath } from './support/readmeScreenshots';
import { e2eSession, workbench } from './support/session';
import { step } from './support/steps';

const long = 60_000;
/** The products pinned here: two of main-alice (one under change), one of a role discovered through IAM Identity Center. */
const pinned = ['alice-web-01', 'alice-db-10', 'sso-web-01'];

/** The accessible label of a tree row ("name, status, description"), of the first row so named: in the Pinned group when it is shown. */
async function rowLabel(ui: WorkbenchUi, label: string): Promise<string> {
  return (await ui.treeItem(label).first().getAttribute('aria-label', { timeout: 5_000 })) ?? '';
}

/**
 * A person pins products from their rows, reloads the window and finds them in the Pinned group at the top, with
 * their status and where they are, then unpins them.
 */
describe('Pinned products (e2e)', () => {
  startFromTheSeed('once');

  after(async () => {
    // The next suites find the view as it was: nothing pinned, nothing expanded.
    const ui = workbench();
    for (const label of pinned) {
      if ((await ui.treeItem('Pinned').count()) === 0) break;
      if ((await rowLabel(ui, label).catch(() => '')).includes(' · us-east-1')) await ui.chooseTreeItemContextMenuItem(label, 'Unpin').catch(() => undefined);
    }
    await ui.collapseTreeItems(['main-alice', 'ServiceCatalogEndUser', 'Workloads', 'acme-sso']).catch(() => undefined);
  });

  it('pins products from their context menu, keeps them across a reload, and unpins them', async () => {
    const ui = workbench();
    await step('open the view: nothing is pinned', async () => {
      await ui.openServiceCatalogView();
      await ui.treeItem('main-alice').first().waitFor({ state: 'visible', timeout: long });
      assert.equal(await ui.treeItem('Pinned').count(), 0, 'no Pinned group while nothing is pinned');
    });

    await step('pin two products of main-alice from their context menus', async () => {
      await ui.expandTreeItem('main-alice');
      await ui.treeItem('alice-web-01').first().waitFor({ state: 'visible', timeout: long });
      const items = await ui.chooseTreeItemContextMenuItem('alice-web-01', 'Pin');
      assert.ok(!items.includes('Unpin'), `a product not pinned offers Pin only: ${items.join(' | ')}`);
      await ui.treeItem('Pinned').first().waitFor({ state: 'visible', timeout: long });
      // The Pinned group is at the top: the first row of that name is the pinned one from now on.
      await waitUntil('alice-web-01 pinned, with its status and place', async () => /^alice-web-01, Available, main-alice · us-east-1/.test(await rowLabel(ui, 'alice-web-01')), long);
      await ui.chooseTreeItemContextMenuItem('alice-db-10', 'Pin');
      await waitUntil('alice-db-10 pinned, under change', async () => /^alice-db-10, Under change, main-alice · us-east-1/.test(await rowLabel(ui, 'alice-db-10')), long);
    });

    await step('pin a product of a role discovered through IAM Identity Center', async () => {
      await ui.collapseTreeItems(['main-alice']);
      await ui.expandTreeItem('acme-sso');
      await ui.treeItem('Workloads').first().waitFor({ state: 'visible', timeout: long });
      await ui.expandTreeItem('Workloads');
      await ui.treeItem('ServiceCatalogEndUser').first().waitFor({ state: 'visible', timeout: long });
      await ui.expandTreeItem('ServiceCatalogEndUser');
      await ui.treeItem('sso-web-01').first().waitFor({ state: 'visible', timeout: long });
      await ui.chooseTreeItemContextMenuItem('sso-web-01', 'Pin');
      await waitUntil('sso-web-01 pinned, with its role and account', async () => /^sso-web-01, Available, ServiceCatalogEndUser · 444444444444 · us-east-1/.test(await rowLabel(ui, 'sso-web-01')), long);
      await ui.collapseTreeItems(['ServiceCatalogEndUser', 'Workloads', 'acme-sso']);
    });

    await step('reload the window', () => ui.reload());

    await step('the Pinned group is back at the top, with each product’s status and place', async () => {
      await ui.openServiceCatalogView();
      await ui.treeItem('Pinned').first().waitFor({ state: 'visible', timeout: long });
      await waitUntil('the pinned rows with their status', async () => {
        const labels = await Promise.all(pinned.map((label) => rowLabel(ui, label).catch(() => '')));
        return /^alice-web-01, Available, main-alice · us-east-1/.test(labels[0]) && /^alice-db-10, Under change, main-alice/.test(labels[1]) && /^sso-web-01, Available, ServiceCatalogEndUser · 444444444444/.test(labels[2]);
      }, long);
      const names = await ui.treeItemNames();
      assert.deepEqual(names.slice(0, 4), ['Pinned', ...pinned], `the group and its rows come first: ${names.join(' | ')}`);
    });

    await step('picture of the view for the README', async () => {
      // The side bar widened for the picture (the rows' places are long), and narrowed back after.
      const sidebar = ui.page.locator('.part.sidebar');
      const widen = async (by: number) => {
        const edge = (await sidebar.boundingBox())!;
        await ui.page.mouse.move(edge.x + edge.width + 1, edge.y + edge.height / 2);
        await ui.page.mouse.down();
        await ui.page.mouse.move(edge.x + edge.width + 1 + by, edge.y + edge.height / 2, { steps: 5 });
        await ui.page.mouse.up();
      };
      await widen(180);
      try {
        const box = (await sidebar.boundingBox())!;
        const rows = await ui.treeRows().evaluateAll((elements) => Math.max(...elements.map((element) => element.getBoundingClientRect().bottom)));
        await ui.page.screenshot({ path: readmeScreenshotPath('pinned'), clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, rows - box.y + 12) } });
      } finally {
        await widen(-180);
      }
    });

    await step('a pinned row offers the product’s commands and Unpin', async () => {
      const items = await ui.openTreeItemContextMenu('alice-web-01');
      for (const expected of ['Execute Service Action', 'Show Last Record', 'Copy Provisioned Product ARN', 'Unpin']) {
        assert.ok(items.includes(expected), `the pinned row's menu has ${expected}: ${items.join(' | ')}`);
      }
      assert.ok(!items.includes('Pin'), 'not Pin again');
      await ui.dismissTransientUi();
    });

    await step('unpin them: the group goes away', async () => {
      for (const label of pinned) {
        await ui.chooseTreeItemContextMenuItem(label, 'Unpin');
        await waitUntil(`${label} to leave the Pinned group`, async () => (await ui.treeItem(label).count()) === 0, long);
      }
      await waitUntil('the Pinned group to go', async () => (await ui.treeItem('Pinned').count()) === 0, long);
    });
  });

  it('shows in a second window what the first pins and unpins, with nothing done there', async () => {
    const ui = workbench();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sca-pinned-second-window-'));
    let other: WorkbenchUi | undefined;
    try {
      await step('window 1 lists main-alice', async () => {
        await ui.openServiceCatalogView();
        await ui.expandTreeItem('main-alice');
        await ui.treeItem('alice-web-02').first().waitFor({ state: 'visible', timeout: long });
        assert.equal(await ui.treeItem('Pinned').count(), 0, 'nothing pinned');
      });
      const second = await step('open a second window on another folder, with the view open', async () => {
        const url = new URL(e2eSession().url);
        url.searchParams.set('folder', folder);
        other = await ui.openAnotherWindow(url.toString());
        await other.openServiceCatalogView();
        await other.treeItem('main-alice').first().waitFor({ state: 'visible', timeout: long });
        assert.equal(await other.treeItem('Pinned').count(), 0, 'nothing pinned in the second window');
        return other;
      });

      await step('window 1 pins alice-web-02', async () => {
        await ui.page.bringToFront();
        await ui.chooseTreeItemContextMenuItem('alice-web-02', 'Pin');
        await ui.treeItem('Pinned').first().waitFor({ state: 'visible', timeout: long });
      });
      await step('the second window shows it pinned, with its status and place', async () => {
        await second.page.bringToFront();
        await second.treeItem('Pinned').first().waitFor({ state: 'visible', timeout: long });
        await waitUntil('alice-web-02 pinned in the second window', async () => /^alice-web-02, Available, main-alice · us-east-1/.test(await rowLabel(second, 'alice-web-02').catch(() => '')), long);
      });

      await step('the second window unpins it: window 1 sees the group go', async () => {
        await second.chooseTreeItemContextMenuItem('alice-web-02', 'Unpin');
        await waitUntil('the Pinned group to go in the second window', async () => (await second.treeItem('Pinned').count()) === 0, long);
        await ui.page.bringToFront();
        await waitUntil('the Pinned group to go in window 1', async () => (await ui.treeItem('Pinned').count()) === 0, long);
      });
    } finally {
      await other?.page.close().catch(() => undefined);
      fs.rmSync(folder, { recursive: true, force: true });
      await ui.page.bringToFront();
      if ((await ui.treeItem('Pinned').count()) > 0) await ui.chooseTreeItemContextMenuItem('alice-web-02', 'Unpin').catch(() => undefined);
      await ui.collapseTreeItems(['main-alice']).catch(() => undefined);
    }
  });
});
