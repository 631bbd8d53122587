/**
 * A writer process for concurrent-writers.test.ts: `node --import tsx concurrent-writer.ts <url> <prefix> <transactions> <pipelined|serial|naive>`.
 * Runs `LOOPS` chains of transactions side by side, each writing 1–3 new documents with pauses while the
 * transaction is open (so transactions of the two processes overlap), and prints the ids of every
 * transaction that committed, as one JSON line, when done.
 *
 * `naive` is the control: seqs from a plain sequence (nextval), no counter lock, the scheme the issue
 * warns about. The test proves its reader skips documents under it, so the harness can see a skip.
 */
import pg from 'pg';
import { openPostgresStore } from '../../server/store/postgres/open';
import type { NewDoc } from '../../server/store/store';

const [url, prefix, countArg, mode] = process.argv.slice(2) as [string, string, string, 'pipelined' | 'serial' | 'naive'];
const TRANSACTIONS = Number(countArg);
const LOOPS = 4;
const pause = () => new Promise((r) => setTimeout(r, Math.random() * 2));
const docsIn = (t: number) => 1 + (t % 3);

const record = (id: string): NewDoc<'records'> => ({
  id,
  ownerId: prefix,
  campaignId: 'k-1',
  fields: { campaignId: 'k-1', kind: 'opinion', content: id },
  stamps: {},
  createdAt: '2025-06-01T00:00:00.000Z',
  updatedAt: '2025-06-01T00:00:00.000Z',
});

async function viaStore(committed: string[]): Promise<void> {
  const store = await openPostgresStore(url, { poolSize: LOOPS + 1, commitMode: mode === 'serial' ? 'serial' : 'pipelined' });
  let next = 0;
  await Promise.all(
    Array.from({ length: LOOPS }, async () => {
      for (let t = next++; t < TRANSACTIONS; t = next++) {
        const ids = Array.from({ length: docsIn(t) }, (_, j) => `${prefix}-${t}-${j}`);
        await store.transact(async (tx) => {
          for (const id of ids) {
            await tx.put('records', record(id));
            await pause();
          }
        });
        committed.push(...ids);
      }
    }),
  );
  await store.close();
}

async function viaSequence(committed: string[]): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: LOOPS });
  let next = 0;
  await Promise.all(
    Array.from({ length: LOOPS }, async () => {
      for (let t = next++; t < TRANSACTIONS; t = next++) {
        const ids = Array.from({ length: docsIn(t) }, (_, j) => `${prefix}-${t}-${j}`);
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          for (const id of ids) {
            await client.query(`INSERT INTO naive_docs (id, seq) VALUES ($1, nextval('naive_seq'))`, [id]);
            await pause();
          }
          await client.query('COMMIT');
        } finally {
          client.release();
        }
        committed.push(...ids);
      }
    }),
  );
  await pool.end();
}

const committed: string[] = [];
await (mode === 'naive' ? viaSequence(committed) : viaStore(committed));
process.stdout.write(`${JSON.stringify(committed)}\n`);
