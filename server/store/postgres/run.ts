/** One statement against the database, with its failures sorted into "unavailable" (503) and bugs. */
import type { QueryConfig, QueryResult, QueryResultRow } from 'pg';
import { asStoreError } from './errors';

export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(config: QueryConfig): Promise<QueryResult<R>>;
}

/** Runs a query; a failure of the database (not of the query) becomes StoreUnavailableError. */
export async function run<R extends QueryResultRow = QueryResultRow>(db: Queryable, text: string, values: unknown[] = [], name?: string): Promise<R[]> {
  try {
    return (await db.query<R>({ text, values, ...(name ? { name } : {}) })).rows;
  } catch (err) {
    throw asStoreError(err);
  }
}
