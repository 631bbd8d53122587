/**
 * The Store on PostgreSQL. Every transaction — reading or writing — first locks the one counter row
 * (`SELECT seq … FOR UPDATE`): transactions run one at a time across every server on the database,
 * exactly as they do in the embedded store, so the callers' read-check-write logic (idempotent push,
 * per-field LWW, quotas, the reminder claim) holds unchanged; and a seq is taken only while holding
 * that lock, so seq order is commit order and a pull (`WHERE seq > cursor`, committed rows only) can
 * never hand out a cursor past a seq that commits later. See README.md.
 */
import type { Pool, PoolClient, QueryResult } from 'pg';
import type { Readable } from 'node:stream';
import { cloneDoc, deepFreeze } from '../memory-state';
import {
  StoreUnavailableError,
  type ChangedDoc,
  type CollectionName,
  type Collections,
  type NewDoc,
  type ReadView,
  type ScanOptions,
  type Store,
  type StoreMeta,
  type Tally,
  type Transaction,
  type Where,
} from '../store';
import { PgBlobs } from './blobs';
import { asStoreError } from './errors';
import { readView, scanPages } from './queries';
import { run, type Queryable } from './run';
import { SQL, assertCollection, storedDoc, upsertValues } from './rows';
import { META, indexColumns, tableOf } from './schema';
import { TallyDeltas } from './tallies';

const LOCK_COUNTER = `SELECT seq FROM ${META} WHERE id = 1 FOR UPDATE`;
/** The counter's new value, inlined so that it and COMMIT go in one round trip (a seq is our own safe integer). */
const setCounterAndCommit = (seq: number) => {
  if (!Number.isSafeInteger(seq)) throw new Error(`invalid seq ${seq}`);
  return `UPDATE ${META} SET seq = ${seq} WHERE id = 1; COMMIT`;
};

/** Several statements in one round trip (simple protocol, no parameters); the last one's result. */
async function lastOf(client: PoolClient, statements: string): Promise<QueryResult> {
  try {
    const results = (await client.query(statements)) as QueryResult | QueryResult[];
    return Array.isArray(results) ? results[results.length - 1]! : results;
  } catch (err) {
    throw asStoreError(err);
  }
}

/** Rows per page when `changedSince` filters: enough to fill most pulls in one query. */
const FILTERED_PAGE = 500;

function changesSql(collections: readonly CollectionName[]): string {
  // Each branch walks its table's seq index and stops at the limit; the outer sort merges them.
  const branches = collections.map((c) => `(SELECT '${c}' AS collection, seq, doc FROM ${tableOf(c)} WHERE seq > $1 ORDER BY seq LIMIT $2)`);
  return `SELECT collection, seq, doc FROM (${branches.join(' UNION ALL ')}) AS changes ORDER BY seq LIMIT $2`;
}

class PgTransaction implements Transaction {
  private readonly reads: ReadView;
  /** The tally changes of this transaction's puts, written before it reads a tally and before it commits. */
  readonly tallies = new TallyDeltas();
  wrote = false;
  ended = false;

  constructor(
    private readonly client: PoolClient,
    /** The highest seq assigned so far: read under the counter lock, raised by each put. */
    public seq: number,
  ) {
    this.reads = readView(
      () => this.open(),
      () => this.tallies.flush(this.open()),
    );
  }

  get<C extends CollectionName>(c: C, id: string): Promise<Collections[C] | undefined> {
    return this.reads.get(c, id);
  }
  find<C extends CollectionName>(c: C, where?: Where<C>): Promise<Collections[C][]> {
    return this.reads.find(c, where);
  }
  tally<C extends CollectionName>(c: C, where?: Where<C>): Promise<Tally> {
    return this.reads.tally(c, where);
  }

