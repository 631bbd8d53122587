/**
 * The embedded Store: documents in memory (MemoryState), every transaction appended to the
 * write-ahead log and acknowledged only after its group's fsync, snapshots now and then so the
 * log stays short. See README.md for why it is laid out this way.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { ChangedDoc, CollectionName, Collections, NewDoc, Store, StoreMeta, Transaction, Where } from './store';
import { MemoryState, cloneDoc, COLLECTIONS } from './memory-state';
import type { DirLock } from './lock';
import { WalWriter, dropRotatedWal, rotatedWalPath, walPath, type WalEntry } from './wal';
import { CURRENT_SCHEMA_VERSION, type Dump } from './migrations';
import { writeSnapshot } from './snapshots';

export interface FileStoreOptions {
  /** Compact (snapshot + empty log) once the log grows past this many bytes. */
  walMaxBytes?: number;
  /** How many snapshots to keep as rotating backups. */
  keepSnapshots?: number;
  /** A write that did not reach the disk: the caller should stop serving (main.ts exits). */
  onFatal?: (err: Error) => void;
}

export const newEpoch = (): string => randomBytes(8).toString('hex');

type AnyDoc = Record<string, unknown> & { id: string; seq: number };

export class FileStore implements Store {
  private durableSeq: number;
  /**
   * The seq of the last transaction handed to the log. Not `state.seq`: a transaction that threw
   * after a put raised that and was undone, and nothing will ever make its seq durable.
   */
  private committedSeq: number;
  private waiters: { seq: number; resolve: () => void; reject: (err: Error) => void }[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  /** The compaction running in the background, if any. */
  private compaction: Promise<void> | null = null;
  private closed = false;
  private wal!: WalWriter;

  constructor(
    readonly dataDir: string,
    private readonly state: MemoryState,
    private epoch: string,
    private readonly lock: DirLock,
    private readonly opts: Required<FileStoreOptions>,
  ) {
    this.durableSeq = state.seq;
    this.committedSeq = state.seq;
  }

  async attachWal(validBytes: number): Promise<void> {
    this.wal = await WalWriter.open(
      walPath(this.dataDir),
      validBytes,
      (seq) => {
        if (seq > this.durableSeq) this.durableSeq = seq;
        this.releaseWaiters();
      },
      (err) => {
        for (const w of this.waiters.splice(0)) w.reject(err);
        this.opts.onFatal(err);
      },
    );
  }

  async meta(): Promise<StoreMeta> {
    // The durable seq, not the highest assigned: a cursor must never point past what a crash could undo.
    return { epoch: this.epoch, seq: this.durableSeq, schemaVersion: CURRENT_SCHEMA_VERSION };
  }

  async get<C extends CollectionName>(c: C, id: string): Promise<Collections[C] | undefined> {
    const doc = this.state.get(c, id);
    return doc && cloneDoc(doc);
  }

  async find<C extends CollectionName>(c: C, where?: Where<C>): Promise<Collections[C][]> {
    return this.state.find(c, where).map(cloneDoc);
  }

  async changedSince<C extends CollectionName>(collections: readonly C[], afterSeq: number, limit: number, filter?: (c: ChangedDoc<C>) => boolean): Promise<ChangedDoc<C>[]> {
    return this.state.changedSince(collections, afterSeq, this.durableSeq, limit, filter).map((ch) => ({ collection: ch.collection, doc: cloneDoc(ch.doc) }));
  }

  async transact<T>(fn: (tx: Transaction) => Promise<T> | T): Promise<T> {
    const run = this.queue.then(() => this.runExclusive(fn));
    // The queue only orders transactions; one failing must not poison the next.
    this.queue = run.then(
      () => {},
      () => {},
    );
    const { result, durable } = await run;
    await durable;
    if (!this.compaction && !this.closed && this.wal.bytes > this.opts.walMaxBytes) void this.compact().catch((err) => this.opts.onFatal(err as Error));
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

  private async compactInBackground(): Promise<void> {
    const rotated = rotatedWalPath(this.dataDir);
    // Under the write lock: every entry so far is durable in the log being set aside, and the
    // documents are taken as of that seq. Stored documents are replaced on write, never changed in
    // place, so these references stay the state as of `seq` while new transactions go on.
    const view = await this.exclusive(async () => {
      if (this.closed) return null;
      // A log still set aside means an earlier compaction failed half-way: never rename over it.
      if (existsSync(rotated)) {
        await this.snapshotAndResetLog();
        return null;
      }
      await this.wal.rotate(rotated);
      return { epoch: this.epoch, seq: this.state.seq, collections: this.state.dump() as Dump };
    });
    if (!view) return;
    await writeSnapshot(this.dataDir, { schemaVersion: CURRENT_SCHEMA_VERSION, writtenAt: new Date().toISOString(), ...view }, this.opts.keepSnapshots);
    // Only now is the set-aside log redundant; until here a crash replays it after the older snapshot.
    await dropRotatedWal(this.dataDir);
  }

  /** Compaction with writes held throughout: at open and close, and for a new epoch. */
  async compactBlocking(): Promise<void> {
    while (this.compaction) await this.compaction.catch(() => {});
    await this.exclusive(() => this.snapshotAndResetLog());
  }

  private async snapshotAndResetLog(): Promise<void> {
    await this.wal.drain();
    await this.writeSnapshotNow();
    await dropRotatedWal(this.dataDir);
    await this.wal.reset();
  }

  /** Gives the store a new epoch (after a backup was restored), so every client resets. */
  async renewEpoch(): Promise<string> {
    while (this.compaction) await this.compaction.catch(() => {});
    await this.exclusive(async () => {
      await this.wal.drain();
      this.epoch = newEpoch();
      await this.snapshotAndResetLog();
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
      if (compact && !this.wal.failed && this.wal.bytes > 0) await this.snapshotAndResetLog();
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
      this.dataDir,
      { schemaVersion: CURRENT_SCHEMA_VERSION, epoch: this.epoch, seq: this.state.seq, writtenAt: new Date().toISOString(), collections: this.state.dump() as Dump },
      this.opts.keepSnapshots,
    );
  }

  private whenDurable(seq: number): Promise<void> {
    if (seq <= this.durableSeq) return Promise.resolve();
    if (this.wal.failed) return Promise.reject(this.wal.failed);
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
    if (this.wal.failed) throw new Error(`store stopped after a failed write: ${this.wal.failed.message}`);
    const undo: { c: CollectionName; id: string; previous: AnyDoc | undefined }[] = [];
    const puts: WalEntry['puts'] = [];
    const state = this.state;
    const tx: Transaction = {
      get: async (c, id) => {
        const doc = state.get(c, id);
        return doc && cloneDoc(doc);
      },
      find: async (c, where) => state.find(c, where).map(cloneDoc),
      put: async <C extends CollectionName>(c: C, doc: NewDoc<C>) => {
        if (!COLLECTIONS.includes(c)) throw new Error(`unknown collection ${c}`);
        const stored = { ...cloneDoc(doc), seq: state.seq + 1 } as unknown as AnyDoc;
        undo.push({ c, id: stored.id, previous: state.get(c, stored.id) as AnyDoc | undefined });
        state.set(c, stored);
        puts.push([c, stored]);
        return cloneDoc(stored) as unknown as Collections[C];
      },
    };
    try {
      const result = await fn(tx);
      // A transaction that only read still answers after what it read is durable (e.g. a
      // duplicate push seeing the lastMutationID an in-flight push just set).
      if (puts.length === 0) return { result, durable: this.whenDurable(this.committedSeq) };
      this.committedSeq = state.seq;
      return { result, durable: this.wal.append({ seq: state.seq, puts }) };
    } catch (err) {
      // The documents go back; the seqs they took stay used (a gap is harmless, a reused seq is not:
      // the change log still holds entries for them).
      for (const u of undo.reverse()) state.restore(u.c, u.id, u.previous);
      throw err;
    }
  }
}
