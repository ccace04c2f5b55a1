import { strict as assert } from 'node:assert';
import type { AwsContext } from '../../../src/aws/awsContext';
import type { AwsProfile } from '../../../src/aws/profiles';
import type { AccessLevel } from '../../../src/aws/serviceCatalogApi';
import { silentLogger } from '../../../src/platform/logger';
import type { Timers } from '../../../src/platform/timers';
import { ProductScope } from '../../../src/tree/productScope';
import { startEmulatorFixture, type EmulatorFixture } from '../support/emulatorFixture';
import { waitUntil } from '../../../tools/waitUntil';

/** Timers that fire only when the test says so. */
class ManualTimers implements Timers {
  now = () => Date.now();
  private pending: Array<{ callback: () => void; ms: number }> = [];
  setTimeout(callback: () => void, ms: number) {
    const entry = { callback, ms };
    this.pending.push(entry);
    return entry;
  }
  clearTimeout(handle: unknown) {
    this.pending = this.pending.filter((entry) => entry !== handle);
  }
  get delays(): number[] {
    return this.pending.map((entry) => entry.ms);
  }
  fireAll() {
    const due = this.pending;
    this.pending = [];
    due.forEach((entry) => entry.callback());
  }
}

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
    assert.equal(fixture.emulator.counters().calls.SearchProvisionedProducts, 2, 'the replaced listing and one more, not a third');
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