  async put<C extends CollectionName>(c: C, doc: NewDoc<C>): Promise<Collections[C]> {
    assertCollection(c);
    const client = this.open();
    const stored = deepFreeze({ ...cloneDoc(doc), seq: this.seq + 1 }) as unknown as Collections[C];
    // Serialised before the seq is taken: a document that cannot be serialised fails here, changing nothing.
    const json = JSON.stringify(stored);
    // Taken before the first await, so puts of one transaction running side by side get distinct seqs.
    this.seq = stored.seq;
    const values = upsertValues(c, stored as unknown as Parameters<typeof upsertValues>[1], json);
    const [old] = await run<Record<string, string | number | null>>(client, SQL[c].upsertReturningOld, values, `put-${c}`);
    const columns = indexColumns(c);
    this.tallies.add(c, old ? { bytes: Number(old.bytes), values: columns.map((f) => old[f] as string | null) } : null, {
      bytes: values[2] as number,
      values: values.slice(4) as (string | null)[],
    });
    this.wrote = true;
    return stored;
  }

  /** A transaction's connection, refused once it has ended (a caller that kept `tx` past its callback). */
  private open(): Queryable {
    if (this.ended) throw new Error('transaction has ended');
    return this.client;
  }
}

/**
 * How a transaction becomes durable before it is answered.
 * - `pipelined`: COMMIT without waiting for the disk (synchronous_commit off, so the counter lock is
 *   released at once and the next transaction runs while this one's WAL is flushed), then a durability
 *   barrier on the same connection: a tiny transaction that writes one WAL record and commits
 *   synchronously, so it returns only once the WAL is on disk up to and past our commit. Barriers of
 *   concurrent transactions share flushes (PostgreSQL's group commit); serial synchronous commits cannot.
 * - `serial`: every COMMIT waits for its own flush while holding the lock (databases without
 *   pg_logical_emit_message, such as some PostgreSQL-compatible ones).
 */
export type CommitMode = 'pipelined' | 'serial';

/** One WAL record, committed synchronously: returns once everything written before it is durable. */
const DURABILITY_BARRIER = `SELECT pg_logical_emit_message(true, 'taizhang', '')`;
/** Whether all WAL written so far (so every commit a statement before this one could see) is on disk. */
const WAL_FLUSHED = 'SELECT pg_current_wal_flush_lsn() >= pg_current_wal_insert_lsn() AS flushed';

export class PostgresStore implements Store {
  private readonly reads: ReadView;
  private readonly blobs: PgBlobs;
  private closed = false;

  /** `pool`: also for the tables beside the documents that several servers share (auth failures). */
  constructor(
    readonly pool: Pool,
    readonly commitMode: CommitMode = 'serial',
  ) {
    this.reads = readView(() => this.pool);
    this.blobs = new PgBlobs(pool);
  }

  get<C extends CollectionName>(c: C, id: string): Promise<Collections[C] | undefined> {
    return this.reads.get(c, id);
  }
  find<C extends CollectionName>(c: C, where?: Where<C>): Promise<Collections[C][]> {
    return this.reads.find(c, where);
  }
  tally<C extends CollectionName>(c: C, where?: Where<C>): Promise<Tally> {
    return this.reads.tally(c, where);
  }

  scan<C extends CollectionName>(c: C, where: Where<C>, opts: ScanOptions = {}): AsyncIterable<readonly Collections[C][]> {
    return scanPages(() => this.pool, c, where, opts);
  }

  async meta(): Promise<StoreMeta> {
    return this.withConnection(async (client) => {
      const rows = await run<{ epoch: string; seq: string; schema_version: number }>(client, `SELECT epoch, seq, schema_version FROM ${META} WHERE id = 1`);
      const row = rows[0];
      if (!row) throw new Error('数据库中没有台账的元数据行（store_meta），数据库可能未完成初始化');
      // Durable state only: no cursor built from this seq can point past a write a crash could undo.
      await this.durable(client);
      return { epoch: row.epoch, seq: Number(row.seq), schemaVersion: row.schema_version };
    });
  }

