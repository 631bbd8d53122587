/**
 * The write-ahead log: one line per committed transaction, `<json>\t<crc32 hex>\n`, appended and
 * fsynced in groups. Transactions that arrive while an fsync runs wait for the next one together
 * (group commit), so many concurrent pushes share a disk flush and a push costs one short line
 * however large the store is.
 *
 * A flush that fails (a full disk, an I/O error) acknowledges nothing: the writer stops, the store
 * puts its memory back as it was (file-store.ts) and then asks `repair()` to cut the file back to
 * its last durable byte, after which writing goes on. Only when even that fails is the log lost to
 * this process (`fatal`).
 */
import { crc32 } from 'node:zlib';
import { dirname, join } from 'node:path';
import type { CollectionName } from './store';
import type { Disk, DiskFile } from './disk';
import { fsyncDir, writeAll, writeFileDurable } from './durable-file';

/** The live log, and the log a running compaction set aside (its entries are all in the snapshot being written). */
export const walPath = (dataDir: string) => join(dataDir, 'wal.log');
export const rotatedWalPath = (dataDir: string) => join(dataDir, 'wal.rotated.log');

export type StoredDoc = Record<string, unknown> & { id: string; seq: number };

export interface WalEntry {
  /** The highest seq written by this transaction. */
  seq: number;
  /** Documents as stored, in write order. */
  puts: [CollectionName, StoredDoc][];
}

const checksum = (json: string): string => crc32(json).toString(16).padStart(8, '0');

/** One log line from the entry's JSON. */
export const encodeLine = (json: string): string => `${json}\t${checksum(json)}\n`;

export function encodeEntry(entry: WalEntry): string {
  return encodeLine(JSON.stringify(entry));
}

/** A complete line whose checksum does not match: the file was damaged after it was written. */
export interface WalDamage {
  path: string;
  /** 1-based line number. */
  line: number;
  /** Byte offset where the line starts, and its length without the newline. */
  offset: number;
  length: number;
  /** What the line still says, when its JSON can be read despite the bad checksum. */
  seq?: number;
  docs?: string[];
}

export interface WalReadResult {
  entries: WalEntry[];
  /** Byte length of the part worth keeping: every complete line (good or damaged), without a torn tail. */
  validBytes: number;
  /** A final line without its newline: a write cut short by a crash, never acknowledged. */
  tornBytes: number;
  damage: WalDamage[];
}

/**
 * Reads every line. A final line without its newline is a write cut short by a crash and was never
 * acknowledged (its fsync never returned); it is reported as torn. A complete line with a bad
 * checksum is damage, wherever it is (even last): an acknowledged entry is never dropped silently.
 */
export async function readWal(disk: Disk, path: string): Promise<WalReadResult> {
  let buf: Buffer;
  try {
    buf = await disk.readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], validBytes: 0, tornBytes: 0, damage: [] };
    throw err;
  }
  const entries: WalEntry[] = [];
  const damage: WalDamage[] = [];
  let offset = 0;
  let line = 0;
  while (offset < buf.length) {
    const nl = buf.indexOf(0x0a, offset);
    if (nl === -1) return { entries, validBytes: offset, tornBytes: buf.length - offset, damage };
    line++;
    const text = buf.subarray(offset, nl).toString('utf8');
    const entry = parseLine(text);
    if (entry) entries.push(entry);
    else damage.push({ path, line, offset, length: nl - offset, ...whatItStillSays(text) });
    offset = nl + 1;
  }
  return { entries, validBytes: offset, tornBytes: 0, damage };
}

function parseLine(line: string): WalEntry | null {
  const tab = line.lastIndexOf('\t');
  if (tab < 0) return null;
  const json = line.slice(0, tab);
  if (checksum(json) !== line.slice(tab + 1)) return null;
  try {
    const entry = JSON.parse(json) as WalEntry;
    return typeof entry?.seq === 'number' && Array.isArray(entry.puts) ? entry : null;
  } catch {
    return null;
  }
}

