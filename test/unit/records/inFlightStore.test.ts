import * as assert from 'node:assert/strict';
import { soleWindow } from '../../../src/platform/windowOwnership';
import { InFlightStore, inFlightStorageKey, type InFlightEntry, type InFlightStoreLimits } from '../../../src/records/tracking/inFlightStore';
import { MemoryStore } from '../support/memoryStore';
import { FakeTimers } from './fakeTimers';

const now = Date.UTC(2025, 0, 1);
const entry = (recordId: string, watchedSince = now, extra: Partial<InFlightEntry> = {}): InFlightEntry => ({
  ref: { profile: 'dev', region: 'eu-west-1', recordId },
  origin: { provisionedProductId: 'pp-1', serviceActionName: 'Restart', parameters: { Target: ['i-1'] } },
  watchedSince,
  ...extra,
});

/** A store of the only window, at `now`. */
const storeOf = (storage: MemoryStore, limits?: InFlightStoreLimits) => new InFlightStore(storage, { window: soleWindow, timers: new FakeTimers(now), limits });

describe('InFlightStore', () => {
  it('round-trips entries through the storage', async () => {
    const storage = new MemoryStore();
    const store = storeOf(storage);
    await store.put(entry('rec-1', now, { statusHistory: [{ status: 'CREATED', seenAt: now }] }));
    await store.put(entry('rec-2'));
    const reopened = storeOf(storage);
    assert.deepEqual(
      reopened.all().map((e) => e.ref.recordId),
      ['rec-1', 'rec-2'],
    );
    assert.deepEqual(reopened.all()[0], entry('rec-1', now, { statusHistory: [{ status: 'CREATED', seenAt: now }] }));
  });

  it('replaces the entry of the same record and removes entries', async () => {
    const store = storeOf(new MemoryStore());
    await store.put(entry('rec-1'));
    await store.put(entry('rec-1', now, { origin: { productName: 'Web' } }));
    assert.equal(store.all().length, 1);
    assert.equal(store.all()[0].origin.productName, 'Web');
    await store.remove(entry('rec-1').ref);
    assert.deepEqual(store.all(), []);
  });

  it('writes only the known fields: nothing else an origin carries reaches the disk', async () => {
    const storage = new MemoryStore();
    const store = storeOf(storage);
    const leaky = entry('rec-1') as InFlightEntry & { origin: Record<string, unknown> };
    (leaky.origin as Record<string, unknown>).secretAccessKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    (leaky as unknown as Record<string, unknown>).credentials = { sessionToken: 'abc' };
    await store.put(leaky);
    const raw = JSON.stringify(storage.get(inFlightStorageKey));
    assert.ok(!raw.includes('wJalr'), raw);
    assert.ok(!raw.includes('sessionToken'), raw);
    assert.ok(raw.includes('Restart'));
  });

  it('ignores damaged or foreign data', async () => {
    const storage = new MemoryStore();
    await storage.update(inFlightStorageKey, [
      null,
      42,
      { ref: { profile: 'dev', region: 'eu-west-1' }, origin: {}, watchedSince: now },
      { ref: { profile: 'dev', region: 'eu-west-1', recordId: 'rec-ok' }, origin: {}, watchedSince: now },
      { ref: { profile: 'dev', region: 'eu-west-1', recordId: 'rec-bad-params' }, origin: { parameters: { a: 'not a list' } }, watchedSince: now },
      { ref: { profile: 'dev', region: 'eu-west-1', recordId: 'rec-bad-time' }, origin: {}, watchedSince: 'yesterday' },
    ]);
    assert.deepEqual(
      storeOf(storage).all().map((e) => e.ref.recordId),
      ['rec-ok'],
    );
    await storage.update(inFlightStorageKey, { not: 'an array' });
    assert.deepEqual(storeOf(storage).all(), []);
  });

  it('drops entries older than the age limit and keeps only the newest beyond the cap', async () => {
    const storage = new MemoryStore();
    const store = storeOf(storage, { maxEntries: 3, maxAgeMs: 60_000 });
    await store.put(entry('rec-old', now - 120_000));
    for (const id of ['rec-a', 'rec-b', 'rec-c', 'rec-d']) {
      await store.put(entry(id));
    }
    assert.deepEqual(
      store.all().map((e) => e.ref.recordId),
      ['rec-b', 'rec-c', 'rec-d'],
    );
  });

  it('keeps the order of writes and recovers after a failed write', async () => {
    const storage = new MemoryStore();
    const store = storeOf(storage);
    storage.failWrites = true;
    await assert.rejects(store.put(entry('rec-1')), /disk full/);
    storage.failWrites = false;
    const writes = [store.put(entry('rec-2')), store.remove(entry('rec-2').ref), store.put(entry('rec-3'))];
    await Promise.all(writes);
    assert.deepEqual(
      store.all().map((e) => e.ref.recordId),
      ['rec-3'],
    );
  });
});
