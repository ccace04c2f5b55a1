import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExecuteCommandResult } from '../../src/execute/registerExecuteServiceAction';
import { recordKey, type RecordRef } from '../../src/catalog/records';
import type { ServiceCatalogExtensionApi } from '../../src/extension';
import type { WindowOwner } from '../../src/platform/windowOwnership';
import { Activity, activityClearedStorageKey, type ActivityState } from '../../src/records/tracking/activity';
import { activityFilterStorageKey } from '../../src/records/tracking/activityFilter';
import { ExecutionHistory, executionHistoryStorageKey } from '../../src/records/tracking/executionHistory';
import { InFlightStore, inFlightStorageKey } from '../../src/records/tracking/inFlightStore';
import { systemTimers } from '../../src/platform/timers';
import { emulatorAdmin, extensionApi } from './helpers/serviceCatalogApi';
import { waitUntil } from '../../tools/waitUntil';

const profile = 'main-alice';
const region = 'us-east-1';

/** A window that is not this one: its entries are another window's for the extension. */
const otherWindow: WindowOwner = {
  windowId: 'integration-activity-other-window',
  claimOf: (owner) => (owner === 'integration-activity-other-window' ? 'mine' : 'other'),
  onDidBeat: () => ({ dispose: () => undefined }),
};

/**
 * The Activity view in the real VS Code against the emulator: actions run through "Execute Service
 * Action" are listed with their outcome, the same entries as the running list; entries of another
 * window (stores of its own over the same globalState) and after a reload (the state read again).
 */
