/**
 * The reads both the store and its transactions answer (get, find, tally), over anything that can
 * run a query: the pool for a read outside a transaction, the transaction's own connection inside
 * one (so a transaction reads its own writes).
 */
import type { CollectionName, Collections, ReadView, Tally, Where } from '../store';
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
