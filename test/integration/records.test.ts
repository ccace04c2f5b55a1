import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { AwsContext } from '../../src/aws/awsContext';
import { SecretRedactor } from '../../src/aws/secrets';
import type { RecordPanel } from '../../src/records/panel/recordPanel';
import type { RecordRef, RecordSnapshot } from '../../src/catalog/records';
import type { RecordsPart } from '../../src/records/registerRecords';
import { panelStateVersion, recordPanelViewType, type RecordView } from '../../src/shared/protocol';
import { emulatorAdmin, extensionApi } from './helpers/serviceCatalogApi';
import { waitUntil } from '../../tools/waitUntil';

/**
 * The live record panel in the real VS Code against the emulator: records are started over HTTP with
 * the real SDK, then followed by the extension's own tracker and shown in its panels.
 */
describe('Record panel', function () {
  this.timeout(120_000);
  let records: RecordsPart;
  let aws: AwsContext;
  let speedBefore: number;
  const admin = emulatorAdmin();

  before(async () => {
    records = (await extensionApi()).records;
    aws = new AwsContext({ askMfaCode: async () => undefined, acceptLanguage: () => 'en', redactor: new SecretRedactor() });
    speedBefore = (await admin.clock()).speed;
    await admin.reset();
    // The reset emptied the emulator: records earlier suites left in flight can no longer end, so this suite starts without them.
    records.tracker.forget(() => true, { kind: 'not-found', summary: 'Emulator reset', detail: 'The emulator was reset by the test suite.', retryable: false });
    await admin.setClockSpeed(2);
  });

  after(async () => {
    aws.dispose();
    await admin.clearFaults();
    await admin.setClockSpeed(speedBefore);
  });

  afterEach(async () => {
    await admin.clearFaults();
    for (const panel of [...records.panels.openPanels]) {
      panel.panel.dispose();
    }
  });

  /** Runs a service action through the emulator and hands the record to the extension, as the execute command does. */
  async function executeAndShow(provisionedProductId: string, serviceActionId: string, serviceActionName: string): Promise<{ ref: RecordRef; panel: RecordPanel }> {
    const api = await aws.apiFor('main-alice', 'us-east-1');
    const record = await api.executeServiceAction({ provisionedProductId, serviceActionId, executeToken: randomUUID() });
    const ref: RecordRef = { profile: 'main-alice', region: 'us-east-1', recordId: record.RecordId! };
    records.tracker.watch(ref, { provisionedProductId, serviceActionId, serviceActionName, accountId: '111111111111' }, record);
    await vscode.commands.executeCommand('serviceCatalog.showRecord', ref);
    const panel = records.panels.find(ref);
    assert.ok(panel, 'serviceCatalog.showRecord opened a panel');
    await waitUntil('the webview to load its script and say it is ready', () => panel.isReady);
    return { ref, panel };
  }

  const viewWhen = (panel: RecordPanel, what: string, condition: (view: RecordView) => boolean, timeoutMs = 60_000) =>
    waitUntil(what, () => (condition(panel.currentView) ? panel.currentView : undefined), timeoutMs);

  it('follows an execution to SUCCEEDED, with the status bar showing it while it runs', async () => {
    const { ref, panel } = await executeAndShow('pp-alice00000001', 'act-restart000001', 'Restart-Instance');
    assert.deepEqual(records.tracker.inFlight().map((snapshot) => snapshot.ref.recordId), [ref.recordId]);
    assert.match(records.statusBar.text ?? '', /1 action running/);
    assert.equal(panel.panel.title, 'Restart-Instance on alice-web-01');
    const ended = await viewWhen(panel, 'SUCCEEDED', (view) => view.status === 'SUCCEEDED');
    const statuses = ended.statusHistory.map((entry) => entry.status);
    assert.equal(statuses[0], 'CREATED');
    assert.ok(statuses.includes('IN_PROGRESS'), statuses.join(' > '));
    assert.equal(statuses[statuses.length - 1], 'SUCCEEDED');
    assert.equal(ended.connection, 'ended');
    assert.deepEqual(ended.outputs.map((output) => output.key).sort(), ['InstanceState', 'RestartedInstance']);
    assert.equal(ended.canExecuteAgain, true);
    assert.equal(ended.hasConsoleLink, true);
    await waitUntil('the status bar item to hide', () => records.statusBar.text === undefined);
    assert.ok(panel.isReady, 'the webview is still alive');
  });

  it('opens the panel of an execution made by "Execute Service Action", with the action, product and parameters', async () => {
    const settings = vscode.workspace.getConfiguration('serviceCatalog');
    await settings.update('confirmBeforeExecute', false, vscode.ConfigurationTarget.Global);
    try {
      const result = (await vscode.commands.executeCommand('serviceCatalog.executeServiceAction', {
        profile: 'main-alice',
        region: 'us-east-1',
        provisionedProductId: 'pp-alice00000007',
        serviceActionId: 'act-restart000001',
        parameters: { InstanceId: ['i-0custom'] },
      })) as { started?: RecordRef[] } | undefined;
      const ref = result?.started?.[0];
      assert.ok(ref, `the command started a record: ${JSON.stringify(result)}`);
      const panel = await waitUntil('the record panel to open', () => records.panels.find(ref));
      await waitUntil('the webview to be ready', () => panel.isReady);
      const ended = await viewWhen(panel, 'SUCCEEDED', (view) => view.status === 'SUCCEEDED');
      assert.equal(panel.panel.title, 'Restart-Instance on alice-web-07');
      assert.equal(ended.actionName, 'Restart-Instance');
      assert.equal(ended.accountId, '111111111111');
      assert.deepEqual(ended.parameters, [{ name: 'InstanceId', values: ['i-0custom'] }]);
      assert.ok(ended.outputs.some((output) => output.value === 'i-0custom'), 'the output echoes the parameter');
      assert.equal(ended.canExecuteAgain, true);
    } finally {
      await settings.update('confirmBeforeExecute', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('shows every error of the failing action, after it was failing-but-not-finished', async () => {
    const { panel } = await executeAndShow('pp-alice00000002', 'act-rotate0000001', 'Rotate-Credentials');
    const ended = await viewWhen(panel, 'FAILED', (view) => view.status === 'FAILED');
    assert.deepEqual(
      ended.errors.map((error) => error.code),
      ['AutomationStepFailed', 'RollbackStarted', 'RollbackComplete'],
    );
    assert.match(ended.errors[0].description, /AccessDenied on secretsmanager:RotateSecret/);
    assert.ok(ended.statusHistory.some((entry) => entry.status === 'IN_PROGRESS_IN_ERROR'), 'IN_PROGRESS_IN_ERROR was shown');
  });

  it('shows every output of a record whose outputs span several pages', async () => {
    const { panel } = await executeAndShow('pp-alice00000003', 'act-export0000001', 'Export-Logs');
    const ended = await viewWhen(panel, 'SUCCEEDED', (view) => view.status === 'SUCCEEDED');
    assert.equal(ended.outputs.length, 45);
    assert.equal(new Set(ended.outputs.map((output) => output.key)).size, 45);
  });

  it('says reconnecting through throttling and a dropped connection, then recovers by itself', async () => {
    await admin.setClockSpeed(1);
    const { ref, panel } = await executeAndShow('pp-alice00000009', 'act-snapshot00001', 'Snapshot-Database');
    const seen: RecordSnapshot[] = [];
    const subscription = records.tracker.onDidChange((snapshot) => seen.push(snapshot));
    try {
      await viewWhen(panel, 'a first answer', (view) => view.fetchedAt !== undefined);

      await admin.setFaults([{ kind: 'throttle', operation: 'DescribeRecord', forMs: 6_000 }]);
      const throttled = await viewWhen(panel, 'reconnecting after throttling', (view) => view.connection === 'reconnecting');
      assert.match(throttled.problem?.summary ?? '', /throttl/i);
      assert.ok(throttled.status === 'CREATED' || throttled.status === 'IN_PROGRESS', 'the last known status stays, marked as not fresh');
      assert.ok(throttled.fetchedAt !== undefined && throttled.nextPollAt !== undefined);
      await viewWhen(panel, 'live again after throttling', (view) => view.connection === 'live');

      await admin.setFaults([{ kind: 'drop', operation: 'DescribeRecord', times: 6 }]);
      const dropped = await viewWhen(panel, 'reconnecting after dropped connections', (view) => view.connection === 'reconnecting');
      assert.ok(dropped.problem, 'the problem is shown');

      const ended = await viewWhen(panel, 'SUCCEEDED after recovering', (view) => view.status === 'SUCCEEDED', 90_000);
      assert.equal(ended.problem, undefined);
      assert.equal(ended.connection, 'ended');
      assert.ok(seen.filter((snapshot) => snapshot.ref.recordId === ref.recordId && snapshot.connection === 'reconnecting').length >= 2);
    } finally {
      subscription.dispose();
      await admin.setClockSpeed(2);
    }
  });

  it('stops following a record in flight whose profile is gone: the panel says why, nothing counts it as running', async () => {
    const ref: RecordRef = { profile: 'profile-removed-from-config', region: 'us-east-1', recordId: 'rec-profilegone01' };
    const reasons: string[] = [];
    const subscription = records.tracker.onDidStopWatching((snapshot, reason) => {
      if (snapshot.ref.recordId === ref.recordId) reasons.push(reason);
    });
    try {
      records.tracker.watch(ref, { serviceActionName: 'Restart-Instance', provisionedProductName: 'alice-web-01' }, { RecordId: ref.recordId, Status: 'IN_PROGRESS' });
      await vscode.commands.executeCommand('serviceCatalog.showRecord', ref);
      const panel = records.panels.find(ref);
      assert.ok(panel);
      const stopped = await viewWhen(panel, 'polling to stop', (view) => view.connection === 'ended', 30_000);
      assert.equal(stopped.problem?.summary, 'Profile not found');
      assert.match(stopped.problem?.detail ?? '', /profile-removed-from-config/);
      assert.equal(stopped.status, 'IN_PROGRESS', 'the last status it knew stays on show');
      assert.deepEqual(reasons, ['cannot-follow']);
      assert.ok(!records.tracker.inFlight().some((snapshot) => snapshot.ref.recordId === ref.recordId), 'not counted as running');
    } finally {
      subscription.dispose();
    }
  });

  it('reveals the existing panel when the same record is shown again', async () => {
    const ref: RecordRef = { profile: 'main-alice', region: 'us-east-1', recordId: 'rec-prov000000001' };
    await vscode.commands.executeCommand('serviceCatalog.showRecord', ref);
    const first = records.panels.find(ref);
    assert.ok(first);
    await waitUntil('the history record to load', () => first.currentView.status === 'SUCCEEDED');

    // A file, not an untitled document: closing a dirty untitled one asks whether to save it (VS Code 1.139 waits for the answer).
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(__filename));
    await vscode.window.showTextDocument(document, { viewColumn: first.panel.viewColumn, preview: false });
    await waitUntil('the panel to be behind the editor', () => !first.panel.active);

    await vscode.commands.executeCommand('serviceCatalog.showRecord', { ...ref });
    assert.equal(records.panels.openPanels.filter((panel) => panel.ref.recordId === ref.recordId).length, 1);
    assert.equal(records.panels.find(ref), first);
    await waitUntil('the same panel to come to the front', () => first.panel.active);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('restores a panel from the state its webview saved, and closes one whose state is not ours', async () => {
    const ref: RecordRef = { profile: 'main-alice', region: 'us-east-1', recordId: 'rec-failedexec001' };
    const restoredPanel = vscode.window.createWebviewPanel(recordPanelViewType, 'restoring', vscode.ViewColumn.Active);
    await records.panels.deserializeWebviewPanel(restoredPanel, { version: panelStateVersion, ref });
    const restored = records.panels.find(ref);
    assert.ok(restored, 'the serializer adopted the panel');
    await waitUntil('the restored webview to be ready', () => restored.isReady);
    await waitUntil('the record to be shown', () => restored.currentView.status === 'FAILED');

    const foreign = vscode.window.createWebviewPanel(recordPanelViewType, 'foreign', vscode.ViewColumn.Active);
    let closed = false;
    foreign.onDidDispose(() => (closed = true));
    await records.panels.deserializeWebviewPanel(foreign, { version: 999, ref: '<script>' });
    assert.ok(closed, 'a state from another version or a damaged one closes the panel');
  });

  it('refuses a Show Record argument that is not a record reference', async () => {
    const before = records.panels.openPanels.length;
    await vscode.commands.executeCommand('serviceCatalog.showRecord', { recordId: 'rec-1' });
    await vscode.commands.executeCommand('serviceCatalog.showRecord', { profile: 'main-alice', region: '../../evil', recordId: 'rec-1' });
    assert.equal(records.panels.openPanels.length, before);
  });
});
