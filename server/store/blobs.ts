/**
 * The embedded store's blobs: `DATA_DIR/blobs/<first two hex digits>/<sha-256>`, each written like a
 * snapshot (temp file, fsync, rename, fsync of the directory), so after a crash a blob is either
 * whole or absent. The name is the hash of the content, so a blob is never rewritten: putting bytes
 * that are already there costs a hash and an `exists`. Through `Disk`, so MemoryDisk stores work too.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Disk } from './disk';
import { removeLeftoverTemps, writeFileDurable } from './durable-file';

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export const blobDir = (dataDir: string): string => join(dataDir, 'blobs');
export const blobPath = (dataDir: string, sha256: string): string => join(blobDir(dataDir), sha256.slice(0, 2), sha256);

export const sha256Of = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

export class FileBlobs {
  /** Puts of the same hash running now: the second waits for the first instead of racing its rename. */
  private readonly writing = new Map<string, Promise<void>>();

  constructor(
    private readonly disk: Disk,
    private readonly dataDir: string,
  ) {}

  async put(data: Uint8Array): Promise<{ sha256: string; size: number; existed: boolean }> {
    const sha256 = sha256Of(data);
    const size = data.byteLength;
    const running = this.writing.get(sha256);
    if (running) {
      await running;
      return { sha256, size, existed: true };
    }
    const path = blobPath(this.dataDir, sha256);
    if (this.disk.exists(path)) return { sha256, size, existed: true };
    const write = (async () => {
      const dir = join(blobDir(this.dataDir), sha256.slice(0, 2));
      await this.disk.mkdir(dir);
      await writeFileDurable(this.disk, path, data);
    })();
    this.writing.set(sha256, write);
    try {
      await write;
    } finally {
      this.writing.delete(sha256);
    }
    return { sha256, size, existed: false };
  }

  async get(sha256: string): Promise<Readable | null> {
    if (!SHA256_HEX.test(sha256)) return null;
    const path = blobPath(this.dataDir, sha256);
    if (!this.disk.exists(path)) return null;
    return this.disk.createReadStream(path);
  }

  /** Temp files of blob writes a crash cut short (up to 20 MB each): removed at open. */
  async removeLeftovers(): Promise<void> {
    let dirs: string[];
    try {
      dirs = await this.disk.readdir(blobDir(this.dataDir));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const d of dirs) if (/^[0-9a-f]{2}$/.test(d)) await removeLeftoverTemps(this.disk, join(blobDir(this.dataDir), d));
  }
}
