/**
 * Throwaway PostgreSQL for tests and benchmarks: a cluster in a temp dir on a free 127.0.0.1 port
 * (trust auth, socket in the same dir), run as the `postgres` user when we are root (PostgreSQL
 * refuses root), removed when stopped. One cluster serves a whole test project (pg-global-setup.ts);
 * each test gets a fresh database in it (`createTestDatabase`).
 *
 * Found through PG_BIN, Debian's /usr/lib/postgresql/<version>/bin, or `pg_config --bindir`. Where it
 * is missing the PostgreSQL tests are left out (vitest.config.ts says so); with CI=true they never are.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const DEBIAN_ROOT = '/usr/lib/postgresql';

/** The directory holding initdb, pg_ctl and postgres, or null when PostgreSQL is not installed. */
export function findPgBin(): string | null {
  const has = (dir: string) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'));
  if (process.env.PG_BIN) return has(process.env.PG_BIN) ? process.env.PG_BIN : null;
  if (existsSync(DEBIAN_ROOT)) {
    const versions = readdirSync(DEBIAN_ROOT)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (has(path.join(DEBIAN_ROOT, v, 'bin'))) return path.join(DEBIAN_ROOT, v, 'bin');
  }
  const fromPgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = fromPgConfig.status === 0 ? fromPgConfig.stdout.trim() : '';
  return dir && has(dir) ? dir : null;
}

/** Whether PostgreSQL tests can run here; with CI=true a missing PostgreSQL is an error, never a skip. */
export function postgresAvailable(): boolean {
  if (findPgBin()) return true;
  if (process.env.CI === 'true') throw new Error('CI=true but PostgreSQL is not installed (initdb/pg_ctl not found): the PostgreSQL tests must run in CI');
  return false;
}

export interface PgCluster {
  port: number;
  dir: string;
  /** A connection URL for `database` (default `postgres`), as the superuser `postgres`, trust auth. */
  url(database?: string): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

const asRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL program as the postgres user when we are root, as ourselves otherwise. */
function runPg(bin: string, program: string, args: string[]): void {
  const exe = path.join(bin, program);
  const [cmd, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface ClusterOptions {
  /**
   * fsync and full-page writes on, as in production (benchmarks). Tests turn them off: what they
   * check is our seq and transaction logic, not PostgreSQL's own crash safety, and the machine is shared.
   */
  durable?: boolean;
}

export async function startPgCluster(opts: ClusterOptions = {}): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL is not installed (initdb/pg_ctl not found; set PG_BIN)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-pg-'));
  if (asRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  let started = false;
  const stopNow = () => {
    if (started) {
      try {
        runPg(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* already stopped */
      }
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A test run that ends without its teardown (an exception, Ctrl-C) still takes its cluster down.
  process.once('exit', stopNow);
  try {
    runPg(bin, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '-N']);
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=200',
      '-c shared_buffers=32MB',
      ...(opts.durable ? [] : ['-c fsync=off', '-c full_page_writes=off', '-c synchronous_commit=off']),
    ];
    runPg(bin, 'pg_ctl', ['-D', data, '-l', path.join(dir, 'postgres.log'), '-o', settings.join(' '), '-w', 'start']);
    started = true;
  } catch (err) {
    stopNow();
    process.off('exit', stopNow);
    const e = err as Error & { stderr?: Buffer };
    throw new Error(`could not start a PostgreSQL cluster: ${e.message}\n${e.stderr?.toString() ?? ''}`);
  }
  return {
    port,
    dir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async stop() {
      stopNow();
      process.off('exit', stopNow);
    },
  };
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

let counter = 0;

export interface TestDatabase {
  url: string;
  name: string;
  /** Ends every connection still open to it and drops it. */
  drop(): Promise<void>;
}

/** A new empty database in the cluster (from template0: nothing connects to it, so tests may create in parallel). */
export async function createTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `tz_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

let ownCluster: Promise<PgCluster> | null = null;

/**
 * The cluster this test run shares: the one the project's global setup started (its URL in
 * TAIZHANG_TEST_PG_URL), or else one started for this worker on first use and stopped at exit.
 */
export async function sharedClusterUrl(): Promise<string> {
  if (process.env.TAIZHANG_TEST_PG_URL) return process.env.TAIZHANG_TEST_PG_URL;
  ownCluster ??= startPgCluster();
  return (await ownCluster).url();
}
