/**
 * The only door from the store to the file system. Everything the log and the snapshots write goes
 * through a `Disk`, so tests can put a failing one in its place (a full disk, an fsync that
 * reports EIO) and check that the store comes out of it unchanged.
 */
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { acquireLock, type DirLock, type LockOptions } from './lock';

/** An open file, as much of it as the store uses. */
export interface DiskFile {
  /** Writes at the end of the file (append mode) or at the current position; may write less than asked. */
  write(data: Uint8Array): Promise<number>;
  datasync(): Promise<void>;
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  size(): Promise<number>;
  close(): Promise<void>;
}

export interface Disk {
  /** `a+` to append (the log), `w` to create or empty (temporary files), `r` to read (directories for fsync). */
  open(path: string, flags: 'a+' | 'w' | 'r'): Promise<DiskFile>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readFile(path: string): Promise<Buffer>;
  readdir(path: string): Promise<string[]>;
  createReadStream(path: string): Readable;
  /** Creates a directory and its parents (no error if it exists). */
  mkdir(path: string): Promise<void>;
  exists(path: string): boolean;
  /** The data directory's one-writer lock (lock.ts on a real disk). */
  lock(dataDir: string, opts?: LockOptions): DirLock;
}

function fileOf(handle: FileHandle): DiskFile {
  return {
    write: async (data) => (await handle.write(data)).bytesWritten,
    datasync: () => handle.datasync(),
    sync: () => handle.sync(),
    truncate: (length) => handle.truncate(length),
    size: async () => (await handle.stat()).size,
    close: () => handle.close(),
  };
}

/** The real file system. */
export const realDisk: Disk = {
  open: async (path, flags) => fileOf(await open(path, flags)),
  rename: (from, to) => rename(from, to),
  unlink: (path) => unlink(path),
  readFile: (path) => readFile(path),
  readdir: (path) => readdir(path),
  createReadStream: (path) => createReadStream(path),
  mkdir: async (path) => {
    await mkdir(path, { recursive: true });
  },
  exists: (path) => existsSync(path),
  lock: (dataDir, opts) => acquireLock(dataDir, opts),
};
