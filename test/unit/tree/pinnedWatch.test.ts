import { strict as assert } from 'node:assert';
import { countingTimers } from '../../../src/platform/timers';
import { PinnedProducts, pinnedStorageKey, type PinnedProduct } from '../../../src/tree/pinnedProducts';
import { pinnedChange, PinnedWatch, pinnedWatchIntervalMs, type PinnedChange } from '../../../src/tree/pinnedWatch';
import { FakeTimers } from '../records/fakeTimers';
import { MemoryStore } from '../support/memoryStore';

const web: PinnedProduct = { scope: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-alice00000001', name: 'alice-web-01' };
const db: PinnedProduct = { scope: 'main-bob', region: 'eu-west-1', provisionedProductId: 'pp-bob000000001', name: 'bob-db' };
const role: PinnedProduct = { scope: 'sso acme-sso/123456789012/ServiceCatalogEndUser', region: 'us-east-1', provisionedProductId: 'pp-role00000001' };

describe('pinned products: another window’s changes', () => {
  describe('pinnedChange', () => {
    it('sees no change when the same products are stored in the same order, whatever their names', () => {
      assert.equal(pinnedChange([], []), undefined);
      assert.equal(pinnedChange([web, db], [web, db]), undefined);
      assert.equal(pinnedChange([web], [{ ...web, name: 'renamed' }]), undefined, 'a name remembered by another window changes no row');
      assert.equal(pinnedChange([{ ...web, name: undefined }], [web]), undefined);
    });

    it('says what came and what went, and whether the group stays', () => {
      assert.deepEqual(pinnedChange([], [web]), { added: [web], removed: [], groupKept: false }, 'the group appears');
      assert.deepEqual(pinnedChange([web], []), { added: [], removed: [web], groupKept: false }, 'the group goes');
      assert.deepEqual(pinnedChange([web], [web, db]), { added: [db], removed: [], groupKept: true });
      assert.deepEqual(pinnedChange([web, db], [db]), { added: [], removed: [web], groupKept: true });
      assert.deepEqual(pinnedChange([web, db], [web, role]), { added: [role], removed: [db], groupKept: true }, 'one unpinned and another pinned at once');
    });

    it('tells the same product in another region or scope from the one shown', () => {
      const elsewhere = { ...web, region: 'eu-west-1' };
      assert.deepEqual(pinnedChange([web], [elsewhere]), { added: [elsewhere], removed: [web], groupKept: true });
      const otherScope = { ...web, scope: 'main-bob' };
      assert.deepEqual(pinnedChange([web], [otherScope]), { added: [otherScope], removed: [web], groupKept: true });
    });

    it('sees a new order as a change with nothing added or removed (the rows are drawn again in the stored order)', () => {
      assert.deepEqual(pinnedChange([web, db], [db, web]), { added: [], removed: [], groupKept: true });
    });
  });

  describe('PinnedWatch', () => {
    /** Two windows over one global state: `other` pins and unpins, this window's watch reads the same store. */
    function windows() {
      const store = new MemoryStore();
      const timers = new FakeTimers();
      const counted = countingTimers(timers);
      const pins = new PinnedProducts(store);
      const other = new PinnedProducts(store);
      const changes: PinnedChange[] = [];
      const watch = new PinnedWatch({ read: () => pins.list(), changed: (change) => changes.push(change), timers: counted });
      return { store, timers, counted, other, changes, watch };
    }
    const ref = (pin: PinnedProduct) => ({ profile: pin.scope, region: pin.region, provisionedProductId: pin.provisionedProductId });

    it('reads the stored pins on a tick while the view is visible, and tells only when they differ', async () => {
      const { timers, counted, other, changes, watch } = windows();
      watch.setVisible(true);
      assert.equal(counted.active, 1, 'one tick pending while visible');
      await timers.advance(pinnedWatchIntervalMs);
      assert.deepEqual(changes, [], 'nothing stored changed');

      await other.pin(ref(web), web.name);
      assert.deepEqual(changes, [], 'another window’s write fires nothing here');
      await timers.advance(pinnedWatchIntervalMs - 1);
      assert.deepEqual(changes, [], 'not before the tick');
      await timers.advance(1);
      assert.deepEqual(changes, [{ added: [web], removed: [], groupKept: false }]);

      await timers.advance(pinnedWatchIntervalMs * 3);
      assert.equal(changes.length, 1, 'told once: the stored pins are now those shown');

      await other.pin(ref(db), db.name);
      await other.unpin(ref(web));
      await timers.advance(pinnedWatchIntervalMs);
      assert.deepEqual(changes.slice(1), [{ added: [db], removed: [web], groupKept: true }], 'changes between two ticks come as one');
      assert.equal(counted.active, 1, 'still one tick pending');
      watch.dispose();
    });

    it('does not tick while the view is hidden, and reads at once when it is shown again', async () => {
      const { timers, counted, other, changes, watch } = windows();
      assert.equal(counted.active, 0, 'no tick before the view is shown');
      watch.setVisible(true);
      watch.setVisible(true);
      assert.equal(counted.active, 1, 'shown twice: still one tick');
      watch.setVisible(false);
      assert.equal(counted.active, 0, 'hidden: no tick pending');

      await other.pin(ref(role));
      await timers.advance(pinnedWatchIntervalMs * 10);
      assert.deepEqual(changes, [], 'nothing read while hidden');
      assert.equal(timers.timerCount, 0);

      watch.setVisible(true);
      assert.deepEqual(changes, [{ added: [role], removed: [], groupKept: false }], 'read as soon as the view is visible');
      assert.equal(counted.active, 1);
      watch.dispose();
    });

    it('leaves no timer behind once disposed, and reads nothing after', async () => {
      const { timers, counted, other, changes, watch } = windows();
      watch.setVisible(true);
      watch.dispose();
      assert.equal(counted.active, 0);
      watch.setVisible(true);
      assert.equal(counted.active, 0, 'a visibility event after dispose starts nothing');
      await other.pin(ref(web));
      await timers.advance(pinnedWatchIntervalMs * 2);
      assert.equal(watch.check(), undefined);
      assert.deepEqual(changes, []);
    });

    it('check() shows this window’s own change at once, and the tick then finds nothing new', async () => {
      const { timers, store, changes, watch } = windows();
      watch.setVisible(true);
      await store.update(pinnedStorageKey, [web]);
      assert.deepEqual(watch.check(), { added: [web], removed: [], groupKept: false });
      assert.equal(watch.check(), undefined);
      await timers.advance(pinnedWatchIntervalMs);
      assert.equal(changes.length, 1);
      watch.dispose();
    });

    it('keeps ticking when showing a change fails', async () => {
      const timers = new FakeTimers();
      const counted = countingTimers(timers);
      const store = new MemoryStore();
      let calls = 0;
      const watch = new PinnedWatch({
        read: () => new PinnedProducts(store).list(),
        changed: () => {
          calls++;
          throw new Error('the view is gone');
        },
        timers: counted,
      });
      watch.setVisible(true);
      await store.update(pinnedStorageKey, [web]);
      await assert.rejects(timers.advance(pinnedWatchIntervalMs), /the view is gone/);
      assert.equal(calls, 1);
      assert.equal(counted.active, 1, 'the next tick is set');
      watch.dispose();
    });
  });
});
