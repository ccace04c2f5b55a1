import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AwsContext } from '../../../src/aws/awsContext';
import { CallLimiter } from '../../../src/aws/callLimiter';
import { ListingCache } from '../../../src/catalog/listingCache';
import { ProductSearch, type SearchScope } from '../../../src/catalog/productSearch';
import { DiskCache } from '../../../src/platform/diskCache';
import { DirectoryFileStore } from '../../../src/platform/fileStore';
import { silentLogger } from '../../../src/platform/logger';
import { ProductScope } from '../../../src/tree/productScope';
import { startEmulatorFixture, type EmulatorFixture } from '../support/emulatorFixture';
import { waitUntil } from '../../../tools/waitUntil';

/** What Go to Provisioned Product asks of the view's scopes (known, answer), against the emulator over HTTP. */
describe('ProductScope as a scope of Go to Provisioned Product', function () {
  this.timeout(20_000);
  let fixture: EmulatorFixture;
  let aws: AwsContext;
  let limiter: CallLimiter;
  let cacheDir: string;
  let cache: ListingCache;
  /** Disposed after each test: a scope with a product under change checks it again on a timer. */
  let made: ProductScope[];

  before(async () => (fixture = await startEmulatorFixture()));
  after(() => fixture.stop());
  beforeEach(() => {
    fixture.emulator.reset();
    fixture.emulator.faults.clear();
    made = [];
    limiter = new CallLimiter(2);
    aws = fixture.context({ limiter });
    cacheDir = mkdtempSync(path.join(tmpdir(), 'sc-search-cache-'));
    cache = new ListingCache(new DiskCache(new DirectoryFileStore(cacheDir), { maxBytes: 10_000_000 }), () => fixture.configFile);
  });
  afterEach(() => {
    made.forEach((scope) => scope.dispose());
    rmSync(cacheDir, { recursive: true, force: true });
  });

  const searches = () => fixture.emulator.counters().calls.SearchProvisionedProducts ?? 0;
  /** `warmStart` as the view makes a new window's scopes: what the disk holds first, listed again after `refreshDelayMs`. */
  async function scopeFor(profileName: string, region = 'us-east-1', warm?: { refreshDelayMs: number }) {
    const profile = (await aws.profiles()).profiles.find((candidate) => candidate.name === profileName)!;
    const scope = new ProductScope(profile, region, {
      ...(warm ? { warmStart: true, refreshDelayMs: warm.refreshDelayMs } : {}),
      api: () => aws.api(profile, region),
      accessLevel: () => 'User',
      searchQuery: () => undefined,
      onDidChange: () => undefined,
      log: silentLogger,
      redactor: fixture.redactor,
      cache,
    });
    made.push(scope);
    return scope;
  }
  const asSearchScope = (scope: ProductScope): SearchScope => ({
    scopeName: scope.profile.name,
    region: scope.region,
    label: scope.profile.name,
    known: () => scope.known(),
    answer: () => scope.answer(),
  });

  it('knows nothing of a scope never listed, and lists it to answer; then answers with no call', async () => {
    const scope = await scopeFor('main-alice');
    assert.equal(await scope.known(), undefined);
    const products = await scope.answer();
    assert.equal(products.length, 12);
    assert.equal(searches(), 1);
    assert.equal(scope.state.kind, 'loaded', 'the view shows what the search listed');
    assert.equal((await scope.answer()).length, 12);
    assert.equal(searches(), 1, 'a listing of this window is the answer');
    assert.equal((await scope.known())?.length, 12);
  });

  it('knows what the disk holds before it answers', async () => {
    await (await scopeFor('main-alice')).answer();
    await waitUntil('the listing to be kept on disk', async () => (await cache.products({ scope: 'main-alice', region: 'us-east-1', accessLevel: 'User' })) !== undefined);
    const fresh = await scopeFor('main-alice');
    assert.equal((await fresh.known())?.length, 12, 'read from the disk, with no call');
    assert.equal(searches(), 1);
  });

  it('answers a new window’s scope shown from the disk with a listing made now, not after the view’s refresh delay', async () => {
    await (await scopeFor('main-alice')).answer();
    await waitUntil('the listing to be kept on disk', async () => (await cache.products({ scope: 'main-alice', region: 'us-east-1', accessLevel: 'User' })) !== undefined);
    // The view waits this long before listing again what it painted from the disk; the search must not.
    const fresh = await scopeFor('main-alice', 'us-east-1', { refreshDelayMs: 3_600_000 });
    await fresh.prime();
    assert.equal(fresh.state.kind === 'loaded' && fresh.state.savedAt !== undefined, true, 'shown from the disk');
    assert.equal((await fresh.answer()).length, 12);
    assert.equal(searches(), 2, 'listed again for the answer');
    assert.equal(fresh.state.kind === 'loaded' && fresh.state.savedAt === undefined, true, 'the view shows the new listing too');
  });

  it('answers at once a scope the view is listing again after showing it from the disk', async () => {
    await (await scopeFor('main-alice')).answer();
    await waitUntil('the listing to be kept on disk', async () => (await cache.products({ scope: 'main-alice', region: 'us-east-1', accessLevel: 'User' })) !== undefined);
    const fresh = await scopeFor('main-alice', 'us-east-1', { refreshDelayMs: 3_600_000 });
    // Expanded in the view: shown from the disk, its new listing waiting for the delay.
    await fresh.load();
    assert.equal(fresh.state.kind === 'loaded' && fresh.state.refreshing, true);
    assert.equal((await fresh.answer()).length, 12);
    assert.equal(searches(), 2, 'one listing, shared by the view and the search');
  });

  it('rejects with the problem of a scope that fails, and tries a failed scope again', async () => {
    const scope = await scopeFor('main-expired');
    await assert.rejects(scope.answer(), (problem: { kind: string }) => problem.kind === 'expired-credentials');
    await assert.rejects(scope.answer(), (problem: { kind: string }) => problem.kind === 'expired-credentials');
    assert.equal(searches(), 2, 'asked again');
  });

  it('searches several profiles and regions through the limiter, counting the one that fails', async () => {
    const scopes = await Promise.all(
      ['main-alice', 'main-bob', 'main-carol', 'main-expired', 'other-erin'].flatMap((name) => ['us-east-1', 'eu-west-1'].map((region) => scopeFor(name, region))),
    );
    const search = new ProductSearch(scopes.map(asSearchScope), fixture.redactor);
    await search.start();
    const progress = search.progress;
    assert.equal(progress.total, 10);
    assert.equal(progress.answered, 10);
    assert.deepEqual(progress.failed.map((failure) => `${failure.scope.label} ${failure.scope.region}`).sort(), ['main-expired eu-west-1', 'main-expired us-east-1']);
    assert.deepEqual(
      search.results('alice-eu').map((hit) => [hit.product.Name, hit.scope.region]),
      [
        ['alice-eu-web-01', 'eu-west-1'],
        ['alice-eu-web-02', 'eu-west-1'],
        ['alice-eu-web-03', 'eu-west-1'],
      ],
    );
    // carol's buckets by their tag team=data, then the products whose product name holds it ("PostgreSQL Database").
    assert.deepEqual(
      search.results('data').map((hit) => `${hit.product.Name} ${hit.field}`),
      ['carol-bucket-01 tag', 'carol-bucket-02 tag', 'carol-bucket-03 tag', 'alice-db-09 productName', 'alice-db-10 productName', 'alice-db-11 productName', 'alice-db-12 productName'],
    );
    assert.ok(limiter.stats().peakInFlight <= 2, `never more in flight than the limit: ${limiter.stats().peakInFlight}`);
    assert.equal(searches(), 10);
  });
});
