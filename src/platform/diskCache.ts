import { createHash } from 'node:crypto';
import type { FileStore } from './fileStore';

export interface CacheEntry<T> {
  value: T;
  /** When it was saved (epoch ms). */
  savedAt: number;
}

export interface DiskCacheOptions {
  /** The most the cache keeps on disk; the oldest entries go first when a write passes it. */
  maxBytes: number;
  now?: () => number;
}

/** How long what a window learnt of the folder's size stands in for a scan: other windows write to it too. */
export const folderSizeTrustedMs = 10_000;

/** The first line of an entry's file: its key and when it was saved, readable without the value. */
interface Header {
  key: string;
  savedAt: number;
}

const headerBytes = 4096;
const suffix = '.json';

/**
 * A key-value cache of JSON values on disk, bounded in size: one file per key (named by the key's hash), whose
 * first line says its key and age. Windows share it: writes replace files whole, and each window evicts the
 * oldest files when the folder grows past `maxBytes`. It knows nothing of what it stores.
 */
export class DiskCache {
  private readonly now: () => number;
  /** The folder's bytes at the last scan plus what this window wrote since (too many when a write replaced a file). */
  private folderBytes: { bytes: number; scannedAt: number } | undefined;

  constructor(
    private readonly store: FileStore,
    private readonly options: DiskCacheOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async get<T>(key: string): Promise<CacheEntry<T> | undefined> {
    const text = await this.store.read(fileOf(key)).catch(() => undefined);
    if (text === undefined) {
      return undefined;
    }
    const newline = text.indexOf('\n');
    try {
      const header = JSON.parse(text.slice(0, newline)) as Header;
      if (header.key !== key) {
        return undefined;
      }
      return { value: JSON.parse(text.slice(newline + 1)) as T, savedAt: header.savedAt };
    } catch {
      // A file cut short or written by something else: as if there were none.
      await this.store.remove(fileOf(key)).catch(() => undefined);
      return undefined;
    }
  }

  /** Saves a value; one larger than a quarter of the cache is not kept (it would push out everything else). */
  async set(key: string, value: unknown): Promise<void> {
    const header: Header = { key, savedAt: this.now() };
    const text = `${JSON.stringify(header)}\n${JSON.stringify(value)}`;
    if (Buffer.byteLength(text) > this.options.maxBytes / 4) {
      await this.delete(key);
      return;
    }
    await this.store.write(fileOf(key), text);
    await this.evictIfFull(Buffer.byteLength(text));
  }

  async delete(key: string): Promise<void> {
    await this.store.remove(fileOf(key));
  }

  /** Deletes the entries whose key `matches`; returns how many. */
  async deleteWhere(matches: (key: string) => boolean): Promise<number> {
    let deleted = 0;
    for (const file of await this.store.list()) {
      if (!file.name.endsWith(suffix)) continue;
      const start = await this.store.readStart(file.name, headerBytes).catch(() => undefined);
      const key = start === undefined ? undefined : keyOf(start);
      if (key !== undefined && matches(key)) {
        await this.store.remove(file.name);
        deleted += 1;
      }
    }
    return deleted;
  }

  async clear(): Promise<void> {
    for (const file of await this.store.list()) {
      if (file.name.endsWith(suffix)) await this.store.remove(file.name);
    }
  }

  /** Bytes on disk now. */
  async size(): Promise<number> {
    return (await this.store.list()).filter((file) => file.name.endsWith(suffix)).reduce((sum, file) => sum + file.size, 0);
  }

  /**
   * Scans the folder (a stat per file) only when it may be full by what this window knows, or what it knows is old:
   * a window writing hundreds of listings would otherwise scan hundreds of files after each.
   */
  private async evictIfFull(written: number): Promise<void> {
    const now = this.now();
    const known = this.folderBytes;
    if (known && now - known.scannedAt < folderSizeTrustedMs && known.bytes + written <= this.options.maxBytes) {
      known.bytes += written;
      return;
    }
    this.folderBytes = { bytes: await this.evict(), scannedAt: now };
  }

  /** Removes the oldest files until the folder is within its size; returns its bytes then. */
  private async evict(): Promise<number> {
    const files = (await this.store.list()).filter((file) => file.name.endsWith(suffix)).sort((a, b) => a.modifiedMs - b.modifiedMs);
    let total = files.reduce((sum, file) => sum + file.size, 0);
    for (const file of files) {
      if (total <= this.options.maxBytes) break;
      await this.store.remove(file.name);
      total -= file.size;
    }
    return total;
  }
}

function fileOf(key: string): string {
  return `${createHash('sha256').update(key).digest('hex').slice(0, 40)}${suffix}`;
}

function keyOf(start: string): string | undefined {
  const newline = start.indexOf('\n');
  if (newline < 0) return undefined;
  try {
    return (JSON.parse(start.slice(0, newline)) as Header).key;
  } catch {
    return undefined;
  }
}
