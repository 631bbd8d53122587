/**
 * What only the PostgreSQL store has to get right: start-up of several servers at once, migrations,
 * and failures of the database — a hung writer holding the lock, a connection lost mid-transaction, a
 * statement error swallowed by the caller — each answered as "unavailable, try again" (503) with
 * nothing of the failed transaction kept, never as a 500 and never as saved.
 */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { readConfig } from '../../server/config';
import { ensureFirstAdmin } from '../../server/people/service';
import { CURRENT_SCHEMA_VERSION } from '../../server/store/migrations';
import { DatabaseStartError, openPostgresStore, type PostgresStore } from '../../server/store/postgres/open';
import { StoreUnavailableError, type NewDoc } from '../../server/store/store';
import { createTestDatabase, sharedClusterUrl, type TestDatabase } from '../support/postgres';
import { Rng } from '../support/random';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f().catch(() => {});
});

async function database(): Promise<TestDatabase> {
  const db = await createTestDatabase(await sharedClusterUrl());
  cleanups.push(() => db.drop());
  return db;
}

async function open(url: string, opts: Parameters<typeof openPostgresStore>[1] = {}): Promise<PostgresStore> {
  const s = await openPostgresStore(url, { poolSize: 3, ...opts });
  cleanups.push(() => s.close());
  return s;
}

/** A plain connection of our own, as another (hung) server or an operator would have. */
async function connection(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  cleanups.push(() => c.end());
  return c;
}

const record = (id: string, over: Partial<NewDoc<'records'>> = {}): NewDoc<'records'> => ({
  id,
  ownerId: 'u-1',
  campaignId: 'k-1',
  fields: { campaignId: 'k-1', kind: 'opinion', content: '内容' },
  stamps: {},
  createdAt: '2025-06-01T00:00:00.000Z',
  updatedAt: '2025-06-01T00:00:00.000Z',
  ...over,
});

