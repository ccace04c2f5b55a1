import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AwsContext } from '../../../src/aws/awsContext';
import { IdentityCenterDirectory } from '../../../src/catalog/identityCenterDirectory';
import { ListingCache } from '../../../src/catalog/listingCache';
import { DiskCache } from '../../../src/platform/diskCache';
import { DirectoryFileStore } from '../../../src/platform/fileStore';
import { silentLogger } from '../../../src/platform/logger';
import { ManualTimers } from '../support/manualTimers';
import { waitUntil } from '../../../tools/waitUntil';
import { startEmulatorFixture, withProcessEnv, type EmulatorFixture } from '../support/emulatorFixture';

/** The accounts and roles of IAM Identity Center, listed on demand, through the disk cache, against the emulator's portal. */
describe('IdentityCenterDirectory', function () {
  this.timeout(20_000);
  let fixture: EmulatorFixture;
  let cacheDir: string;
  let aws: AwsContext;
  before(async () => (fixture = await startEmulatorFixture({ identityCenter: true })));
  after(() => fixture.stop());
  withProcessEnv(() => fixture.processEnv);
  beforeEach(() => {
    fixture.emulator.reset();
    cacheDir = mkdtempSync(path.join(tmpdir(), 'sc-directory-'));
    aws = fixture.context();
  });
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

  const directoryWith = (timers = new ManualTimers()) => {
    const cache = new ListingCache(new DiskCache(new DirectoryFileStore(cacheDir), { maxBytes: 1_000_000 }), () => fixture.configFile);
    const changes: string[] = [];
    const directory = new IdentityCenterDirectory({ portal: (source) => aws.portal(source), cache, redactor: fixture.redactor, log: silentLogger, timers });
    directory.onDidChange((change) => changes.push(change.accountId ? `${change.source}/${change.accountId}` : change.source));
    return { directory, changes, timers };
  };
  const source = async (id: string) => (await aws.profiles()).ssoSources.find((candidate) => candidate.id === id)!;
  const calls = () => fixture.emulator.counters().calls;

  it('lists nothing until asked, then a session’s accounts with one call, and an account’s roles with one more', async () => {
    const { directory, changes } = directoryWith();
    const acme = await source('acme-sso');
    assert.equal(directory.accounts(acme).kind, 'idle');
    assert.equal(calls()['sso:ListAccounts'], undefined);
    await Promise.all([directory.loadAccounts(acme), directory.loadAccounts(acme)]);
    const accounts = directory.accounts(acme);
    assert.deepEqual(accounts.kind === 'loaded' && accounts.value.map((account) => account.accountName), ['Main', 'Workloads', 'Restricted']);
    assert.equal(calls()['sso:ListAccounts'], 1);
    assert.equal(calls()['sso:ListAccountRoles'], undefined, 'no account is contacted before it is asked for');
    await directory.loadRoles(acme, '444444444444');
    const roles = directory.roles(acme, '444444444444');
    assert.deepEqual(roles.kind === 'loaded' && roles.value, ['ServiceCatalogEndUser', 'ReadOnlyAccess']);
    assert.equal(calls()['sso:ListAccountRoles'], 1);
    assert.deepEqual(changes, ['acme-sso', 'acme-sso/444444444444']);
  });

  it('opens a new window’s listing from the disk at once, with its age, and lists again a moment later', async () => {
    const first = directoryWith();
    const acme = await source('acme-sso');
    await first.directory.loadAccounts(acme);
    await first.directory.loadRoles(acme, '444444444444');
    fixture.emulator.reset();

    const next = directoryWith();
    await next.directory.loadAccounts(acme);
    const cached = next.directory.accounts(acme);
    assert.equal(cached.kind, 'loaded');
    assert.ok(cached.kind === 'loaded' && cached.savedAt !== undefined && cached.value.length === 3);
    assert.equal(calls()['sso:ListAccounts'], undefined, 'nothing was asked before the cached listing was shown');
    assert.deepEqual(next.timers.delays, [1000]);
    next.timers.fireAll();
    await next.directory.accountsSettled(acme);
    const fresh = next.directory.accounts(acme);
    assert.ok(fresh.kind === 'loaded' && fresh.savedAt === undefined);
    assert.equal(calls()['sso:ListAccounts'], 1);
  });

  it('drops the kept products of a role the account no longer gives, and looks for none when every saved role is still given', async () => {
    const acme = await source('acme-sso');
    const dropped: string[][] = [];
    const cache = new (class extends ListingCache {
      override dropGoneRoles(sourceId: string, accountId: string, roleNames: readonly string[]): Promise<number> {
        dropped.push([...roleNames]);
        return super.dropGoneRoles(sourceId, accountId, roleNames);
      }
    })(new DiskCache(new DirectoryFileStore(cacheDir), { maxBytes: 1_000_000 }), () => fixture.configFile);
    const gone = { scope: `sso ${acme.id}/444444444444/RetiredRole`, region: 'us-east-1', accessLevel: 'User' as const };
    await cache.saveRoles(acme.id, '444444444444', ['ServiceCatalogEndUser', 'ReadOnlyAccess', 'RetiredRole']);
    await cache.saveProducts(gone, { products: [{ Id: 'pp-retired0001', Name: 'retired' }], accessLevel: 'User' });
    const listRoles = async () => {
      // A new window: the roles shown from the disk, then listed again.
      const timers = new ManualTimers();
      const directory = new IdentityCenterDirectory({ portal: (candidate) => aws.portal(candidate), cache, redactor: fixture.redactor, log: silentLogger, timers });
      await directory.loadRoles(acme, '444444444444');
      timers.fireAll();
      await directory.rolesSettled(acme, '444444444444');
      directory.dispose();
    };

    await listRoles();
    assert.deepEqual(dropped, [['ServiceCatalogEndUser', 'ReadOnlyAccess']], 'RetiredRole is no longer given: its products are looked for');
    // Dropping runs in the background of the listing.
    await waitUntil('RetiredRole\'s products to be dropped', async () => (await cache.products(gone)) === undefined, 5_000);
    await waitUntil('the roles listed to be kept on disk', async () => (await cache.roles(acme.id, '444444444444'))?.value.length === 2, 5_000);

    await listRoles();
    assert.equal(dropped.length, 1, 'the same roles again: nothing to drop, the folder is not scanned');
  });

  it('says once, for the whole session, that it needs signing in', async () => {
    const { directory } = directoryWith();
    const expired = await source('acme-expired');
    await directory.loadAccounts(expired);
    assert.equal(directory.signInProblem(expired)?.ssoLoginCommand, 'aws sso login --sso-session acme-expired');
    const acme = await source('acme-sso');
    assert.equal(directory.signInProblem(acme), undefined);
    const problem = directory.signInProblem(expired)!;
    directory.reportSignInNeeded(acme, problem);
    directory.reportSignInNeeded(acme, problem);
    assert.equal(directory.signInProblem(acme), problem);
    await directory.refreshAccounts(acme);
    assert.equal(directory.signInProblem(acme), undefined, 'a listing that works clears it');
  });
});

