import * as assert from 'node:assert/strict';
import { AwsCatalogSource, type CatalogSettings } from '../../../src/execute/wizard/catalogSource';
import { ChoiceMemory } from '../../../src/execute/wizard/choiceMemory';
import { readExecuteRequest, type ExecuteArguments } from '../../../src/catalog/executeArguments';
import { runExecuteWizard, type ExecuteWizardResult } from '../../../src/execute/wizard/executeWizard';
import { startEmulatorFixture, type EmulatorFixture } from '../support/emulatorFixture';
import { MemoryStore } from '../support/memoryStore';
import { ScriptedQuickInput, type ScriptAction, type ShownStep } from './scriptedQuickInput';

const region = 'us-east-1';
const web01 = 'pp-alice00000001';

describe('Execute Service Action wizard (against the emulator)', function () {
  let fixture: EmulatorFixture;
  let settings: { -readonly [K in keyof CatalogSettings]: CatalogSettings[K] };
  let source: AwsCatalogSource;
  let store: MemoryStore;

  before(async () => {
    fixture = await startEmulatorFixture();
  });
  after(async () => {
    await fixture.stop();
  });
  beforeEach(() => {
    fixture.emulator.reset();
    settings = { regions: [], profiles: [], accessLevel: 'User' };
    source = new AwsCatalogSource(fixture.context(), settings);
    store = new MemoryStore();
  });

  async function run(
    script: ScriptAction[],
    args?: ExecuteArguments | unknown,
    options: { confirmBeforeExecute?: boolean; selection?: unknown[] } = {},
  ): Promise<{ result: ExecuteWizardResult; ui: ScriptedQuickInput; prompts: ShownStep[] }> {
    const ui = new ScriptedQuickInput(script);
    const result = await runExecuteWizard(readExecuteRequest(args, options.selection), {
      ui,
      source,
      memory: new ChoiceMemory(store),
      redactor: fixture.redactor,
      confirmBeforeExecute: options.confirmBeforeExecute ?? true,
    });
    assert.equal(ui.remaining, 0, `the whole script was used; shown: ${ui.shown.map((step) => `${ScriptedQuickInput.titleOf(step)} ${step.text}`).join(' | ')}`);
    return { result, ui, prompts: ui.shown.filter((step) => step.kind !== 'wait') };
  }

  function confirmed(result: ExecuteWizardResult) {
    assert.equal(result.kind, 'confirmed', JSON.stringify(result));
    return (result as Extract<ExecuteWizardResult, { kind: 'confirmed' }>).plan;
  }

  function ended(result: ExecuteWizardResult) {
    assert.equal(result.kind, 'ended', JSON.stringify(result));
    return (result as Extract<ExecuteWizardResult, { kind: 'ended' }>).end;
  }

  const titles = (prompts: ShownStep[]) => prompts.map(ScriptedQuickInput.titleOf);

  // Palette: profile → product → action (Export-Logs: Target, Days) → Target → Days → review.
  const exportLogsScript: ScriptAction[] = [
    { pick: 'main-alice' },
    { pick: web01 },
    { pick: 'act-export0000001' },
    'accept',
    { type: '14' },
    'accept',
    'accept',
  ];

  it('walks every step from the palette, counting the steps shown, and returns the confirmed request', async () => {
    const { result, prompts } = await run(exportLogsScript);
    const plan = confirmed(result);

    assert.deepEqual(titles(prompts), [
      'Execute Service Action (1/4)',
      'Execute Service Action (2/4)',
      'Execute Service Action (3/4)',
      'Execute Service Action (4/6)',
      'Execute Service Action (5/6)',
      'Execute Service Action (6/6)',
    ]);
    assert.deepEqual(prompts.map((step) => step.canGoBack), [false, true, true, true, true, true]);
    assert.equal(plan.products.length, 1);
    assert.equal(plan.products[0].id, web01);
    assert.equal(plan.products[0].name, 'alice-web-01');
    assert.equal(plan.products[0].accountId, '111111111111');
    assert.equal(plan.products[0].productName !== undefined, true);
    assert.equal(plan.action.id, 'act-export0000001');
    assert.equal(plan.action.name, 'Export-Logs');
    // The TARGET was kept: Service Catalog provides it; only Days is sent.
    assert.deepEqual(plan.parameters, { Days: ['14'] });
  });

  it('offers Back on every step but the first and comes back to each answer', async () => {
    const { result, prompts } = await run([
      { pick: 'main-alice' },
      { pick: web01 },
      { pick: 'act-export0000001' },
      'accept',
      { type: '14' },
      'accept',
      // Review → Days → Target → action → product → profile.
      'back',
      'back',
      'back',
      'back',
      'back',
      // Forward again on the previous answers alone.
      'accept',
      'accept',
      'accept',
      'accept',
      'accept',
      'accept',
    ]);
    const plan = confirmed(result);
    assert.deepEqual(plan.parameters, { Days: ['14'] });
    assert.equal(plan.action.id, 'act-export0000001');

    const backwards = prompts.slice(6, 11);
    // Back to the action, the parameters are not known any more: the count is what will be shown now.
    assert.deepEqual(titles(backwards), [
      'Execute Service Action (5/6)',
      'Execute Service Action (4/6)',
      'Execute Service Action (3/4)',
      'Execute Service Action (2/4)',
      'Execute Service Action (1/4)',
    ]);
    // Each step shows the answer given before.
    assert.equal(backwards[0].value, '14');
    assert.equal(backwards[1].activeKey, 'provided');
    assert.equal(backwards[2].activeKey, 'act-export0000001');
    assert.equal(backwards[3].activeKey, web01);
    assert.equal(backwards[4].activeKey, 'main-alice');
    assert.equal(backwards[4].canGoBack, false);
  });

  it('ends with nothing chosen when Escape is pressed on any step, and never executes', async () => {
    for (let position = 0; position < exportLogsScript.length; position++) {
      const script = [...exportLogsScript.slice(0, position), 'escape' as const];
      const { result } = await run(script);
      assert.deepEqual(result, { kind: 'cancelled' }, `Escape on step ${position + 1}`);
    }
    // And while a step is loading.
    const { result } = await run([{ pick: 'main-alice' }, { pick: web01 }, { wait: 'escape' }]);
    assert.deepEqual(result, { kind: 'cancelled' });
    assert.equal(fixture.emulator.counters().calls.ExecuteProvisionedProductServiceAction, undefined);
    assert.equal(store.get('serviceCatalog.execute.lastChoices'), undefined, 'nothing is remembered from a cancelled run');
  });

  it('skips every step the arguments answer, and shows only the review when asked to', async () => {
    const args = { profile: 'main-alice', region, provisionedProductId: web01, serviceActionId: 'act-rotate0000001', parameters: { Reason: ['test'] } };
    const silent = await run([], args, { confirmBeforeExecute: false });
    assert.deepEqual(silent.prompts, []);
    assert.deepEqual(confirmed(silent.result).parameters, { Reason: ['test'] });

    const reviewed = await run(['accept'], { ...args, review: true }, { confirmBeforeExecute: false });
    assert.deepEqual(titles(reviewed.prompts), ['Execute Service Action (1/1)']);
    const labels = reviewed.prompts[0].items?.map((item) => item.label) ?? [];
    assert.ok(labels.includes('Parameter Reason: test'), labels.join('\n'));
    assert.ok(labels.some((label) => label.startsWith('Parameter Target: provided by Service Catalog (i-0alice01)')), labels.join('\n'));
    assert.ok(labels.includes('Action: Rotate-Credentials'));
  });

  it('shows a review with the product, action, parameters, profile, account, region and the action’s own words', async () => {
    const { prompts } = await run(['accept', 'accept', 'escape'], {
      profile: 'main-alice',
      region,
      provisionedProductId: web01,
      serviceActionId: 'act-export0000001',
    });
    const review = prompts[2];
    assert.equal(review.kind, 'pick');
    const items = review.items ?? [];
    const execute = items[0];
    assert.equal(execute.key, 'execute');
    assert.equal(execute.disabledReason, undefined);
    assert.equal(execute.description, 'on alice-web-01');
    const description = fixture.seed.serviceActions.find((action) => action.id === 'act-export0000001')?.description;
    assert.ok(description);
    assert.equal(execute.detail, description);
    const product = items.find((item) => item.key === `product:${web01}`);
    assert.equal(product?.detail, `${web01} · profile main-alice · account 111111111111 · region us-east-1`);
    assert.ok(items.some((item) => item.label === 'Parameter Days: 7'));
    assert.ok(items.filter((item) => item.key !== 'execute').every((item) => item.disabledReason), 'only Execute can be picked');
  });

  it('shows products under change but does not let them be picked, saying which record runs', async () => {
    const { result, prompts } = await run([{ pick: 'main-alice' }, { pick: 'pp-alice00000010' }, { pick: 'pp-alice00000011' }, 'escape']);
    assert.deepEqual(result, { kind: 'cancelled' });
    const productStep = prompts[1];
    assert.deepEqual(productStep.messages, [
      'alice-db-10 is under change: record rec-inprogress001 is still running. Wait until it ends.',
      'alice-db-11 has a plan in progress; wait until it is available.',
    ]);
    const item = productStep.items?.find((candidate) => candidate.key === 'pp-alice00000010');
    assert.match(item?.detail ?? '', /pp-alice00000010 · Under change \(UNDER_CHANGE\) · .*rec-inprogress001/);
    // Search covers name, product name, id and status: they are all in the label, description or detail.
    assert.match(`${item?.label} ${item?.description} ${item?.detail}`, /alice-db-10.*UNDER_CHANGE/s);
  });

  it('ends at once, naming the running record, for a known product under change', async () => {
    const { result } = await run([], { profile: 'main-alice', region, provisionedProductId: 'pp-alice00000010' });
    const end = ended(result);
    assert.equal(end.kind, 'stopped');
    assert.match(end.kind === 'stopped' ? end.message : '', /alice-db-10 is under change: record rec-inprogress001 is still running/);
    assert.deepEqual(end.kind === 'stopped' ? end.record : undefined, { profile: 'main-alice', region, recordId: 'rec-inprogress001' });
  });

  it('says so and ends for a product without actions', async () => {
    const { result } = await run([], { profile: 'main-carol', region, provisionedProductId: 'pp-carol00000021' });
    const end = ended(result);
    assert.match(end.kind === 'stopped' ? end.message : '', /^carol-bucket-01 \(.*\) has no self-service actions/);
  });

  it('prefills defaults, reads a list with the comma convention and names the limit while typing', async () => {
    const { result, prompts } = await run(
      [
        'accept', // Target: keep the value Service Catalog provides
        { type: Array.from({ length: 26 }, (_, i) => `r${i}`).join(', ') },
        { type: 'x'.repeat(513) },
        { type: 'audit\\, urgent, weekly' },
        'accept',
        'accept',
      ],
      { profile: 'main-alice', region, provisionedProductId: web01, serviceActionId: 'act-rotate0000001' },
    );
    const reason = prompts[1];
    assert.equal(reason.value, 'scheduled', 'the default is prefilled');
    assert.match(reason.text, /^Reason \(TEXT_VALUE\)\. Separate several values with commas; write \\, for a comma inside a value\. Default: scheduled$/);
    assert.deepEqual(reason.messages, ['At most 25 values are allowed; this has 26.', 'The value has 513 characters; the limit is 512.']);
    assert.deepEqual(confirmed(result).parameters, { Reason: ['audit, urgent', 'weekly'] });
  });

  it('keeps a TARGET with one keystroke, explains it, and takes another value when asked', async () => {
    const args = { profile: 'main-alice', region, provisionedProductId: web01, serviceActionId: 'act-restart000001' };
    const kept = await run(['accept', 'accept'], args);
    const target = kept.prompts[0];
    assert.equal(target.activeKey, 'provided');
    assert.equal(target.items?.[0].description, 'i-0alice01');
    assert.match(target.items?.[0].detail ?? '', /InstanceId is a TARGET parameter: .*Service Catalog fills in this product's own/);
    assert.deepEqual(confirmed(kept.result).parameters, {});

    // "Enter another value…", Back to the list, then again and type one.
    const overridden = await run([{ pick: 'other' }, 'back', { pick: 'other' }, { type: 'i-0other' }, 'accept', 'accept'], args);
    assert.equal(overridden.prompts[1].value, 'i-0alice01', 'the input starts from the provided value');
    assert.deepEqual(
      titles(overridden.prompts).slice(0, 3),
      ['Execute Service Action (1/2)', 'Execute Service Action (1/2)', 'Execute Service Action (1/2)'],
      'the value is typed within the same step',
    );
    assert.deepEqual(confirmed(overridden.result).parameters, { InstanceId: ['i-0other'] });

    // Typing the provided value again is no override.
    const same = await run([{ pick: 'other' }, { type: 'i-0alice01' }, 'accept', 'accept'], args);
    assert.deepEqual(confirmed(same.result).parameters, {});
  });

  it('remembers the last choices per product and action, parameters included, and prefills the next run', async () => {
    confirmed(
      (
        await run([
          { pick: 'main-alice' },
          { pick: web01 },
          { pick: 'act-rotate0000001' },
          { pick: 'other' },
          { type: 'arn:secret:1' },
          'accept',
          { type: 'audit' },
          'accept',
          'accept',
        ])
      ).result,
    );
    const again = await run(['accept', 'accept', 'accept', 'accept', 'accept', 'accept']);
    const [profile, product, action, target, reason] = again.prompts;
    assert.equal(profile.activeKey, 'main-alice');
    assert.equal(product.activeKey, web01);
    assert.equal(action.activeKey, 'act-rotate0000001');
    assert.equal(target.activeKey, 'previous');
    assert.equal(target.items?.find((item) => item.key === 'previous')?.label, 'Use arn:secret:1');
    assert.equal(reason.value, 'audit');
    assert.deepEqual(confirmed(again.result).parameters, { Target: ['arn:secret:1'], Reason: ['audit'] });
  });

  it('never remembers a parameter whose name looks like a secret: masked when typed and reviewed, asked again by "Execute again"', async () => {
    fixture.emulator.state.serviceActions.get('act-flush00000001')!.definition.parameters.push(
      { name: 'ApiToken', type: 'TEXT_VALUE' },
      { name: 'Region', type: 'TEXT_VALUE' },
    );
    const first = await run([{ pick: 'main-alice' }, { pick: web01 }, { pick: 'act-flush00000001' }, { type: 's3cr3t-value' }, 'accept', { type: 'eu' }, 'accept', 'accept']);
    const [, , , token, regionStep, review] = first.prompts;
    assert.equal(token.password, true, 'the secret is typed in a masked box');
    assert.equal(regionStep.password, false);
    assert.ok(review.items?.some((item) => item.label === 'Parameter ApiToken: ••••••'), 'masked in the review');
    assert.deepEqual(confirmed(first.result).parameters, { ApiToken: ['s3cr3t-value'], Region: ['eu'] }, 'the execution gets it');
    assert.ok(!JSON.stringify(store.get('serviceCatalog.execute.lastChoices')).includes('s3cr3t-value'), 'nothing of it is stored');

    // The next run prefills what it may: the secret's box starts empty.
    const again = await run(['accept', 'accept', 'accept', { type: 'other-value' }, 'accept', 'accept', 'accept']);
    assert.equal(again.prompts[3].value, '');
    assert.equal(again.prompts[4].value, 'eu');

    // "Execute again" from a record passes the parameters it kept (never a secret) for review: only the secret is asked.
    const executeAgain = await run([{ type: 'third-value' }, 'accept', 'accept'], {
      profile: 'main-alice',
      region,
      provisionedProductId: web01,
      serviceActionId: 'act-flush00000001',
      parameters: { Region: ['eu'] },
      review: true,
    });
    assert.deepEqual(executeAgain.prompts.map((prompt) => prompt.kind), ['input', 'pick']);
    assert.match(executeAgain.prompts[0].text, /^ApiToken /);
    assert.deepEqual(confirmed(executeAgain.result).parameters, { Region: ['eu'], ApiToken: ['third-value'] });

    // Arguments without review (a caller that means what it passes): nothing is asked.
    const byArguments = await run([], { profile: 'main-alice', region, provisionedProductId: web01, serviceActionId: 'act-flush00000001', parameters: { Region: ['eu'] } }, { confirmBeforeExecute: false });
    assert.deepEqual(confirmed(byArguments.result).parameters, { Region: ['eu'] });
  });

  it('lets the user mark any parameter as secret: masked, reviewed masked, never kept, and remembered for the action', async () => {
    fixture.emulator.state.serviceActions.get('act-flush00000001')!.definition.parameters.push({ name: 'Region', type: 'TEXT_VALUE' });
    const first = await run([{ pick: 'main-alice' }, { pick: web01 }, { pick: 'act-flush00000001' }, 'toggleSecret', { type: 'eu-secret-region' }, 'accept', 'accept']);
    const [, , , regionStep, review] = first.prompts;
    assert.equal(regionStep.secretToggle, true, 'the box offers to mark it as secret');
    assert.equal(regionStep.password, true, 'masked once marked');
    assert.ok(review.items?.some((item) => item.label === 'Parameter Region: ••••••'), 'masked in the review');
    const plan = confirmed(first.result);
    assert.deepEqual(plan.parameters, { Region: ['eu-secret-region'] }, 'the execution gets it');
    assert.deepEqual(plan.secretParameterNames, ['Region']);
    assert.ok(!JSON.stringify(store.get('serviceCatalog.execute.lastChoices')).includes('eu-secret-region'), 'nothing of it is stored');

    // The next run of the action knows it is secret: masked from the start, empty, and asked again by "Execute again".
    const again = await run(['accept', 'accept', 'accept', { type: 'other' }, 'accept', 'accept']);
    assert.equal(again.prompts[3].password, true);
    assert.equal(again.prompts[3].value, '');
    const executeAgain = await run([{ type: 'third' }, 'accept', 'accept'], { profile: 'main-alice', region, provisionedProductId: web01, serviceActionId: 'act-flush00000001', parameters: {}, review: true });
    assert.deepEqual(executeAgain.prompts.map((prompt) => prompt.kind), ['input', 'pick']);
    assert.deepEqual(confirmed(executeAgain.result).parameters, { Region: ['third'] });

    // Unmarked: kept again for the next run.
    const unmarked = await run(['accept', 'accept', 'accept', 'toggleSecret', { type: 'eu-plain' }, 'accept', 'accept']);
    assert.deepEqual(confirmed(unmarked.result).secretParameterNames, []);
    assert.equal((await run(['accept', 'accept', 'accept', 'escape'])).prompts[3].value, 'eu-plain');
  });

  it('offers no way to unmark a parameter whose name says it is secret', async () => {
    fixture.emulator.state.serviceActions.get('act-flush00000001')!.definition.parameters.push({ name: 'DbPass', type: 'TEXT_VALUE' });
    const { prompts, result } = await run([{ pick: 'main-alice' }, { pick: web01 }, { pick: 'act-flush00000001' }, { type: 'hunter2' }, 'accept', 'accept']);
    assert.equal(prompts[3].password, true);
    assert.equal(prompts[3].secretToggle, false);
    assert.deepEqual(confirmed(result).secretParameterNames, ['DbPass']);
  });

  it('asks for the region when a profile has several', async () => {
    settings.regions = ['eu-west-1'];
    const { result, prompts } = await run([{ pick: 'main-alice' }, { pick: 'eu-west-1' }, { pick: 'pp-eualice00000026' }, 'accept', 'accept', 'accept']);
    assert.equal(prompts[1].text, 'Pick the region of the provisioned product (main-alice)');
    assert.deepEqual(prompts[1].items?.map((item) => item.key), ['us-east-1', 'eu-west-1']);
    const plan = confirmed(result);
    assert.equal(plan.products[0].region, 'eu-west-1');
    assert.equal(plan.action.id, 'act-eurestart0001');
  });

  it('skips the profile step when there is one profile to offer', async () => {
    settings.profiles = ['main-bob'];
    const { prompts } = await run(['escape']);
    assert.match(prompts[0].text, /^Pick a provisioned product .* main-bob, us-east-1$/);
    assert.equal(prompts[0].canGoBack, false);
  });

  it('lists the user’s own products when the Account access level is denied, as the tree does', async () => {
    settings.accessLevel = 'Account';
    const { prompts } = await run([{ pick: 'main-carol' }, 'escape']);
    assert.deepEqual(prompts[1].items?.map((item) => item.key), ['pp-carol00000021', 'pp-carol00000022', 'pp-carol00000023']);
  });

  it('shows the product list of earlier in the session at once and refreshes it', async () => {
    await run([{ pick: 'main-alice' }, 'escape']);
    const { prompts } = await run([{ pick: 'main-alice' }, 'escape']);
    assert.ok(prompts[1].itemsBeforeRefresh, 'the cached list was shown first');
    assert.deepEqual(
      prompts[1].itemsBeforeRefresh?.map((item) => item.key),
      prompts[1].items?.map((item) => item.key),
    );
    assert.equal(fixture.emulator.counters().calls.SearchProvisionedProducts, 2);
  });

  it('ends with the failure of a read in words free of secrets, also when the error was not classified', async () => {
    // The redactor knows the keys of the AWS files once they are read; an unclassified error echoes one.
    await fixture.context().profiles();
    const leaky = Object.create(source) as AwsCatalogSource;
    leaky.product = async () => {
      throw new Error('unexpected answer to a request signed with alice-secret-key');
    };
    source = leaky;
    const { result } = await run([], { profile: 'main-alice', region, provisionedProductId: web01 });
    const end = ended(result);
    assert.equal(end.kind, 'failed');
    const detail = end.kind === 'failed' ? end.problem.detail : '';
    assert.ok(detail.includes('unexpected answer'), detail);
    assert.ok(!detail.includes('alice-secret-key'), detail);
  });

  it('forgets the listings of earlier in the session when the AWS files are read again', async () => {
    const aws = fixture.context();
    source = new AwsCatalogSource(aws, settings);
    await run([{ pick: 'main-alice' }, 'escape']);
    await aws.reload();
    const { prompts } = await run([{ pick: 'main-alice' }, 'escape']);
    assert.equal(prompts[1].itemsBeforeRefresh, undefined);
  });

  describe('several products selected in the tree', () => {
    const node = (id: string, profile = 'main-alice') => ({ productTarget: { profile, region, provisionedProductId: id } });

    it('runs one wizard for all, keeps each product’s own TARGET, and skips those under change', async () => {
      const clicked = node('pp-alice00000009');
      const { result, prompts } = await run([{ pick: 'act-snapshot00001' }, 'accept'], clicked, {
        selection: [clicked, node('pp-alice00000010'), node('pp-alice00000012')],
      });
      assert.deepEqual(titles(prompts), ['Execute Service Action (1/2)', 'Execute Service Action (2/2)']);
      const plan = confirmed(result);
      assert.deepEqual(plan.products.map((product) => product.id), ['pp-alice00000009', 'pp-alice00000012']);
      assert.deepEqual(plan.skipped.map((skipped) => skipped.product.id), ['pp-alice00000010']);
      assert.deepEqual(plan.parameters, {});
      const labels = prompts[1].items?.map((item) => item.label) ?? [];
      assert.ok(labels.includes("Parameter DbInstanceId: each product's own, provided by Service Catalog"), labels.join('\n'));
      assert.ok(labels.some((label) => label.includes('Skipped: alice-db-10')));
      assert.equal(prompts[1].items?.[0].description, 'on 2 products');
    });

    it('refuses products of different versions', async () => {
      const clicked = node(web01);
      const { result } = await run([], clicked, { selection: [clicked, node('pp-bobxx00000017', 'main-bob')] });
      const end = ended(result);
      assert.match(end.kind === 'stopped' ? end.message : '', /same product and version: alice-web-01 is .* bob-web-05 is /);
    });
  });

  describe('what it cannot use', () => {
    it('names the parameters of the action when given one it does not have', async () => {
      const { result } = await run([], {
        profile: 'main-alice',
        region,
        provisionedProductId: web01,
        serviceActionId: 'act-rotate0000001',
        parameters: { Nope: ['1'] },
      });
      const end = ended(result);
      assert.equal(end.kind === 'stopped' ? end.message : '', 'Nope is not a parameter of Rotate-Credentials; its parameters are: Target, Reason.');
    });

    it('says when the profile does not exist', async () => {
      const end = ended((await run([], { profile: 'nobody' })).result);
      assert.equal(end.kind === 'stopped' ? end.message : '', 'Profile "nobody" is not in the AWS config or credentials file.');
    });

    it('ends with the classified problem when a read fails (expired credentials)', async () => {
      const end = ended((await run([], { profile: 'main-expired' })).result);
      assert.equal(end.kind, 'failed');
      assert.equal(end.kind === 'failed' ? end.problem.kind : '', 'expired-credentials');
      assert.match(end.kind === 'failed' ? end.doing : '', /Listing the provisioned products of main-expired in us-east-1/);
    });

    it('ends with a not-found problem for an unknown product', async () => {
      const end = ended((await run([], { profile: 'main-alice', region, provisionedProductId: 'pp-doesnotexist' })).result);
      assert.equal(end.kind === 'failed' ? end.problem.kind : '', 'not-found');
    });
  });
});
