import * as assert from 'node:assert/strict';
import { waitUntil } from '../../tools/waitUntil';
import { WorkbenchUi } from '../../tools/workbenchUi';
import { startWorkbenchSession, type WorkbenchSession } from '../runner/session';
import { wizardStep } from './support/executeWizard';
import { step, stepRecorder } from './support/steps';
import { clickStepButton, isStepDone, openWalkthrough, waitForStepDone, walkthroughStepTitles } from './support/walkthrough';

/**
 * The "Get started with Service Catalog Actions" walkthrough, completed through the UI as a new user would, in a
 * window of its own (the shared e2e window has long done what the steps ask): each step's button, then its check
 * mark, which comes from what the step asks for (a view opened, the sandbox running, an action run, a record panel
 * open), not from the click. Execute Service Action opens the record panel of what it ran, so "Open its record" is
 * done with the action. The sign-in step shows only for AWS files with an IAM Identity Center profile; the runner's
 * have one (of the seed's session), and signing in runs the AWS CLI's browser login, which the SSO terminal suite
 * covers: here the step is only seen, not done.
 */
describe('The Get started walkthrough', function () {
  let session: WorkbenchSession | undefined;
  let ui: WorkbenchUi;
  const steps = {
    profiles: 'See your AWS profiles',
    signIn: 'Sign in with IAM Identity Center',
    sandbox: 'Try the sandbox',
    action: 'Run a first action',
    record: 'Open its record',
  };

  before(async function () {
    this.timeout(5 * 60_000);
    session = await startWorkbenchSession({ name: 'e2e-walkthrough' });
    ui = new WorkbenchUi(session.page, session.server.logsDir);
    await ui.waitUntilReady();
  });

  after(async function () {
    this.timeout(60_000);
    await session?.close();
  });

  it('completes each step by doing what it asks, through its buttons', async function () {
    this.timeout(5 * 60_000);
    stepRecorder.begin(ui.page, this.test!.fullTitle()); // this window's steps, not the shared e2e window's
    session!.sandbox.emulator.clock.setSpeed(10);

    await step('open the walkthrough from the palette', () => openWalkthrough(ui));
    // The sign-in step's `when` is a context key the extension sets once it has read the AWS files.
    await step('the sign-in step shows, for the SSO profile', () =>
      waitUntil('the walkthrough to show its sign-in step', async () => (await walkthroughStepTitles(ui)).includes(steps.signIn), 30_000),
    );
    assert.deepEqual(await walkthroughStepTitles(ui), [steps.profiles, steps.signIn, steps.sandbox, steps.action, steps.record]);
    for (const title of Object.values(steps)) {
      assert.equal(await isStepDone(ui, title), false, `${title} is not done yet`);
    }

    await step('See your AWS profiles: Open the Service Catalog View', () => clickStepButton(ui, steps.profiles, 'Open the Service Catalog View'));
    await step('the view shows the profiles', () => ui.treeItem('main-alice').first().waitFor({ state: 'visible', timeout: 30_000 }));
    await step('the step is done', () => waitForStepDone(ui, steps.profiles));

    assert.equal(await isStepDone(ui, steps.sandbox), false, 'opening the view does not start the sandbox');
    await step('Try the sandbox: Start Sandbox', () => clickStepButton(ui, steps.sandbox, 'Start Sandbox'));
    await step('the sandbox runs', () => ui.waitForNotification(/sandbox is running/, 60_000));
    await step('the step is done', () => waitForStepDone(ui, steps.sandbox));
    await step('stop the sandbox, back to the runner’s profiles', async () => {
      await ui.runCommand('Service Catalog: Stop Sandbox');
      await ui.treeItem('main-alice').first().waitFor({ state: 'visible', timeout: 30_000 });
    });

    assert.equal(await isStepDone(ui, steps.action), false);
    assert.equal(await isStepDone(ui, steps.record), false);
    await step('Run a first action: Execute Service Action', () => clickStepButton(ui, steps.action, 'Execute Service Action'));
    await step('the wizard: profile, product, action, the TARGET kept, the review', async () => {
      await ui.waitForQuickInputTitle(wizardStep(1));
      await ui.pickQuickPickItem('main-alice');
      await ui.waitForQuickInputTitle(wizardStep(2));
      await ui.waitForQuickPickRowWith('alice-web-01');
      await ui.typeInQuickInput('web-01', { accept: false });
      await ui.pickQuickPickItem(/alice-web-01/);
      await ui.waitForQuickInputTitle(wizardStep(3));
      await ui.pickQuickPickItem('Restart-Instance');
      await ui.waitForQuickPickRowWith('Use the value Service Catalog provides');
      await ui.page.keyboard.press('Enter');
      await ui.waitForQuickPickRowWith('Execute Restart-Instance');
      await ui.page.keyboard.press('Enter');
    });
    // Execute Service Action opens the record panel of what it ran: "Open its record" is done with it.
    await step('the action ends, its record panel open', async () => {
      await ui.waitForNotification(/Restart-Instance on alice-web-01 succeeded/, 60_000);
      await ui.waitForWebviewText('Restart-Instance on alice-web-01', 30_000);
    });
    await step('back to the walkthrough', () => openWalkthrough(ui));
    await step('the action step is done', () => waitForStepDone(ui, steps.action));
    await step('the record step is done', () => waitForStepDone(ui, steps.record));
    for (const title of [steps.profiles, steps.sandbox, steps.action, steps.record]) assert.equal(await isStepDone(ui, title), true, `${title} is done`);
    assert.equal(await isStepDone(ui, steps.signIn), false, 'no sign-in happened');
  });
});
