import * as assert from 'node:assert/strict';
import { wizardStep } from './support/executeWizard';
import { resetEmulator } from './support/fixtures';
import { e2eSession, workbench } from './support/session';
import { step } from './support/steps';
import { readable } from '../../tools/workbenchUi';

// Names with payloads, as a server that breaks its own rules could send them (AWS restricts these characters).
const hostileProductName = '<img src=x onerror="window.__injected=30">inject [x](command:workbench.action.terminal.new) $(zap)';
const hostileActionName = '<svg onload="window.__injected=31">Flush $(zap) [a](command:workbench.action.terminal.new)';

/**
 * The notifications of Execute Service Action that quote AWS names: the progress notification shown
 * while a request is sent says "Starting <action> on <product>…" with the names as text, never a
 * link (VS Code makes `[text](command:…)` in a notification a command link).
 */
describe('Execute Service Action: AWS names in its notifications (e2e)', () => {
  before(() => {
    const emulator = resetEmulator();
    emulator.state.provisionedProducts.get('pp-alice00000004')!.name = hostileProductName;
    emulator.state.serviceActions.get('act-flush00000001')!.name = hostileActionName;
  });

  after(async () => {
    resetEmulator();
    await workbench().closeAllEditors();
  });

  it('shows the names in the progress notification as text: no link, nothing runs', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    await ui.dismissTransientUi();
    await step('run the command, pick the profile and the product with the hostile name', async () => {
      await ui.runCommand('Service Catalog: Execute Service Action');
      await ui.waitForQuickInputTitle(wizardStep(1));
      await ui.pickQuickPickItem('main-alice');
      await ui.waitForQuickInputTitle(wizardStep(2));
      // Filtered to its id: the wizard starts on the product last run (another test's), which can scroll this one out of view.
      await ui.typeInQuickInput('pp-alice00000004', { accept: false });
      await ui.waitForQuickPickRowWith('pp-alice00000004');
      await ui.quickPickRowWith('pp-alice00000004').click();
    });
    await step('pick the action with the hostile name and come to the review', async () => {
      await ui.waitForQuickInputTitle(wizardStep(3));
      await ui.waitForQuickPickRowWith('act-flush00000001');
      await ui.quickPickRowWith('act-flush00000001').click();
      await ui.waitForQuickInputTitle(wizardStep(4, 4));
      await ui.waitForQuickPickRowWith('Inject');
    });
    // Service Catalog takes its time to answer: the progress notification stays while the request is sent.
    emulator.faults.set([{ kind: 'latency', latencyMs: 8_000, operation: 'ExecuteProvisionedProductServiceAction' }]);
    await step('confirm', () => ui.page.keyboard.press('Enter'));
    const toast = await step('the progress notification names the action and the product', () => ui.waitForNotification(/Starting/, 30_000));
    const message = ui.notificationMessage(toast);
    const shown = readable(await message.innerText());
    assert.ok(shown.includes(`Starting ${hostileActionName} on ${hostileProductName}`), shown);
    assert.equal(await message.locator('a').count(), 0, 'no link from AWS text in the progress notification');
    assert.equal(await message.locator('img, svg, .codicon-zap').count(), 0, 'no element or icon from AWS text');
    emulator.faults.clear();
    await step('the execution goes on to its end', () => ui.waitForNotification(/succeeded/, 60_000));
    assert.equal(emulator.counters().executions.total, 1);
    for (const frame of [ui.page.mainFrame(), ...ui.page.frames()]) {
      const injected = await frame.evaluate(() => (window as unknown as { __injected?: unknown }).__injected).catch(() => undefined);
      assert.equal(injected, undefined, `a payload ran in ${frame.name() || frame.url()}`);
    }
  });
});
