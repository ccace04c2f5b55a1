import * as assert from 'node:assert/strict';
import type { RecordSnapshot } from '../../../src/catalog/records';
import { soleWindow, type WindowOwner } from '../../../src/platform/windowOwnership';
import { Activity, activityClearedStorageKey, activityDuration, summarizeRunning, type ActivityState } from '../../../src/records/tracking/activity';
import { ExecutionHistory, executionHistoryStorageKey, type EndedExecution } from '../../../src/records/tracking/executionHistory';
import { InFlightStore, type InFlightEntry } from '../../../src/records/tracking/inFlightStore';
import { MemoryStore } from '../support/memoryStore';
import { FakeTimers } from './fakeTimers';

const now = Date.UTC(2025, 0, 10, 12, 0, 0);
const minute = 60_000;

const ended = (recordId: string, createdAt: number, extra: Partial<EndedExecution> = {}): EndedExecution => ({
  ref: { profile: 'dev', region: 'eu-west-1', recordId },
  provisionedProductId: 'pp-web01',
  productId: 'prod-1',
  serviceActionId: 'act-restart',
  status: 'SUCCEEDED',
  createdAt,
  updatedAt: createdAt + 45_000,
  files: 'user',
  provisionedProductName: 'web-01',
  productName: 'Web server',
  serviceActionName: 'Restart',
  ...extra,
});

const inFlight = (recordId: string, watchedSince: number, extra: Partial<InFlightEntry> = {}): InFlightEntry => ({
  ref: { profile: 'sso acme/111111111111/Admin', region: 'us-east-1', recordId },
  origin: {
    provisionedProductId: 'pp-db01',
    provisionedProductName: 'db-01',
    serviceActionId: 'act-snapshot',
    serviceActionName: 'Snapshot',
    parameters: { Password: ['hunter2'], Target: ['i-0abc'] },
  },
  watchedSince,
  statusHistory: [
    { status: 'CREATED', seenAt: watchedSince },
    { status: 'IN_PROGRESS', seenAt: watchedSince + 1_000 },
  ],
  ...extra,
});

const liveSnapshot = (recordId: string, createdAt: number, extra: Partial<RecordSnapshot> = {}): RecordSnapshot => ({
  ref: { profile: 'dev', region: 'eu-west-1', recordId },
  origin: { provisionedProductId: 'pp-web01', serviceActionId: 'act-restart', serviceActionName: 'Restart', parameters: { ApiToken: ['s3cr3t-value'] } },
  record: { RecordId: recordId, Status: 'IN_PROGRESS', CreatedTime: new Date(createdAt), ProvisionedProductId: 'pp-web01', ProvisionedProductName: 'web-01' },
  outputs: [],
  statusHistory: [{ status: 'IN_PROGRESS', seenAt: createdAt }],
  connection: 'live',
  ...extra,
});

const windowOf = (windowId: string): WindowOwner => ({ windowId, claimOf: (owner) => (owner === windowId ? 'mine' : 'other'), onDidBeat: () => ({ dispose: () => undefined }) });

/** One window's view over shared storage: its stores, its tracker's records, and the activity over them. */
function windowAt(storage: MemoryStore, options: { window?: WindowOwner; watched?: RecordSnapshot[]; maxEntries?: () => number } = {}) {
  const timers = new FakeTimers(now);
  const window = options.window ?? soleWindow;
  const maxEntries = options.maxEntries ?? (() => 200);
  // As registerRecords does: the setting bounds what is kept too, read at each use.
  const history = new ExecutionHistory(storage, { window, timers, limits: () => ({ maxEntries: maxEntries(), maxAgeMs: 90 * 24 * 3_600_000 }) });
  const store = new InFlightStore(storage, { window, timers });
  const watched = options.watched ?? [];
  const activity = new Activity({
    sources: { watched: () => watched, filesOf: () => 'user', inFlight: () => store.all(), ended: () => history.entries() },
    storage,
    maxEntries,
    now: () => timers.now(),
  });
  return { history, store, activity, watched };
}

const ids = (activity: Activity, states?: ReadonlySet<ActivityState>) => activity.entries(states).map((entry) => entry.ref.recordId);

