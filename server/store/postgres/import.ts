/**
 * Copies a whole store into an empty PostgreSQL database as it is: every document with its id and
 * seq, the epoch and the seq counter, and the blobs. Clients keep their cursors (same epoch, same
 * seqs), so moving a deployment from DATA_DIR to PostgreSQL costs them nothing. One transaction
 * under the counter lock: a copy cut short leaves the database empty, to be copied again.
 */
import type { PoolClient } from 'pg';
import { COLLECTIONS } from '../memory-state';
import { namedBlobs, readAll } from '../portable';
import type { CollectionName, Store } from '../store';
import { run } from './run';
import type { PostgresStore } from './pg-store';
import { upsertValues } from './rows';
import { META, indexColumns, quoted, tableOf } from './schema';
import { rebuildTallies } from './tallies';

const BATCH = 500;

/** The database must hold nothing of ours yet: a copy over existing data would mix two stores. */
async function assertEmpty(client: PoolClient): Promise<void> {
  for (const c of COLLECTIONS) {
    const [row] = await run<{ n: string }>(client, `SELECT count(*) AS n FROM ${tableOf(c)}`);
    if (Number(row!.n) > 0) throw new Error(`目标数据库已有数据（${c} 中 ${row!.n} 份），只能复制到新的空数据库`);
  }
}

async function insertBatch(client: PoolClient, c: CollectionName, rows: unknown[][]): Promise<void> {
  // One statement per batch: the columns as arrays, unnested back into rows.
  const columns = ['id', 'seq', 'bytes', 'doc', ...indexColumns(c).map(quoted)];
  const types = ['text', 'bigint', 'integer', 'json', ...indexColumns(c).map(() => 'text')];
  const arrays = columns.map((_, i) => rows.map((r) => r[i]));
  const ordinals = rows.map((r) => r[r.length - 1]);
  await run(
    client,
    `INSERT INTO ${tableOf(c)} (${columns.join(', ')}, ord) SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}, $${types.length + 1}::bigint[])`,
    [...arrays, ordinals],
  );
}

export interface ImportReport {
  documents: Record<CollectionName, number>;
  blobs: number;
}

export async function copyIntoPostgres(source: Store, target: PostgresStore): Promise<ImportReport> {
  const meta = await source.meta();
  const documents = Object.fromEntries(COLLECTIONS.map((c) => [c, 0])) as Record<CollectionName, number>;
  // Blobs first and outside the transaction: a blob no document names is harmless (store.ts), a document without its blob is not.
  const blobs = await namedBlobs(source);
  for (const sha256 of blobs) {
    const stream = await source.getBlob(sha256);
    if (!stream) throw new Error(`源数据缺少佐证材料文件 ${sha256}`);
    await target.putBlob(await readAll(stream));
  }
  const client = await target.pool.connect();
  try {
    await run(client, 'BEGIN');
    await run(client, `SELECT seq FROM ${META} WHERE id = 1 FOR UPDATE`);
    await assertEmpty(client);
    for (const c of COLLECTIONS) {
      // find() order is the source's creation order; it becomes `ord`, below every seq to come.
      const docs = await source.find(c);
      for (let i = 0; i < docs.length; i += BATCH) {
        const rows = docs.slice(i, i + BATCH).map((doc, j) => [...upsertValues(c, doc as never, JSON.stringify(doc)), i + j + 1]);
        await insertBatch(client, c, rows);
      }
      documents[c] = docs.length;
    }
    await rebuildTallies(client);
    await run(client, `UPDATE ${META} SET epoch = $1, seq = $2 WHERE id = 1`, [meta.epoch, meta.seq]);
    await run(client, 'COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  return { documents, blobs: blobs.length };
}
