import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ProvisionedProductAttribute } from '@aws-sdk/client-service-catalog';
import { ListingCache } from '../../../src/catalog/listingCache';
import { DiskCache } from '../../../src/platform/diskCache';
import { DirectoryFileStore } from '../../../src/platform/fileStore';

const product = (n: number): ProvisionedProductAttribute => ({
  Id: `pp-${String(n).padStart(12, '0')}`,
  Name: `web-${n}`,
  Status: 'AVAILABLE',
  CreatedTime: new Date('2024-05-01T12:00:00Z'),
  Tags: [{ Key: 'team', Value: 'payments' }],
  ProductName: 'Web Server',
  ProvisioningArtifactName: 'v1',
  IdempotencyToken: 'idempotency-token-not-kept',
});

describe('listings kept on disk', () => {
  let dir: string;
  let now: number;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sc-cache-'));
    now = Date.parse('2026-12-04T10:00:00Z');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const cacheOf = (options: { maxBytes?: number; namespace?: string } = {}) =>
    new ListingCache(new DiskCache(new DirectoryFileStore(dir), { maxBytes: options.maxBytes ?? 1_000_000, now: () => now }), () => options.namespace ?? '/home/me/.aws/config');
  const key = { scope: 'dev', region: 'us-east-1', accessLevel: 'User' as const };

  it('gives back a listing as it was saved, with its age, keeping only what the view shows', async () => {
    const cache = cacheOf();
    await cache.saveProducts(key, { products: [product(1), product(2)], accessLevel: 'User' });
    now += 12 * 60_000;
    const entry = await cache.products(key);
    assert.equal(entry?.savedAt, Date.parse('2026-12-04T10:00:00Z'));
    assert.deepEqual(entry?.value.products.map((p) => p.Name), ['web-1', 'web-2']);
    assert.ok(entry?.value.products[0].CreatedTime instanceof Date, 'dates come back as dates');
    assert.equal(entry?.value.products[0].IdempotencyToken, undefined);
    const onDisk = readdirSync(dir).map((file) => readFileSync(path.join(dir, file), 'utf8')).join('\n');
    assert.ok(!onDisk.includes('idempotency-token-not-kept'));
    assert.equal(await cache.products({ ...key, filter: 'status:ERROR' }), undefined, 'another filter is another listing');
    assert.equal(await cache.products({ ...key, accessLevel: 'Account' }), undefined, 'another access level too');
  });

  it('stays within its size, dropping the oldest listings first, and does not keep one too large for it', async () => {
    // About 6 KB a listing: five of them pass 26 KB, and a listing may take a quarter of it.
    const cache = cacheOf({ maxBytes: 26_000 });
    const many = Array.from({ length: 30 }, (_, n) => product(n));
    for (const scope of ['a', 'b', 'c', 'd', 'e']) {
      await cache.saveProducts({ ...key, scope }, { products: many, accessLevel: 'User' });
      now += 1000;
      await new Promise((resolve) => setTimeout(resolve, 15)); // distinct file times
    }
    const sizes = readdirSync(dir).map((file) => readFileSync(path.join(dir, file)).length);
    assert.ok(sizes.reduce((sum, size) => sum + size, 0) <= 26_000);
    assert.equal(await cache.products({ ...key, scope: 'a' }), undefined, 'the oldest went first');
    assert.ok(await cache.products({ ...key, scope: 'e' }));
    assert.ok(await cache.products({ ...key, scope: 'b' }));
    await cache.saveProducts({ ...key, scope: 'huge' }, { products: Array.from({ length: 200 }, (_, n) => product(n)), accessLevel: 'User' });
    assert.equal(await cache.products({ ...key, scope: 'huge' }), undefined);
  });

  it('drops the listings of profiles and sessions that are gone, and of accounts and roles no longer listed', async () => {
    const cache = cacheOf();
    const role = (account: string, name: string) => `sso acme/${account}/${name}`;
    for (const scope of ['dev', 'prod', role('111111111111', 'EndUser'), role('111111111111', 'ReadOnly'), role('222222222222', 'EndUser'), 'sso old/333333333333/EndUser']) {
      await cache.saveProducts({ ...key, scope }, { products: [product(1)], accessLevel: 'User' });
    }
    await cache.saveAccounts('acme', [{ accountId: '111111111111', accountName: 'Main' }]);
    await cache.saveRoles('acme', '222222222222', ['EndUser']);
    await cache.saveAccounts('old', [{ accountId: '333333333333', accountName: 'Old' }]);
    const kept = async () => {
      const scopes = [];
      for (const scope of ['dev', 'prod', role('111111111111', 'EndUser'), role('111111111111', 'ReadOnly'), role('222222222222', 'EndUser'), 'sso old/333333333333/EndUser']) {
        if (await cache.products({ ...key, scope })) scopes.push(scope);
      }
      return scopes;
    };
    await cache.dropGoneScopes(['dev'], ['acme']);
    assert.deepEqual(await kept(), ['dev', role('111111111111', 'EndUser'), role('111111111111', 'ReadOnly'), role('222222222222', 'EndUser')]);
    assert.equal(await cache.accounts('old'), undefined);
    await cache.dropGoneAccounts('acme', ['111111111111']);
    assert.deepEqual(await kept(), ['dev', role('111111111111', 'EndUser'), role('111111111111', 'ReadOnly')]);
    assert.equal(await cache.roles('acme', '222222222222'), undefined);
    await cache.dropGoneRoles('acme', '111111111111', ['EndUser']);
    assert.deepEqual(await kept(), ['dev', role('111111111111', 'EndUser')]);
  });

  it('keeps each AWS config file’s listings apart (the sandbox’s never show yours, nor drop them)', async () => {
    const mine = cacheOf({ namespace: '/home/me/.aws/config' });
    const sandbox = cacheOf({ namespace: '/storage/sandbox/config' });
    await mine.saveProducts(key, { products: [product(1)], accessLevel: 'User' });
    assert.equal(await sandbox.products(key), undefined);
    await sandbox.dropGoneScopes([], []);
    assert.ok(await mine.products(key));
  });

  it('reads and writes nothing once turned off, and deletes what it kept', async () => {
    const cache = cacheOf();
    await cache.saveProducts(key, { products: [product(1)], accessLevel: 'User' });
    await cache.setEnabled(false);
    assert.deepEqual(readdirSync(dir), []);
    await cache.saveProducts(key, { products: [product(1)], accessLevel: 'User' });
    assert.deepEqual(readdirSync(dir), []);
    assert.equal(await cache.products(key), undefined);
  });

  it('treats a damaged file as a miss and removes it', async () => {
    const cache = cacheOf();
    await cache.saveProducts(key, { products: [product(1)], accessLevel: 'User' });
    const [file] = readdirSync(dir);
    const text = readFileSync(path.join(dir, file), 'utf8');
    writeFileSync(path.join(dir, file), text.slice(0, text.length / 2));
    assert.equal(await cache.products(key), undefined);
    assert.deepEqual(readdirSync(dir), []);
  });
});
