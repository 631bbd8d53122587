/**
 * An in-process test server: a real temp DATA_DIR, the real file store, createApp served on
 * 127.0.0.1 port 0, and an admin. Tests talk to it over real HTTP.
 */
import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApp, type AppOptions } from '../../server/app';
import type { RateLimitOptions } from '../../server/auth/rate-limit';
import { openFileStore, type FileStore } from '../../server/store/open';
import type { FileStoreOptions } from '../../server/store/file-store';
import { createUser, ensureFirstAdmin } from '../../server/people/service';
import type { UserDoc } from '../../server/store/store';
import type { Role } from '../../shared/model/user';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestServer {
  url: string;
  adminToken: string;
  admin: UserDoc;
  store: FileStore;
  dataDir: string;
  api<T = any>(method: string, path: string, opts?: { token?: string | null; body?: unknown; rawBody?: string | Uint8Array; headers?: Record<string, string> }): Promise<ApiResponse<T>>;
  createUser(name: string, unit: string, role?: Role): Promise<{ user: UserDoc; token: string }>;
  /** Stops serving and closes the store (the data dir stays for a restart). */
  stop(): Promise<void>;
  /** Closes and reopens the store from disk, serving on a new port; `compact: false` leaves the log to be replayed. */
  restart(opts?: { compact?: boolean }): Promise<void>;
}

export interface TestServerOptions {
  now?: () => number;
  authRateLimit?: RateLimitOptions;
  store?: FileStoreOptions;
  dataDir?: string;
  /** Remove the data dir on stop (default true unless dataDir was given). */
  cleanup?: boolean;
  /** More of the app's options: quotas, trusted proxies, the public URL. */
  app?: Omit<AppOptions, 'store' | 'now' | 'authRateLimit'>;
}

function listen(app: ReturnType<typeof createApp>): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ server, url: `http://127.0.0.1:${info.port}` }));
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    server.close(() => resolve());
  });
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'taizhang-test-'));
  const cleanup = opts.cleanup ?? !opts.dataDir;
  const authRateLimit = opts.authRateLimit ?? { maxFailures: 100_000, windowMs: 60_000 };
  let store = await openFileStore(dataDir, opts.store);
  const first = await ensureFirstAdmin(store);
  const admin = first ? first.user : (await store.find('users')).find((u) => u.role === 'admin')!;
  const adminToken = first?.token ?? '';
  let served = await listen(createApp({ ...opts.app, store, now: opts.now, authRateLimit }));

  const t: TestServer = {
    url: served.url,
    adminToken,
    admin,
    get store() {
      return store;
    },
    dataDir,
    async api(method, p, { token, body, rawBody, headers = {} } = {}) {
      const h: Record<string, string> = { ...headers };
      const tok = token === undefined ? adminToken : token;
      if (tok !== null) h.authorization = `Bearer ${tok}`;
      let payload: string | Uint8Array | undefined;
      if (rawBody !== undefined) payload = rawBody;
      else if (body !== undefined) payload = JSON.stringify(body);
      if (payload !== undefined && !h['content-type']) h['content-type'] = 'application/json';
      const res = await fetch(`${t.url}${p}`, { method, headers: h, body: payload as BodyInit | undefined });
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
      await closeServer(served.server);
      await store.close();
      if (cleanup) rmSync(dataDir, { recursive: true, force: true });
    },
    async restart({ compact = true } = {}) {
      await closeServer(served.server);
      await store.close({ compact });
      store = await openFileStore(dataDir, opts.store);
      served = await listen(createApp({ ...opts.app, store, now: opts.now, authRateLimit }));
      t.url = served.url;
    },
  };
  return t;
}
