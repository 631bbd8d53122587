/**
 * Writes that survive a crash: temp file, fsync, rename over the target, fsync of the directory.
 * Steno (lowdb's writer) renames but never fsyncs, so a power cut could leave an empty file.
 */
import { basename, dirname, join } from 'node:path';
import type { Disk, DiskFile } from './disk';

export async function fsyncDir(disk: Disk, dir: string): Promise<void> {
  const handle = await disk.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes all of `data`; a single write may write less (a full disk), which would tear a line. */
export async function writeAll(file: DiskFile, data: string | Uint8Array): Promise<void> {
  let buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  while (buf.length > 0) {
    const written = await file.write(buf);
    if (written <= 0) throw Object.assign(new Error('写入磁盘失败：没有写入任何字节'), { code: 'ENOSPC' });
    buf = buf.subarray(written);
  }
}

/** Temporary files are named so that a start-up can recognise what a crash left behind. */
export const TEMP_FILE = /^\..+\.\d+\.tmp$/;
const tempPathFor = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);

/**
 * Writes `path` so that after a crash it holds either its old content or all of the new: `write`
 * fills a temp file beside it, which is fsynced, renamed over the target, and the rename made
 * durable by an fsync of the directory. A failure leaves the target untouched and removes the temp file.
 */
export async function writeDurably(disk: Disk, path: string, write: (file: DiskFile) => Promise<void>): Promise<void> {
  const tmp = tempPathFor(path);
  const file = await disk.open(tmp, 'w');
  try {
    await write(file);
    await file.sync();
  } catch (err) {
    await file.close().catch(() => {});
    await disk.unlink(tmp).catch(() => {});
    throw err;
  }
  await file.close();
  await disk.rename(tmp, path);
  await fsyncDir(disk, dirname(path));
}

export function writeFileDurable(disk: Disk, path: string, data: string | Uint8Array): Promise<void> {
  return writeDurably(disk, path, (file) => writeAll(file, data));
}

/** Removes temporary files a crash left in `dir` (a half-written snapshot can be tens of megabytes). */
export async function removeLeftoverTemps(disk: Disk, dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await disk.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const removed: string[] = [];
  for (const name of names.filter((n) => TEMP_FILE.test(n))) {
    await disk.unlink(join(dir, name)).catch(() => {});
    removed.push(name);
  }
  return removed;
}
