import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ServiceCatalogExtensionApi } from '../../src/extension';
import { extensionApi } from './helpers/serviceCatalogApi';
import { waitUntil } from '../../tools/waitUntil';

/**
 * The settings of the call limiter and of the listings kept on disk reach the running extension: the composition
 * root passes them on when they change, with no reload.
 */
describe('Settings: maxConcurrentRequests and cacheListings', function () {
  this.timeout(60_000);
  let api: ServiceCatalogExtensionApi;
  const settings = () => vscode.workspace.getConfiguration('serviceCatalog');
  // A region no suite lists: its entry is this suite's own.
  const key = { scope: 'main-alice', region: 'ap-south-1', accessLevel: 'User' as const };

  before(async () => (api = await extensionApi()));

  after(async () => {
    await settings().update('maxConcurrentRequests', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('cacheListings', undefined, vscode.ConfigurationTarget.Global);
  });

  it('takes maxConcurrentRequests as the limit of calls in flight as soon as it changes', async () => {
    assert.equal(api.aws.limiter.limit, 8, 'the default');
    await settings().update('maxConcurrentRequests', 3, vscode.ConfigurationTarget.Global);
    await waitUntil('the limiter to take 3', () => api.aws.limiter.limit === 3);
    await settings().update('maxConcurrentRequests', undefined, vscode.ConfigurationTarget.Global);
    await waitUntil('the limiter to take the default again', () => api.aws.limiter.limit === 8);
  });

  it('deletes what was kept on disk when cacheListings is turned off, keeps nothing while off, and keeps listings again once on', async () => {
    const cache = api.aws.listingCache;
    const listing = { accessLevel: 'User' as const, products: [{ Id: 'pp-settings00001', Name: 'kept-on-disk' }] };
    await cache.saveProducts(key, listing);
    assert.equal((await cache.products(key))?.value.products[0]?.Name, 'kept-on-disk');

    await settings().update('cacheListings', false, vscode.ConfigurationTarget.Global);
    await waitUntil('the cache to be turned off', () => !cache.isEnabled);
    await cache.saveProducts(key, listing);

    await settings().update('cacheListings', undefined, vscode.ConfigurationTarget.Global);
    await waitUntil('the cache to be on again', () => cache.isEnabled);
    // Turning it off deletes in the background: wait for the entry to be gone (nothing written while off brings it back).
    await waitUntil('what was kept to be deleted', async () => (await cache.products(key)) === undefined);
    await cache.saveProducts(key, listing);
    assert.equal((await cache.products(key))?.value.products[0]?.Name, 'kept-on-disk', 'on again, listings are kept');
  });
});
