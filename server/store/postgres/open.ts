/** Opens the PostgreSQL store named by DATABASE_URL: a connection pool, then the start-up migration. */
import pg from 'pg';
import { StoreUnavailableError } from '../store';
import { migrateAtStart } from './migrate';
import { PostgresStore, type CommitMode } from './pg-store';

export interface PostgresStoreOptions {
  /** Connections per server process (default 10; at least 2: start-up holds one while creating the first admin). */
  poolSize?: number;
  /**
   * How long a transaction waits for the write lock before it is answered 503 (default 10 s), and how
   * long a connection may sit idle inside a transaction before PostgreSQL ends it (default 15 s), so a
   * hung or paused server cannot hold the write lock for everyone.
   */
  lockTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
  /** Longest single statement (default 60 s). */
  statementTimeoutMs?: number;
  /** How long to wait for a connection (default 10 s), from the pool or the network. */
  connectTimeoutMs?: number;
  /** Default: `pipelined` where the database has pg_logical_emit_message (PostgreSQL 9.6+), else `serial` (pg-store.ts). */
  commitMode?: CommitMode;
  /**
   * Runs once the schema is current and before anyone else starts, under the start-up lock: several
   * servers starting on a new database create one first admin between them.
   */
  atStartup?: (store: PostgresStore) => Promise<void>;
}

/** The database could not be reached or prepared at start; the message names the address without its password. */
export class DatabaseStartError extends Error {
  constructor(url: string, cause: Error) {
    super(`无法打开 PostgreSQL 数据库 ${redactUrl(url)}：${cause.message}`);
    this.name = 'DatabaseStartError';
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(DATABASE_URL 格式无效)';
  }
}

export async function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const settings = {
    lock_timeout: opts.lockTimeoutMs ?? 10_000,
    idle_in_transaction_session_timeout: opts.idleInTransactionTimeoutMs ?? 15_000,
    statement_timeout: opts.statementTimeoutMs ?? 60_000,
    // "The reply comes only after the change is durably on disk", whatever the database's default says.
    synchronous_commit: 'on',
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: Math.max(2, opts.poolSize ?? 10),
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
    application_name: 'taizhang',
    options: Object.entries(settings)
      .map(([k, v]) => `-c ${k}=${v}`)
      .join(' '),
  });
  // An idle connection the database dropped (a restart, a failover) is an event, not a crash: the pool replaces it.
  pool.on('error', (err) => console.error('[store] 与 PostgreSQL 的空闲连接断开：', err.message));
  let store: PostgresStore | null = null;
  try {
    store = new PostgresStore(pool, opts.commitMode ?? (await commitModeOf(pool)));
    const client = await pool.connect();
    // Lost while migrating: the statement under way fails with it; the event alone must not end the process.
    const ignore = () => {};
    client.on('error', ignore);
    try {
      await migrateAtStart(client, () => opts.atStartup?.(store!) ?? Promise.resolve());
    } finally {
      // Its session settings (no lock timeout) must not carry over to a transaction: it leaves the pool.
      client.off('error', ignore);
      client.release(true);
    }
  } catch (err) {
    await pool.end().catch(() => {});
    const cause = err instanceof StoreUnavailableError ? err.cause : (err as Error);
    throw new DatabaseStartError(url, cause);
  }
  return store!;
}

/** Pipelined commits need the durability barrier's function; PostgreSQL-compatible databases may lack it. */
async function commitModeOf(pool: pg.Pool): Promise<CommitMode> {
  const { rows } = await pool.query<{ ok: boolean }>(`SELECT to_regprocedure('pg_logical_emit_message(boolean,text,text)') IS NOT NULL AS ok`);
  return rows[0]?.ok ? 'pipelined' : 'serial';
}

export type { PostgresStore };
