import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { loadSeed, type Seed } from '../../src/emulator';
import { TEST_SEED_PATH } from '../fixtures/seeds';
import { wizardStep } from './support/executeWizard';
import { e2eSession, workbench } from './support/session';
import { step } from './support/steps';

const long = 60_000;
const roleProfile = 'e2e-developer-mfa';
const mfaSerial = 'arn:aws:iam::111111111111:mfa/alice';
const sessionName = 'e2e-mfa';

/** The test seed plus the Developer role that alice assumes with her MFA device; bob-web-01 was launched in such a session. */
function seedWithMfaRole(): Seed {
  const seed = loadSeed(TEST_SEED_PATH);
  seed.roles = [{ roleArn: 'arn:aws:iam::111111111111:role/Developer', mfaSerial, mfaCode: '123456' }];
  const product = seed.provisionedProducts.find((candidate) => candidate.id === 'pp-bobxx00000013')!;
  product.userArnSession = `arn:aws:sts::111111111111:assumed-role/Developer/${sessionName}`;
  return seed;
}

/** The profile a person would add for that role: no cached credentials, so its first call needs a code. */
const roleProfileSection = [
  '',
  `[profile ${roleProfile}]`,
  'region = us-east-1',
  'role_arn = arn:aws:iam::111111111111:role/Developer',
  'source_profile = main-alice',
  `mfa_serial = ${mfaSerial}`,
  `role_session_name = ${sessionName}`,
  'services = service-catalog-emulator',
  '',
].join('\n');

/**
 * An assume-role profile with mfa_serial: the MFA code is a step of the wizard (its title names the
 * profile and the device), the wizard goes on once it is given, and Escape on it ends the wizard.
 */
describe('Execute Service Action with an MFA profile (e2e)', () => {
  let originalConfig: string;

  before(async () => {
    const { sandbox } = e2eSession();
    sandbox.emulator.faults.clear();
    sandbox.emulator.reset(seedWithMfaRole());
    originalConfig = fs.readFileSync(sandbox.configFile, 'utf8');
    fs.writeFileSync(sandbox.configFile, originalConfig + roleProfileSection);
    const ui = workbench();
    await ui.dismissTransientUi();
    // The view reloads the profiles when the config file changes.
    await ui.openServiceCatalogView();
    await ui.treeItem(roleProfile).first().waitFor({ state: 'visible', timeout: long });
  });

  after(async () => {
    const { sandbox } = e2eSession();
    fs.writeFileSync(sandbox.configFile, originalConfig);
    sandbox.emulator.reset();
    sandbox.emulator.clock.setSpeed(1);
    const ui = workbench();
    await ui.dismissTransientUi();
    await ui.treeItem(roleProfile).first().waitFor({ state: 'detached', timeout: long }).catch(() => undefined);
  });

  it('Escape on the MFA code ends the wizard: nothing asked of STS, nothing run, no error', async () => {
    const ui = workbench();
    const logMark = ui.extensionLogMark();
    await step('run the command and pick the MFA profile', async () => {
      await ui.runCommand('Service Catalog: Execute Service Action');
      await ui.waitForQuickInputTitle(wizardStep(1));
      await ui.pickQuickPickItem(roleProfile);
    });
    await step('the MFA code is asked in the wizard', () => ui.waitForQuickInputTitle(`MFA code for profile "${roleProfile}" (${mfaSerial})`));
    await step('Escape', async () => {
      await ui.page.keyboard.press('Escape');
      await ui.waitForQuickInputClosed();
    });
    // The command logs how it ended as it returns: whatever it would have shown or called, it has by then.
    const ended = await step('the command has ended', () => ui.waitForExtensionLog(/Execute Service Action (cancelled|ended)/, { since: logMark }));
    assert.match(ended, /cancelled: nothing was executed/);
    assert.equal(await ui.quickInput().isVisible(), false, 'no other step or box shows');
    assert.deepEqual(await ui.notificationMessages(), [], 'no error: the person chose to stop');
    const counters = e2eSession().sandbox.emulator.counters();
    assert.equal(counters.calls['sts:AssumeRole'], undefined);
    assert.equal(counters.calls.ExecuteProvisionedProductServiceAction, undefined);
  });

  it('asks for the MFA code as a step of the wizard, then lists the products and runs the action', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    emulator.clock.setSpeed(10);
    await step('run the command and pick the MFA profile', async () => {
      await ui.runCommand('Service Catalog: Execute Service Action');
      await ui.waitForQuickInputTitle(wizardStep(1));
      await ui.pickQuickPickItem(roleProfile);
    });
    await step('the MFA code is asked in the wizard, naming the profile and the device', async () => {
      await ui.waitForQuickInputTitle(`MFA code for profile "${roleProfile}" (${mfaSerial})`);
      assert.match(await ui.quickInputMessage(), new RegExp(`Enter the current code of ${mfaSerial}`));
    });
    await step('a code that is not 6 digits is refused as it is typed', async () => {
      await ui.typeInQuickInput('12345', { accept: false });
      await ui.waitForQuickInputMessage('An MFA code is 6 digits');
    });
    await step('type the code', () => ui.typeInQuickInput('123456'));
    await step('the product step comes back with the role’s products', async () => {
      await ui.waitForQuickInputTitle(wizardStep(2));
      await ui.waitForQuickPickRowWith('bob-web-01');
      await ui.pickQuickPickItem(/bob-web-01/);
    });
    await step('pick the action without parameters and confirm', async () => {
      await ui.waitForQuickInputTitle(wizardStep(3));
      await ui.pickQuickPickItem('Flush-Cache');
      await ui.waitForQuickInputTitle(wizardStep(4, 4));
      await ui.waitForQuickPickRowWith('Execute Flush-Cache');
      await ui.page.keyboard.press('Enter');
    });
    await step('a notification says how it ended', () => ui.waitForNotification(/Flush-Cache on bob-web-01 (succeeded|failed)/, long));
    const counters = emulator.counters();
    assert.equal(counters.calls['sts:AssumeRole'], 1, 'the code was asked once');
    assert.equal(counters.executions.total, 1);
    assert.deepEqual(Object.keys(counters.executions.byProvisionedProduct), ['pp-bobxx00000013']);
  });
});
