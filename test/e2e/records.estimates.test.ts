import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { ESTIMATES_SEED_PATH } from '../fixtures/seeds';
import { wizardStep } from './support/executeWizard';
import { resetEmulator } from './support/fixtures';
import { openedConsoleRequest, openRecord, waitForRecordStatus } from './support/recordPanel';
import { e2eSession, workbench } from './support/session';
import { step } from './support/steps';
import type { WorkbenchUi } from '../../tools/workbenchUi';

/**
 * The record panel that predicts and explains, as a person sees it: how long an action usually takes (in the
 * review, the panel and the status bar), a documented error with its cause and fix, and an output that opens in
 * the AWS console. The emulator runs test/fixtures/seeds/estimates.json: Rebuild-Index has seven earlier runs of
 * about 40 s, Restart-Workers fails because the product has no EC2 instance.
 */
const long = 90_000;

describe('Record panel: estimates, explained errors and console links (e2e)', () => {
  before(async () => {
    resetEmulator(ESTIMATES_SEED_PATH);
    await workbench().closeAllEditors();
  });

  after(async () => {
    resetEmulator();
    await workbench().closeAllEditors();
  });

  it('says how long the action usually takes in the review, the status bar and the panel, then opens an output in the AWS console', async () => {
    const ui = workbench();
    await step('run Execute Service Action on alice-indexer-01 up to the review', async () => {
      await startFromPalette(ui, 'indexer-01', /alice-indexer-01/, 'Rebuild-Index');
      await ui.waitForQuickInputTitle(wizardStep(4));
      await ui.waitForQuickPickRowWith('Use the value Service Catalog provides');
      await ui.page.keyboard.press('Enter');
      await ui.waitForQuickInputTitle(wizardStep(5));
      await ui.typeInQuickInput('products');
      await ui.waitForQuickInputTitle(wizardStep(6, 6));
    });
    await step('the review says how long it usually takes', () => ui.waitForQuickPickRowWith(/Usually takes about \d+ s \(7 earlier runs\)/));
    await step('confirm', async () => {
      await ui.waitForQuickPickRowWith('Execute Rebuild-Index');
      await ui.page.keyboard.press('Enter');
    });

    const statusItem = ui.statusBarItem(/1 action running, (about \d+ s left|ending soon)/).first();
    await step('the status bar says how long is left', () => statusItem.waitFor({ state: 'visible', timeout: 30_000 }));
    const frame = await step('open the record from the status bar', async () => {
      await statusItem.click();
      await ui.waitForQuickInputTitle(/Service Catalog actions/);
      await ui.waitForQuickPickRowWith('Rebuild-Index', 15_000);
      await ui.page.keyboard.press('Enter');
      return ui.waitForWebviewText('Rebuild-Index on alice-indexer-01');
    });
    await step('the panel says how long it usually takes, and how far along it is', async () => {
      await frame.locator('[data-testid="estimate"]').filter({ hasText: /Usually takes about \d+ s \(7 earlier runs\)/ }).waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await frame.locator('[data-testid="estimate-progress"]').innerText(), /About \d+ s left \(usually about \d+ s\)|Should end any moment/);
      assert.ok(Number(await frame.locator('progress.estimate-bar').getAttribute('value')) >= 0);
    });

    e2eSession().sandbox.emulator.clock.setSpeed(10);
    await step('it succeeds, and says how long this run took', async () => {
      await waitForRecordStatus(frame, 'SUCCEEDED', long);
      await frame.locator('[data-testid="estimate"]').filter({ hasText: /This run took \d+ s\./ }).waitFor({ state: 'visible', timeout: 30_000 });
    });
    e2eSession().sandbox.emulator.clock.setSpeed(1);

    const buttons = await frame.locator('[data-testid="outputs"] button[data-key^="open-output-"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-key')));
    assert.deepEqual(buttons, ['open-output-0', 'open-output-1'], 'the ARN and the console URL, not the other site nor the number');
    assert.equal(await frame.locator('[data-testid="outputs"] button[data-key="output-2"]').count(), 1, 'every output keeps its copy button');
    const url = await step('Open in AWS console beside the instance ARN', () =>
      openedConsoleRequest(ui, 'https://us-east-1.console.aws.amazon.com/', () => frame.locator('button[data-key="open-output-0"]').click()),
    );
    assert.equal(url, 'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1');
  });

  it('explains a documented error under it, and the failure notification carries the cause', async () => {
    const ui = workbench();
    await step('run Restart-Workers on alice-workers-01', async () => {
      await startFromPalette(ui, 'workers-01', /alice-workers-01/, 'Restart-Workers');
      await ui.waitForQuickInputTitle(wizardStep(4));
      await ui.waitForQuickPickRowWith('Use the value Service Catalog provides');
      await ui.page.keyboard.press('Enter');
      await ui.waitForQuickInputTitle(wizardStep(5, 5));
      await ui.waitForQuickPickRowWith('Execute Restart-Workers');
      await ui.page.keyboard.press('Enter');
    });
    const toast = await step('the notification says why it failed and its likely cause', () =>
      ui.waitForNotification(/Restart-Workers on alice-workers-01 failed: Cannot find any resources with type AWS::EC2::Instance .* Likely cause: The provisioned product has no resource of the type/, 60_000),
    );
    const frame = await step('Show Record', async () => {
      await toast.locator('.monaco-button').filter({ hasText: 'Show Record' }).click();
      return ui.waitForWebviewText('Restart-Workers on alice-workers-01');
    });
    await waitForRecordStatus(frame, 'FAILED', 30_000);
    const error = frame.locator('[data-testid="errors"] li').first();
    assert.match(await error.locator('.error-description').innerText(), /^Cannot find any resources with type AWS::EC2::Instance in provisioned product pp-alice0guard001\.$/);
    const explanation = await error.locator('[data-testid="error-explanation"]').innerText();
    assert.match(explanation, /Likely cause: The provisioned product has no resource of the type the action works on \(AWS::EC2::Instance\)\./);
    assert.match(explanation, /What to do: Check that this action is meant for this product/);
  });

  it('explains an Automation step failure of a record opened by its id, and leaves an unknown error as it is', async () => {
    const ui = workbench();
    await ui.closeAllEditors();
    const frame: Frame = await step('open a failed record', () => openRecord(ui, 'rec-err-automation-step-failed'));
    await waitForRecordStatus(frame, 'FAILED', 30_000);
    const text = await frame.locator('[data-testid="errors"]').innerText();
    assert.match(text, /Step fails when it is executing action restartWorkers/);
    assert.match(text, /Likely cause: A step of the action's Systems Manager automation failed/);
    assert.match(text, /What to do: Open the automation's execution in the Systems Manager console/);
    assert.equal(await frame.locator('[data-testid="estimate"]').isVisible(), false, 'no estimate for a record whose action this window does not know');
  });
});

/** Execute Service Action from the palette: the profile, a product found by `filter`, then the action (the wizard's first three steps). */
async function startFromPalette(ui: WorkbenchUi, filter: string, product: RegExp, action: string): Promise<void> {
  await ui.runCommand('Service Catalog: Execute Service Action');
  await ui.waitForQuickInputTitle(wizardStep(1));
  await ui.pickQuickPickItem('main-alice');
  await ui.waitForQuickInputTitle(wizardStep(2));
  await ui.waitForQuickPickRowWith(product);
  await ui.typeInQuickInput(filter, { accept: false });
  await ui.pickQuickPickItem(product);
  await ui.waitForQuickInputTitle(wizardStep(3));
  await ui.pickQuickPickItem(action);
}
