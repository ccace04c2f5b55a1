import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExecuteCommandResult } from '../../src/execute/registerExecuteServiceAction';
import type { RecordRef } from '../../src/catalog/records';
import type { ServiceCatalogExtensionApi } from '../../src/extension';
import { getExtension } from './helpers/extension';
import { emulatorAdmin, extensionApi } from './helpers/serviceCatalogApi';
import { waitUntil } from '../../tools/waitUntil';

const profile = 'main-alice';
const region = 'us-east-1';
const resetProblem = { kind: 'not-found' as const, summary: 'Emulator reset', detail: 'The emulator was reset by the test suite.', retryable: false };

/**
 * Estimates in the real extension host, against the emulator's seed of estimates
 * (test/fixtures/seeds/estimates.json): the product's history, this machine's own runs, the tracker and the
 * status bar.
 */
describe('Estimates of how long an action takes', function () {
  this.timeout(180_000);
  const admin = emulatorAdmin();
  let api: ServiceCatalogExtensionApi;
  let speedBefore: number;
  const settings = () => vscode.workspace.getConfiguration('serviceCatalog');

  before(async () => {
    api = await extensionApi();
    speedBefore = (await admin.clock()).speed;
    await settings().update('confirmBeforeExecute', false, vscode.ConfigurationTarget.Global);
    await admin.reset(path.join(getExtension().extensionPath, 'test', 'fixtures', 'seeds', 'estimates.json'));
    // The reset emptied the emulator: records earlier suites left in flight can no longer end, and would count in the status bar.
    api.records.tracker.forget(() => true, resetProblem);
    await admin.clearFaults();
    await admin.setClockSpeed(1);
  });

  after(async () => {
    await settings().update('confirmBeforeExecute', undefined, vscode.ConfigurationTarget.Global);
    await admin.reset();
    api.records.tracker.forget(() => true, resetProblem);
    await admin.setClockSpeed(speedBefore);
  });

  async function execute(provisionedProductId: string, serviceActionId: string): Promise<RecordRef> {
    const result = (await vscode.commands.executeCommand('serviceCatalog.executeServiceAction', { profile, region, provisionedProductId, serviceActionId, parameters: {} })) as ExecuteCommandResult;
    assert.equal(result.outcome, 'executed', JSON.stringify(result));
    return result.outcome === 'executed' ? result.started[0] : assert.fail('not executed');
  }

  const ended = (ref: RecordRef) => waitUntil(`record ${ref.recordId} to end`, () => api.records.tracker.snapshot(ref)?.connection === 'ended', 120_000);

  it('follows a run with the estimate of its action from the product’s history, and shows how long is left in the status bar', async () => {
    const ref = await execute('pp-alice0index001', 'act-reindex000001');
    const estimate = await waitUntil('the estimate', () => api.records.tracker.snapshot(ref)?.estimate, 30_000);
    assert.equal(estimate.runs, 7);
    assert.ok(Math.abs(estimate.typicalMs - 40_000) <= 4_000, String(estimate.typicalMs));
    assert.ok(estimate.lowMs <= estimate.typicalMs && estimate.typicalMs <= estimate.highMs);
    await waitUntil('the status bar to say how long is left', () => /^\$\(sync~spin\) 1 action running, (about \d+ s left|ending soon)$/.test(api.records.statusBar.text ?? ''), 15_000);

    await admin.setClockSpeed(10);
    await ended(ref);
    await admin.setClockSpeed(1);
    assert.equal(api.records.tracker.snapshot(ref)?.record?.Status, 'SUCCEEDED');
    const kept = await waitUntil('the run in the execution history', () => api.records.executions.entries().find((entry) => entry.ref.recordId === ref.recordId));
    assert.equal(kept.serviceActionId, 'act-reindex000001');
    assert.equal(kept.productId, 'prod-indexer00001');
    // The status bar's tick runs on the records' counted timers: it stops once nothing runs.
    await waitUntil('no records timer pending', () => api.records.tracker.inFlight().length === 0 && api.records.usage().activeTimers === 0, 15_000);
  });

  it("estimates an action whose records cannot be told apart from the product's history alone from the runs this machine made", async () => {
    const query = { profile, region, productId: 'prod-indexer00001', provisioningArtifactId: 'pa-indexv20000001', serviceActionId: 'act-compact000001' };
    assert.equal(await api.records.estimateDuration(query), undefined, 'two actions on v2.0: its earlier runs could be either');
    await admin.setClockSpeed(20);
    for (let run = 0; run < 2; run++) {
      await ended(await execute('pp-alice0index003', 'act-compact000001'));
    }
    await admin.setClockSpeed(1);
    const estimate = await api.records.estimateDuration(query);
    assert.equal(estimate?.runs, 2, JSON.stringify(estimate));
    assert.ok(estimate!.typicalMs >= 110_000 && estimate!.typicalMs <= 130_000, String(estimate?.typicalMs));
    const rebuild = await api.records.estimateDuration({ ...query, serviceActionId: 'act-reindex000001' });
    assert.equal(rebuild?.runs, 8, "Rebuild-Index: its seven earlier runs and this machine's own, never Compact-Index's");
  });
});
