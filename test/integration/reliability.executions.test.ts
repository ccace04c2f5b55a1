import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { ExecuteCommandResult } from '../../src/execute/registerExecuteServiceAction';
import type { ServiceCatalogExtensionApi } from '../../src/extension';
import type { RecordRef } from '../../src/catalog/records';
import { atLimits, pastLimits } from '../fixtures/parameterValues';
import { getExtension } from './helpers/extension';
import { emulatorAdmin, extensionApi } from './helpers/serviceCatalogApi';
import { waitUntil } from '../../tools/waitUntil';
import { integrationReportPrefix, integrationTestEnv } from './testEnvironment';

const command = 'serviceCatalog.executeServiceAction';
const executeOperation = 'ExecuteProvisionedProductServiceAction';
const profile = 'main-alice';
const region = 'us-east-1';
/** The web server v1 products of alice, which have Flush-Cache (2 s) and Limits-Check (2 s). */
const products = Array.from({ length: 8 }, (_, i) => `pp-alice0000000${i + 1}`);

/** A line in the run's report (the runner prints the lines that carry the prefix). */
function report(line: string): void {
  console.log(process.env[integrationTestEnv.prefixReport] === '1' ? `${integrationReportPrefix}      ${line}` : `      ${line}`);
}

/** The garbage collector, which the extension host does not expose by default. */
function collectGarbage(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/**
 * Many executions through the command's arguments, as another extension or a script would run them:
 * nothing stays behind (pollers, timers, listeners, panels, pending requests), memory stays flat, and
 * parameter values at the limits go through while those past them are refused with the limit named.
 */
describe('Reliability: consecutive executions and parameters at the limits', function () {
  this.timeout(120_000);
  const admin = emulatorAdmin();
  let api: ServiceCatalogExtensionApi;
  let speedBefore: number;
  const settings = () => vscode.workspace.getConfiguration('serviceCatalog');

  before(async () => {
    api = await extensionApi();
    speedBefore = (await admin.clock()).speed;
    await settings().update('confirmBeforeExecute', false, vscode.ConfigurationTarget.Global);
    await admin.clearFaults();
    await admin.reset(path.join(getExtension().extensionPath, 'test', 'fixtures', 'seeds', 'reliability.json'));
    // Each 2-second action ends within a few milliseconds of real time.
    await admin.setClockSpeed(200);
  });

  after(async () => {
    await settings().update('confirmBeforeExecute', undefined, vscode.ConfigurationTarget.Global);
    await waitUntil('every record to end', () => api.records.tracker.inFlight().length === 0, 60_000).catch(() => undefined);
    await admin.reset();
    await admin.setClockSpeed(speedBefore);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  async function execute(provisionedProductId: string, serviceActionId: string, parameters: Record<string, string[]> = {}): Promise<ExecuteCommandResult> {
    return (await vscode.commands.executeCommand(command, { profile, region, provisionedProductId, serviceActionId, parameters })) as ExecuteCommandResult;
  }

  function started(result: ExecuteCommandResult): RecordRef {
    assert.equal(result.outcome, 'executed', JSON.stringify(result).slice(0, 500));
    const refs = result.outcome === 'executed' ? result.started : [];
    assert.equal(refs.length, 1, JSON.stringify(result).slice(0, 500));
    return refs[0];
  }

  /** Runs one execution and closes its panel, as a user who glances at it and moves on. */
  async function executeAndClose(index: number, serviceActionId = 'act-flush00000001', parameters: Record<string, string[]> = {}): Promise<RecordRef> {
    const ref = started(await execute(products[index % products.length], serviceActionId, parameters));
    api.records.panels.find(ref)?.panel.dispose();
    return ref;
  }

  const webviewTabs = () =>
    vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputWebview)
      .map((tab) => tab.label);

  const allEnded = () =>
    waitUntil(
      'every record to end and its poller and timers to stop',
      () => {
        const usage = api.records.usage();
        return api.records.tracker.inFlight().length === 0 && usage.activePollers === 0 && usage.activeTimers === 0 ? usage : undefined;
      },
      60_000,
    );

  it('runs 100 executions one after another with no leaked poller, timer, listener, panel or pending request, and flat memory', async function () {
    this.timeout(600_000);
    const gc = collectGarbage();
    // Warm up: the SDK loaded, clients made, code paths compiled.
    for (let i = 0; i < 5; i++) await executeAndClose(i);
    await allEnded();
    await vscode.commands.executeCommand('notifications.clearAll');
    // VS Code removes a closed panel's tab a moment after the panel is disposed.
    const ourTabsClosed = () => waitUntil('the panels\' tabs to close', () => !webviewTabs().some((label) => label.startsWith('Flush-Cache on ')), 30_000);
    await ourTabsClosed();
    const countersBefore = await admin.counters();
    const before = api.records.usage();
    const tabsBefore = webviewTabs();
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const startedAt = Date.now();

    const refs: RecordRef[] = [];
    for (let i = 0; i < 100; i++) {
      // The tracker drops old ended records as it starts watching a new one: with the 99 before it ended, the last
      // one leaves a number that does not depend on how many were still running (see below).
      if (i === 99) await allEnded();
      refs.push(await executeAndClose(i));
      if (i % 10 === 9) await vscode.commands.executeCommand('notifications.clearAll');
    }
    const took = Date.now() - startedAt;
    const after = await allEnded();

    assert.equal(new Set(refs.map((ref) => ref.recordId)).size, 100, 'a record per execution');
    for (const ref of refs.slice(-10)) {
      assert.equal(api.records.tracker.snapshot(ref)?.record?.Status, 'SUCCEEDED', ref.recordId);
    }
    assert.equal(after.activePollers, 0, 'no poller is scheduled or polling');
    assert.equal(after.activeTimers, 0, 'no timer is pending');
    assert.equal(after.listeners, before.listeners, 'the tracker has as many listeners as before');
    assert.equal(after.openPanels, 0, 'no record panel is open');
    await ourTabsClosed();
    assert.deepEqual(webviewTabs(), tabsBefore, 'no webview tab is left');
    // Ended records beyond the 50 most recent are dropped when a new one is watched: of this test's 100, what stays is
    // the 50 newest of the 99 that had ended when the last one started, and the last one. (Records the suites before
    // this one left are older, so dropped first, and not counted here: whether they are kept is for them to check.)
    const kept = refs.filter((ref) => api.records.tracker.snapshot(ref) !== undefined).length;
    assert.equal(api.records.tracker.snapshot(refs[0]), undefined, 'the first of the 100 records was dropped');
    assert.equal(kept, 51, `the tracker keeps ${kept} of the 100 records (${after.records} records in all, ${before.records} before them)`);
    assert.deepEqual(api.execute.pending.mine(), [], 'no request is left pending');
    assert.equal(api.records.statusBar.text, undefined, 'the status bar item is hidden');

    const counters = await admin.counters();
    assert.equal(counters.executions.total - countersBefore.executions.total, 100, 'each ran once');
    assert.ok(Object.values(counters.executions.byExecuteToken).every((count) => count === 1), 'one record per token');
    assert.equal(counters.calls[executeOperation] - countersBefore.calls[executeOperation], 100, 'one call per execution');

    await vscode.commands.executeCommand('notifications.clearAll');
    gc();
    const heapAfter = process.memoryUsage().heapUsed;
    const growth = heapAfter - heapBefore;
    report(
      `100 executions in ${(took / 1000).toFixed(1)} s; extension host heap ${megabytes(heapBefore)} MB before, ${megabytes(heapAfter)} MB after (${growth >= 0 ? '+' : ''}${megabytes(growth)} MB, bound +40 MB); ` +
        `tracker keeps ${kept} of the 100 records (${after.records} in all), ${after.listeners} listeners`,
    );
    // The whole extension host's heap (every extension, VS Code's own caches): a generous bound that a leak of panels or records would still break.
    assert.ok(growth < 40 * 1024 * 1024, `heap grew by ${megabytes(growth)} MB`);
  });

  for (const testCase of pastLimits) {
    it(`refuses parameters past the limits, naming the limit: ${testCase.name}`, async () => {
      const calls = (await admin.counters()).calls[executeOperation] ?? 0;
      const result = await execute('pp-alice00000001', 'act-limits000001', testCase.parameters);
      assert.equal(result.outcome, 'invalid-arguments', JSON.stringify(result).slice(0, 300));
      assert.match(result.outcome === 'invalid-arguments' ? result.message : '', testCase.message);
      assert.equal((await admin.counters()).calls[executeOperation] ?? 0, calls, 'nothing was sent');
    });
  }

  atLimits.forEach((testCase, index) => {
    it(`executes parameters at the limits unchanged: ${testCase.name}`, async () => {
      const executions = (await admin.counters()).executions.total;
      const ref = await executeAndClose(index, 'act-limits000001', testCase.parameters);
      assert.deepEqual(api.records.tracker.snapshot(ref)?.origin.parameters, testCase.parameters);
      assert.equal((await admin.counters()).executions.total, executions + 1);
      const ended = await waitUntil('the record to end', () => {
        const snapshot = api.records.tracker.snapshot(ref);
        return snapshot?.connection === 'ended' ? snapshot : undefined;
      });
      assert.equal(ended.record?.Status, 'SUCCEEDED', JSON.stringify(ended.problem));
    });
  });
});