describe('Activity', function () {
  this.timeout(120_000);
  const admin = emulatorAdmin();
  let api: ServiceCatalogExtensionApi;
  let speedBefore: number;
  const settings = () => vscode.workspace.getConfiguration('serviceCatalog');

  before(async () => {
    api = await extensionApi();
    speedBefore = (await admin.clock()).speed;
    await settings().update('confirmBeforeExecute', false, vscode.ConfigurationTarget.Global);
    await admin.reset();
    await admin.setClockSpeed(5);
  });

  after(async () => {
    await settings().update('confirmBeforeExecute', undefined, vscode.ConfigurationTarget.Global);
    await api.records.storage.update(activityClearedStorageKey, undefined);
    await admin.setClockSpeed(speedBefore);
    for (const panel of [...api.records.panels.openPanels]) {
      panel.panel.dispose();
    }
  });

  async function execute(provisionedProductId: string, serviceActionId: string, parameters: Record<string, string[]> = {}): Promise<RecordRef> {
    const result = (await vscode.commands.executeCommand('serviceCatalog.executeServiceAction', { profile, region, provisionedProductId, serviceActionId, parameters })) as ExecuteCommandResult;
    assert.equal(result.outcome, 'executed', JSON.stringify(result));
    return result.outcome === 'executed' ? result.started[0] : (undefined as never);
  }

  /** The view's item of a record once `matches` holds for it (the view reads again on each change of this window's records). */
  const itemOf = (ref: RecordRef, what: string, matches: (item: vscode.TreeItem) => boolean) =>
    waitUntil(
      `the Activity view to show record ${ref.recordId} ${what}`,
      () => api.records.activityView.items().find((item) => item.id === recordKey(ref) && matches(item)),
      60_000,
    );

  it('lists actions run against the emulator with their final status, the same entries as the running list', async () => {
    const succeeded = await execute('pp-alice00000004', 'act-restart000001');
    const failed = await execute('pp-alice00000005', 'act-rotate0000001', { Reason: ['activity-integration-reason'] });

    assert.ok(api.records.activity.entry(succeeded), 'an action is listed as soon as it started');

    const ok = await itemOf(succeeded, 'as succeeded', (item) => /Succeeded/.test(String(item.description)));
    assert.equal(ok.label, 'Restart-Instance on alice-web-04');
    assert.match(String(ok.description), /^Succeeded · main-alice, us-east-1 · [^·]+ · \d+ s$/);
    assert.deepEqual(ok.command?.command, 'serviceCatalog.showRecord');
    assert.deepEqual({ ...(ok.command?.arguments?.[0] as RecordRef), origin: undefined }, { ...succeeded, origin: undefined });
    assert.match(String(ok.contextValue), /^activityEntry\.canExecuteAgain\.hasProduct$/);
    assert.equal((ok.iconPath as vscode.ThemeIcon).id, 'pass');

    const bad = await itemOf(failed, 'as failed', (item) => /Failed/.test(String(item.description)));
    assert.equal(bad.label, 'Rotate-Credentials on alice-web-05');
    assert.equal((bad.iconPath as vscode.ThemeIcon).id, 'error');

    // Newest first, and the entries the running list reads are the same objects' facts.
    const keys = api.records.activity.entries().map((entry) => entry.key);
    assert.ok(keys.indexOf(recordKey(failed)) < keys.indexOf(recordKey(succeeded)), keys.join('\n'));
    assert.equal(api.records.activity.running().some((entry) => entry.key === recordKey(failed)), false, 'an ended action is not running');

    // No parameter value anywhere: not in the entries, not in what globalState keeps of ended executions.
    const kept = JSON.stringify([api.records.activity.entries(), api.records.storage.get(executionHistoryStorageKey)]);
    assert.ok(!kept.includes('activity-integration-reason'), kept);
  });

  it("the status bar counts this window's running actions in the view's words, and only mentions other windows'", async () => {
    const bar = api.records.statusBar;
    const storage = api.records.storage;
    const inFlight = new InFlightStore(storage, { window: otherWindow, timers: systemTimers });
    const othersRef: RecordRef = { profile: 'main-bob', region: 'us-east-1', recordId: 'rec-otherwindow03' };
    // The reset emptied the emulator: records earlier suites left in flight can no longer end, and this test counts.
    api.records.tracker.forget(() => true, { kind: 'not-found', summary: 'Emulator reset', detail: 'The emulator was reset by the test suite.', retryable: false });
    // Slow: the action runs through every step below.
    await admin.setClockSpeed(0.1);
    try {
      const mine = await execute('pp-alice00000006', 'act-restart000001');
      await waitUntil('the status bar to count the action', () => bar.text !== undefined && api.records.activity.entry(mine)?.status === 'IN_PROGRESS', 30_000);

      /** The status bar and the view, read together (nothing changes between two synchronous reads). */
      const readBoth = () => {
        bar.refresh();
        return { text: bar.text, tooltip: tooltipText(bar.tooltip), items: api.records.activityView.items(), running: api.records.activity.running() };
      };
      const first = readBoth();
      assert.deepEqual(first.running.map((entry) => [entry.key, entry.followedHere]), [[recordKey(mine), true]]);
      assert.match(String(first.text), /^\$\(sync~spin\) 1 action running(, (about \d+ s left|ending soon|longer than usual))?$/);
      const item = first.items.find((candidate) => candidate.id === recordKey(mine));
      assert.ok(item, 'the Activity view lists it');
      const statusWords = String(item.description).split(' · ')[0];
      assert.equal(statusWords, 'In progress');
      assert.ok(first.tooltip.includes(`${String(item.label)}: ${statusWords} (main-alice, us-east-1)`), `the tooltip has the view's title and status: ${first.tooltip}`);
      assert.doesNotMatch(first.tooltip, /other windows/);

      // Another window follows a record of its own (saved in flight in globalState): this window reads it again at its next change.
      const now = Date.now();
      await inFlight.put({
        ref: othersRef,
        origin: { provisionedProductId: 'pp-bob000000001', provisionedProductName: 'bob-web-01', serviceActionId: 'act-restart000001', serviceActionName: 'Restart-Instance' },
        watchedSince: now - 5_000,
        statusHistory: [{ status: 'IN_PROGRESS', seenAt: now - 5_000 }],
      });
      await waitUntil("the status bar to mention the other window's action", () => /1 more running in other windows/.test(tooltipText(bar.tooltip)), 30_000);
      const second = readBoth();
      assert.match(String(second.text), /^\$\(sync~spin\) 1 action running/, 'the count is still this window\'s');
      assert.deepEqual(second.running.map((entry) => [entry.key, entry.followedHere]).sort(), [[recordKey(mine), true], [recordKey(othersRef), undefined]].sort());
      assert.ok(second.items.some((candidate) => candidate.id === recordKey(othersRef)), 'the Activity view lists the other window\'s action');
      assert.ok(!second.tooltip.includes('bob-web-01'), 'the tooltip lists only this window\'s actions');

      // This window's action ends: the item hides, though the other window's still runs.
      await admin.setClockSpeed(20);
      await waitUntil('the status bar item to hide', () => bar.text === undefined, 60_000);
      assert.deepEqual(api.records.activity.running().map((entry) => entry.key), [recordKey(othersRef)]);
      await waitUntil('the execution history to keep its end', () => api.records.executions.entries().some((entry) => recordKey(entry.ref) === recordKey(mine)));
    } finally {
      await admin.setClockSpeed(5);
      await inFlight.remove(othersRef);
      inFlight.dispose();
    }
  });

  it("lists another window's actions, running and ended, and the same after a reload", async () => {
    const storage = api.records.storage;
    const history = new ExecutionHistory(storage, { window: otherWindow, timers: systemTimers });
    const inFlight = new InFlightStore(storage, { window: otherWindow, timers: systemTimers });
    const now = Date.now();
    const runningRef: RecordRef = { profile: 'sso acme-sso/222222222222/Operator', region: 'eu-west-1', recordId: 'rec-otherwindow01' };
    const endedRef: RecordRef = { profile: 'main-bob', region: 'us-east-1', recordId: 'rec-otherwindow02' };
    try {
      await inFlight.put({
        ref: runningRef,
        origin: { provisionedProductId: 'pp-other0000001', provisionedProductName: 'other-db', serviceActionId: 'act-snapshot00001', serviceActionName: 'Snapshot-Database', parameters: { Reason: ['other-window-secret'] } },
        watchedSince: now - 30_000,
        statusHistory: [{ status: 'IN_PROGRESS', seenAt: now - 30_000 }],
      });
      await history.add({
        ref: endedRef,
        provisionedProductId: 'pp-other0000002',
        productId: 'prod-webserver001',
        serviceActionId: 'act-restart000001',
        status: 'FAILED',
        createdAt: now - 120_000,
        updatedAt: now - 60_000,
        files: 'user',
        provisionedProductName: 'other-web',
        serviceActionName: 'Restart-Instance',
      });

      // This window reads the shared state again (the view does so every few seconds while visible).
      api.records.activityView.refresh();
      const running = api.records.activity.entry(runningRef);
      assert.equal(running?.state, 'running');
      assert.equal(running?.serviceActionName, 'Snapshot-Database');
      assert.ok(api.records.activity.running().some((entry) => entry.key === recordKey(runningRef)), "the running list has the other window's running action");
      assert.equal(api.records.activity.entry(endedRef)?.state, 'failed');
      const item = api.records.activityView.items().find((candidate) => candidate.id === recordKey(runningRef));
      assert.equal(item?.label, 'Snapshot-Database on other-db');
      assert.match(String(item?.description), /^In progress · sso acme-sso\/222222222222\/Operator, eu-west-1 · just now · \d+ s$/);
      assert.ok(!JSON.stringify(api.records.activity.entries()).includes('other-window-secret'), 'no parameter value of the other window');

      // A reload reads the same state again: a new model over a new pair of stores.
      const reloaded = new Activity({
        sources: {
          watched: () => [],
          filesOf: () => undefined,
          inFlight: () => new InFlightStore(storage, { window: otherWindow, timers: systemTimers }).all(),
          ended: () => new ExecutionHistory(storage, { window: otherWindow, timers: systemTimers }).entries(),
        },
        storage,
        maxEntries: () => 200,
        now: () => Date.now(),
      });
      const keys = (activity: Activity) => activity.entries().filter((entry) => entry.state !== 'running' || entry.ref.recordId.startsWith('rec-otherwindow')).map((entry) => entry.key);
      assert.deepEqual(keys(reloaded), keys(api.records.activity));

      // Clearing in this window hides the ended ones everywhere; the running one stays.
      await api.records.activity.clear();
      assert.equal(api.records.activity.entry(endedRef), undefined);
      assert.equal(reloaded.entry(endedRef), undefined, 'the other window sees the clear');
      assert.equal(reloaded.entry(runningRef)?.state, 'running');
      api.records.activityView.refresh();
      assert.ok(api.records.activityView.items().every((candidate) => candidate.id !== recordKey(endedRef)));
    } finally {
      await inFlight.remove(runningRef);
      history.dispose();
      inFlight.dispose();
      await storage.update(activityClearedStorageKey, undefined);
      assert.ok(!JSON.stringify(storage.get(inFlightStorageKey) ?? []).includes('rec-otherwindow01'));
    }
  });

  it("keeps this window's status filter in its workspaceState and shows it again when the view is created", async () => {
    const view = api.records.activityView;
    const windowStorage = api.records.windowStorage;
    try {
      await view.setFilter(new Set(['failed', 'running']));
      assert.deepEqual(windowStorage.get(activityFilterStorageKey), ['running', 'failed'], 'kept in workspaceState');
      assert.deepEqual(api.records.storage.get(activityFilterStorageKey), undefined, 'not in globalState: other windows keep theirs');
      assert.equal(view.view.description, 'Running, Failed');
      const shown = () => view.items().map((item) => item.id);
      const keysOf = (...states: ActivityState[]) => api.records.activity.entries(new Set(states)).map((entry) => entry.key);
      assert.ok(keysOf('failed').length > 0 && keysOf('succeeded').length > 0, 'the earlier tests left failed and succeeded actions');
      assert.deepEqual(shown(), keysOf('running', 'failed'), 'only running and failed actions show');

      // What a reload finds: the view forgets its filter in memory, then is created again over the same workspaceState,
      // here with a state a later version might add, which this one drops.
      await windowStorage.update(activityFilterStorageKey, ['succeeded', 'cancelled']);
      view.restoreFilter();
      assert.deepEqual(view.statusFilter && [...view.statusFilter], ['succeeded']);
      assert.equal(view.view.description, 'Succeeded');
      assert.deepEqual(shown(), keysOf('succeeded'), 'only succeeded actions show');
    } finally {
      await view.setFilter(undefined);
    }
    assert.equal(windowStorage.get(activityFilterStorageKey), undefined, 'showing every state keeps no filter');
    assert.equal(view.view.description, undefined);
  });
});

/** A tooltip's text: VS Code 1.103 escapes the text appended to a MarkdownString (\- and &nbsp;); the newest does not. */
function tooltipText(tooltip: vscode.MarkdownString | undefined): string {
  return (tooltip?.value ?? '').replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
}
