/**
 * The embedded Store: documents in memory (MemoryState), every transaction appended to the
 * write-ahead log and acknowledged only after its group's fsync, snapshots now and then so the
 * log stays short. See README.md for why it is laid out this way.
 */
import { randomBytes } from 'node:crypto';
import {
  StoreUnavailableError,
  batchSizeOf,
  type ChangedDoc,
  type CollectionName,
  type Collections,
  type NewDoc,
  type ScanOptions,
  type Store,
  type StoreMeta,
  type Tally,
  type Transaction,
  type Where,
} from './store';
import { type MemoryState, cloneDoc, deepFreeze, COLLECTIONS } from './memory-state';
import type { DirLock } from './lock';
import type { Disk } from './disk';
import { WalWriter, dropRotatedWal, encodeLine, rotatedWalPath, walPath, type StoredDoc } from './wal';
import { CURRENT_SCHEMA_VERSION, type Dump } from './migrations';
import { writeSnapshot } from './snapshots';
import { FileBlobs } from './blobs';
import type { Readable } from 'node:stream';

export interface FileStoreOptions {
  /** Compact (snapshot + empty log) once the log grows past this many bytes. */
  walMaxBytes?: number;
  /** How many snapshots to keep as rotating backups. */
  keepSnapshots?: number;
  /**
   * The log can no longer be made consistent with memory (a failed write, then a failed repair):
   * the caller should stop serving (main.ts exits). An ordinary failed write is not fatal.
   */
  onFatal?: (err: Error) => void;
  /** The file system; tests pass one that fails on purpose. */
  disk?: Disk;
  /** After a background compaction fails (a full disk), wait this long before trying again. */
  compactionRetryMs?: number;
}

export const newEpoch = (): string => randomBytes(8).toString('hex');

type AnyDoc = StoredDoc;

interface Undo {
  c: CollectionName;
  id: string;
  previous: AnyDoc | undefined;
  previousBytes: number;
}

/** A transaction handed to the log and not yet durable: what to put back if its write fails. */
interface Unwritten {
  seq: number;
  seqBefore: number;
  undo: Undo[];
}

export class FileStore implements Store {
  private durableSeq: number;
  /**
   * The seq of the last transaction handed to the log. Not `state.seq`: a transaction that threw
   * after a put raised that and was undone, and nothing will ever make its seq durable.
   */
  private committedSeq: number;
  private unwritten: Unwritten[] = [];
  private waiters: { seq: number; resolve: () => void; reject: (err: Error) => void }[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  /** The compaction running in the background, if any. */
  private compaction: Promise<void> | null = null;
  private compactionRetryAt = 0;
  private closed = false;
  private wal!: WalWriter;
  readonly disk: Disk;
  /** Evidence files' bytes under DATA_DIR/blobs (blobs.ts). */
  private readonly blobs: FileBlobs;

  constructor(
    readonly dataDir: string,
    private readonly state: MemoryState,
    private epoch: string,
    private readonly lock: DirLock,
    private readonly opts: Required<FileStoreOptions>,
  ) {
    this.durableSeq = state.seq;
    this.committedSeq = state.seq;
    this.disk = opts.disk;
    this.blobs = new FileBlobs(opts.disk, dataDir);
  }

  async putBlob(data: Uint8Array): Promise<{ sha256: string; size: number; existed: boolean }> {
    if (this.closed) throw new Error('store is closed');
    try {
      return await this.blobs.put(data);
    } catch (err) {
      // A full or failing disk: nothing was kept (the temp file is removed), as with a failed transaction.
      throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError(err as Error);
    }
  }

  async getBlob(sha256: string): Promise<Readable | null> {
    return this.blobs.get(sha256);
  }

  /** Blob temp files a crash left (open.ts, before serving). */
  removeBlobLeftovers(): Promise<void> {
    return this.blobs.removeLeftovers();
  }

  async attachWal(validBytes: number): Promise<void> {
    this.wal = await WalWriter.open(
      this.disk,
      walPath(this.dataDir),
      validBytes,
      (seq) => {
        if (seq > this.durableSeq) this.durableSeq = seq;
        while (this.unwritten.length > 0 && this.unwritten[0]!.seq <= this.durableSeq) this.unwritten.shift();
        this.releaseWaiters();
      },
      (err) => {
        // Put memory back under the write lock, after whatever transaction is running now (it may
        // have read the state being undone; it is undone too, since it is queued in the log after).
        void this.exclusive(() => this.undoUnwritten(err)).catch(() => {});
      },
    );
  }

  async meta(): Promise<StoreMeta> {
    // The durable seq, not the highest assigned: a cursor must never point past what a crash could undo.
    return { epoch: this.epoch, seq: this.durableSeq, schemaVersion: CURRENT_SCHEMA_VERSION };
  }

  async get<C extends CollectionName>(c: C, id: string): Promise<Collections[C] | undefined> {
    return this.state.get(c, id);
  }

  async find<C extends CollectionName>(c: C, where?: Where<C>): Promise<Collections[C][]> {
    return this.state.find(c, where);
  }

  async tally<C extends CollectionName>(c: C, where?: Where<C>): Promise<Tally> {
    return this.state.tally(c, where);
  }

  /**
   * The matching documents as of the call (the frozen documents themselves, no copies), a batch at a
   * time. The event loop turns between batches: a caller's `for await` over batches already in memory
   * would otherwise only pass through microtasks, and 100k records walked in one go held every other
   * request back (hardening bench: an export of 100k study records stalled the loop 130 ms).
   */
  async *scan<C extends CollectionName>(c: C, where: Where<C>, opts: ScanOptions = {}): AsyncIterable<readonly Collections[C][]> {
    const batch = batchSizeOf(where, opts);
    const docs = this.state.find(c, where);
    for (let i = 0; i < docs.length; i += batch) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      yield docs.slice(i, i + batch);
    }
  }

