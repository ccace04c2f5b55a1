import * as assert from 'node:assert/strict';
import { AwsCatalogSource } from '../../../src/execute/wizard/catalogSource';
import { ChoiceMemory } from '../../../src/execute/wizard/choiceMemory';
import { readExecuteRequest, type ExecuteArguments } from '../../../src/catalog/executeArguments';
import { runExecuteWizard, type ExecuteWizardResult } from '../../../src/execute/wizard/executeWizard';
import { MfaCodeRouter, type MfaCodeRequest } from '../../../src/platform/mfaRouter';
import { loadSeed, type Seed } from '../../../src/emulator';
import { TEST_SEED_PATH } from '../../fixtures/seeds';
import { startEmulatorFixture, type EmulatorFixture } from '../support/emulatorFixture';
import { MemoryStore } from '../support/memoryStore';
import { ScriptedQuickInput, type ScriptAction } from './scriptedQuickInput';

const region = 'us-east-1';
const roleProfile = 'main-developer-mfa';
const mfaSerial = 'arn:aws:iam::111111111111:mfa/alice';
const bobWeb01 = 'pp-bobxx00000013';

/** The test seed with the Developer role, assumed by alice's keys with her MFA device. */
function seedWithMfaRole(): Seed {
  const seed = loadSeed(TEST_SEED_PATH);
  seed.roles = [
    {
      roleArn: 'arn:aws:iam::111111111111:role/Developer',
      mfaSerial,
      mfaCode: '123456',
      profileName: roleProfile,
      sourceProfile: 'main-alice',
    },
  ];
  return seed;
}

/**
 * An assume-role profile with mfa_serial and no cached credentials: the first read of the wizard
 * needs an MFA code. The code is asked in the wizard (the facade's `interject`), not in a box of its
 * own that would replace the step and end the wizard; the busy step goes on after it.
 */
describe('Execute Service Action wizard: an MFA code asked in the middle of a step', function () {
  let fixture: EmulatorFixture;
  let router: MfaCodeRouter;
  let outside: MfaCodeRequest[];

  before(async () => {
    fixture = await startEmulatorFixture({ seed: seedWithMfaRole() });
  });
  after(async () => {
    await fixture.stop();
  });
  beforeEach(() => {
    fixture.emulator.reset();
    outside = [];
    // The plain prompt: only when no wizard runs.
    router = new MfaCodeRouter(async (request) => {
      outside.push(request);
      return '123456';
    });
  });

  async function run(script: ScriptAction[], args?: ExecuteArguments): Promise<{ result: ExecuteWizardResult; ui: ScriptedQuickInput }> {
    const aws = fixture.context({ askMfaCode: (profile, serial) => router.ask(profile, serial) });
    const source = new AwsCatalogSource(aws, { regions: [], profiles: [], accessLevel: 'Role' });
    const ui = new ScriptedQuickInput(script);
    const result = await runExecuteWizard(readExecuteRequest(args), {
      ui,
      source,
      memory: new ChoiceMemory(new MemoryStore()),
      redactor: fixture.redactor,
      confirmBeforeExecute: true,
      mfa: router,
    });
    assert.equal(ui.remaining, 0, `the whole script was used; shown: ${ui.shown.map((step) => `${step.kind} ${step.text}`).join(' | ')}`);
    return { result, ui };
  }

  const assumeRoleCalls = () => fixture.emulator.counters().calls['sts:AssumeRole'] ?? 0;

  it('asks for the code in place of the busy step, checks it is 6 digits, and goes on to the review', async () => {
    const { result, ui } = await run(
      [{ type: '12345' }, { type: '123456' }, 'accept', 'accept'],
      { profile: roleProfile, region, provisionedProductId: bobWeb01, serviceActionId: 'act-restart000001', parameters: {} },
    );
    assert.equal(result.kind, 'confirmed', JSON.stringify(result));
    assert.deepEqual(
      ui.shown.map((step) => step.kind),
      ['wait', 'question', 'wait', 'pick'],
      'reading the product asked for the code, then the wizard went on',
    );
    const question = ui.shown[1];
    assert.equal(question.title, `MFA code for profile "${roleProfile}" (${mfaSerial})`);
    assert.equal(question.text, `Enter the current code of ${mfaSerial}`);
    assert.deepEqual(question.messages, ['An MFA code is 6 digits']);
    assert.equal(result.kind === 'confirmed' && result.plan.products[0].name, 'bob-web-01');
    assert.equal(assumeRoleCalls(), 1);
    assert.deepEqual(outside, [], 'no input box of its own while the wizard runs');
  });

  it('asks while the product list loads, then shows the list', async () => {
    const { result, ui } = await run([{ pick: roleProfile }, { type: '123456' }, 'accept', { pick: bobWeb01 }, { pick: 'act-flush00000001' }, 'accept']);
    assert.equal(result.kind, 'confirmed', JSON.stringify(result));
    assert.deepEqual(ui.shown.slice(0, 3).map((step) => step.kind), ['pick', 'pick', 'question']);
    const products = ui.shown[1];
    assert.ok(products.items?.some((item) => item.key === bobWeb01), 'the product step shows the role’s products once the code is given');
    assert.deepEqual(outside, []);
  });

  it('Escape on the code ends the whole wizard as Escape does, with nothing asked of STS and nothing run', async () => {
    const { result, ui } = await run(['escape'], { profile: roleProfile, region, provisionedProductId: bobWeb01, serviceActionId: 'act-restart000001' });
    assert.deepEqual(result, { kind: 'cancelled' });
    assert.deepEqual(ui.shown.map((step) => step.kind), ['wait', 'question']);
    assert.equal(assumeRoleCalls(), 0);
    assert.equal(fixture.emulator.counters().calls.ExecuteProvisionedProductServiceAction, undefined);

    // Escape on the code while the product list loads.
    const listing = await run([{ pick: roleProfile }, 'escape']);
    assert.deepEqual(listing.result, { kind: 'cancelled' });
    assert.deepEqual(outside, []);
  });

  it('routes codes to the plain prompt again once the wizard has ended', async () => {
    await run(['escape'], { profile: roleProfile, region, provisionedProductId: bobWeb01, serviceActionId: 'act-restart000001' });
    assert.equal(await router.ask(roleProfile, mfaSerial), '123456');
    assert.deepEqual(outside, [{ profile: roleProfile, mfaSerial }]);
  });
});

describe('MfaCodeRouter', () => {
  it('asks the newest route until it is disposed, then the one before, then the fallback; trims, and reads an empty answer as declined', async () => {
    const router = new MfaCodeRouter(async () => ' 111111 ');
    assert.equal(await router.ask('p', 's'), '111111');
    const first = router.route(async () => '222222');
    const second = router.route(async () => '');
    assert.equal(await router.ask('p', 's'), undefined);
    second.dispose();
    assert.equal(await router.ask('p', 's'), '222222');
    first.dispose();
    first.dispose();
    assert.equal(await router.ask('p', 's'), '111111');
  });
});
