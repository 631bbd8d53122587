/**
 * Writes that survive a crash: temp file, fsync, rename over the target, fsync of the directory.
 * Steno (lowdb's writer) renames but never fsyncs, so a power cut could leave an empty file.
 */
import { open, rename, readFile, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes all of `data` at the handle's position; a single write may write less (a full disk), which would tear a line. */
export async function writeAll(handle: FileHandle, data: string | Uint8Array): Promise<void> {
  let buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  while (buf.length > 0) {
    const { bytesWritten } = await handle.write(buf);
    if (bytesWritten === 0) throw new Error('写入磁盘失败：没有写入任何字节');
    buf = buf.subarray(bytesWritten);
  }
}

/**
 * Writes `path` so that after a crash it holds either its old content or all of the new: `write`
 * fills a temp file beside it, which is fsynced, renamed over the target, and the rename made
 * durable by an fsync of the directory. A failure leaves the target untouched.
 */
export async function writeDurably(path: string, write: (handle: FileHandle) => Promise<void>): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const handle = await open(tmp, 'w');
  try {
    await write(handle);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw err;
  }
  await handle.close();
  await rename(tmp, path);
  await fsyncDir(dirname(path));
}

export function writeFileDurable(path: string, data: string | Uint8Array): Promise<void> {
  return writeDurably(path, (handle) => writeAll(handle, data));
}

/** A lowdb adapter for JSON files written durably (used for snapshots). */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(readonly path: string) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as T;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async write(data: T): Promise<void> {
    await writeFileDurable(this.path, JSON.stringify(data));
  }
}