/** For the damage report: the seq and documents a damaged line names, if its JSON still parses. */
function whatItStillSays(line: string): { seq?: number; docs?: string[] } {
  const tab = line.lastIndexOf('\t');
  try {
    const entry = JSON.parse(tab < 0 ? line : line.slice(0, tab)) as Partial<WalEntry>;
    return {
      ...(typeof entry.seq === 'number' ? { seq: entry.seq } : {}),
      ...(Array.isArray(entry.puts) ? { docs: entry.puts.map(([c, d]) => `${String(c)}/${String(d?.id)}`) } : {}),
    };
  } catch {
    return {};
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
  /** The batch whose write failed, kept until the store has put its memory back (`repair`). */
  private failedBatch: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private failure: Error | null = null;
  private fatalError: Error | null = null;
  /** Bytes known to be durable; the file is cut back to this after a failed write. */
  bytes: number;
  /** How many fsyncs ran; with group commit this stays below the number of transactions. */
  flushes = 0;

  private constructor(
    private readonly disk: Disk,
    readonly path: string,
    private file: DiskFile,
    bytes: number,
    /** Called with the seq of the last entry made durable by each flush. */
    private readonly onDurable: (seq: number) => void,
    /** Called once per failed flush; the store answers by restoring memory and calling `repair()`. */
    private readonly onFailure: (err: Error) => void,
  ) {
    this.bytes = bytes;
  }

  /** Opens for appending, cutting off a torn tail first so new entries never follow garbage. */
  static async open(disk: Disk, path: string, validBytes: number, onDurable: (seq: number) => void, onFailure: (err: Error) => void): Promise<WalWriter> {
    const file = await disk.open(path, 'a+');
    if ((await file.size()) !== validBytes) {
      await file.truncate(validBytes);
      await file.sync();
    }
    await fsyncDir(disk, dirname(path));
    return new WalWriter(disk, path, file, validBytes, onDurable, onFailure);
  }

  /** Set when a failed write could not be undone on disk: this process can write no more. */
  get fatal(): Error | null {
    return this.fatalError;
  }

  /** A failed write waiting for `repair()`. */
  get failed(): Error | null {
    return this.failure;
  }

  /** Resolves once the line is on disk; rejects if its write failed (after the store restored memory). */
  append(line: string, seq: number): Promise<void> {
    if (this.fatalError) return Promise.reject(this.fatalError);
    return new Promise((resolve, reject) => {
      this.pending.push({ line, seq, resolve, reject });
      if (!this.flushing && !this.failure) this.flushing = this.flushLoop();
    });
  }

  /** Waits until everything appended so far is durable; throws if a write failed meanwhile. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.fatalError) throw this.fatalError;
    if (this.failure) throw this.failure;
  }

  /**
   * After a failed write: cuts the file back to its last durable byte (a partial write may have
   * reached it) and makes that durable, then fails every entry that was not written, so their
   * transactions answer with an error. Call only once memory no longer holds those entries.
   */
  async repair(): Promise<void> {
    const err = this.failure;
    if (!err) return;
    const lost = [...this.failedBatch, ...this.pending];
    this.failedBatch = [];
    this.pending = [];
    try {
      await this.file.truncate(this.bytes);
      await this.file.datasync();
      this.failure = null;
    } catch (repairErr) {
      this.fatalError = new Error(`预写日志写入失败后无法恢复到一致状态：${(repairErr as Error).message}（最初的错误：${err.message}）`);
    } finally {
      for (const p of lost) p.reject(err);
    }
    if (this.fatalError) throw this.fatalError;
    if (this.pending.length > 0 && !this.flushing) this.flushing = this.flushLoop();
  }

  /** Replaces the log with an empty one (after a snapshot made its entries redundant). */
  async reset(): Promise<void> {
    await this.drain();
    // The empty file replaces the log by rename; until then the old one is intact.
    await writeFileDurable(this.disk, this.path, '');
    const previous = this.file;
    try {
      this.file = await this.disk.open(this.path, 'a+');
    } catch (err) {
      this.fatalError = err as Error;
      throw err;
    }
    await previous.close().catch(() => {});
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
    await this.disk.rename(this.path, rotatedPath);
    const previous = this.file;
    try {
      this.file = await this.disk.open(this.path, 'a+');
      await fsyncDir(this.disk, dirname(this.path));
    } catch (err) {
      // The entries so far are safe in the set-aside log, but there is no live log to write to.
      this.fatalError = err as Error;
      throw err;
    }
    await previous.close().catch(() => {});
    this.bytes = 0;
  }

  async close(): Promise<void> {
    await this.drain().catch(() => {});
    await this.file.close();
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0 && !this.failure && !this.fatalError) {
        const batch = this.pending;
        this.pending = [];
        try {
          const data = Buffer.from(batch.map((p) => p.line).join(''), 'utf8');
          await writeAll(this.file, data);
          await this.file.datasync();
          this.bytes += data.length;
          this.flushes++;
        } catch (err) {
          this.failure = err as Error;
          this.failedBatch = batch;
          this.onFailure(err as Error);
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
export async function dropRotatedWal(disk: Disk, dataDir: string): Promise<void> {
  try {
    await disk.unlink(rotatedWalPath(dataDir));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  await fsyncDir(disk, dataDir);
}
