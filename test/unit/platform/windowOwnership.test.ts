import * as assert from 'node:assert/strict';
import { WindowOwnership, windowsStorageKey } from '../../../src/platform/windowOwnership';
import { MemoryStore } from '../support/memoryStore';
import { FakeTimers } from '../records/fakeTimers';

/** Windows of one VS Code over one globalState: each beats, each judges the others' entries. */
describe('WindowOwnership', () => {
  const open = (storage: MemoryStore, timers: FakeTimers, windowId: string) => new WindowOwnership({ storage, timers, windowId }).start();

  it('calls its own entries mine, a live window\'s other, and those of a silent, unknown or unnamed owner orphans', async () => {
    const storage = new MemoryStore();
    const timers = new FakeTimers();
    const a = open(storage, timers, 'window-a');
    const b = open(storage, timers, 'window-b');
    await timers.advance(0);
    assert.equal(a.claimOf('window-a'), 'mine');
    assert.equal(a.claimOf('window-b'), 'other');
    assert.equal(b.claimOf('window-a'), 'other');
    assert.equal(a.claimOf('window-never-seen'), 'orphan');
    assert.equal(a.claimOf(undefined), 'orphan', 'saved by a version without owners');

    // Both keep beating: they stay alive to each other however long they run.
    await timers.advance(10 * 60_000);
    assert.equal(a.claimOf('window-b'), 'other');
    assert.equal(b.claimOf('window-a'), 'other');

    // B is closed: it stops beating, and is gone once three beats are missed.
    b.dispose();
    await timers.advance(60_000);
    assert.equal(a.claimOf('window-b'), 'other', 'a window silent for a minute may just be busy');
    await timers.advance(31_000);
    assert.equal(a.claimOf('window-b'), 'orphan');
    a.dispose();
    assert.equal(timers.timerCount, 0, 'no heartbeat left');
  });

  it('recognises its entries after a reload, which starts a new extension host with the same window id', async () => {
    const storage = new MemoryStore();
    const timers = new FakeTimers();
    const before = open(storage, timers, 'window-a');
    const other = open(storage, timers, 'window-b');
    await timers.advance(1_000);
    before.dispose();
    const after = open(storage, timers, 'window-a');
    assert.equal(after.claimOf('window-a'), 'mine');
    assert.equal(other.claimOf('window-a'), 'other', 'to the other windows it never looked gone');
    after.dispose();
    other.dispose();
  });

  it('merges its heartbeat into the registry, keeping the other windows\' and dropping those silent for a week', async () => {
    const storage = new MemoryStore();
    const timers = new FakeTimers();
    await storage.update(windowsStorageKey, { 'window-old': { beatAt: timers.now() - 8 * 24 * 3600_000 }, 'window-c': { beatAt: timers.now() - 60_000 }, junk: 'x' });
    const a = open(storage, timers, 'window-a');
    const b = open(storage, timers, 'window-b');
    await timers.advance(0);
    const registry = storage.get<Record<string, { beatAt: number }>>(windowsStorageKey)!;
    assert.deepEqual(Object.keys(registry).sort(), ['window-a', 'window-b', 'window-c']);
    assert.equal(a.claimOf('window-c'), 'other');
    a.dispose();
    b.dispose();
  });

  it('is found through its storage by stores built without one, until it is disposed', () => {
    const storage = new MemoryStore();
    const timers = new FakeTimers();
    const a = open(storage, timers, 'window-a');
    assert.equal(WindowOwnership.of(storage), a);
    assert.equal(WindowOwnership.of(new MemoryStore()), undefined);
    a.dispose();
    assert.equal(WindowOwnership.of(storage), undefined);
  });

  it('keeps beating after a failed write', async () => {
    const storage = new MemoryStore();
    const timers = new FakeTimers();
    storage.failWrites = true;
    const a = open(storage, timers, 'window-a');
    await timers.advance(0);
    storage.failWrites = false;
    await timers.advance(30_000);
    assert.ok(storage.get(windowsStorageKey), 'the next beat was written');
    a.dispose();
  });
});
