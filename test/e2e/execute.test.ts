import * as assert from 'node:assert/strict';
import { e2eSession, workbench } from './support/session';
import { readmeScreenshotPath } from './support/readmeScreenshots';
import { step } from './support/steps';
import type { WorkbenchUi } from './support/workbenchUi';

/** The README's picture of the wizard's review step. */
const long = 60_000;

/**
 * A person runs "Execute Service Action": from the palette and from a product's context menu,
 * through the wizard's quick inputs, to the status bar and the notification of how it ended.
 */
describe('Execute Service Action (e2e)', () => {
  beforeEach(async () => {
    e2eSession().sandbox.emulator.reset();
    await closeEditors(workbench());
  });

  after(async () => {
    const { emulator } = e2eSession().sandbox;
    emulator.clock.setSpeed(1);
    emulator.reset();
    await closeEditors(workbench()).catch(() => undefined);
  });

  it('from the palette: picks profile, product and action, fills a parameter, confirms, sees the status bar and the notification', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    // Slow enough for the status bar to be seen while the action runs.
    emulator.clock.setSpeed(0.5);

    await step('run the command from the palette', () => runPaletteCommand(ui, 'Service Catalog: Execute Service Action'));
    await step('pick the profile', async () => {
      await waitForTitle(ui, /^Execute Service Action \(1\/\d\)$/);
      await ui.pickQuickPickItem('main-alice');
    });
    await step('search the product by name and pick it', async () => {
      await waitForTitle(ui, /^Execute Service Action \(2\/\d\)$/);
      await waitForItem(ui, 'alice-web-04');
      await ui.typeInQuickInput('web-04', { accept: false });
      await ui.pickQuickPickItem(/alice-web-04/);
    });
    await step('pick the action', async () => {
      await waitForTitle(ui, /^Execute Service Action \(3\/\d\)$/);
      await ui.pickQuickPickItem('Export-Logs');
    });
    await step('keep the TARGET with Enter', async () => {
      await waitForTitle(ui, 'Execute Service Action (4/6)');
      await waitForItem(ui, 'Use the value Service Catalog provides');
      await ui.page.keyboard.press('Enter');
    });
    await step('type the number of days', async () => {
      await waitForTitle(ui, 'Execute Service Action (5/6)');
      assert.match(await ui.quickInputMessage(), /Days \(TEXT_VALUE\)/);
      await ui.typeInQuickInput('3');
    });
    await step('read the review', async () => {
      await waitForTitle(ui, 'Execute Service Action (6/6)');
      await waitForItem(ui, 'Execute Export-Logs');
      const review = (await ui.quickPickItems()).join('\n');
      for (const expected of ['alice-web-04', 'Parameter Days: 3', 'Parameter Target: provided by Service Catalog', 'profile main-alice', 'account 111111111111', 'region us-east-1']) {
        assert.ok(review.includes(expected), `the review shows "${expected}":\n${review}`);
      }
      // No hover highlight in the picture.
      await ui.page.mouse.move(0, 0);
      await ui.quickInput().screenshot({ path: readmeScreenshotPath('wizard') });
    });
    await step('confirm', () => ui.page.keyboard.press('Enter'));

    await step('the status bar shows the action running', () =>
      ui.page.locator('.statusbar-item').filter({ hasText: /1 action running/ }).first().waitFor({ state: 'visible', timeout: long }),
    );
    emulator.clock.setSpeed(10);
    await step('a notification says how it ended', () => ui.waitForNotification(/Export-Logs on alice-web-04 succeeded/, long));

    const executed = [...emulator.state.records.values()].filter((record) => record.execution);
    assert.equal(executed.length, 1, 'exactly one execution');
    assert.deepEqual(executed[0].execution?.parameters.Days, ['3']);
    assert.equal(executed[0].provisionedProductId, 'pp-alice00000004');
  });

  it('from a product’s context menu: skips the product, confirms, sees the status bar and the notification', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    emulator.clock.setSpeed(0.5);

    await step('open the view and the profile', async () => {
      await ui.openServiceCatalogView();
      await ui.expandTreeItem('main-alice');
    });
    await step('right-click the product and choose Execute Service Action', async () => {
      await ui.treeItem('alice-web-05').first().waitFor({ state: 'visible', timeout: long });
      const items = await ui.openTreeItemContextMenu('alice-web-05');
      assert.ok(items.includes('Execute Service Action'), items.join(' | '));
      await chooseMenuItem(ui, 'Execute Service Action');
    });
    await step('pick the action (the product is known: step 1)', async () => {
      await waitForTitle(ui, /^Execute Service Action \(1\/\d\)$/);
      await ui.pickQuickPickItem('Restart-Instance');
    });
    await step('keep the TARGET', async () => {
      await waitForTitle(ui, 'Execute Service Action (2/3)');
      await waitForItem(ui, 'Use the value Service Catalog provides');
      await ui.page.keyboard.press('Enter');
    });
    await step('confirm the review', async () => {
      await waitForTitle(ui, 'Execute Service Action (3/3)');
      await waitForItem(ui, 'Execute Restart-Instance');
      await ui.page.keyboard.press('Enter');
    });

    await step('the status bar shows the action running', () =>
      ui.page.locator('.statusbar-item').filter({ hasText: /1 action running/ }).first().waitFor({ state: 'visible', timeout: long }),
    );
    emulator.clock.setSpeed(10);
    await step('a notification says how it ended', () => ui.waitForNotification(/Restart-Instance on alice-web-05 succeeded/, long));
    assert.equal(emulator.counters().executions.total, 1);
  });

  it('Escape on any step ends the wizard and runs nothing', async () => {
    const ui = workbench();
    await step('run the command and pick a profile', async () => {
      await runPaletteCommand(ui, 'Service Catalog: Execute Service Action');
      await ui.pickQuickPickItem('main-alice');
      await waitForTitle(ui, /^Execute Service Action \(2\/\d\)$/);
    });
    await step('go Back, then Escape', async () => {
      await ui.quickInput().locator('.quick-input-titlebar .codicon-quick-input-back').click();
      await waitForTitle(ui, /^Execute Service Action \(1\/\d\)$/);
      await ui.page.keyboard.press('Escape');
      await ui.quickInput().waitFor({ state: 'hidden', timeout: 10_000 });
    });
    assert.equal(e2eSession().sandbox.emulator.counters().calls.ExecuteProvisionedProductServiceAction, undefined);
  });
});

