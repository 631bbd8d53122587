/**
 * Brings a database up to this program's layout and document schema at start, under one advisory
 * lock: several servers starting at once on a new database take turns, so the tables are created
 * once, migrations run once, and what runs after them in the lock (the first admin) happens once.
 */
import type { PoolClient } from 'pg';
import { randomBytes } from 'node:crypto';
import { CURRENT_SCHEMA_VERSION, migrateDocs, type Dump } from '../migrations';
import type { CollectionName } from '../store';
import { run } from './run';
import { SQL, upsertValues } from './rows';
import { COLLECTIONS, LAYOUT_STEPS, LAYOUT_VERSION, META, tableOf } from './schema';
import { rebuildTallies } from './tallies';

/** Work a layout step needs beyond its SQL, in the same transaction: by the version it produces. */
const AFTER_STEP: Record<number, (client: PoolClient) => Promise<void>> = {
  // The tallies table is new: count what the tables already hold.
  3: rebuildTallies,
};

/** pg_advisory_lock key of start-up: 'tz' 'mg' (taizhang migrate) as a number, fixed forever. */
export const STARTUP_LOCK_KEY = 0x747a6d67;

/** Documents rewritten per statement batch when a document migration runs. */
const MIGRATE_BATCH = 1000;

export const newEpoch = (): string => randomBytes(8).toString('hex');

async function layoutVersion(client: PoolClient): Promise<number> {
  const [exists] = await run<{ t: string | null }>(client, `SELECT to_regclass('${META}')::text AS t`);
  if (!exists?.t) return 0;
  const [row] = await run<{ layout_version: number }>(client, `SELECT layout_version FROM ${META} WHERE id = 1`);
  return row?.layout_version ?? 0;
}

async function inTransaction(client: PoolClient, fn: () => Promise<void>): Promise<void> {
  await run(client, 'BEGIN');
  try {
    await fn();
    await run(client, 'COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

async function migrateLayout(client: PoolClient): Promise<void> {
  const from = await layoutVersion(client);
  if (from > LAYOUT_VERSION) throw new Error(`数据库结构版本 ${from} 比本程序支持的 ${LAYOUT_VERSION} 新，请升级台账服务器`);
  for (let v = from; v < LAYOUT_VERSION; v++) {
    await inTransaction(client, async () => {
      for (const statement of LAYOUT_STEPS[v]!) await run(client, statement);
      if (v === 0) {
        await run(client, `INSERT INTO ${META} (id, epoch, seq, schema_version, layout_version) VALUES (1, $1, 0, $2, $3)`, [
          newEpoch(),
          CURRENT_SCHEMA_VERSION,
          v + 1,
        ]);
      } else await run(client, `UPDATE ${META} SET layout_version = $1 WHERE id = 1`, [v + 1]);
      await AFTER_STEP[v + 1]?.(client);
    });
  }
}

/**
 * Documents written by an older version go through the same per-document migrations as the embedded
 * store's (migrations.ts), keeping their seq, as a snapshot migration does. One transaction: a crash
 * half-way leaves the old version, migrated again next start.
 */
async function migrateDocuments(client: PoolClient): Promise<void> {
  const [meta] = await run<{ schema_version: number }>(client, `SELECT schema_version FROM ${META} WHERE id = 1`);
  const from = meta!.schema_version;
  if (from > CURRENT_SCHEMA_VERSION) throw new Error(`数据版本 ${from} 比本程序支持的 ${CURRENT_SCHEMA_VERSION} 新，请升级台账服务器`);
  if (from === CURRENT_SCHEMA_VERSION) return;
  await inTransaction(client, async () => {
    for (const c of COLLECTIONS) {
      for (let after = ''; ; ) {
        const rows = await run<{ id: string; doc: Dump[CollectionName][number] }>(
          client,
          `SELECT id, doc FROM ${tableOf(c)} WHERE id > $1 ORDER BY id LIMIT ${MIGRATE_BATCH}`,
          [after],
        );
        for (const [, doc] of migrateDocs(
          rows.map((r) => [c, r.doc] as [CollectionName, typeof r.doc]),
          from,
        ))
          await run(client, SQL[c].upsert, upsertValues(c, doc, JSON.stringify(doc)));
        if (rows.length < MIGRATE_BATCH) break;
        after = rows[rows.length - 1]!.id;
      }
    }
    // Migrated documents may have grown or shrunk.
    await rebuildTallies(client);
    await run(client, `UPDATE ${META} SET schema_version = $1 WHERE id = 1`, [CURRENT_SCHEMA_VERSION]);
  });
}

/** Layout, then documents, then `afterMigration` (the first admin), all while holding the start-up lock. */
export async function migrateAtStart(client: PoolClient, afterMigration: () => Promise<void>): Promise<void> {
  // Waiting for another server's migration must not hit the short lock_timeout transactions use.
  await run(client, 'SET lock_timeout = 0');
  await run(client, 'SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
  try {
    await migrateLayout(client);
    await migrateDocuments(client);
    await afterMigration();
  } finally {
    await run(client, 'SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]).catch(() => {});
  }
}
