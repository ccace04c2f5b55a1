import * as assert from 'node:assert/strict';
import { SecretRedactor } from '../../../src/aws/secrets';
import type { KeyValueStore } from '../../../src/platform/keyValueStore';
import { WindowOwnership } from '../../../src/platform/windowOwnership';
import { InFlightStore, inFlightStorageKey } from '../../../src/records/tracking/inFlightStore';
import { LiveRecordTracker, type DescribedRecord } from '../../../src/records/tracking/liveRecordTracker';
import type { RecordRef, RecordSnapshot } from '../../../src/catalog/records';
import { MemoryStore } from '../support/memoryStore';
import { FakeTimers } from './fakeTimers';

/**
 * Several VS Code windows share one globalState. Each window here is what `registerRecords` builds:
 * its ownership (heartbeat), an InFlightStore and a tracker, over the same storage and clock.
 */
describe('LiveRecordTracker in several windows', () => {
  const record = (recordId: string): RecordRef => ({ profile: 'dev', region: 'eu-west-1', recordId });
  const settleMs = 5_000;

  class World {
    readonly timers = new FakeTimers();
    readonly storage = new MemoryStore();
    /** Status of each record by id; what DescribeRecord answers in every window. */
    readonly statuses = new Map<string, string>();
    readonly calls: string[] = [];

    open(windowId: string, storage: KeyValueStore = this.storage) {
      const window = new WindowOwnership({ storage, timers: this.timers, windowId }).start();
      const tracker = new LiveRecordTracker({
        describe: async (ref): Promise<DescribedRecord> => {
          this.calls.push(`${windowId}:${ref.recordId}`);
          return { record: { RecordId: ref.recordId, Status: (this.statuses.get(ref.recordId) ?? 'IN_PROGRESS') as 'IN_PROGRESS' }, outputs: [] };
        },
        store: new InFlightStore(storage, { window, timers: this.timers, settleMs }),
        redactor: new SecretRedactor(),
        timers: this.timers,
        random: () => 1,
        restoreStaggerMs: 0,
      });
      const ends: string[] = [];
      tracker.onDidEnd((snapshot) => ends.push(snapshot.ref.recordId));
      const restored = tracker.restore().map((snapshot) => snapshot.ref.recordId);
      const adopted = tracker.adoptOrphans().then((snapshots) => snapshots.map((snapshot) => snapshot.ref.recordId));
      return {
        window,
        tracker,
        ends,
        restored,
        adopted,
        /** The window closes (or its extension host stops for a reload): no more polls, no more heartbeats. */
        close: () => {
          tracker.dispose();
          window.dispose();
        },
        running: () => tracker.inFlight().map((snapshot: RecordSnapshot) => snapshot.ref.recordId).sort(),
      };
    }

    start(window: ReturnType<World['open']>, recordId: string) {
      this.statuses.set(recordId, 'IN_PROGRESS');
      window.tracker.watch(record(recordId), { serviceActionName: 'Restart' }, { RecordId: recordId, Status: 'CREATED' });
    }

    owners(): Record<string, string | undefined> {
      const stored = this.storage.get<Array<{ ref: RecordRef; owner?: string }>>(inFlightStorageKey) ?? [];
      return Object.fromEntries(stored.map((entry) => [entry.ref.recordId, entry.owner]));
    }
  }

  it('restores after a reload only the records of the window that was reloaded, and saves each with its window', async () => {
    const world = new World();
    const a = world.open('window-a');
    const b = world.open('window-b');
    world.start(a, 'rec-a');
    world.start(b, 'rec-b');
    await world.timers.advance(3_000);
    assert.deepEqual(world.owners(), { 'rec-a': 'window-a', 'rec-b': 'window-b' }, 'each entry names its window; neither write lost the other');

    a.close();
    const reloadedA = world.open('window-a');
    assert.deepEqual(reloadedA.restored, ['rec-a'], 'its own record, at once');
    await world.timers.advance(settleMs + 1_000);
    assert.deepEqual(await reloadedA.adopted, [], 'not the record of window B, which is alive');
    assert.deepEqual(reloadedA.running(), ['rec-a'], 'its status bar counts one action');
    assert.deepEqual(b.running(), ['rec-b']);

    world.calls.length = 0;
    world.statuses.set('rec-a', 'SUCCEEDED');
    world.statuses.set('rec-b', 'SUCCEEDED');
    await world.timers.advance(30_000);
    assert.deepEqual(reloadedA.ends, ['rec-a'], 'one notification, in the window that ran it');
    assert.deepEqual(b.ends, ['rec-b']);
    assert.ok(world.calls.every((call) => call === 'window-a:rec-a' || call === 'window-b:rec-b'), world.calls.join(', '));
    assert.deepEqual(world.owners(), {}, 'both removed');
    reloadedA.close();
    b.close();
  });

  it('does not follow, count or announce the records of another window that is alive', async () => {
    const world = new World();
    const a = world.open('window-a');
    world.start(a, 'rec-a');
    await world.timers.advance(2_000);
    const b = world.open('window-b');
    await world.timers.advance(settleMs + 1_000);
    assert.deepEqual(b.restored, []);
    assert.deepEqual(await b.adopted, []);
    assert.deepEqual(b.running(), []);
    world.statuses.set('rec-a', 'SUCCEEDED');
    await world.timers.advance(10_000);
    assert.deepEqual(a.ends, ['rec-a']);
    assert.deepEqual(b.ends, []);
    assert.ok(!world.calls.some((call) => call.startsWith('window-b:')), world.calls.join(', '));
    a.close();
    b.close();
  });

  it('takes over the records of a closed window once its heartbeat is stale, in one window only when several start together', async () => {
    const world = new World();
    const a = world.open('window-a');
    world.start(a, 'rec-a');
    await world.timers.advance(2_000);
    a.close();
    await world.timers.advance(60_000);
    const early = world.open('window-b');
    await world.timers.advance(settleMs + 1_000);
    assert.deepEqual(await early.adopted, [], 'a minute of silence may be a busy window');
    early.close();

    await world.timers.advance(60_000);
    const c = world.open('window-c');
    const d = world.open('window-d');
    await world.timers.advance(settleMs + 1_000);
    const adopted = [await c.adopted, await d.adopted];
    assert.deepEqual(adopted.flat(), ['rec-a'], `one window takes it over: ${JSON.stringify(adopted)}`);
    const [owner, other] = adopted[0].length ? [c, d] : [d, c];
    assert.deepEqual(owner.running(), ['rec-a']);
    assert.deepEqual(other.running(), []);
    assert.equal(world.owners()['rec-a'], owner.window.windowId);

    world.statuses.set('rec-a', 'SUCCEEDED');
    await world.timers.advance(30_000);
    assert.deepEqual(owner.ends, ['rec-a'], 'and says how it ended');
    assert.deepEqual(other.ends, []);
    c.close();
    d.close();
  });

  it('takes over records saved by a version without owners', async () => {
    const world = new World();
    await world.storage.update(inFlightStorageKey, [{ ref: record('rec-old'), origin: {}, watchedSince: world.timers.now() }]);
    const a = world.open('window-a');
    assert.deepEqual(a.restored, []);
    await world.timers.advance(settleMs + 1_000);
    assert.deepEqual(await a.adopted, ['rec-old']);
    assert.equal(world.owners()['rec-old'], 'window-a');
    a.close();
  });

  it('puts back its entries when another window writes from an old copy of globalState, and removes again what that brought back', async () => {
    const world = new World();
    const lagging = new LaggingView(world.storage);
    const a = world.open('window-a');
    const b = world.open('window-b', lagging);
    world.start(a, 'rec-done');
    await world.timers.advance(1_000);
    // B's copy of globalState stops following A's writes, as while a change is on its way between windows.
    lagging.freeze();
    world.statuses.set('rec-done', 'SUCCEEDED');
    world.start(a, 'rec-a');
    await world.timers.advance(1_000);
    assert.deepEqual(world.owners(), { 'rec-a': 'window-a' }, 'A removed the ended record and saved the new one');

    world.start(b, 'rec-b');
    await world.timers.advance(0);
    assert.deepEqual(world.owners(), { 'rec-done': 'window-a', 'rec-b': 'window-b' }, "B's write from its old copy lost rec-a and brought back rec-done");

    lagging.thaw();
    await world.timers.advance(30_000);
    assert.deepEqual(world.owners(), { 'rec-b': 'window-b', 'rec-a': 'window-a' }, "A's next heartbeat repaired its part");
    a.close();
    b.close();
  });
});

/** Another window's copy of globalState: reads what it last saw once frozen; its writes replace the shared value. */
class LaggingView implements KeyValueStore {
  private frozen: Map<string, string> | undefined;

  constructor(private readonly shared: MemoryStore) {}

  freeze(): void {
    this.frozen = new Map();
    for (const key of [inFlightStorageKey]) {
      const value = this.shared.get(key);
      if (value !== undefined) this.frozen.set(key, JSON.stringify(value));
    }
  }

  thaw(): void {
    this.frozen = undefined;
  }

  get<T>(key: string): T | undefined {
    if (this.frozen?.has(key)) return JSON.parse(this.frozen.get(key)!) as T;
    return this.shared.get<T>(key);
  }

  async update(key: string, value: unknown): Promise<void> {
    if (this.frozen?.has(key)) this.frozen.set(key, JSON.stringify(value));
    await this.shared.update(key, value);
  }
}