  async changedSince<C extends CollectionName>(
    collections: readonly C[],
    afterSeq: number,
    limit: number,
    filter?: (c: ChangedDoc<C>) => boolean,
  ): Promise<ChangedDoc<C>[]> {
    return this.state.changedSince(collections, afterSeq, this.durableSeq, limit, filter);
  }

  async transact<T>(fn: (tx: Transaction) => Promise<T> | T): Promise<T> {
    const run = this.queue.then(() => this.runExclusive(fn));
    // The queue only orders transactions; one failing must not poison the next.
    this.queue = run.then(
      () => {},
      () => {},
    );
    const { result, durable } = await run;
    try {
      await durable;
    } catch (err) {
      throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError(err as Error);
    }
    this.compactIfDue();
    return result;
  }

  /**
   * Writes a snapshot of everything committed before the call and retires the log it covers; the
   * oldest snapshots beyond `keepSnapshots` go. Writes are held only while the log is switched
   * (a drain and a rename, milliseconds); the snapshot itself is written while transactions go on.
   */
  async compact(): Promise<void> {
    // An explicit call waits for a running compaction and then covers everything up to now.
    while (this.compaction) await this.compaction.catch(() => {});
    const run = this.compactInBackground();
    this.compaction = run;
    try {
      await run;
    } finally {
      if (this.compaction === run) this.compaction = null;
    }
  }

  private compactIfDue(): void {
    if (this.compaction || this.closed || this.wal.bytes <= this.opts.walMaxBytes || Date.now() < this.compactionRetryAt) return;
    void this.compact().catch((err: unknown) => {
      // The log still holds everything, so nothing is lost; the log just grows until a retry succeeds.
      this.compactionRetryAt = Date.now() + this.opts.compactionRetryMs;
      console.error(`[store] 压缩快照失败，${Math.round(this.opts.compactionRetryMs / 1000)} 秒后重试：`, (err as Error).message);
    });
  }

  private async compactInBackground(): Promise<void> {
    const rotated = rotatedWalPath(this.dataDir);
    // Under the write lock: every entry so far is durable in the log being set aside, and the
    // documents are taken as of that seq. Stored documents are frozen and replaced on write, so
    // these references stay the state as of `seq` while new transactions go on.
    const view = await this.exclusive(async () => {
      if (this.closed) return null;
      // A log still set aside means an earlier compaction failed half-way: never rename over it.
      if (this.disk.exists(rotated)) {
        await this.snapshotAndResetLog();
        return null;
      }
      await this.wal.rotate(rotated);
      return { epoch: this.epoch, seq: this.state.seq, collections: this.state.dump() as Dump };
    });
    if (!view) return;
    await writeSnapshot(
      this.disk,
      this.dataDir,
      { schemaVersion: CURRENT_SCHEMA_VERSION, writtenAt: new Date().toISOString(), ...view },
      this.opts.keepSnapshots,
    );
    // Only now is the set-aside log redundant; until here a crash replays it after the older snapshot.
    await dropRotatedWal(this.disk, this.dataDir);
  }

  /** Compaction with writes held throughout: at open and close, and for a new epoch. */
  async compactBlocking(): Promise<void> {
    while (this.compaction) await this.compaction.catch(() => {});
    await this.exclusive(() => this.snapshotAndResetLog());
  }

  private async snapshotAndResetLog(): Promise<void> {
    await this.wal.drain();
    await this.writeSnapshotNow();
    await dropRotatedWal(this.disk, this.dataDir);
    await this.wal.reset();
  }

  /** Gives the store a new epoch (after a backup was restored), so every client resets. */
  async renewEpoch(): Promise<string> {
    while (this.compaction) await this.compaction.catch(() => {});
    await this.exclusive(async () => {
      await this.wal.drain();
      const previous = this.epoch;
      this.epoch = newEpoch();
      try {
        await this.snapshotAndResetLog();
      } catch (err) {
        this.epoch = previous;
        throw err;
      }
    });
    return this.epoch;
  }

  /** Log size and fsync count, for tests and benchmarks. */
  walStats(): { bytes: number; flushes: number } {
    return { bytes: this.wal.bytes, flushes: this.wal.flushes };
  }

