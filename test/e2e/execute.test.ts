import * as assert from 'node:assert/strict';
import { wizardStep } from './support/executeWizard';
import { e2eSession, workbench } from './support/session';
import { readmeScreenshotPath } from './support/readmeScreenshots';
import { step } from './support/steps';

/** The README's picture of the wizard's review step. */
const long = 60_000;

/**
 * A person runs "Execute Service Action": from the palette and from a product's context menu,
 * through the wizard's quick inputs, to the status bar and the notification of how it ended.
 */
describe('Execute Service Action (e2e)', () => {
  beforeEach(async () => {
    e2eSession().sandbox.emulator.reset();
    await workbench().closeAllEditors();
  });

  after(async () => {
    const { emulator } = e2eSession().sandbox;
    emulator.clock.setSpeed(1);
    emulator.reset();
    await workbench().closeAllEditors().catch(() => undefined);
  });

  it('from the palette: picks profile, product and action, fills a parameter, confirms, sees the status bar and the notification', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    // Slow enough for the status bar to be seen while the action runs.
    emulator.clock.setSpeed(0.5);

    await step('run the command from the palette', () => ui.runCommand('Service Catalog: Execute Service Action'));
    await step('pick the profile', async () => {
      await ui.waitForQuickInputTitle(wizardStep(1));
      await ui.pickQuickPickItem('main-alice');
    });
    await step('search the product by name and pick it', async () => {
      await ui.waitForQuickInputTitle(wizardStep(2));
      await ui.waitForQuickPickRowWith('alice-web-04');
      await ui.typeInQuickInput('web-04', { accept: false });
      await ui.pickQuickPickItem(/alice-web-04/);
    });
    await step('pick the action', async () => {
      await ui.waitForQuickInputTitle(wizardStep(3));
      await ui.pickQuickPickItem('Export-Logs');
    });
    await step('keep the TARGET with Enter', async () => {
      await ui.waitForQuickInputTitle('Execute Service Action (4/6)');
      await ui.waitForQuickPickRowWith('Use the value Service Catalog provides');
      await ui.page.keyboard.press('Enter');
    });
    await step('type the number of days', async () => {
      await ui.waitForQuickInputTitle('Execute Service Action (5/6)');
      assert.match(await ui.quickInputMessage(), /Days \(TEXT_VALUE\)/);
      await ui.typeInQuickInput('3');
    });
    await step('read the review', async () => {
      await ui.waitForQuickInputTitle('Execute Service Action (6/6)');
      await ui.waitForQuickPickRowWith('Execute Export-Logs');
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
      ui.statusBarItem(/1 action running/).first().waitFor({ state: 'visible', timeout: long }),
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
      await ui.chooseTreeItemContextMenuItem('alice-web-05', 'Execute Service Action');
    });
    await step('pick the action (the product is known: step 1)', async () => {
      await ui.waitForQuickInputTitle(wizardStep(1));
      await ui.pickQuickPickItem('Restart-Instance');
    });
    await step('keep the TARGET', async () => {
      await ui.waitForQuickInputTitle('Execute Service Action (2/3)');
      await ui.waitForQuickPickRowWith('Use the value Service Catalog provides');
      await ui.page.keyboard.press('Enter');
    });
    await step('confirm the review', async () => {
      await ui.waitForQuickInputTitle('Execute Service Action (3/3)');
      await ui.waitForQuickPickRowWith('Execute Restart-Instance');
      await ui.page.keyboard.press('Enter');
    });

    await step('the status bar shows the action running', () =>
      ui.statusBarItem(/1 action running/).first().waitFor({ state: 'visible', timeout: long }),
    );
    emulator.clock.setSpeed(10);
    await step('a notification says how it ended', () => ui.waitForNotification(/Restart-Instance on alice-web-05 succeeded/, long));
    assert.equal(emulator.counters().executions.total, 1);
  });

  it('Escape on any step ends the wizard and runs nothing', async () => {
    const ui = workbench();
    const logMark = ui.extensionLogMark();
    await step('run the command and pick a profile', async () => {
      await ui.runCommand('Service Catalog: Execute Service Action');
      await ui.pickQuickPickItem('main-alice');
      await ui.waitForQuickInputTitle(wizardStep(2));
    });
    await step('go Back, then Escape', async () => {
      await ui.goBackInQuickInput();
      await ui.waitForQuickInputTitle(wizardStep(1));
      await ui.page.keyboard.press('Escape');
      await ui.waitForQuickInputClosed();
    });
    // The command logs how it ended as it returns: had it executed anything, it would have by then.
    assert.match(await ui.waitForExtensionLog(/Execute Service Action (cancelled|ended)/, { since: logMark }), /cancelled: nothing was executed/);
    assert.equal(e2eSession().sandbox.emulator.counters().calls.ExecuteProvisionedProductServiceAction, undefined);
  });
});

