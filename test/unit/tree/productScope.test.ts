import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AwsContext } from '../../../src/aws/awsContext';
import { ListingCache } from '../../../src/catalog/listingCache';
import { generateSeed } from '../../../src/emulator';
import { DiskCache } from '../../../src/platform/diskCache';
import { DirectoryFileStore } from '../../../src/platform/fileStore';
import { ManualTimers } from '../support/manualTimers';
import type { AwsProfile } from '../../../src/aws/profiles';
import type { AccessLevel } from '../../../src/aws/serviceCatalogApi';
import { silentLogger } from '../../../src/platform/logger';
import type { Timers } from '../../../src/platform/timers';
import { ProductScope } from '../../../src/tree/productScope';
import { startEmulatorFixture, type EmulatorFixture } from '../support/emulatorFixture';
import { waitUntil } from '../../../tools/waitUntil';

describe('ProductScope against the emulator', function () {
  this.timeout(20_000);
  let fixture: EmulatorFixture;
  let aws: AwsContext;
  let changes: Array<string | undefined>;
  let timers: ManualTimers;

  before(async () => (fixture = await startEmulatorFixture()));
  after(() => fixture.stop());
  beforeEach(() => {
    fixture.emulator.reset();
    fixture.emulator.faults.clear();
    aws = fixture.context();
    changes = [];
    timers = new ManualTimers();
  });

  async function scopeFor(profileName: string, options: { accessLevel?: AccessLevel; searchQuery?: string } = {}) {
    const profile = (await aws.profiles()).profiles.find((candidate) => candidate.name === profileName) as AwsProfile;
    return new ProductScope(profile, 'us-east-1', {
      api: () => aws.api(profile, 'us-east-1'),
      accessLevel: () => options.accessLevel ?? 'User',
      searchQuery: () => options.searchQuery,
      onDidChange: (_scope, productId) => changes.push(productId),
      log: silentLogger,
      redactor: fixture.redactor,
      timers,
    });
  }

  it('loads once for concurrent callers, sorted by name as people sort', async () => {
    const scope = await scopeFor('main-alice');
    await Promise.all([scope.load(), scope.load(), scope.load()]);
    assert.equal(scope.state.kind, 'loaded');
    const names = scope.state.kind === 'loaded' ? scope.state.products.map((product) => product.Name) : [];
    assert.deepEqual(names.slice(0, 3), ['alice-db-09', 'alice-db-10', 'alice-db-11']);
    assert.equal(fixture.emulator.counters().calls.SearchProvisionedProducts, 1);
    assert.deepEqual(changes, [undefined]);
  });

  it('falls back to the user level when Account is denied, and says so', async () => {
    const scope = await scopeFor('main-carol', { accessLevel: 'Account' });
    await scope.load();
    assert.equal(scope.state.kind, 'loaded');
    if (scope.state.kind === 'loaded') {
      assert.equal(scope.state.accessLevel, 'User');
      assert.equal(scope.state.accessLevelFallback?.kind, 'access-denied');
      assert.ok(scope.state.products.every((product) => product.Name?.startsWith('carol-')));
    }
  });

  it('keeps a failure as state with the classified problem, and loads again after reset', async () => {
    const scope = await scopeFor('main-expired');
    await scope.load();
    assert.equal(scope.state.kind === 'failed' && scope.state.problem.kind, 'expired-credentials');
    await scope.load();
    assert.equal(fixture.emulator.counters().calls.SearchProvisionedProducts, 1, 'a failed scope waits for a retry');
    scope.reset();
    await scope.load();
    assert.equal(fixture.emulator.counters().calls.SearchProvisionedProducts, 2);
  });

  it('applies the filter of the profile', async () => {
    const scope = await scopeFor('main-alice', { accessLevel: 'Account', searchQuery: 'status:ERROR' });
    await scope.load();
    assert.deepEqual(scope.state.kind === 'loaded' && scope.state.products.map((product) => product.Name), ['zoe-web-error']);
  });

  it('watches products under change until they settle, backing off', async () => {
    const scope = await scopeFor('main-alice');
    await scope.load();
    assert.deepEqual(timers.delays, [5000], 'alice has products under change and in plan');
    const changesBefore = changes.length;
    timers.fireAll();
    await waitUntil('the next settle check to be scheduled', () => timers.delays.length === 1, 5_000, 10);
    assert.deepEqual(timers.delays, [7500]);
    assert.ok((fixture.emulator.counters().calls.DescribeProvisionedProduct ?? 0) >= 2);
    assert.equal(changes.length, changesBefore, 'a check that finds them as they were changes no row');
  });

  it('shows an execution as under change at once and refreshes the product when asked', async () => {
    const scope = await scopeFor('main-alice');
    await scope.load();
    scope.markUnderChange('pp-alice00000001', 'rec-new');
    assert.equal(scope.find('pp-alice00000001')?.Status, 'UNDER_CHANGE');
    assert.equal(scope.find('pp-alice00000001')?.LastRecordId, 'rec-new');
    assert.ok(changes.includes('pp-alice00000001'));
    await scope.refreshProduct('pp-alice00000001');
    assert.equal(scope.find('pp-alice00000001')?.Status, 'AVAILABLE');
  });

  it('lists once after a reset, even while the load it replaced is still running', async () => {
    fixture.emulator.faults.set([{ kind: 'latency', latencyMs: 200 }]);
    const scope = await scopeFor('main-alice');
    const replaced = scope.load();
    scope.reset();
    const current = scope.load();
    await replaced;
    await Promise.all([scope.load(), current]);
    assert.equal(scope.state.kind, 'loaded');
    // The replaced listing gave way before it asked AWS (it looks at the disk first); at most one more, never a third.
    assert.equal(fixture.emulator.counters().calls.SearchProvisionedProducts, 1);
  });

  it('stops settling a product that was terminated meanwhile and drops it from the list', async () => {
    const scope = await scopeFor('main-alice');
    await scope.load();
    fixture.emulator.state.provisionedProducts.delete('pp-alice00000010');
    changes = [];
    await scope.refreshProduct('pp-alice00000010');
    assert.equal(scope.find('pp-alice00000010'), undefined);
    assert.deepEqual(changes, [undefined], 'the scope says its list changed');
  });

  it('ignores a load that finishes after a reset', async () => {
    fixture.emulator.faults.set([{ kind: 'latency', latencyMs: 300 }]);
    const scope = await scopeFor('main-alice');
    const load = scope.load();
    scope.reset();
    await load;
    assert.equal(scope.state.kind, 'idle');
  });
});

