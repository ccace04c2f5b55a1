import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { AwsContext } from '../../src/aws/awsContext';
import { SecretRedactor } from '../../src/aws/secrets';
import type { ExecuteCommandResult } from '../../src/execute/registerExecuteServiceAction';
import type { RecordRef, RecordSnapshot } from '../../src/catalog/records';
import type { ServiceCatalogExtensionApi } from '../../src/extension';
import { emulatorAdmin, extensionApi } from './helpers/serviceCatalogApi';
import { waitUntil } from '../../tools/waitUntil';

const command = 'serviceCatalog.executeServiceAction';
const executeOperation = 'ExecuteProvisionedProductServiceAction';
const profile = 'main-alice';
const region = 'us-east-1';

/**
 * "Execute Service Action" in the real VS Code, called with arguments (every step answered, no
 * confirmation), against the emulator over HTTP: the extension's own wizard, runner and tracker.
 */
describe('Execute Service Action', function () {
  this.timeout(120_000);
  const admin = emulatorAdmin();
  let api: ServiceCatalogExtensionApi;
  let speedBefore: number;
  const settings = () => vscode.workspace.getConfiguration('serviceCatalog');

  before(async () => {
    api = await extensionApi();
    speedBefore = (await admin.clock()).speed;
    await settings().update('confirmBeforeExecute', false, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await settings().update('confirmBeforeExecute', undefined, vscode.ConfigurationTarget.Global);
    await admin.clearFaults();
    await admin.setClockSpeed(speedBefore);
  });

  beforeEach(async () => {
    await admin.reset();
    await admin.clearFaults();
    await admin.setClockSpeed(5);
  });

  afterEach(async () => {
    for (const panel of [...api.records.panels.openPanels]) {
      panel.panel.dispose();
    }
  });

  /** Every step answered; `parameters: {}` leaves every parameter to Service Catalog's value (no parameter step). */
  async function execute(provisionedProductId: string, serviceActionId: string, parameters: Record<string, string[]> = {}): Promise<ExecuteCommandResult> {
    return (await vscode.commands.executeCommand(command, { profile, region, provisionedProductId, serviceActionId, parameters })) as ExecuteCommandResult;
  }

  /** Runs the command and keeps sending `quickInputCommand` to whatever quick input it shows, until it settles. */
  async function driveWizard(args: unknown, quickInputCommand: string): Promise<ExecuteCommandResult> {
    let result: ExecuteCommandResult | undefined;
    const running = vscode.commands.executeCommand<ExecuteCommandResult>(command, args).then((value) => (result = value));
    await waitUntil(`the wizard to settle on ${quickInputCommand}`, async () => {
      await vscode.commands.executeCommand(quickInputCommand);
      return result !== undefined;
    });
    await running;
    return result!;
  }

  function startedRecord(result: ExecuteCommandResult): RecordRef {
    assert.equal(result.outcome, 'executed', JSON.stringify(result));
    const started = result.outcome === 'executed' ? result.started : [];
    assert.equal(started.length, 1, JSON.stringify(result));
    return started[0];
  }

  const ended = (ref: RecordRef): Promise<RecordSnapshot> =>
    waitUntil(
      `record ${ref.recordId} to end`,
      () => {
        const snapshot = api.records.tracker.snapshot(ref);
        return snapshot?.connection === 'ended' ? snapshot : undefined;
      },
      60_000,
    );

  it('executes with arguments, opens the record and follows it to SUCCEEDED', async () => {
    const ref = startedRecord(await execute('pp-alice00000004', 'act-restart000001'));
    assert.equal(ref.profile, profile);
    assert.equal(ref.region, region);
    assert.ok(api.records.panels.find(ref), 'the record panel opened');
    assert.deepEqual(api.execute.pending.mine(), [], 'no request is left pending');

    const snapshot = await ended(ref);
    assert.equal(snapshot.record?.Status, 'SUCCEEDED');
    assert.equal(snapshot.origin.serviceActionName, 'Restart-Instance');
    assert.equal(snapshot.origin.provisionedProductName, 'alice-web-04');
    assert.equal(snapshot.origin.accountId, '111111111111');
    const counters = await admin.counters();
    assert.equal(counters.executions.total, 1);
  });

  it('reaches FAILED with the errors of the failing action', async () => {
    const ref = startedRecord(await execute('pp-alice00000005', 'act-rotate0000001', { Reason: ['integration test'] }));
    const snapshot = await ended(ref);
    assert.equal(snapshot.record?.Status, 'FAILED');
    assert.deepEqual(
      snapshot.record?.RecordErrors?.map((error) => error.Code),
      ['AutomationStepFailed', 'RollbackStarted', 'RollbackComplete'],
    );
    assert.deepEqual(snapshot.origin.parameters, { Reason: ['integration test'] });
  });

  it('refuses a product under change, naming the record that is running', async () => {
    const seeded = await vscode.commands.executeCommand<ExecuteCommandResult>(command, {
      profile,
      region,
      provisionedProductId: 'pp-alice00000010',
      serviceActionId: 'act-snapshot00001',
    });
    assert.equal(seeded.outcome, 'ended', JSON.stringify(seeded));
    assert.match(seeded.outcome === 'ended' ? seeded.message : '', /alice-db-10 is under change: record rec-inprogress001 is still running/);

    await admin.setClockSpeed(1);
    const first = startedRecord(await execute('pp-alice00000006', 'act-restart000001'));
    const second = await execute('pp-alice00000006', 'act-restart000001');
    const message = second.outcome === 'ended' ? second.message : second.outcome === 'executed' ? second.notStarted[0]?.message : '';
    assert.match(message ?? '', new RegExp(`alice-web-06 is under change: record ${first.recordId} is still running`), JSON.stringify(second));
    assert.equal((await admin.counters()).executions.total, 1);
  });

  it('retries a throttled execute with the same token and makes exactly one record', async () => {
    // The SDK makes three attempts; the fourth (the extension's own retry) is throttled too, the fifth gets through.
    await admin.setFaults([{ kind: 'throttle', operation: executeOperation, times: 4 }]);
    const ref = startedRecord(await execute('pp-alice00000007', 'act-restart000001'));
    const counters = await admin.counters();
    assert.equal(counters.faults.throttle, 4);
    assert.equal(counters.calls[executeOperation], 5);
    assert.equal(counters.executions.total, 1);
    const tokens = Object.entries(counters.executions.byExecuteToken);
    assert.equal(tokens.length, 1, 'one token for every attempt');
    assert.equal(tokens[0][1], 1);
    assert.equal((await ended(ref)).record?.Status, 'SUCCEEDED');
  });

  it('does not create a second record when a reload came between saving the request and its answer', async () => {
    // The request reached Service Catalog, then the window reloaded before the answer was handled:
    // globalState still holds the pending request with its token.
    const executeToken = randomUUID();
    const aws = new AwsContext({ askMfaCode: async () => undefined, acceptLanguage: () => 'en', redactor: new SecretRedactor() });
    let original;
    try {
      original = await (await aws.apiFor(profile, region)).executeServiceAction({
        provisionedProductId: 'pp-alice00000008',
        serviceActionId: 'act-restart000001',
        executeToken,
      });
    } finally {
      aws.dispose();
    }
    await api.execute.pending.put({
      executeToken,
      profile,
      region,
      provisionedProductId: 'pp-alice00000008',
      provisionedProductName: 'alice-web-08',
      serviceActionId: 'act-restart000001',
      serviceActionName: 'Restart-Instance',
      parameters: {},
      createdAt: Date.now(),
    });

    // What activation does after the reload.
    await api.execute.resumePending();

    assert.deepEqual(api.execute.pending.mine(), []);
    const counters = await admin.counters();
    assert.equal(counters.executions.total, 1);
    assert.deepEqual(counters.executions.byExecuteToken, { [executeToken]: 1 });
    assert.equal(counters.calls[executeOperation], 2, 'the pending request was sent again, with its own token');
    const ref = { profile, region, recordId: original.RecordId! };
    assert.ok(api.records.tracker.snapshot(ref), 'the original record is followed');
    assert.equal((await ended(ref)).record?.Status, 'SUCCEEDED');
  });

  it('on activation, sends no older pending request without asking, and drops one older than a token can be relied on', async () => {
    const entry = (executeToken: string, ageMs: number, provisionedProductId: string) => ({
      executeToken,
      profile,
      region,
      provisionedProductId,
      serviceActionId: 'act-restart000001',
      parameters: {},
      createdAt: Date.now() - ageMs,
    });
    const older = [entry(randomUUID(), 30 * 60_000, 'pp-alice00000009'), entry(randomUUID(), 3 * 3_600_000, 'pp-alice00000011')];
    const tooOld = entry(randomUUID(), 25 * 3_600_000, 'pp-alice00000012');
    for (const pending of [...older, tooOld]) {
      await api.execute.pending.put(pending);
    }
    try {
      // What activation does: one question about the older two (not awaited), the too old one dropped.
      await api.execute.resumePending();
      assert.deepEqual(
        api.execute.pending.mine().map((pending) => pending.executeToken).sort(),
        older.map((pending) => pending.executeToken).sort(),
        'the older requests wait for the answer; the one older than 24 hours is gone',
      );
      assert.equal((await admin.counters()).calls[executeOperation], undefined, 'nothing was sent');
    } finally {
      for (const pending of older) {
        await api.execute.pending.remove(pending.executeToken);
      }
    }
  });

  describe('with its quick inputs', () => {
    before(async () => {
      await settings().update('confirmBeforeExecute', undefined, vscode.ConfigurationTarget.Global);
    });
    after(async () => {
      await settings().update('confirmBeforeExecute', false, vscode.ConfigurationTarget.Global);
    });

    it('ends on Escape and executes nothing', async () => {
      const result = await driveWizard({ profile, region }, 'workbench.action.closeQuickOpen');
      assert.deepEqual(result, { outcome: 'cancelled' });
      const review = await driveWizard({ profile, region, provisionedProductId: 'pp-alice00000002', serviceActionId: 'act-restart000001', parameters: {} }, 'workbench.action.closeQuickOpen');
      assert.deepEqual(review, { outcome: 'cancelled' });
      assert.equal((await admin.counters()).calls[executeOperation], undefined);
    });

    it('runs one action on several selected products, each with its own token and record', async () => {
      const node = (provisionedProductId: string) => ({ productTarget: { profile, region, provisionedProductId } });
      const clicked = node('pp-alice00000001');
      let result: ExecuteCommandResult | undefined;
      // As VS Code calls an item command with several items selected: the clicked node, then the selection.
      const running = vscode.commands
        .executeCommand<ExecuteCommandResult>(command, clicked, [clicked, node('pp-alice00000002'), node('pp-alice00000003')])
        .then((value) => (result = value));
      // The action step (Enter picks the first action offered), then the review.
      await waitUntil('the wizard to execute', async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return result !== undefined;
      });
      await running;
      assert.equal(result?.outcome, 'executed', JSON.stringify(result));
      const started = result?.outcome === 'executed' ? result.started : [];
      assert.equal(started.length, 3);
      const counters = await admin.counters();
      assert.equal(counters.executions.total, 3);
      assert.deepEqual(Object.keys(counters.executions.byProvisionedProduct).sort(), ['pp-alice00000001', 'pp-alice00000002', 'pp-alice00000003']);
      assert.equal(Object.keys(counters.executions.byExecuteToken).length, 3, 'one token per product');
      for (const ref of started) {
        assert.ok((await ended(ref)).record?.Status);
      }
    });

    it('keeps the TARGET and confirms the review with Enter alone', async () => {
      const result = await driveWizard({ profile, region, provisionedProductId: 'pp-alice00000003', serviceActionId: 'act-restart000001' }, 'workbench.action.acceptSelectedQuickOpenItem');
      const ref = startedRecord(result);
      const counters = await admin.counters();
      assert.equal(counters.executions.total, 1);
      const snapshot = await ended(ref);
      assert.deepEqual(snapshot.origin.parameters, {}, 'the TARGET was left to Service Catalog');
      assert.equal(snapshot.record?.Status, 'SUCCEEDED');
    });
  });

  it('says what is wrong with arguments it cannot use, and runs nothing', async () => {
    const result = await vscode.commands.executeCommand<ExecuteCommandResult>(command, { profile, provisionedProductId: 'pp-alice00000001' });
    assert.deepEqual(result, {
      outcome: 'invalid-arguments',
      message: 'Execute Service Action was called with arguments it cannot use: "provisionedProductId" needs "profile" and "region" too.',
    });
    assert.equal((await admin.counters()).calls[executeOperation], undefined);
  });
});