  async changedSince<C extends CollectionName>(
    collections: readonly C[],
    afterSeq: number,
    limit: number,
    filter?: (c: ChangedDoc<C>) => boolean,
  ): Promise<ChangedDoc<C>[]> {
    collections.forEach(assertCollection);
    if (collections.length === 0 || limit <= 0) return [];
    const sql = changesSql(collections);
    const page = filter ? Math.max(limit, FILTERED_PAGE) : limit;
    return this.withConnection(async (client) => {
      const out: ChangedDoc<C>[] = [];
      // Each page is its own snapshot; that is safe because a seq is visible only after every lower seq
      // committed (seq order = commit order), so a later page never reveals a seq below the last one read.
      for (let after = afterSeq; ; ) {
        const rows = await run<{ collection: C; seq: string; doc: unknown }>(client, sql, [after, page]);
        for (const row of rows) {
          const change: ChangedDoc<C> = { collection: row.collection, doc: storedDoc<C>(row.doc) };
          if (filter && !filter(change)) continue;
          out.push(change);
          if (out.length === limit) break;
        }
        if (out.length === limit || rows.length < page) break;
        after = Number(rows[rows.length - 1]!.seq);
      }
      // What a pull hands out must be durable: the barrier runs on the connection that read, so a database
      // that restarted meanwhile (and may have lost what we read) fails it instead of answering for it.
      await this.durable(client);
      return out;
    });
  }

  async transact<T>(fn: (tx: Transaction) => Promise<T> | T): Promise<T> {
    if (this.closed) throw new Error('store is closed');
    return this.withConnection(async (client) => {
      let tx: PgTransaction | null = null;
      try {
        // BEGIN and the counter lock in one round trip; in pipelined mode COMMIT will not wait for the disk.
        const begin = this.commitMode === 'pipelined' ? 'BEGIN; SET LOCAL synchronous_commit = off;' : 'BEGIN;';
        const counter = await lastOf(client, `${begin} ${LOCK_COUNTER}`);
        tx = new PgTransaction(client, Number((counter.rows[0] as { seq: string }).seq));
        const result = await fn(tx);
        if (tx.wrote) await tx.tallies.flush(client);
        tx.ended = true;
        const commit = await lastOf(client, tx.wrote ? setCounterAndCommit(tx.seq) : 'COMMIT');
        // PostgreSQL answers COMMIT of a transaction a failed statement aborted with ROLLBACK, not an
        // error (fn caught that statement's error and went on): nothing was kept, so it must not read as saved.
        if (commit.command !== 'COMMIT') throw new StoreUnavailableError(new Error('事务中有语句失败，数据库已回滚整个事务'));
        // Answered only once durable; a read-only transaction too, since what it read may not be yet.
        await this.durable(client, { afterOwnCommit: tx.wrote });
        return result;
      } catch (err) {
        if (tx) tx.ended = true;
        await client.query('ROLLBACK').catch(() => {});
        throw asStoreError(err);
      }
    });
  }

  /**
   * Waits until everything this connection has seen or written is on disk (nothing to do in serial mode).
   * After a read, the WAL is often already flushed as far as it has been written (no write since, or a
   * barrier flushed it): then everything the read could see is durable, and no barrier (a WAL record and
   * an fsync) is spent on it — many clients pulling cost no disk writes. After our own commit it never is.
   */
  private async durable(client: PoolClient, { afterOwnCommit = false } = {}): Promise<void> {
    if (this.commitMode !== 'pipelined') return;
    if (!afterOwnCommit) {
      const [wal] = await run<{ flushed: boolean }>(client, WAL_FLUSHED, [], 'wal-flushed');
      if (wal?.flushed) return;
    }
    await run(client, DURABILITY_BARRIER, [], 'durability-barrier');
  }

  /**
   * A connection of its own for a sequence of statements. The database may end it between two statements
   * (idle_in_transaction timeout, an operator, a restart); the driver reports that as an 'error' event on
   * the client, which without a listener would end the whole process. Here it marks the connection broken
   * (the next statement fails with it, as StoreUnavailableError) and it leaves the pool.
   */
  private async withConnection<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw new StoreUnavailableError(err as Error);
    }
    let broken: Error | undefined;
    const onConnectionError = (err: Error) => {
      broken = err;
    };
    client.on('error', onConnectionError);
    try {
      return await fn(client);
    } catch (err) {
      if (err instanceof StoreUnavailableError) broken ??= err;
      throw err;
    } finally {
      client.off('error', onConnectionError);
      client.release(broken);
    }
  }

  async putBlob(data: Uint8Array): Promise<{ sha256: string; size: number; existed: boolean }> {
    if (this.closed) throw new Error('store is closed');
    return this.blobs.put(data);
  }

  getBlob(sha256: string): Promise<Readable | null> {
    return this.blobs.get(sha256);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