describe('PostgreSQL store: start-up', () => {
  it('four servers starting at once on a new database create the schema once and one first admin between them', async () => {
    const db = await database();
    const made: unknown[] = [];
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => open(db.url, { atStartup: async (s) => void made.push(await ensureFirstAdmin(s, 'tz_same-admin-token-for-all-0001')) })),
    );
    expect(made.filter(Boolean)).toHaveLength(1);
    expect(await stores[3]!.find('users')).toHaveLength(1);
    const epochs = new Set(await Promise.all(stores.map(async (s) => (await s.meta()).epoch)));
    expect(epochs.size).toBe(1);
  });

  it('documents written by an older version are migrated at start, keeping their seq', async () => {
    const db = await database();
    const s = await open(db.url);
    const item = await s.transact((tx) => tx.put('items', { id: 'i-1', campaignId: 'k-1', list: 'problem', title: '旧版本的问题' } as never));
    await s.close();
    const c = await connection(db.url);
    await c.query('UPDATE taizhang.items SET doc = $1 WHERE id = $2', [JSON.stringify({ ...item, target: undefined }), 'i-1']);
    await c.query('UPDATE taizhang.store_meta SET schema_version = 1');
    const again = await open(db.url);
    expect(await again.get('items', 'i-1')).toMatchObject({ target: '', seq: item.seq });
    expect((await again.meta()).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('refuses a database written by a newer version, and names an unreachable one without its password', async () => {
    const db = await database();
    await (await open(db.url)).close();
    const c = await connection(db.url);
    await c.query('UPDATE taizhang.store_meta SET schema_version = $1', [CURRENT_SCHEMA_VERSION + 1]);
    await expect(openPostgresStore(db.url)).rejects.toThrow(/比本程序支持的 \d+ 新/);

    const err = await openPostgresStore('postgres://taizhang:s3cret@127.0.0.1:1/nowhere', { connectTimeoutMs: 2000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseStartError);
    expect((err as Error).message).toContain('127.0.0.1:1/nowhere');
    expect((err as Error).message).not.toContain('s3cret');
  });

  it('DATABASE_URL must be a postgres:// address; without it the embedded store is used', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://u:p@db.example.edu.cn:5432/taizhang' }).DATABASE_URL).toBe('postgres://u:p@db.example.edu.cn:5432/taizhang');
    expect(readConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
    expect(() => readConfig({ DATABASE_URL: 'mysql://u:p@db/taizhang' })).toThrow(/DATABASE_URL 无效/);
  });
});

describe('PostgreSQL store: failures of the database', () => {
  it('a transaction waiting on a hung writer gives up after lock_timeout with StoreUnavailableError, and the push is a 503', async () => {
    const db = await database();
    const s = await open(db.url, { lockTimeoutMs: 300, atStartup: async (st) => void (await ensureFirstAdmin(st, 'tz_lock-timeout-admin-token-01')) });
    const hung = await connection(db.url);
    await hung.query('BEGIN');
    await hung.query('SELECT seq FROM taizhang.store_meta WHERE id = 1 FOR UPDATE');

    const started = Date.now();
    const err = await s.transact((tx) => tx.put('records', record('r-1'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(5000);

    const app = createApp({ store: s });
    const res = await app.request('/api/v1/users', {
      method: 'POST',
      headers: { authorization: 'Bearer tz_lock-timeout-admin-token-01', 'content-type': 'application/json' },
      body: JSON.stringify({ name: '新人', unit: '一院' }),
    });
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBeTruthy();

    await hung.query('ROLLBACK');
    await s.transact((tx) => tx.put('records', record('r-2')));
    expect(await s.get('records', 'r-1')).toBeUndefined();
    expect(await s.get('records', 'r-2')).toBeDefined();
  });

  it('a writer that goes idle inside its transaction is ended by the database, so the lock comes free', async () => {
    const db = await database();
    const s = await open(db.url, { lockTimeoutMs: 10_000, idleInTransactionTimeoutMs: 500 });
    // The hung writer is a store connection too: the same session settings a server's connections get.
    const paused = s.transact(async (tx) => {
      await tx.put('records', record('r-paused'));
      await new Promise((r) => setTimeout(r, 1500));
    });
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await s.transact((tx) => tx.put('records', record('r-after')));
    expect(Date.now() - started).toBeLessThan(1400);
    await expect(paused).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await s.get('records', 'r-paused')).toBeUndefined();
    expect(await s.get('records', 'r-after')).toBeDefined();
  });

  it('a connection lost in the middle of a transaction: StoreUnavailableError, nothing kept, the store goes on serving', async () => {
    const db = await database();
    const s = await open(db.url);
    const operator = await connection(db.url);
    const err = await s
      .transact(async (tx) => {
        await tx.put('records', record('r-lost'));
        await operator.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND state LIKE 'idle in transaction%'`, [db.name]);
        await tx.put('records', record('r-lost-2'));
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect(await s.get('records', 'r-lost')).toBeUndefined();
    await s.transact((tx) => tx.put('records', record('r-next')));
    expect((await s.find('records')).map((r) => r.id)).toEqual(['r-next']);
  });

  it('a caller that swallows a failed statement is not told its transaction was saved (COMMIT answered ROLLBACK)', async () => {
    const db = await database();
    const s = await open(db.url);
    const err = await s
      .transact(async (tx) => {
        await tx.put('records', record('r-first'));
        // An index entry over PostgreSQL's b-tree limit fails its statement; the caller carries on regardless.
        await tx.put('records', record('r-huge', { ownerId: 'x'.repeat(300_000) })).catch(() => {});
        await tx.put('records', record('r-ok')).catch(() => {});
        return 'done';
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect(await s.find('records')).toEqual([]);
    expect((await s.meta()).seq).toBe(0);
  });

  it('reads and writes after the database restarted its connections work again without a restart of ours', async () => {
    const db = await database();
    const s = await open(db.url);
    await s.transact((tx) => tx.put('records', record('r-1')));
    const operator = await connection(db.url);
    await operator.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [db.name]);
    await new Promise((r) => setTimeout(r, 100));
    // The pool drops the dead connections it notices; a read on one it had not noticed yet is a 503, the next one works.
    const read = async () => s.get('records', 'r-1').catch((e: unknown) => e);
    let result = await read();
    for (let i = 0; i < 5 && result instanceof StoreUnavailableError; i++) result = await read();
    expect(result).toMatchObject({ id: 'r-1' });
    await s.transact((tx) => tx.put('records', record('r-2')));
  });
});

describe('PostgreSQL store: tallies kept by every write', () => {
  it('after random writes, moves between values, nulls and rolled-back transactions, the kept tallies equal a recount', async () => {
    const db = await database();
    const s = await open(db.url);
    const rng = new Rng(2024);
    const owners = ['u-1', 'u-2', 'u-3'];
    for (let t = 0; t < 60; t++) {
      const write = s.transact(async (tx) => {
        for (let k = 1 + rng.int(4); k > 0; k--) {
          const id = `r-${rng.int(25)}`;
          await tx.put(
            'records',
            record(id, {
              ownerId: rng.pick(owners),
              campaignId: rng.chance(0.2) ? (null as never) : `k-${rng.int(2)}`,
              fields: { content: 'x'.repeat(rng.int(300)) } as never,
            }),
          );
          if (rng.chance(0.3)) await tx.tally('records', { ownerId: rng.pick(owners) });
        }
        if (rng.chance(0.15)) throw new Error('rolled back');
      });
      await write.catch((e: Error) => expect(e.message).toBe('rolled back'));
    }
    const all = await s.find('records');
    const bytes = (docs: typeof all) => docs.reduce((n, d) => n + Buffer.byteLength(JSON.stringify(d), 'utf8'), 0);
    expect(await s.tally('records')).toEqual({ count: all.length, bytes: bytes(all) });
    for (const ownerId of [...owners, 'nobody']) {
      const mine = all.filter((d) => d.ownerId === ownerId);
      expect(await s.tally('records', { ownerId }), ownerId).toEqual({ count: mine.length, bytes: bytes(mine) });
    }
    for (const campaignId of ['k-0', 'k-1', null]) {
      const inIt = all.filter((d) => (d.campaignId ?? null) === campaignId);
      expect(await s.tally('records', { campaignId }), String(campaignId)).toEqual({ count: inIt.length, bytes: bytes(inIt) });
    }
  });
});
