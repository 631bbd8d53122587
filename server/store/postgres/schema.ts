/**
 * The PostgreSQL layout: one table per collection in the `taizhang` schema, a blobs table and one
 * meta row that is also the store-wide seq counter. Layout changes are numbered steps (LAYOUT_STEPS),
 * applied in order at start under an advisory lock (migrate.ts).
 */
import { INDEXES, type CollectionName } from '../store';

export const SCHEMA = 'taizhang';
export const COLLECTIONS = Object.keys(INDEXES) as CollectionName[];

/** A collection's table, schema-qualified. Collection names are our own identifiers, never input. */
export const tableOf = (c: CollectionName): string => `${SCHEMA}.${c}`;
export const META = `${SCHEMA}.store_meta`;
export const BLOBS = `${SCHEMA}.blobs`;
export const AUTH_FAILURES = `${SCHEMA}.auth_failures`;
export const TALLIES = `${SCHEMA}.tallies`;

/** The indexed fields of a collection, as its extra text columns (named like the fields, quoted). */
export const indexColumns = (c: CollectionName): readonly string[] => INDEXES[c] as readonly string[];
export const quoted = (column: string): string => `"${column}"`;

function collectionTable(c: CollectionName): string[] {
  const columns = indexColumns(c);
  return [
    // `doc` is json, not jsonb: it keeps the text exactly as written (key order, \u0000 and lone
    // surrogate escapes jsonb refuses), so every document the embedded store accepts is accepted here
    // and reads back identical. `ord` is the seq of the first write: `find` answers in that order.
    `CREATE TABLE ${tableOf(c)} (
      id text PRIMARY KEY,
      seq bigint NOT NULL UNIQUE,
      ord bigint NOT NULL,
      bytes integer NOT NULL,
      doc json NOT NULL${columns.map((f) => `,\n      ${quoted(f)} text`).join('')}
    )`,
    // INCLUDE (bytes): a quota's tally by one field is an index-only scan.
    ...columns.map((f) => `CREATE INDEX ${c}_${f}_idx ON ${tableOf(c)} (${quoted(f)}) INCLUDE (bytes)`),
  ];
}

/**
 * Each indexed field's index also ordered by `ord`, so a scan (store.ts) pages through one value's
 * documents in first-write order as an index range (`field = $1 AND ord > $2 ORDER BY ord LIMIT n`)
 * rather than sorting all of them for every page. It replaces the field's own index (same leading
 * column, still INCLUDE (bytes)), so a write maintains no more indexes than before. On an existing
 * database this step builds them at the next start, under the start-up lock, so every starting server
 * waits for it; how long that takes on a table of millions is not measured.
 */
function orderedIndexes(c: CollectionName): string[] {
  return indexColumns(c).flatMap((f) => [
    `DROP INDEX IF EXISTS ${SCHEMA}.${c}_${f}_idx`,
    `CREATE INDEX ${c}_${f}_ord_idx ON ${tableOf(c)} (${quoted(f)}, ord) INCLUDE (bytes)`,
  ]);
}

/** LAYOUT_STEPS[n] takes the layout from version n to n + 1; each step runs in one transaction. */
export const LAYOUT_STEPS: readonly (readonly string[])[] = [
  [
    `CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`,
    // One row. `seq` is the counter every write transaction locks first (seq order = commit order).
    `CREATE TABLE ${META} (
      id integer PRIMARY KEY CHECK (id = 1),
      epoch text NOT NULL,
      seq bigint NOT NULL,
      schema_version integer NOT NULL,
      layout_version integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE ${BLOBS} (sha256 text PRIMARY KEY, size integer NOT NULL, data bytea NOT NULL)`,
    ...COLLECTIONS.flatMap(collectionTable),
  ],
  [
    // Failed token attempts per address, counted across every server (server/auth/pg-failure-limiter.ts).
    // Unlogged: a database crash forgets them, which costs an attacker's count, never data.
    `CREATE UNLOGGED TABLE ${AUTH_FAILURES} (address text NOT NULL, at bigint NOT NULL)`,
    `CREATE INDEX auth_failures_address_at_idx ON ${AUTH_FAILURES} (address, at)`,
  ],
  [
    // Count and bytes per indexed value, kept by every write (tallies.ts); filled from the tables by migrate.ts.
    `CREATE TABLE ${TALLIES} (collection text NOT NULL, field text NOT NULL, value text NOT NULL, count bigint NOT NULL, bytes bigint NOT NULL, PRIMARY KEY (collection, field, value))`,
  ],
  COLLECTIONS.flatMap(orderedIndexes),
];

export const LAYOUT_VERSION = LAYOUT_STEPS.length;
