import { strict as assert } from 'node:assert';
import { maxPinnedProducts, parsePinned, pinnedPlace, pinnedStorageKey, PinnedProducts } from '../../../src/tree/pinnedProducts';
import { MemoryStore } from '../support/memoryStore';

const alice = { profile: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-alice00000001' };
const role = { profile: 'sso acme-sso/123456789012/ServiceCatalogEndUser', region: 'eu-west-1', provisionedProductId: 'pp-role00000001' };

describe('pinned products', () => {
  it('pins in order, once each, keeping only the scope, region, id and name', async () => {
    const store = new MemoryStore();
    const pins = new PinnedProducts(store);
    let changes = 0;
    pins.onDidChange(() => changes++);
    assert.equal(await pins.pin(alice, 'alice-web-01'), 'pinned');
    assert.equal(await pins.pin(role, 'role-db'), 'pinned');
    assert.equal(await pins.pin(alice, 'alice-web-01'), 'already');
    assert.deepEqual(pins.list(), [
      { scope: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-alice00000001', name: 'alice-web-01' },
      { scope: role.profile, region: 'eu-west-1', provisionedProductId: 'pp-role00000001', name: 'role-db' },
    ]);
    assert.ok(pins.has(role));
    assert.ok(!pins.has({ ...alice, region: 'eu-west-1' }), 'the same id in another region is another product');
    assert.equal(changes, 2);
    assert.deepEqual(Object.keys(store.get<object[]>(pinnedStorageKey)![0]).sort(), ['name', 'provisionedProductId', 'region', 'scope']);
  });

  it('survives a reload: a new instance over the same store sees the pins', async () => {
    const store = new MemoryStore();
    await new PinnedProducts(store).pin(role, 'role-db');
    const reloaded = new PinnedProducts(store.snapshot());
    assert.ok(reloaded.has(role));
    assert.equal(reloaded.find(role)?.name, 'role-db');
  });

  it('unpins, and says when there was nothing to unpin', async () => {
    const pins = new PinnedProducts(new MemoryStore());
    await pins.pin(alice);
    await pins.pin(role);
    assert.equal(await pins.unpin(alice), true);
    assert.equal(await pins.unpin(alice), false);
    assert.deepEqual(pins.list().map((pin) => pin.provisionedProductId), ['pp-role00000001']);
  });

  it('refuses more than its bound', async () => {
    const pins = new PinnedProducts(new MemoryStore(), 3);
    for (let index = 0; index < 3; index++) {
      assert.equal(await pins.pin({ ...alice, provisionedProductId: `pp-${index}` }), 'pinned');
    }
    assert.equal(await pins.pin({ ...alice, provisionedProductId: 'pp-4' }), 'full');
    assert.equal(pins.size, 3);
    assert.equal(new PinnedProducts(new MemoryStore()).max, maxPinnedProducts);
  });

  it('remembers the name a pinned product was last seen with, without telling the view', async () => {
    const pins = new PinnedProducts(new MemoryStore());
    await pins.pin(alice, 'old-name');
    let changes = 0;
    pins.onDidChange(() => changes++);
    await pins.rememberName(alice, 'new-name');
    await pins.rememberName(role, 'not pinned');
    assert.equal(pins.find(alice)?.name, 'new-name');
    assert.equal(pins.size, 1);
    assert.equal(changes, 0);
  });

  it('reads what is stored tolerantly: well-formed pins only, without unknown fields, once each, bounded', () => {
    assert.deepEqual(parsePinned(undefined), []);
    assert.deepEqual(parsePinned({ scope: 'x' }), []);
    assert.deepEqual(parsePinned('[]'), []);
    const stored = [
      null,
      42,
      { scope: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-1', name: 'web', secretAccessKey: 'wJalr', sessionToken: 'IQo' },
      { scope: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-1', name: 'twice' },
      { scope: '', region: 'us-east-1', provisionedProductId: 'pp-2' },
      { scope: 'main-alice', region: 'not a region', provisionedProductId: 'pp-3' },
      { scope: 'main-alice', region: 'us-east-1', provisionedProductId: '<script>' },
      { scope: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-4', name: 7 },
      { scope: 'x'.repeat(513), region: 'us-east-1', provisionedProductId: 'pp-5' },
      { scope: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-6', name: 'n'.repeat(1000) },
    ];
    const pins = parsePinned(stored);
    assert.deepEqual(pins.slice(0, 2), [
      { scope: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-1', name: 'web' },
      { scope: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-4' },
    ]);
    assert.equal(pins.length, 3);
    assert.equal(pins[2].name?.length, 256);
    const many = Array.from({ length: 150 }, (_, index) => ({ scope: 'p', region: 'us-east-1', provisionedProductId: `pp-${index}` }));
    assert.equal(parsePinned(many).length, maxPinnedProducts);
    assert.equal(new PinnedProducts(storeWith(stored)).size, 3, 'the store reads through the same parser');
  });

  it('says where a pinned product is: the profile, or the role and account, and the region', () => {
    assert.equal(pinnedPlace({ scope: 'main-alice', region: 'us-east-1' }), 'main-alice · us-east-1');
    assert.equal(pinnedPlace({ scope: role.profile, region: 'eu-west-1' }), 'ServiceCatalogEndUser · 123456789012 · eu-west-1');
  });
});

function storeWith(value: unknown): MemoryStore {
  const store = new MemoryStore();
  void store.update(pinnedStorageKey, value);
  return store;
}
