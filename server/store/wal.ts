/**
 * The write-ahead log: one line per committed transaction, `<json>\t<crc32 hex>\n`, appended and
 * fsynced in groups. Transactions that arrive while an fsync runs wait for the next one together
 * (group commit), so many concurrent pushes share a disk flush and a push costs one short line
 * however large the store is.
 */
import { open, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import type { CollectionName } from './store';
import { fsyncDir, writeAll, writeFileDurable } from './durable-file';
import { dirname, join } from 'node:path';

/** The live log, and the log a running compaction set aside (its entries are all in the snapshot being written). */
export const walPath = (dataDir: string) => join(dataDir, 'wal.log');
export const rotatedWalPath = (dataDir: string) => join(dataDir, 'wal.rotated.log');

export interface WalEntry {
  /** The highest seq written by this transaction. */
  seq: number;
  /** Documents as stored, in write order. */
  puts: [CollectionName, Record<string, unknown> & { id: string; seq: number }][];
}

const checksum = (json: string): string => crc32(json).toString(16).padStart(8, '0');

export function encodeEntry(entry: WalEntry): string {
  const json = JSON.stringify(entry);
  return `${json}\t${checksum(json)}\n`;
}

export interface WalReadResult {
  entries: WalEntry[];
  /** Byte length of the valid prefix; anything after it is a torn write that was never acknowledged. */
  validBytes: number;
  tornBytes: number;
}

export class WalCorruptError extends Error {}

/**
 * Reads every intact entry. A bad final line is a write cut short by a crash (never acknowledged)
 * and is dropped; a bad line followed by good ones means the file was damaged, which we refuse to guess about.
 */
export async function readWal(path: string): Promise<WalReadResult> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], validBytes: 0, tornBytes: 0 };
    throw err;
  }
  const entries: WalEntry[] = [];
  let offset = 0;
  while (offset < buf.length) {
    const nl = buf.indexOf(0x0a, offset);
    const end = nl === -1 ? buf.length : nl;
    const line = buf.subarray(offset, end).toString('utf8');
    const entry = nl === -1 ? null : parseLine(line);
    if (!entry) {
      const rest = buf.subarray(nl === -1 ? buf.length : nl + 1);
      if (rest.toString('utf8').split('\n').some((l) => parseLine(l))) {
        throw new WalCorruptError(`预写日志 ${path} 在第 ${offset} 字节处损坏，且其后仍有完整记录；请从备份恢复`);
      }
      return { entries, validBytes: offset, tornBytes: buf.length - offset };
    }
    entries.push(entry);
    offset = end + 1;
  }
  return { entries, validBytes: offset, tornBytes: 0 };
}

function parseLine(line: string): WalEntry | null {
  const tab = line.lastIndexOf('\t');
  if (tab < 0) return null;
  const json = line.slice(0, tab);
  if (checksum(json) !== line.slice(tab + 1)) return null;
  try {
    return JSON.parse(json) as WalEntry;
  } catch {
    return null;
  }
}

interface Pending {
  line: string;
  seq: number;
  resolve: () => void;
  reject: (err: Error) => void;
}

export class WalWriter {
  private pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private failure: Error | null = null;
  bytes: number;
  /** How many fsyncs ran; with group commit this stays below the number of transactions. */
  flushes = 0;

  private constructor(
    readonly path: string,
    private handle: FileHandle,
    bytes: number,
    /** Called with the seq of the last entry made durable by each flush. */
    private readonly onDurable: (seq: number) => void,
    private readonly onFailure: (err: Error) => void,
  ) {
    this.bytes = bytes;
  }

  /** Opens for appending, cutting off a torn tail first so new entries never follow garbage. */
  static async open(path: string, validBytes: number, onDurable: (seq: number) => void, onFailure: (err: Error) => void): Promise<WalWriter> {
    const handle = await open(path, 'a+');
    const { size } = await handle.stat();
    if (size !== validBytes) {
      await handle.truncate(validBytes);
      await handle.sync();
    }
    await fsyncDir(dirname(path));
    return new WalWriter(path, handle, validBytes, onDurable, onFailure);
  }

  get failed(): Error | null {
    return this.failure;
  }

  /** Resolves once the entry is on disk. */
  append(entry: WalEntry): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.push({ line: encodeEntry(entry), seq: entry.seq, resolve, reject });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  /** Waits until everything appended so far is durable. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.failure) throw this.failure;
  }

  /** Replaces the log with an empty one (after a snapshot made its entries redundant). */
  async reset(): Promise<void> {
    await this.drain();
    await this.handle.close();
    await writeFileDurable(this.path, '');
    this.handle = await open(this.path, 'a+');
    this.bytes = 0;
  }

  /**
   * Sets the current log aside as `rotatedPath` and continues in an empty one, for a compaction that
   * writes its snapshot while new entries keep arriving. The caller must hold the store's write lock
   * so no entry is appended between the drain and the switch. Until the snapshot is durable both logs
   * are replayed at open (rotated first); a crash at any step leaves a loadable pair.
   */
  async rotate(rotatedPath: string): Promise<void> {
    await this.drain();
    await rename(this.path, rotatedPath);
    const previous = this.handle;
    try {
      this.handle = await open(this.path, 'a+');
      await fsyncDir(dirname(this.path));
    } catch (err) {
      this.fail(err as Error);
      throw err;
    }
    await previous.close();
    this.bytes = 0;
  }

  /** Marks the writer failed: nothing more is acknowledged and the store stops (see FileStore). */
  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const p of this.pending.splice(0)) p.reject(err);
    this.onFailure(err);
  }

  async close(): Promise<void> {
    await this.drain().catch(() => {});
    await this.handle.close();
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          const data = Buffer.from(batch.map((p) => p.line).join(''), 'utf8');
          await writeAll(this.handle, data);
          await this.handle.datasync();
          this.bytes += data.length;
          this.flushes++;
        } catch (err) {
          for (const p of batch) p.reject(err as Error);
          this.fail(err as Error);
          return;
        }
        this.onDurable(batch[batch.length - 1]!.seq);
        for (const p of batch) p.resolve();
      }
    } finally {
      this.flushing = null;
    }
  }
}

/** Removes a rotated log once the snapshot holding its entries is durable. */
export async function dropRotatedWal(dataDir: string): Promise<void> {
  try {
    await unlink(rotatedWalPath(dataDir));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  await fsyncDir(dataDir);
}
