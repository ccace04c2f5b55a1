import * as assert from 'node:assert/strict';
import { e2eSession, workbench } from './support/session';
import { startFromTheSeed } from './support/fixtures';
import { step } from './support/steps';
import { waitUntil } from '../../tools/waitUntil';
import type { WorkbenchUi } from '../../tools/workbenchUi';

const long = 60_000;

/** Expands session → account → role, as a person clicks through them (the other accounts closed: roles share names). */
async function openRole(ui: WorkbenchUi, session: string, account: string, role: string): Promise<void> {
  await ui.openServiceCatalogView();
  await ui.collapseTreeItems(['Main', 'Workloads', 'Restricted'].filter((other) => other !== account));
  await ui.expandTreeItem(session);
  await ui.treeItem(account).first().waitFor({ state: 'visible', timeout: long });
  await ui.expandTreeItem(account);
  await ui.treeItem(role).first().waitFor({ state: 'visible', timeout: long });
  await ui.expandTreeItem(role);
}

/**
 * A person who signs in through IAM Identity Center: the session the runner's AWS config names (its token cached
 * as `aws sso login` leaves it), its accounts and roles, a product of a discovered role, an action run on it and its
 * record; a session whose token expired; an account whose role Service Catalog denies.
 */
describe('IAM Identity Center (e2e)', () => {
  startFromTheSeed('once');

  after(async () => {
    await workbench().collapseTreeItems(['ServiceCatalogEndUser', 'Workloads', 'Restricted', 'acme-sso', 'acme-expired']).catch(() => undefined);
  });

  it('shows the session with its accounts, an account’s roles, and a role’s products', async () => {
    const ui = workbench();
    await step('the view shows the session with its account count', async () => {
      await ui.openServiceCatalogView();
      await ui.treeItem('acme-sso').first().waitFor({ state: 'visible', timeout: long });
      await waitUntil('the session to say 3 accounts', async () => (await ui.treeItemText('acme-sso')).includes('3 accounts'), long);
    });
    await step('expand the session, the account Workloads and its role', () => openRole(ui, 'acme-sso', 'Workloads', 'ServiceCatalogEndUser'));
    await step('the role lists its products', async () => {
      for (const product of ['sso-web-01', 'sso-web-02', 'sso-web-03']) await ui.treeItem(product).first().waitFor({ state: 'visible', timeout: long });
    });
    assert.match(await ui.treeItemText('Workloads'), /444444444444/);
    assert.ok((await ui.treeItemNames()).includes('ReadOnlyAccess'), 'the account’s other role is listed too');
  });

  it('runs an action on a product of a discovered role from its context menu, and opens its record', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    emulator.clock.setSpeed(0.5);
    await step('open the role', () => openRole(ui, 'acme-sso', 'Workloads', 'ServiceCatalogEndUser'));
    await step('right-click sso-web-02 and choose Execute Service Action', async () => {
      await ui.treeItem('sso-web-02').first().waitFor({ state: 'visible', timeout: long });
      await ui.chooseTreeItemContextMenuItem('sso-web-02', 'Execute Service Action');
      await ui.waitForQuickInputTitle(/^Execute Service Action \(1\/\d\)$/);
    });
    await step('pick the action and keep the TARGET', async () => {
      await ui.pickQuickPickItem('Restart-Instance');
      await ui.waitForQuickInputTitle('Execute Service Action (2/3)');
      await ui.waitForQuickPickRowWith('Use the value Service Catalog provides');
      await ui.page.keyboard.press('Enter');
    });
    await step('the review names the role and the account', async () => {
      await ui.waitForQuickInputTitle('Execute Service Action (3/3)');
      await ui.waitForQuickPickRowWith('Execute Restart-Instance');
      const review = (await ui.quickInput().innerText()).replace(/\s+/g, ' ');
      for (const expected of ['sso-web-02', 'sso acme-sso/444444444444/ServiceCatalogEndUser', 'account 444444444444']) {
        assert.ok(review.includes(expected), `the review shows "${expected}": ${review}`);
      }
      await ui.page.keyboard.press('Enter');
    });
    emulator.clock.setSpeed(20);
    const toast = await step('a notification says how it ended', () => ui.waitForNotification(/Restart-Instance on sso-web-02 succeeded/, long));
    await step('Show Record opens the record panel with the role as its profile', async () => {
      await ui.notificationButton(toast, 'Show Record').click();
      await ui.waitForWebviewText('Succeeded', long);
      await ui.waitForWebviewText('sso acme-sso/444444444444/ServiceCatalogEndUser', long);
    });
    const executed = [...emulator.state.records.values()].filter((record) => record.execution);
    assert.equal(executed.length, 1);
    assert.equal(executed[0].provisionedProductId, 'pp-ssoweb00000002');
    assert.match(executed[0].userArn, /AWSReservedSSO_ServiceCatalogEndUser_[0-9a-f]{16}\/alice@example.com$/, 'run as the signed-in user’s role session');
    emulator.clock.setSpeed(1);
    await ui.closeAllEditors();
  });

  it('from the palette: picks the session, then an account and a role, then the product', async () => {
    const ui = workbench();
    await step('run Execute Service Action from the palette', () => ui.runCommand('Service Catalog: Execute Service Action'));
    await step('pick the IAM Identity Center session', async () => {
      await ui.waitForQuickInputTitle(/^Execute Service Action \(1\/\d\)$/);
      await ui.waitForQuickPickItem('acme-sso');
      await ui.pickQuickPickItem('acme-sso');
    });
    await step('pick the account', async () => {
      await ui.waitForQuickInputTitle(/^Execute Service Action \(2\/\d\)$/);
      await ui.waitForQuickPickItem('Workloads', long);
      await ui.pickQuickPickItem('Workloads');
    });
    await step('pick the role', async () => {
      await ui.waitForQuickInputTitle(/^Execute Service Action \(3\/\d\)$/);
      await ui.waitForQuickPickItem('ServiceCatalogEndUser', long);
      await ui.pickQuickPickItem('ServiceCatalogEndUser');
    });
    await step('the role’s products are offered', async () => {
      await ui.waitForQuickInputTitle(/^Execute Service Action \(4\/\d\)$/);
      await ui.waitForQuickPickItem('sso-web-01', long);
    });
    await ui.page.keyboard.press('Escape');
  });

  it('offers one "Sign in with AWS SSO" for a session whose token has expired', async () => {
    const ui = workbench();
    await step('expand the expired session', async () => {
      await ui.openServiceCatalogView();
      await ui.expandTreeItem('acme-expired');
    });
    await step('one failure and one sign-in, no accounts', async () => {
      await ui.treeItem('Sign in with AWS SSO').first().waitFor({ state: 'visible', timeout: long });
      assert.match(await ui.treeItemText('Sign in with AWS SSO'), /aws sso login --sso-session acme-expired/);
      assert.equal(await ui.treeItem('Sign in with AWS SSO').count(), 1);
      // The tree renders only the rows in view: earlier suites may have left profiles above it expanded.
      await ui.scrollTreeToItem('Restricted');
      assert.equal(await ui.treeItem('Restricted').count(), 1, 'only acme-sso’s Restricted account is in the view');
    });
    await ui.collapseTreeItems(['acme-expired']);
  });

  it('says a role of an account that Service Catalog denies is denied', async () => {
    const ui = workbench();
    await step('open Restricted’s role', () => openRole(ui, 'acme-sso', 'Restricted', 'ServiceCatalogEndUser'));
    await step('the role says Access denied', () => ui.treeItem('Access denied').first().waitFor({ state: 'visible', timeout: long }));
    await ui.collapseTreeItems(['Restricted']);
  });

  it('counts a discovered role’s running action in the status bar, and a reload resumes it under the role', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    const role = 'sso acme-sso/444444444444/ServiceCatalogEndUser';
    const resumed = /Records in flight: resumed (\d+) of this window, took over (\d+) of closed windows/;
    // Slow enough that the record runs through the reload.
    emulator.clock.setSpeed(0.05);
    const executionsBefore = emulator.counters().executions.total;
    try {
      await step('open the role and run Restart-Instance on sso-web-03 from its context menu', async () => {
        await openRole(ui, 'acme-sso', 'Workloads', 'ServiceCatalogEndUser');
        await ui.treeItem('sso-web-03').first().waitFor({ state: 'visible', timeout: long });
        await ui.chooseTreeItemContextMenuItem('sso-web-03', 'Execute Service Action');
        await ui.waitForQuickInputTitle(/^Execute Service Action \(1\/\d\)$/);
        await ui.pickQuickPickItem('Restart-Instance');
        await ui.waitForQuickInputTitle('Execute Service Action (2/3)');
        await ui.waitForQuickPickRowWith('Use the value Service Catalog provides');
        await ui.page.keyboard.press('Enter');
        await ui.waitForQuickInputTitle('Execute Service Action (3/3)');
        await ui.waitForQuickPickRowWith('Execute Restart-Instance');
        await ui.page.keyboard.press('Enter');
      });
      const statusItem = ui.statusBarItem(/1 action running/).first();
      await step('the status bar counts it', () => statusItem.waitFor({ state: 'visible', timeout: long }));
      await step('its list names the role as the record’s scope', async () => {
        await statusItem.click();
        await ui.waitForQuickInputTitle(/Service Catalog actions/);
        await ui.waitForQuickPickRowWith(role, 15_000);
        await ui.page.keyboard.press('Escape');
        await ui.waitForQuickInputClosed();
      });
      await ui.closeAllEditors();
      await step('reload the window', () => ui.reload());
      await step('the new window resumes the record: the status bar counts it again', () => ui.statusBarItem(/1 action running/).first().waitFor({ state: 'visible', timeout: long }));
      assert.match(await ui.waitForExtensionLog(resumed), /resumed 1 of this window/);
      emulator.clock.setSpeed(20);
      await step('the new window says how it ended', () => ui.waitForNotification(/Restart-Instance on sso-web-03 succeeded/, long));
      assert.equal(emulator.counters().executions.total - executionsBefore, 1, 'run once, not again by the reload');
    } finally {
      emulator.clock.setSpeed(1);
      await ui.closeAllEditors();
    }
  });

  it('in a new window, shows the role’s last products at once, marked with their age, then lists them again in place', async () => {
    const ui = workbench();
    await step('the role is open, its products listed', async () => {
      await openRole(ui, 'acme-sso', 'Workloads', 'ServiceCatalogEndUser');
      await ui.treeItem('sso-web-01').first().waitFor({ state: 'visible', timeout: long });
    });
    const { emulator } = e2eSession().sandbox;
    const listings = () => emulator.counters().calls.SearchProvisionedProducts ?? 0;
    const held = () => emulator.counters().faults.delayed;
    // Every listing of the new window is held 20 s: rows shown with their age before then came from the disk.
    emulator.faults.set([{ kind: 'latency', latencyMs: 20_000, operation: 'SearchProvisionedProducts' }]);
    const before = { listings: listings(), held: held() };
    try {
      await step('reload the window', () => ui.reload());
      await step('open the role again', () => openRole(ui, 'acme-sso', 'Workloads', 'ServiceCatalogEndUser'));
      await step('its products show from the disk, with their age, while every listing is still held', async () => {
        await waitUntil('the role’s cached products, marked with their age', async () => (await ui.treeItemText('ServiceCatalogEndUser')).match(/3 products · as of/) && (await ui.treeItem('sso-web-01').count()) > 0, long);
        assert.equal(listings() - before.listings, held() - before.held, 'every listing call of the new window is held by the latency rule: none has answered');
      });
      await step('then it lists them again and drops the age, the rows in place', async () => {
        await waitUntil('the role to be listed again', async () => !(await ui.treeItemText('ServiceCatalogEndUser')).includes('as of'), long);
        assert.ok(listings() - before.listings >= 1, 'the background refresh listed the role');
        assert.ok((await ui.treeItemNames()).includes('sso-web-03'));
      });
    } finally {
      emulator.faults.clear();
      await ui.collapseTreeItems(['ServiceCatalogEndUser', 'Workloads', 'acme-sso']);
    }
  });
});