  /** Closes cleanly; by default compacts first so the next start reads one snapshot and an empty log. */
  async close({ compact = true }: { compact?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      while (this.compaction) await this.compaction.catch(() => {});
      await this.queue;
      if (compact && !this.wal.fatal && !this.wal.failed && this.wal.bytes > 0) await this.snapshotAndResetLog();
      await this.wal.close();
    } finally {
      this.lock.release();
    }
  }

  /** Counts per collection, for health checks and benchmarks. */
  stats(): Record<CollectionName, number> {
    return Object.fromEntries(COLLECTIONS.map((c) => [c, this.state.count(c)])) as Record<CollectionName, number>;
  }

  private async writeSnapshotNow(): Promise<void> {
    await writeSnapshot(
      this.disk,
      this.dataDir,
      {
        schemaVersion: CURRENT_SCHEMA_VERSION,
        epoch: this.epoch,
        seq: this.state.seq,
        writtenAt: new Date().toISOString(),
        collections: this.state.dump() as Dump,
      },
      this.opts.keepSnapshots,
    );
  }

  /**
   * A log write failed: nothing of the transactions in it, or queued after it, reached the disk.
   * Their writes leave memory (newest first), the log is cut back to its last durable byte, and
   * then they are answered with the error, so no one is told "saved" and memory equals the disk.
   */
  private async undoUnwritten(err: Error): Promise<void> {
    const lost = this.unwritten.splice(0).filter((u) => u.seq > this.durableSeq);
    for (const t of [...lost].reverse()) this.undo(t.undo, t.seqBefore);
    this.committedSeq = this.durableSeq;
    const failure = new StoreUnavailableError(err);
    for (const w of this.waiters.filter((w) => w.seq > this.durableSeq)) w.reject(failure);
    this.waiters = this.waiters.filter((w) => w.seq <= this.durableSeq);
    try {
      await this.wal.repair();
    } catch (fatal) {
      this.opts.onFatal(fatal as Error);
      throw fatal;
    }
    console.error(`[store] 写入磁盘失败，已撤销 ${lost.length} 个未写入的事务并继续服务：${err.message}`);
  }

  private undo(undo: Undo[], seqBefore: number): void {
    for (const u of [...undo].reverse()) this.state.restore(u.c, u.id, u.previous, u.previousBytes);
    // Those seqs were never durable, so no cursor has seen them: they are handed out again.
    this.state.seq = seqBefore;
  }

  private whenDurable(seq: number): Promise<void> {
    if (seq <= this.durableSeq) return Promise.resolve();
    if (this.wal.fatal) return Promise.reject(new StoreUnavailableError(this.wal.fatal));
    return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  private releaseWaiters(): void {
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.seq <= this.durableSeq);
    this.waiters = this.waiters.filter((w) => w.seq > this.durableSeq);
    for (const w of ready) w.resolve();
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.then(
      () => {},
      () => {},
    );
    return run;
  }

  private async runExclusive<T>(fn: (tx: Transaction) => Promise<T> | T): Promise<{ result: T; durable: Promise<void> }> {
    if (this.closed) throw new Error('store is closed');
    if (this.wal.fatal) throw new StoreUnavailableError(this.wal.fatal);
    const undo: Undo[] = [];
    const puts: [CollectionName, string][] = [];
    const state = this.state;
    const seqBefore = state.seq;
    const tx: Transaction = {
      get: async (c, id) => state.get(c, id),
      find: async (c, where) => state.find(c, where),
      tally: async (c, where) => state.tally(c, where),
      put: async <C extends CollectionName>(c: C, doc: NewDoc<C>) => {
        if (!COLLECTIONS.includes(c)) throw new Error(`unknown collection ${c}`);
        const stored = deepFreeze({ ...cloneDoc(doc), seq: state.seq + 1 } as unknown as AnyDoc);
        // Serialised here, once: the log line is made of these, and a document that cannot be
        // serialised fails its own transaction instead of the log write after memory changed.
        const json = JSON.stringify(stored);
        undo.push({ c, id: stored.id, previous: state.get(c, stored.id) as AnyDoc | undefined, previousBytes: state.sizeOf(c, stored.id) });
        state.set(c, stored, Buffer.byteLength(json, 'utf8'));
        puts.push([c, json]);
        return stored as unknown as Collections[C];
      },
    };
    try {
      const result = await fn(tx);
      // A transaction that only read still answers after what it read is durable (e.g. a
      // duplicate push seeing the lastMutationID an in-flight push just set).
      if (puts.length === 0) return { result, durable: this.whenDurable(this.committedSeq) };
      const line = encodeLine(`{"seq":${state.seq},"puts":[${puts.map(([c, json]) => `[${JSON.stringify(c)},${json}]`).join(',')}]}`);
      this.committedSeq = state.seq;
      this.unwritten.push({ seq: state.seq, seqBefore, undo });
      return { result, durable: this.wal.append(line, state.seq) };
    } catch (err) {
      this.undo(undo, seqBefore);
      throw err;
    }
  }
}
