/**
 * An in-process test server: createApp with an admin, over the real store code. By default the
 * store keeps its files on a MemoryDisk and requests go through `app.request()` (no sockets, no
 * fsync: the http project stays fast); `disk: true` puts the store in a real temp DATA_DIR and
 * `http: true` serves on 127.0.0.1 for tests that need a real socket (body limits, slow clients).
 * `store: 'pg'` serves from a fresh PostgreSQL database instead (test/support/postgres.ts); the
 * postgres test project sets TAIZHANG_TEST_STORE=pg so the same test files run on PostgreSQL unchanged.
 */
import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApp, type AppOptions } from '../../server/app';
import { ExtensionDistribution, type DistributionOptions } from '../../server/extension-dist/distribution';
import type { RateLimitOptions } from '../../server/auth/rate-limit';
import { openFileStore, type FileStore } from '../../server/store/open';
import { MemoryDisk } from '../../server/store/memory-disk';
import type { FileStoreOptions } from '../../server/store/file-store';
import { createUser, ensureFirstAdmin } from '../../server/people/service';
import type { Store, UserDoc } from '../../server/store/store';
import { openPostgresStore } from '../../server/store/postgres/open';
import { createTestDatabase, sharedClusterUrl, type TestDatabase } from './postgres';
import type { Role } from '../../shared/model/user';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestServer {
  /** The server's origin: a real 127.0.0.1 port with `http: true`, otherwise a name only `fetch` below answers. */
  url: string;
  /** `fetch` to this server: through the app in process, or over the socket with `http: true`. */
  fetch(input: string, init?: RequestInit): Promise<Response>;
  adminToken: string;
  admin: UserDoc;
  store: Store;
  /** The embedded store's own operations (compaction, its Disk); throws when the test runs on PostgreSQL. */
  embedded(): FileStore;
  /** Which store serves: the embedded one (MemoryDisk or DATA_DIR) or PostgreSQL. */
  storeKind: StoreKind;
  /** The DATA_DIR of the embedded store ('' on PostgreSQL). */
  dataDir: string;
  /** The database of `store: 'pg'` (its URL lets a second server or process share it). */
  databaseUrl: string | null;
  api<T = any>(
    method: string,
    path: string,
    opts?: { token?: string | null; body?: unknown; rawBody?: string | Uint8Array; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  createUser(name: string, unit: string, role?: Role): Promise<{ user: UserDoc; token: string }>;
  /** Stops serving and closes the store (the data dir stays for a restart). */
  stop(): Promise<void>;
  /** Closes and reopens the store from disk (or the database), serving on a new port; `compact: false` leaves the log to be replayed. */
  restart(opts?: { compact?: boolean }): Promise<void>;
}

export type StoreKind = 'embedded' | 'pg';

/** The store tests run on unless they ask: TAIZHANG_TEST_STORE=pg (the postgres project) or the embedded one. */
export const defaultStoreKind = (): StoreKind => (process.env.TAIZHANG_TEST_STORE === 'pg' ? 'pg' : 'embedded');

export interface TestServerOptions {
  now?: () => number;
  authRateLimit?: RateLimitOptions;
  /** Which store: 'pg' for a fresh PostgreSQL database; default `defaultStoreKind()`. */
  store?: StoreKind;
  /** Serve from this existing database (a second server on one database); implies store 'pg', and stop() leaves it. */
  databaseUrl?: string;
  /** Options of the embedded store. */
  fileStore?: FileStoreOptions;
  dataDir?: string;
  /** Keep the store on the real file system (a temp DATA_DIR unless dataDir is given). */
  disk?: boolean;
  /** Serve on a real socket; `api` and `fetch` then go over HTTP. */
  http?: boolean;
  /** Remove the data dir on stop (default true unless dataDir was given). */
  cleanup?: boolean;
  /** More of the app's options: quotas, trusted proxies, the public URL. */
  app?: Omit<AppOptions, 'store' | 'now' | 'authRateLimit' | 'extensionDist'>;
  /**
   * Distribute the extension from these builds (server/extension-dist/): the signing key lives in the
   * data dir's `extension/` on disk (a temp dir otherwise) and survives restarts; the packages point at
   * this server's URL (`publicUrl` overrides it).
   */
  extension?: Pick<DistributionOptions, 'chromeBuildDir' | 'firefoxBuildDir' | 'extraSites'> & { publicUrl?: () => string };
  /** The store as the app sees it: a wrapper that watches or refuses what the app reads (the export streaming tests). */
  wrapStore?: (store: Store) => Store;
}

function listen(app: ReturnType<typeof createApp>): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    server.close(() => resolve());
  });
}

