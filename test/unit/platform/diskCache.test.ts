import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DiskCache, folderSizeTrustedMs } from '../../../src/platform/diskCache';
import { DirectoryFileStore } from '../../../src/platform/fileStore';

/** A folder on disk that counts its scans (`list`, a stat per file). */
class CountingStore extends DirectoryFileStore {
  scans = 0;
  override list(): ReturnType<DirectoryFileStore['list']> {
    this.scans += 1;
    return super.list();
  }
}

describe('DiskCache: scanning its folder', () => {
  let dir: string;
  let now: number;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sc-disk-cache-'));
    now = Date.parse('2026-12-05T10:00:00Z');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('scans once for many writes that stay within its size, again when they may not or what it knows is old', async () => {
    const store = new CountingStore(dir);
    const cache = new DiskCache(store, { maxBytes: 40_000, now: () => now });
    const value = 'x'.repeat(900); // about 1 KB a file

    for (let n = 0; n < 30; n++) await cache.set(`listing ${n}`, value);
    assert.equal(store.scans, 1, '30 KB written, within 40 KB: one scan, at the first write');

    // Another window may have written meanwhile: after a while, what this window knows stands in for a scan no more.
    now += folderSizeTrustedMs;
    await cache.set('listing 30', value);
    assert.equal(store.scans, 2);

    for (let n = 31; n < 45; n++) await cache.set(`listing ${n}`, value);
    assert.ok(store.scans > 2, 'past its size by what it knows: it scans');
    assert.ok((await cache.size()) <= 40_000, 'and stays within it');
    assert.equal(await cache.get('listing 0'), undefined, 'the oldest went first');
    assert.ok(await cache.get('listing 44'));
  });

  it('keeps within its size when another window filled the folder since its last scan', async () => {
    const mine = new DiskCache(new DirectoryFileStore(dir), { maxBytes: 20_000, now: () => now });
    const other = new DiskCache(new DirectoryFileStore(dir), { maxBytes: 20_000, now: () => now });
    const value = 'x'.repeat(900);
    await mine.set('mine 0', value);
    for (let n = 0; n < 30; n++) await other.set(`other ${n}`, value);
    now += folderSizeTrustedMs;
    await mine.set('mine 1', value);
    assert.ok((await mine.size()) <= 20_000, `within its size: ${await mine.size()} bytes`);
  });
});
