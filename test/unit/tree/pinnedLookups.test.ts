import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AwsContext } from '../../../src/aws/awsContext';
import { ListingCache } from '../../../src/catalog/listingCache';
import type { ProductRef } from '../../../src/catalog/products';
import { DiskCache } from '../../../src/platform/diskCache';
import { DirectoryFileStore } from '../../../src/platform/fileStore';
import { silentLogger } from '../../../src/platform/logger';
import { PinnedLookups } from '../../../src/tree/pinnedLookups';
import { waitUntil } from '../../../tools/waitUntil';
import { startEmulatorFixture, type EmulatorFixture } from '../support/emulatorFixture';
import { ManualTimers } from '../support/manualTimers';

/** The status of pinned products the view has not listed, against the emulator through the real SDK. */
describe('PinnedLookups against the emulator', function () {
  this.timeout(20_000);
  let fixture: EmulatorFixture;
  let aws: AwsContext;
  let timers: ManualTimers;
  let cache: ListingCache;
  let cacheDir: string;
  let changes: ProductRef[];
  let covered: boolean;

  const web01 = { profile: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-alice00000001' };
  const db10 = { profile: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-alice00000010' };
  const calls = (operation: string) => fixture.emulator.counters().calls[operation] ?? 0;

  before(async () => (fixture = await startEmulatorFixture()));
  after(() => fixture.stop());
  beforeEach(() => {
    fixture.emulator.reset();
    fixture.emulator.faults.clear();
    aws = fixture.context();
    timers = new ManualTimers();
    cacheDir = mkdtempSync(path.join(tmpdir(), 'sc-pinned-'));
    cache = new ListingCache(new DiskCache(new DirectoryFileStore(cacheDir), { maxBytes: 1_000_000 }), () => 'config');
    changes = [];
    covered = false;
  });
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

  function lookups(): PinnedLookups {
    return new PinnedLookups({
      api: (scope, region) => aws.apiFor(scope, region),
      cached: async (scope, region) => {
        const entry = await cache.products({ scope, region, accessLevel: 'User' });
        return entry && { products: entry.value.products, savedAt: entry.savedAt };
      },
      coveredByView: () => covered,
      onDidChange: (ref) => changes.push(ref),
      redactor: fixture.redactor,
      log: silentLogger,
      timers,
    });
  }

  it('shows the listing kept on disk at once, then what one DescribeProvisionedProduct says', async () => {
    await cache.saveProducts({ scope: 'main-alice', region: 'us-east-1', accessLevel: 'User' }, {
      accessLevel: 'User',
      products: [{ Id: web01.provisionedProductId, Name: 'alice-web-01', Status: 'TAINTED', ProductName: 'Web server', ProvisioningArtifactName: 'v1' }],
    });
    const pinned = lookups();
    await pinned.ensure([web01]);
    const first = pinned.state(web01);
    assert.equal(first.kind === 'found' && first.product.Status, 'TAINTED', 'the disk first');
    assert.ok(first.kind === 'found' && first.savedAt !== undefined);
    await waitUntil('AWS to answer', () => changes.length === 1);
    const answered = pinned.state(web01);
    assert.equal(answered.kind === 'found' && answered.product.Status, 'AVAILABLE');
    assert.equal(answered.kind === 'found' && answered.savedAt, undefined);
    assert.equal(answered.kind === 'found' && answered.product.ProductName, 'Web server', 'what the listing knew and a describe does not say is kept');
    assert.equal(answered.kind === 'found' && 'IdempotencyToken' in answered.product, false);
    assert.equal(calls('DescribeProvisionedProduct'), 1);
    assert.equal(calls('SearchProvisionedProducts'), 0, 'no listing of the whole scope');
    await pinned.ensure([web01]);
    assert.equal(calls('DescribeProvisionedProduct'), 1, 'looked up once until refreshed');
    assert.deepEqual(timers.delays, [], 'a settled product is not watched');
    pinned.dispose();
  });

  it('says a product that AWS no longer has is gone', async () => {
    const pinned = lookups();
    const gone = { ...web01, provisionedProductId: 'pp-terminated0001' };
    await pinned.ensure([gone]);
    assert.equal(pinned.state(gone).kind, 'unknown', 'nothing on disk');
    await waitUntil('AWS to answer', () => changes.length === 1);
    assert.equal(pinned.state(gone).kind, 'gone');
  });

  it('gives the scope’s error when its profile is gone from the AWS files', async () => {
    const pinned = lookups();
    const orphan = { ...web01, profile: 'removed-profile' };
    await pinned.ensure([orphan]);
    await waitUntil('the lookup to end', () => changes.length === 1);
    const state = pinned.state(orphan);
    assert.equal(state.kind, 'failed');
    assert.equal(state.kind === 'failed' && state.problem.summary, 'Profile not found');
    assert.equal(calls('DescribeProvisionedProduct'), 0);
  });

  it('asks nothing while the view’s own listing covers the product', async () => {
    covered = true;
    const pinned = lookups();
    await pinned.ensure([web01]);
    await pinned.refresh(web01);
    assert.equal(calls('DescribeProvisionedProduct'), 0);
  });

  it('watches a product under change until it settles, backing off, and stops when forgotten', async () => {
    const pinned = lookups();
    await pinned.ensure([db10, web01]);
    await waitUntil('AWS to answer', () => changes.length === 2);
    assert.deepEqual(timers.delays, [5000], 'only the product under change is watched');
    timers.fireAll();
    await waitUntil('the next check', () => changes.length === 3);
    assert.deepEqual(timers.delays, [7500]);
    pinned.forget(db10);
    assert.deepEqual(timers.delays, []);
    assert.equal(pinned.state(db10).kind, 'unknown');

    pinned.markUnderChange(web01, 'rec-new');
    const marked = pinned.state(web01);
    assert.equal(marked.kind === 'found' && marked.product.Status, 'UNDER_CHANGE');
    assert.equal(marked.kind === 'found' && marked.product.LastRecordId, 'rec-new');
    assert.deepEqual(timers.delays, [5000]);
    await pinned.refresh(web01);
    const settled = pinned.state(web01);
    assert.equal(settled.kind === 'found' && settled.product.Status, 'AVAILABLE');
    assert.deepEqual(timers.delays, []);
    pinned.dispose();
  });
});