/** Requests through the app without a socket, as from 127.0.0.1 (the client address the guards read). */
const LOOPBACK = { incoming: { socket: { remoteAddress: '127.0.0.1', remotePort: 40000, remoteFamily: 'IPv4' } } };
const IN_PROCESS_ORIGIN = 'http://taizhang.test';

/** Opens the test's store: the embedded one in `dataDir`, or PostgreSQL in `databaseUrl`, with a first admin if new. */
async function openTestStore(kind: StoreKind, dataDir: string, fileOptions: FileStoreOptions, databaseUrl: string | null) {
  if (kind === 'pg') {
    let first: Awaited<ReturnType<typeof ensureFirstAdmin>> = null;
    const store = await openPostgresStore(databaseUrl!, { poolSize: 4, atStartup: async (s) => void (first = await ensureFirstAdmin(s)) });
    return { store: store as Store, first, file: null };
  }
  const file = await openFileStore(dataDir, fileOptions);
  return { store: file as Store, first: await ensureFirstAdmin(file), file };
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  // A test that names a data directory or asks for a disk is about the embedded store's files, whatever the project.
  const wantsFiles = opts.disk || opts.dataDir !== undefined;
  const kind: StoreKind = opts.databaseUrl ? 'pg' : (opts.store ?? (wantsFiles ? 'embedded' : defaultStoreKind()));
  const onDisk = kind === 'embedded' && (opts.disk || opts.dataDir !== undefined);
  const dataDir = kind === 'pg' ? '' : (opts.dataDir ?? (onDisk ? mkdtempSync(path.join(os.tmpdir(), 'taizhang-test-')) : '/taizhang'));
  const cleanup = onDisk && (opts.cleanup ?? !opts.dataDir);
  const storeOptions: FileStoreOptions = onDisk ? { ...opts.fileStore } : { ...opts.fileStore, disk: new MemoryDisk() };
  const database: TestDatabase | null = kind === 'pg' && !opts.databaseUrl ? await createTestDatabase(await sharedClusterUrl()) : null;
  const databaseUrl = opts.databaseUrl ?? database?.url ?? null;
  const authRateLimit = opts.authRateLimit ?? { maxFailures: 100_000, windowMs: 60_000 };
  let { store, first, file } = await openTestStore(kind, dataDir, storeOptions, databaseUrl);
  const admin = first ? first.user : (await store.find('users')).find((u) => u.role === 'admin')!;
  const adminToken = first?.token ?? '';
  const makeApp = () =>
    createApp({
      // As main.ts: on PostgreSQL day totals are read per question (ledger/day-totals.ts).
      dayTotals: kind === 'pg' ? 'scan' : 'index',
      ...opts.app,
      store: opts.wrapStore ? opts.wrapStore(store) : store,
      now: opts.now,
      authRateLimit,
      ...(opts.extension
        ? {
            extensionDist: new ExtensionDistribution({
              store,
              ...opts.extension,
              publicUrl: opts.extension.publicUrl ?? (() => t.url),
            }),
          }
        : {}),
    });
  let app = makeApp();
  let served = opts.http ? await listen(app) : null;

  const t: TestServer = {
    url: served?.url ?? IN_PROCESS_ORIGIN,
    adminToken,
    admin,
    get store() {
      return store;
    },
    embedded() {
      if (!file) throw new Error('this test runs on PostgreSQL: the embedded store is not there');
      return file;
    },
    storeKind: kind,
    dataDir,
    databaseUrl,
    fetch: async (input, init) => (served ? fetch(input, init) : app.request(input, init, LOOPBACK)),
    async api(method, p, { token, body, rawBody, headers = {} } = {}) {
      const h: Record<string, string> = { ...headers };
      const tok = token === undefined ? adminToken : token;
      if (tok !== null) h.authorization = `Bearer ${tok}`;
      let payload: string | Uint8Array | undefined;
      if (rawBody !== undefined) payload = rawBody;
      else if (body !== undefined) payload = JSON.stringify(body);
      if (payload !== undefined && !h['content-type']) h['content-type'] = 'application/json';
      const res = await t.fetch(`${t.url}${p}`, { method, headers: h, body: payload as BodyInit | undefined });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: res.status, body: parsed as any, headers: res.headers };
    },
    createUser: (name, unit, role = 'member') => createUser(store, { name, unit, role }),
    async stop() {
      if (served) await closeServer(served.server);
      await store.close();
      if (cleanup) rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    },
    async restart({ compact = true } = {}) {
      if (served) await closeServer(served.server);
      if (file) await file.close({ compact });
      else await store.close();
      ({ store, file } = await openTestStore(kind, dataDir, storeOptions, databaseUrl));
      app = makeApp();
      if (opts.http) {
        served = await listen(app);
        t.url = served.url;
      }
    },
  };
  return t;
}
