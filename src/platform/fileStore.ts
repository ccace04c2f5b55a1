import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** A flat folder of named text files: what the disk cache needs of the file system, so it is tested in plain Node. */
export interface FileStore {
  read(name: string): Promise<string | undefined>;
  /** The first `bytes` of a file (its header), without reading the rest. */
  readStart(name: string, bytes: number): Promise<string | undefined>;
  /** Replaces the file at once: a reader sees the old content or the new one, never a part. */
  write(name: string, content: string): Promise<void>;
  remove(name: string): Promise<void>;
  list(): Promise<Array<{ name: string; size: number; modifiedMs: number }>>;
}

/** A `FileStore` on a folder of the local disk (the extension's global storage). */
export class DirectoryFileStore implements FileStore {
  constructor(readonly dir: string) {}

  async read(name: string): Promise<string | undefined> {
    try {
      return await fs.readFile(this.file(name), 'utf8');
    } catch (error) {
      return missing(error);
    }
  }

  async readStart(name: string, bytes: number): Promise<string | undefined> {
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(this.file(name), 'r');
      const buffer = Buffer.alloc(bytes);
      const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } catch (error) {
      return missing(error);
    } finally {
      await handle?.close();
    }
  }

  async write(name: string, content: string): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const temporary = `${this.file(name)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await fs.writeFile(temporary, content, { mode: 0o600 });
      await fs.rename(temporary, this.file(name));
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }

  async remove(name: string): Promise<void> {
    await fs.rm(this.file(name), { force: true });
  }

  async list(): Promise<Array<{ name: string; size: number; modifiedMs: number }>> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (error) {
      return missing(error) ?? [];
    }
    const files = await Promise.all(
      names
        .filter((name) => !name.endsWith('.tmp'))
        .map(async (name) => {
          const stat = await fs.stat(this.file(name)).catch(() => undefined);
          return stat?.isFile() ? { name, size: stat.size, modifiedMs: stat.mtimeMs } : undefined;
        }),
    );
    return files.filter((file): file is { name: string; size: number; modifiedMs: number } => file !== undefined);
  }

  private file(name: string): string {
    if (name.includes('/') || name.includes('\\') || name.startsWith('.')) {
      throw new Error(`Not a plain file name: ${name}`);
    }
    return path.join(this.dir, name);
  }
}

function missing(error: unknown): undefined {
  if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') {
    return undefined;
  }
  throw error;
}
