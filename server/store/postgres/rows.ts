/**
 * Documents to rows and back: the SQL of each collection (built once from INDEXES) and how a stored
 * document becomes the values of its row. The bytes column is the UTF-8 length of the document's
 * JSON, the measure the embedded store tallies, so quotas judge the same on both stores.
 */
import { deepFreeze } from '../memory-state';
import type { CollectionName, Collections, Where } from '../store';
import { COLLECTIONS, indexColumns, quoted, tableOf } from './schema';
import { indexValue, toTextColumn } from './text-column';

export interface CollectionSql {
  get: string;
  upsert: string;
  /** The upsert, answering the replaced row's bytes and index columns (none when the document is new), for the tallies. */
  upsertReturningOld: string;
}

function sqlOf(c: CollectionName): CollectionSql {
  const columns = indexColumns(c).map(quoted);
  const all = ['id', 'seq', 'ord', 'bytes', 'doc', ...columns];
  // ord keeps the seq of the first write: an update leaves it, so `find` keeps answering in creation order.
  const updates = ['seq', 'bytes', 'doc', ...columns].map((col) => `${col} = EXCLUDED.${col}`);
  const upsert = `INSERT INTO ${tableOf(c)} (${all.join(', ')}) VALUES ($1, $2, $2, $3, $4${columns.map((_, i) => `, $${i + 5}`).join('')})
      ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`;
  return {
    get: `SELECT doc FROM ${tableOf(c)} WHERE id = $1`,
    upsert,
    // Every part of a WITH sees the snapshot from before the insert, so `old` is the row as it was.
    upsertReturningOld: `WITH old AS (SELECT ${['bytes', ...columns].join(', ')} FROM ${tableOf(c)} WHERE id = $1), up AS (${upsert}) SELECT * FROM old`,
  };
}

export const SQL = Object.fromEntries(COLLECTIONS.map((c) => [c, sqlOf(c)])) as Record<CollectionName, CollectionSql>;

export function assertCollection(c: string): asserts c is CollectionName {
  if (!(COLLECTIONS as string[]).includes(c)) throw new Error(`unknown collection ${c}`);
}

/** The parameters of `SQL[c].upsert` for a document whose seq is already set. */
export function upsertValues(c: CollectionName, doc: { id: string; seq: number } & Record<string, unknown>, json: string): unknown[] {
  return [toTextColumn(doc.id), doc.seq, Buffer.byteLength(json, 'utf8'), json, ...indexColumns(c).map((f) => indexValue(doc[f]))];
}

/** `WHERE …` over indexed fields, as the embedded index compares them (null = field absent or null). */
export function whereClause<C extends CollectionName>(c: C, where: Where<C> | undefined): { sql: string; values: unknown[] } {
  const conditions = Object.entries(where ?? {}) as [string, string | null | undefined][];
  const values: unknown[] = [];
  const parts = conditions.map(([field, value]) => {
    if (!indexColumns(c).includes(field)) throw new Error(`${c}.${field} is not indexed`);
    const v = indexValue(value);
    if (v === null) return `${quoted(field)} IS NULL`;
    values.push(v);
    return `${quoted(field)} = $${values.length}`;
  });
  return { sql: parts.length > 0 ? ` WHERE ${parts.join(' AND ')}` : '', values };
}

/** A document as read: frozen, like the embedded store's (callers build a new object to change one). */
export const storedDoc = <C extends CollectionName>(doc: unknown): Collections[C] => deepFreeze(doc) as Collections[C];