describe('ProductScope: pages as they arrive, and the listing kept on disk', function () {
  this.timeout(30_000);
  let fixture: EmulatorFixture;
  let cacheDir: string;
  before(async () => (fixture = await startEmulatorFixture({ seed: generateSeed({ accounts: 1, regions: ['us-east-1'], productsPerAccount: 250 }) })));
  after(() => fixture.stop());
  beforeEach(() => {
    fixture.emulator.reset();
    fixture.emulator.faults.clear();
    cacheDir = mkdtempSync(path.join(tmpdir(), 'sc-scope-cache-'));
  });
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

  const cache = () => new ListingCache(new DiskCache(new DirectoryFileStore(cacheDir), { maxBytes: 10_000_000 }), () => fixture.configFile);
  async function scopeWith(options: { warmStart?: boolean; timers?: Timers; changes?: Array<string | undefined> } = {}) {
    const aws = fixture.context({ clientOverrides: { maxAttempts: 1 } });
    const profile = (await aws.profiles()).profiles[0];
    return new ProductScope(profile, 'us-east-1', {
      api: () => aws.api(profile, 'us-east-1'),
      accessLevel: () => 'User',
      searchQuery: () => undefined,
      onDidChange: (_scope, productId) => options.changes?.push(productId),
      log: silentLogger,
      redactor: fixture.redactor,
      timers: options.timers,
      cache: cache(),
      warmStart: options.warmStart,
    });
  }
  const searches = () => fixture.emulator.counters().calls.SearchProvisionedProducts ?? 0;
  /** A first window lists the scope; its listing is written to the disk after it settles, not awaited by it. */
  async function listedAndKept(): Promise<void> {
    await (await scopeWith()).settled();
    await waitUntil('the listing to be kept on disk', () => readdirSync(cacheDir).some((file) => file.endsWith('.json')), 5_000, 10);
  }

  it('shows the first page as soon as it arrives, sorted, and fills in the rest', async () => {
    fixture.emulator.faults.set([{ kind: 'latency', latencyMs: 150 }]);
    const changes: Array<string | undefined> = [];
    const scope = await scopeWith({ changes });
    await scope.load();
    const first = scope.state;
    assert.equal(first.kind, 'loading');
    assert.equal(first.kind === 'loading' && first.products?.length, 100, 'the first page of 100');
    assert.equal(searches(), 1);
    assert.ok(scope.find(first.kind === 'loading' ? first.products![0].Id! : ''), 'a product of the first page can be found (and acted on) at once');
    await scope.settled();
    const done = scope.state;
    assert.equal(done.kind === 'loaded' && done.products.length, 250);
    const names = done.kind === 'loaded' ? done.products.map((product) => product.Name!) : [];
    assert.deepEqual(names, [...names].sort(), 'sorted by name');
    assert.equal(searches(), 3);
    assert.ok(changes.length >= 2 && changes.length <= 4, `the view was told at the first page, at most once more while loading, and at the end: ${changes.length}`);
  });

  it('opens a new window’s scope from the disk with no call, marked with its age, then lists again in place', async () => {
    await listedAndKept();
    fixture.emulator.reset();
    const timers = new ManualTimers();
    const scope = await scopeWith({ warmStart: true, timers });
    await scope.load();
    const cached = scope.state;
    assert.ok(cached.kind === 'loaded' && cached.savedAt !== undefined && cached.products.length === 250);
    assert.equal(searches(), 0, 'nothing was asked before the cached products were shown');
    assert.deepEqual(timers.delays, [1000]);
    timers.fireAll();
    await scope.settled();
    const fresh = scope.state;
    assert.ok(fresh.kind === 'loaded' && fresh.savedAt === undefined && fresh.products.length === 250);
    assert.deepEqual(fresh.kind === 'loaded' && fresh.products.map((product) => product.Id), cached.kind === 'loaded' && cached.products.map((product) => product.Id), 'the same rows, in the same order');
    assert.equal(searches(), 3);
  });

  it('keeps the cached products under the failure when the listing again fails', async () => {
    await listedAndKept();
    fixture.emulator.faults.set([{ kind: 'serviceUnavailable' }]);
    const timers = new ManualTimers();
    const scope = await scopeWith({ warmStart: true, timers });
    await scope.load();
    timers.fireAll();
    await scope.settled();
    const state = scope.state;
    assert.equal(state.kind, 'failed');
    assert.equal(state.kind === 'failed' && state.problem.kind, 'service-unavailable');
    assert.equal(state.kind === 'failed' && state.products?.length, 250);
    assert.ok(state.kind === 'failed' && state.savedAt !== undefined);
  });

  it('refreshes in place when asked: what is shown stays until the new listing, and loading waits for it', async () => {
    const scope = await scopeWith();
    await scope.settled();
    fixture.emulator.faults.set([{ kind: 'latency', latencyMs: 100 }]);
    const refreshed = scope.refresh();
    assert.equal(scope.state.kind, 'loaded', 'the rows stay while it lists again');
    await scope.load();
    assert.equal(searches(), 6, 'load waited for the refresh asked for');
    await refreshed;
  });
});
