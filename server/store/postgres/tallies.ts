/**
 * Count and bytes per (collection, indexed field, value), and per collection, kept in `tallies` inside
 * each write transaction. A quota check then reads one row instead of counting a campaign's 100k index
 * entries while holding the write lock (8 ms of every push at 100k records). Race-free without extra
 * locking: every write transaction holds the counter row lock (pg-store.ts).
 */
import { INDEXES, type CollectionName } from '../store';
import { run, type Queryable } from './run';
import { COLLECTIONS, TALLIES, indexColumns, quoted, tableOf } from './schema';

/** The `value` of an absent or null field. toTextColumn never yields a lone U+0001 (it escapes it), so it cannot collide. */
export const NULL_VALUE = '\u0001';
/** The (field, value) of a collection's whole total. */
const TOTAL = ['', ''] as const;

type Key = string;
const keyOf = (field: string, value: string) => JSON.stringify([field, value]);

/** A document's part in the tallies: its bytes under each of its index values and under the total. */
export interface Share {
  bytes: number;
  values: readonly (string | null)[];
}

/** Changes of one transaction, written before any tally is read in it and before it commits. */
export class TallyDeltas {
  private readonly pending = new Map<CollectionName, Map<Key, { count: number; bytes: number }>>();

  /** A document replaced `before` (absent when new) with `after`. */
  add(c: CollectionName, before: Share | null, after: Share): void {
    let deltas = this.pending.get(c);
    if (!deltas) this.pending.set(c, (deltas = new Map()));
    const bump = (field: string, value: string, count: number, bytes: number) => {
      const k = keyOf(field, value);
      const d = deltas.get(k) ?? { count: 0, bytes: 0 };
      d.count += count;
      d.bytes += bytes;
      deltas.set(k, d);
    };
    const fields = indexColumns(c);
    for (const [share, sign] of [
      [before, -1],
      [after, 1],
    ] as const) {
      if (!share) continue;
      bump(...TOTAL, sign, sign * share.bytes);
      fields.forEach((f, i) => bump(f, share.values[i] ?? NULL_VALUE, sign, sign * share.bytes));
    }
  }

  async flush(db: Queryable): Promise<void> {
    for (const [c, deltas] of this.pending) {
      const rows = [...deltas].filter(([, d]) => d.count !== 0 || d.bytes !== 0);
      if (rows.length === 0) continue;
      const keys = rows.map(([k]) => JSON.parse(k) as [string, string]);
      await run(
        db,
        `INSERT INTO ${TALLIES} (collection, field, value, count, bytes)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[])
         ON CONFLICT (collection, field, value) DO UPDATE SET count = ${TALLIES}.count + EXCLUDED.count, bytes = ${TALLIES}.bytes + EXCLUDED.bytes`,
        [c, keys.map((k) => k[0]), keys.map((k) => k[1]), rows.map(([, d]) => d.count), rows.map(([, d]) => d.bytes)],
        'tallies-add',
      );
    }
    this.pending.clear();
  }
}

/** The tally of one indexed field's value, or of the whole collection. */
export async function readTally(db: Queryable, c: CollectionName, field: string, value: string | null): Promise<{ count: number; bytes: number }> {
  const [row] = await run<{ count: string; bytes: string }>(
    db,
    `SELECT count, bytes FROM ${TALLIES} WHERE collection = $1 AND field = $2 AND value = $3`,
    [c, field, field === '' ? '' : (value ?? NULL_VALUE)],
    'tallies-read',
  );
  return { count: Number(row?.count ?? 0), bytes: Number(row?.bytes ?? 0) };
}

/** Counts everything again from the tables: after a bulk copy, a document migration, or when the table is new. */
export async function rebuildTallies(db: Queryable): Promise<void> {
  await run(db, `DELETE FROM ${TALLIES}`);
  for (const c of COLLECTIONS) {
    await run(db, `INSERT INTO ${TALLIES} SELECT '${c}', '', '', count(*), coalesce(sum(bytes), 0) FROM ${tableOf(c)} HAVING count(*) > 0`);
    for (const f of INDEXES[c] as readonly string[])
      await run(db, `INSERT INTO ${TALLIES} SELECT '${c}', '${f}', coalesce(${quoted(f)}, $1), count(*), sum(bytes) FROM ${tableOf(c)} GROUP BY 3`, [
        NULL_VALUE,
      ]);
  }
}
