/**
 * The reads both the store and its transactions answer (get, find, tally), over anything that can
 * run a query: the pool for a read outside a transaction, the transaction's own connection inside
 * one (so a transaction reads its own writes).
 */
import { batchSizeOf, type CollectionName, type Collections, type ReadView, type ScanOptions, type Tally, type Where } from '../store';
import { run, type Queryable } from './run';
import { SQL, assertCollection, storedDoc, whereClause } from './rows';
import { tableOf } from './schema';
import { indexValue, toTextColumn } from './text-column';
import { readTally } from './tallies';

/** `beforeTally`: a transaction first writes the tally changes of its own puts. */
export function readView(db: () => Queryable, beforeTally: () => Promise<void> = async () => {}): ReadView {
  return {
    async get<C extends CollectionName>(c: C, id: string): Promise<Collections[C] | undefined> {
      assertCollection(c);
      const rows = await run<{ doc: unknown }>(db(), SQL[c].get, [toTextColumn(id)], `get-${c}`);
      return rows[0] ? storedDoc<C>(rows[0].doc) : undefined;
    },
    async find<C extends CollectionName>(c: C, where?: Where<C>): Promise<Collections[C][]> {
      assertCollection(c);
      const { sql, values } = whereClause(c, where);
      const rows = await run<{ doc: unknown }>(db(), `SELECT doc FROM ${tableOf(c)}${sql} ORDER BY ord`, values);
      return rows.map((r) => storedDoc<C>(r.doc));
    },
    async tally<C extends CollectionName>(c: C, where?: Where<C>): Promise<Tally> {
      assertCollection(c);
      await beforeTally();
      const conditions = Object.entries(where ?? {}) as [string, string | null][];
      // None or one indexed field: one row of the tallies. Several: counted from the table.
      if (conditions.length === 0) return readTally(db(), c, '', null);
      const { sql, values } = whereClause(c, where);
      if (conditions.length === 1) return readTally(db(), c, conditions[0]![0], indexValue(conditions[0]![1]));
      const rows = await run<{ count: string; bytes: string }>(
        db(),
        `SELECT count(*) AS count, coalesce(sum(bytes), 0) AS bytes FROM ${tableOf(c)}${sql}`,
        values,
      );
      return { count: Number(rows[0]!.count), bytes: Number(rows[0]!.bytes) };
    },
  };
}

/**
 * `Store.scan` on PostgreSQL: keyset pages over the `(field, ord)` index of the first field named, one
 * query each (no connection or transaction is held between pages, so a slow download holds nothing in
 * the database). Why page by page is safe without one snapshot: `ord` is a document's first-write seq
 * and never changes, documents are never deleted, and a document first written after a page was read
 * takes a seq above every seq committed then (seq order = commit order, pg-store.ts) — so the pages
 * after `ord > last` hold every remaining document exactly once, and new ones only after the old.
 * The id is a tiebreak: `ord` is unique in practice (a seq, or the import's 1…n below every seq) but
 * not constrained to be.
 */
export async function* scanPages<C extends CollectionName>(
  db: () => Queryable,
  c: C,
  where: Where<C>,
  opts: ScanOptions,
): AsyncIterable<readonly Collections[C][]> {
  assertCollection(c);
  const batch = batchSizeOf(where, opts);
  const { sql, values } = whereClause(c, where);
  const n = values.length;
  const page = `SELECT id, ord, doc FROM ${tableOf(c)}${sql} AND ord >= $${n + 1} AND (ord > $${n + 1} OR id > $${n + 2}) ORDER BY ord, id LIMIT ${batch}`;
  let ord = '-1';
  let id = '';
  for (;;) {
    const rows = await run<{ id: string; ord: string; doc: unknown }>(db(), page, [...values, ord, id]);
    if (rows.length === 0) return;
    ({ ord, id } = rows[rows.length - 1]!);
    yield rows.map((r) => storedDoc<C>(r.doc));
    if (rows.length < batch) return;
  }
}