async function waitForTitle(ui: WorkbenchUi, title: string | RegExp): Promise<void> {
  const locator = ui.quickInput().locator('.quick-input-title');
  const deadline = Date.now() + 30_000;
  for (;;) {
    const shown = (await locator.innerText().catch(() => '')).trim();
    if (typeof title === 'string' ? shown === title : title.test(shown)) return;
    if (Date.now() > deadline) throw new Error(`The quick input's title stayed "${shown}", not ${String(title)}`);
    await ui.page.waitForTimeout(100);
  }
}

/** Clicks a context-menu item; a click that lands while the menu is still opening is followed by Enter on the item it hovers. */
async function chooseMenuItem(ui: WorkbenchUi, label: string): Promise<void> {
  const item = ui.contextMenu().locator('.action-item .action-label').filter({ hasText: label }).first();
  await item.hover();
  await item.click();
  const closed = await ui.contextMenu().waitFor({ state: 'hidden', timeout: 3_000 }).then(() => true, () => false);
  if (!closed) await ui.page.keyboard.press('Enter');
}

/** Waits until the quick pick shows a row containing `text` (its items may still be loading). */
async function waitForItem(ui: WorkbenchUi, text: string): Promise<void> {
  await ui.quickInput().locator('.quick-input-list .monaco-list-row').filter({ hasText: text }).first().waitFor({ state: 'visible', timeout: 30_000 });
}

async function closeEditors(ui: WorkbenchUi): Promise<void> {
  for (let i = 0; i < 3 && (await ui.quickInput().isVisible()); i++) await ui.page.keyboard.press('Escape');
  if ((await ui.notificationToasts().count()) > 0) await runPaletteCommand(ui, 'Notifications: Clear All Notifications');
  await runPaletteCommand(ui, 'View: Close All Editors');
}

/** Runs a command by its title; its row's accessible label carries the keybinding too, so the row is found by its text. */
async function runPaletteCommand(ui: WorkbenchUi, title: string): Promise<void> {
  await ui.page.keyboard.press('F1');
  await ui.typeInQuickInput(`>${title}`, { accept: false });
  const row = ui.quickInput().locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}