describe('Activity', () => {
  it('merges every window\'s ended and running actions with this window\'s live ones, newest first', async () => {
    const storage = new MemoryStore();
    const other = windowAt(storage, { window: windowOf('window-2') });
    await other.history.add(ended('rec-old', now - 60 * minute));
    await other.store.put(inFlight('rec-other-running', now - 10 * minute));
    const mine = windowAt(storage, { window: windowOf('window-1'), watched: [liveSnapshot('rec-live', now - 2 * minute)] });
    await mine.history.add(ended('rec-mine-ended', now - 30 * minute, { status: 'FAILED' }));

    assert.deepEqual(ids(mine.activity), ['rec-live', 'rec-other-running', 'rec-mine-ended', 'rec-old']);
    const [live, running, failed, old] = mine.activity.entries();
    assert.deepEqual([live.state, running.state, failed.state, old.state], ['running', 'running', 'failed', 'succeeded']);
    assert.equal(running.serviceActionName, 'Snapshot');
    assert.equal(running.provisionedProductName, 'db-01');
    assert.equal(running.ref.profile, 'sso acme/111111111111/Admin');
    assert.equal(running.status, 'IN_PROGRESS');
    assert.equal(live.provisionedProductName, 'web-01');
    assert.equal(activityDuration(old, now), 45_000);
    assert.equal(activityDuration(live, now), 2 * minute);
    assert.deepEqual(ids(other.activity), ['rec-other-running', 'rec-mine-ended', 'rec-old'], 'the other window lacks only the first one\'s live record, which it does not follow');
  });

  it('keeps one entry per record: the outcome once ended, else what this window\'s tracker says, names from any source', async () => {
    const storage = new MemoryStore();
    const stopped = liveSnapshot('rec-stopped', now - 5 * minute, { connection: 'ended' });
    const endedHere = liveSnapshot('rec-1', now - 3 * minute, {
      origin: { serviceActionId: 'act-restart', serviceActionName: 'Restart' },
      record: { RecordId: 'rec-1', Status: 'IN_PROGRESS', CreatedTime: new Date(now - 3 * minute) },
    });
    const window = windowAt(storage, { watched: [endedHere, stopped] });
    // Both are still saved in flight (their removal not written yet); rec-1 has ended in the history, without names.
    await window.store.put(inFlight('rec-1', now - 3 * minute, { ref: endedHere.ref }));
    await window.store.put(inFlight('rec-stopped', now - 5 * minute, { ref: stopped.ref }));
    await window.history.add(ended('rec-1', now - 3 * minute, { serviceActionName: undefined, provisionedProductName: undefined }));

    const entries = window.activity.entries();
    assert.deepEqual(entries.map((entry) => [entry.ref.recordId, entry.state]), [['rec-1', 'succeeded'], ['rec-stopped', 'stopped']]);
    assert.equal(entries[0].serviceActionName, 'Restart', 'a name the ended entry lacks comes from the live one');
    assert.equal(entries[0].endedAt, now - 3 * minute + 45_000);
    assert.equal(activityDuration(entries[1], now), undefined, 'a record no longer followed has no duration');
  });

  it('lists records this window follows while they run, but not a record only looked at after it ended', () => {
    const openedRunning = liveSnapshot('rec-opened', now - minute, { origin: {} });
    const lookedAt = liveSnapshot('rec-looked', now - 2 * minute, {
      origin: { provisionedProductId: 'pp-web01' },
      record: { RecordId: 'rec-looked', Status: 'SUCCEEDED', CreatedTime: new Date(now - 2 * minute) },
      connection: 'ended',
    });
    const notReadYet = liveSnapshot('rec-loading', now - 3 * minute, { origin: {}, record: undefined, statusHistory: [], fetchedAt: undefined });
    const window = windowAt(new MemoryStore(), { watched: [openedRunning, lookedAt, notReadYet] });
    assert.deepEqual(window.activity.entries().map((entry) => [entry.ref.recordId, entry.state, entry.serviceActionId]), [['rec-opened', 'running', undefined]]);
  });

  it('is bounded: the newest `maxEntries`, also in storage, following the setting', async () => {
    const storage = new MemoryStore();
    let setting = 5;
    const window = windowAt(storage, { maxEntries: () => setting, watched: [liveSnapshot('rec-live', now - minute)] });
    for (let index = 0; index < 6; index++) await window.history.add(ended(`rec-${index}`, now - (10 - index) * minute));
    assert.deepEqual(ids(window.activity), ['rec-live', 'rec-5', 'rec-4', 'rec-3', 'rec-2']);
    assert.equal(storage.get<unknown[]>(executionHistoryStorageKey)?.length, 5, 'storage keeps no more ended executions than the setting');

    setting = 3;
    assert.deepEqual(ids(window.activity), ['rec-live', 'rec-5', 'rec-4']);
    await window.history.add(ended('rec-6', now - 2 * minute));
    assert.equal(storage.get<unknown[]>(executionHistoryStorageKey)?.length, 3, 'the next write keeps the new bound');
  });

  it('filters by state', async () => {
    const storage = new MemoryStore();
    const window = windowAt(storage, { watched: [liveSnapshot('rec-running', now - minute)] });
    await window.history.add(ended('rec-ok', now - 20 * minute));
    await window.history.add(ended('rec-bad', now - 10 * minute, { status: 'FAILED' }));
    assert.deepEqual(ids(window.activity, new Set(['failed'])), ['rec-bad']);
    assert.deepEqual(ids(window.activity, new Set(['running', 'succeeded'])), ['rec-running', 'rec-ok']);
    assert.deepEqual(window.activity.running().map((entry) => entry.ref.recordId), ['rec-running']);
  });

  it('clears what has ended, in every window; running actions stay and come back with their outcome', async () => {
    const storage = new MemoryStore();
    const first = windowAt(storage, { window: windowOf('window-1') });
    const second = windowAt(storage, { window: windowOf('window-2') });
    await first.history.add(ended('rec-1', now - 20 * minute));
    await second.store.put(inFlight('rec-2', now - 5 * minute));
    let changes = 0;
    first.activity.onDidChange(() => changes++);

    await first.activity.clear();
    assert.equal(changes, 1);
    assert.deepEqual(ids(first.activity), ['rec-2']);
    assert.deepEqual(ids(second.activity), ['rec-2'], 'the other window sees the clear');
    assert.deepEqual(ids(windowAt(storage.snapshot()).activity), ['rec-2'], 'and so does a reload');

    // rec-2 ends after the clear: it is listed with its outcome.
    await second.store.remove(inFlight('rec-2', 0).ref);
    await second.history.add(ended('rec-2', now - 5 * minute, { ref: inFlight('rec-2', 0).ref, updatedAt: now + minute }));
    assert.deepEqual(first.activity.entries().map((entry) => [entry.ref.recordId, entry.state]), [['rec-2', 'succeeded']]);
    // A record whose times (AWS's clock) are ahead of this machine's is cleared all the same.
    await first.history.add(ended('rec-ahead', now + 10 * minute));
    await first.activity.clear();
    assert.deepEqual(ids(first.activity), []);
    // The executions themselves stay for the duration estimates.
    assert.deepEqual(first.history.entries().map((entry) => entry.ref.recordId).sort(), ['rec-1', 'rec-2', 'rec-ahead']);
  });

  it('holds no parameter value and no other field a source carries', async () => {
    const storage = new MemoryStore();
    const window = windowAt(storage, { watched: [liveSnapshot('rec-live', now - minute)] });
    await window.store.put(inFlight('rec-flight', now - 2 * minute));
    const leaky = { ...ended('rec-ended', now - 3 * minute), parameters: { Password: ['pa55word'] }, secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
    await window.history.add(leaky as EndedExecution);

    const text = JSON.stringify(window.activity.entries());
    for (const secret of ['hunter2', 'i-0abc', 's3cr3t-value', 'pa55word', 'wJalr', 'parameters', 'Password', 'ApiToken']) {
      assert.ok(!text.includes(secret), `the activity holds ${secret}: ${text}`);
    }
    assert.ok(!JSON.stringify(storage.get(executionHistoryStorageKey)).includes('pa55word'));
    const fields = new Set(window.activity.entries().flatMap((entry) => Object.keys(entry)));
    const allowed = ['key', 'ref', 'state', 'status', 'reconnecting', 'followedHere', 'estimate', 'provisionedProductId', 'provisionedProductName', 'productName', 'serviceActionId', 'serviceActionName', 'accountId', 'startedAt', 'endedAt', 'files'];
    assert.deepEqual([...fields].filter((field) => !allowed.includes(field)), []);
  });

  it('says which running entries this window follows, with their estimate: what its status bar counts', async () => {
    const storage = new MemoryStore();
    const estimate = { typicalMs: 4 * minute, lowMs: 3 * minute, highMs: 5 * minute, longerAfterMs: 6 * minute, runs: 7 };
    const reconnecting = liveSnapshot('rec-reconnecting', now - 3 * minute, { connection: 'reconnecting' });
    const endedHere = liveSnapshot('rec-ended-here', now - 20 * minute, {
      record: { RecordId: 'rec-ended-here', Status: 'SUCCEEDED', CreatedTime: new Date(now - 20 * minute) },
      connection: 'ended',
      estimate,
    });
    const other = windowAt(storage, { window: windowOf('window-2') });
    await other.store.put(inFlight('rec-other', now - 10 * minute));
    await other.store.put(inFlight('rec-both', now - 4 * minute, { ref: liveSnapshot('rec-both', 0).ref }));
    const mine = windowAt(storage, {
      window: windowOf('window-1'),
      // rec-both: another window saved it in flight, and this one follows it too (opened by its id).
      watched: [liveSnapshot('rec-live', now - 2 * minute, { estimate: { ...estimate, extra: 'not kept' } as typeof estimate }), reconnecting, endedHere, liveSnapshot('rec-both', now - 4 * minute, { origin: {} })],
    });
    // Resumed after a reload, before its first answer: started when first seen, not when AWS created it.
    const resumed = liveSnapshot('rec-resumed', now - 6 * minute, { record: undefined, estimate });
    const afterReload = windowAt(new MemoryStore(), { watched: [resumed] }).activity.entries();
    assert.deepEqual(afterReload.map((entry) => [entry.ref.recordId, entry.followedHere, entry.estimate]), [['rec-resumed', true, undefined]], 'no estimate without the record\'s CreatedTime to measure from');

    const byId = new Map(mine.activity.entries().map((entry) => [entry.ref.recordId, entry]));
    assert.equal(byId.get('rec-live')?.followedHere, true);
    assert.deepEqual(byId.get('rec-live')?.estimate, estimate, 'the estimate\'s numbers, nothing else');
    assert.equal(byId.get('rec-live')?.startedAt, now - 2 * minute, 'progress is measured from the record\'s CreatedTime');
    assert.equal(byId.get('rec-reconnecting')?.followedHere, true, 'a record polled again after failures is still followed here');
    assert.equal(byId.get('rec-both')?.followedHere, true);
    assert.equal(byId.get('rec-other')?.followedHere, undefined, 'another window\'s record is not');
    assert.equal(byId.get('rec-other')?.estimate, undefined);
    assert.equal(byId.get('rec-ended-here')?.followedHere, undefined, 'an ended record is followed by nobody');
    assert.equal(byId.get('rec-ended-here')?.estimate, undefined);

    const summary = mine.activity.runningSummary();
    assert.deepEqual(summary.here.map((entry) => entry.ref.recordId), ['rec-live', 'rec-reconnecting', 'rec-both']);
    assert.equal(summary.elsewhere, 1);
    const theirs = other.activity.runningSummary();
    assert.deepEqual([theirs.here, theirs.elsewhere], [[], 2], 'the other window counts nothing here and mentions both');

    // Once this window's record has ended in the history, it is neither counted nor mentioned.
    await mine.history.add(ended('rec-live', now - 2 * minute));
    assert.deepEqual(mine.activity.runningSummary().here.map((entry) => entry.ref.recordId), ['rec-reconnecting', 'rec-both']);
    assert.deepEqual(summarizeRunning(mine.activity.entries()), mine.activity.runningSummary());
  });

  it('reads stored data tolerantly: entries of older versions without names, damaged names and a damaged clear time', async () => {
    const storage = new MemoryStore();
    const { provisionedProductName: _a, productName: _b, serviceActionName: _c, ...older } = ended('rec-older', now - 10 * minute);
    await storage.update(executionHistoryStorageKey, [
      older,
      { ...ended('rec-damaged-name', now - 5 * minute), serviceActionName: 42, provisionedProductName: 'x'.repeat(5_000) },
      { ...ended('rec-broken', now - 4 * minute), createdAt: 'yesterday' },
      'garbage',
    ]);
    await storage.update(activityClearedStorageKey, 'not a time');
    const entries = windowAt(storage).activity.entries();
    assert.deepEqual(entries.map((entry) => entry.ref.recordId), ['rec-damaged-name', 'rec-older']);
    assert.equal(entries[0].serviceActionName, undefined, 'a damaged name is left out, its id shown instead');
    assert.equal(entries[0].provisionedProductName, undefined);
    assert.equal(entries[0].serviceActionId, 'act-restart');
    assert.equal(entries[1].serviceActionName, undefined);
    assert.equal(entries[1].provisionedProductId, 'pp-web01');
  });
});
