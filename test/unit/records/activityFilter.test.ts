import * as assert from 'node:assert/strict';
import { activityFilterStorageKey, normalizeActivityFilter, readActivityFilter, saveActivityFilter } from '../../../src/records/tracking/activityFilter';
import { MemoryStore } from '../support/memoryStore';

const states = (filter: ReadonlySet<string> | undefined) => (filter ? [...filter].sort() : undefined);

describe('Activity filter kept per window', () => {
  it('is kept and read back, as a reload finds it', async () => {
    const storage = new MemoryStore();
    assert.equal(readActivityFilter(storage), undefined, 'no filter kept: every state shows');
    await saveActivityFilter(storage, new Set(['failed', 'running']));
    assert.deepEqual(storage.get(activityFilterStorageKey), ['running', 'failed'], 'in the order of the states');
    assert.deepEqual(states(readActivityFilter(storage.snapshot())), ['failed', 'running']);
  });

  it('removes what it kept when every state shows again', async () => {
    const storage = new MemoryStore();
    await saveActivityFilter(storage, new Set(['stopped']));
    await saveActivityFilter(storage, undefined);
    assert.equal(storage.get(activityFilterStorageKey), undefined);
    await saveActivityFilter(storage, new Set(['running', 'succeeded', 'failed', 'stopped']));
    assert.equal(storage.get(activityFilterStorageKey), undefined, 'every state is no filter');
    await saveActivityFilter(storage, new Set());
    assert.equal(storage.get(activityFilterStorageKey), undefined, 'no state is no filter');
  });

  it('checks what it reads back: unknown states are dropped, anything but a list is no filter', async () => {
    const storage = new MemoryStore();
    const read = async (value: unknown) => (await storage.update(activityFilterStorageKey, value), states(readActivityFilter(storage)));
    assert.deepEqual(await read(['running', 'cancelled', 42, null, { state: 'failed' }, 'failed', 'running']), ['failed', 'running']);
    assert.equal(await read(['cancelled']), undefined);
    assert.equal(await read('running'), undefined);
    assert.equal(await read({ running: true }), undefined);
    assert.equal(await read(['running', 'succeeded', 'failed', 'stopped', 'extra']), undefined);
    assert.equal(normalizeActivityFilter(['__proto__', 'constructor']), undefined);
  });
});
