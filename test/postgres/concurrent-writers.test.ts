/**
 * Pull cursors never skip a change with writers in two processes on one database (issue 15): while two
 * processes commit overlapping transactions, a reader pages through changes exactly as sync pull does
 * (meta first, then changedSince after the cursor) and must see every committed document exactly once.
 * The same harness over a plain sequence (seqs commit out of order) must catch skips, or it proves nothing.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres/open';
import type { Store } from '../../server/store/store';
import { projectRoot } from '../support/paths';
import { createTestDatabase, sharedClusterUrl, type TestDatabase } from '../support/postgres';

const TRANSACTIONS_PER_PROCESS = 150;

function startWriter(url: string, prefix: string, mode: 'pipelined' | 'serial' | 'naive'): Promise<string[]> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(projectRoot, 'test/postgres/concurrent-writer.ts'), url, prefix, String(TRANSACTIONS_PER_PROCESS), mode],
    {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as string[]) : reject(new Error(`writer ${prefix} exited ${code}: ${err}`)),
    ),
  );
}

/** What a reader needs: the highest committed seq, and a page of changes after a cursor. */
interface Feed {
  highest(): Promise<number>;
  page(after: number, limit: number): Promise<{ id: string; seq: number }[]>;
}

const storeFeed = (store: Store): Feed => ({
  highest: async () => (await store.meta()).seq,
  page: async (after, limit) => (await store.changedSince(['records'], after, limit)).map((c) => ({ id: c.doc.id, seq: c.doc.seq })),
});

const sequenceFeed = (db: pg.Pool): Feed => ({
  highest: async () => Number((await db.query('SELECT coalesce(max(seq), 0) AS m FROM naive_docs')).rows[0].m),
  page: async (after, limit) =>
    (await db.query('SELECT id, seq FROM naive_docs WHERE seq > $1 ORDER BY seq LIMIT $2', [after, limit])).rows.map((r) => ({ id: r.id, seq: Number(r.seq) })),
});

/** Pulls as server/sync/pull.ts does, over and over while `writing` runs, then once more to the end. */
async function pullContinuously(feed: Feed, writing: Promise<unknown>): Promise<{ seen: string[]; pulls: number }> {
  const seen: string[] = [];
  let cursor = 0;
  let done = false;
  let pulls = 0;
  void writing.finally(() => (done = true)).catch(() => {});
  for (let drained = false; !drained; ) {
    const last = done;
    const highest = await feed.highest();
    const changes = await feed.page(cursor, 20);
    pulls++;
    seen.push(...changes.map((c) => c.id));
    const hasMore = changes.length === 20;
    cursor = hasMore ? changes[changes.length - 1]!.seq : Math.max(highest, changes.at(-1)?.seq ?? cursor);
    if (last && !hasMore) drained = true;
  }
  return { seen, pulls };
}

const dbs: TestDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.drop();
});

describe('two processes writing to one database while a reader pulls', () => {
  it.each(['pipelined', 'serial'] as const)(
    'the reader sees every committed document exactly once: no seq is skipped, nothing lost or duplicated (%s commits)',
    async (mode) => {
      const db = await createTestDatabase(await sharedClusterUrl());
      dbs.push(db);
      const store = await openPostgresStore(db.url, { poolSize: 2 });
      try {
        const writing = Promise.all([startWriter(db.url, 'a', mode), startWriter(db.url, 'b', mode)]);
        const { seen, pulls } = await pullContinuously(storeFeed(store), writing);
        const committed = (await writing).flat();
        console.info(`[counter lock, ${mode}] ${committed.length} documents from two processes, ${pulls} pulls, ${seen.length} seen`);
        expect(committed.length).toBeGreaterThan(TRANSACTIONS_PER_PROCESS * 2);
        expect(pulls).toBeGreaterThan(20);
        expect(new Set(seen).size).toBe(seen.length);
        expect([...seen].sort()).toEqual([...committed].sort());
        expect((await store.find('records')).length).toBe(committed.length);
      } finally {
        await store.close();
      }
    },
    120_000,
  );

  it('control: with seqs from a plain sequence the same reader skips documents, so the harness can see a skip', async () => {
    const db = await createTestDatabase(await sharedClusterUrl());
    dbs.push(db);
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    try {
      await pool.query('CREATE SEQUENCE naive_seq; CREATE TABLE naive_docs (id text PRIMARY KEY, seq bigint NOT NULL UNIQUE)');
      const writing = Promise.all([startWriter(db.url, 'a', 'naive'), startWriter(db.url, 'b', 'naive')]);
      const { seen } = await pullContinuously(sequenceFeed(pool), writing);
      const committed = (await writing).flat();
      const skipped = committed.filter((id) => !seen.includes(id));
      console.info(`[control] plain sequence: ${skipped.length} of ${committed.length} committed documents never reached the reader`);
      expect(skipped.length).toBeGreaterThan(0);
    } finally {
      await pool.end();
    }
  }, 120_000);
});
