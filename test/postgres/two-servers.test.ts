/**
 * Several servers on one database (issue 15): two real server processes (`DATABASE_URL`) behind a
 * round-robin proxy, so a client's pushes and pulls alternate between them. 4 people × 2 browsers
 * create, edit and delete records and pull with cursors the whole time; after healing every client
 * equals the database, nothing is lost or duplicated, each field holds the newest write. Then the same
 * with one server killed (SIGKILL) in the middle of pushes and started again: retried pushes land once.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareHlc, HlcClock } from '../../shared/hlc';
import type { Mutation, PullResponse, PushResponse } from '../../shared/sync/protocol';
import { openPostgresStore } from '../../server/store/postgres/open';
import { createTestDatabase, sharedClusterUrl, type TestDatabase } from '../support/postgres';
import { spawnServer, spawnServerExpectingExit, type ServerProcess } from '../support/server-process';
import { Rng } from '../support/random';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy';

const ADMIN = 'tz_two-servers-admin-token-0123456789';
const CATEGORIES = ['教学备考', '师德师风', '后勤服务', '校园安全'];

interface Client {
  clientId: string;
  userId: string;
  token: string;
  clock: HlcClock;
  nextId: number;
  outbox: Mutation[];
  acked: number;
  cursor: { epoch: string; seq: number } | null;
  base: Map<string, Record<string, unknown>>;
  created: number;
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f().catch(() => {});
});

/** A server process on the database; DATA_DIR names a folder that must never be created. */
async function serverOn(db: TestDatabase, dataDir: string): Promise<ServerProcess> {
  const s = await spawnServer({ dataDir, adminToken: ADMIN, env: { DATABASE_URL: db.url } });
  cleanups.push(() => s.stop('SIGKILL'));
  return s;
}

async function call<T = any>(url: string, p: string, token: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}${p}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

class Model {
  readonly clients: Client[] = [];
  /** Every accepted field write, so the winner of each field can be computed. */
  readonly oracle = new Map<string, { ownerId: string; fields: Map<string, { stamp: string; value: unknown }> }>();
  campaignId = '';
  answered = 0;
  unanswered = 0;

  constructor(
    private readonly proxy: RoundRobinProxy,
    private readonly rng: Rng,
  ) {}

  async setUp(): Promise<void> {
    const users: { user: { id: string }; token: string }[] = [];
    for (let u = 0; u < 4; u++) users.push((await this.must('/api/v1/users', ADMIN, { name: `干部${u}`, unit: `单位${u % 2}` })).body);
    const k = await this.must('/api/v1/campaigns', ADMIN, { title: '两台服务器', template: 'grassroots', memberIds: users.map((u) => u.user.id) });
    this.campaignId = k.body.campaign.id;
    for (const [u, { user, token }] of users.entries())
      for (const browser of ['chrome', 'edge']) {
        const clientId = `c${u}-${browser}`;
        this.clients.push({
          clientId,
          userId: user.id,
          token,
          clock: new HlcClock(clientId),
          nextId: 1,
          outbox: [],
          acked: 0,
          cursor: null,
          base: new Map(),
          created: 0,
        });
      }
  }

  /** A request that must succeed (set-up, healing): retried past a 502 of a server that is down. */
  private async must(p: string, token: string, body: unknown): Promise<{ status: number; body: any }> {
    for (let attempt = 0; ; attempt++) {
      const res = await call(this.proxy.url, p, token, body);
      if (res.status !== 502 || attempt > 20) {
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
        return res;
      }
    }
  }

  private write(c: Client, entityId: string, fields: Record<string, unknown>): void {
    const m: Mutation = { id: c.nextId++, entity: 'record', entityId, hlc: c.clock.tick(), fields };
    c.outbox.push(m);
    let o = this.oracle.get(entityId);
    if (!o) this.oracle.set(entityId, (o = { ownerId: c.userId, fields: new Map() }));
    for (const [f, v] of Object.entries(fields)) {
      const cur = o.fields.get(f);
      if (!cur || compareHlc(m.hlc, cur.stamp) > 0) o.fields.set(f, { stamp: m.hlc, value: v });
    }
  }

  view(c: Client): Map<string, Record<string, unknown>> {
    const out = new Map(c.base);
    for (const m of c.outbox) out.set(m.entityId, { ...out.get(m.entityId), ...m.fields });
    return out;
  }

  localOp(c: Client): void {
    const own = [...this.view(c).keys()];
    const roll = this.rng.next();
    if (roll < 0.4 || own.length === 0) {
      const id = `r-${c.clientId}-${c.created++}`;
      this.write(c, id, {
        campaignId: this.campaignId,
        kind: 'opinion',
        content: `意见 ${id}`,
        fromGroup: '学生',
        channel: '座谈会',
        category: this.rng.pick(CATEGORIES),
        heardOn: '2025-06-01',
        deleted: false,
      });
    } else if (roll < 0.85) this.write(c, this.rng.pick(own), { content: `改 ${this.rng.int(1e6)}`, category: this.rng.pick(CATEGORIES) });
    else this.write(c, this.rng.pick(own), { deleted: this.rng.chance(0.8) });
  }

  /** One push of the whole outbox; a 502 (the server died under it) leaves the outbox for a retry. */
  async push(c: Client): Promise<void> {
    if (c.outbox.length === 0) return;
    const res = await call<PushResponse>(this.proxy.url, '/api/v1/sync/push', c.token, { protocolVersion: 1, clientId: c.clientId, mutations: c.outbox });
    if (res.status === 502) return void this.unanswered++;
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rejected).toEqual([]);
    expect(res.body.lastMutationID).toBeLessThan(c.nextId);
    this.answered++;
    c.acked = Math.max(c.acked, res.body.lastMutationID);
    c.outbox = c.outbox.filter((m) => m.id > c.acked);
  }

  /** One page after the client's cursor, applied Replicache-style; answers hasMore. */
  async pull(c: Client, limit: number): Promise<boolean> {
    const res = await call<PullResponse>(this.proxy.url, '/api/v1/sync/pull', c.token, { protocolVersion: 1, clientId: c.clientId, cursor: c.cursor, limit });
    if (res.status === 502) return true;
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const reply = res.body;
    expect(reply.reset).toBe(false);
    c.acked = Math.max(c.acked, reply.lastMutationID);
    c.outbox = c.outbox.filter((m) => m.id > c.acked);
    for (const e of reply.entities) {
      if (e.entity !== 'record') continue;
      const { updatedAt: _u, ...fields } = e.data;
      c.base.set(e.id, fields);
    }
    c.cursor = reply.cursor;
    return reply.hasMore;
  }

  async round(): Promise<void> {
    await Promise.all(
      this.clients.map(async (c) => {
        for (let k = this.rng.int(3); k >= 0; k--) this.localOp(c);
        await this.push(c);
        await this.pull(c, 1 + this.rng.int(20));
      }),
    );
  }

  /** Every outbox delivered, every client pulled to the end — incrementally, from the cursor it has. */
  async heal(): Promise<void> {
    for (const c of this.clients)
      for (let i = 0; c.outbox.length > 0; i++) {
        expect(i).toBeLessThan(50);
        await this.push(c);
      }
    for (const c of this.clients) while (await this.pull(c, 200));
  }

  async expectConverged(databaseUrl: string): Promise<void> {
    const store = await openPostgresStore(databaseUrl, { poolSize: 2 });
    try {
      const stored = await store.find('records', { campaignId: this.campaignId });
      expect(stored.map((r) => r.id).sort()).toEqual([...this.oracle.keys()].sort());
      for (const r of stored) {
        const truth = this.oracle.get(r.id)!;
        expect(r.ownerId).toBe(truth.ownerId);
        expect(r.fields, r.id).toEqual(Object.fromEntries([...truth.fields].map(([f, w]) => [f, w.value])));
      }
      for (const c of this.clients) {
        expect(c.outbox).toEqual([]);
        const serverView = Object.fromEntries(stored.filter((r) => r.ownerId === c.userId).map((r) => [r.id, r.fields]));
        expect(Object.fromEntries(this.view(c)), c.clientId).toEqual(serverView);
        expect((await store.get('clients', c.clientId))?.lastMutationID).toBe(c.nextId - 1);
      }
      expect(await store.find('users')).toHaveLength(5);
    } finally {
      await store.close();
    }
  }
}

async function twoServers(seed: number) {
  const db = await createTestDatabase(await sharedClusterUrl());
  cleanups.push(() => db.drop());
  const dataDir = path.join(os.tmpdir(), `taizhang-never-created-${process.pid}-${seed}`);
  // Started together on a new database: the start-up lock makes one admin and one schema between them.
  const servers = await Promise.all([serverOn(db, dataDir), serverOn(db, dataDir)]);
  const proxy = await startRoundRobinProxy(servers.map((s) => s.url));
  cleanups.push(() => proxy.close());
  const model = new Model(proxy, new Rng(seed));
  await model.setUp();
  return { db, dataDir, servers, proxy, model };
}

describe('two servers on one database behind a round-robin proxy', () => {
  it('clients converge: nothing lost or duplicated, each field holds the newest write, no cursor skipped a change', async () => {
    const { db, dataDir, servers, proxy, model } = await twoServers(1501);
    for (let round = 0; round < 60; round++) await model.round();
    await model.heal();
    await model.expectConverged(db.url);
    const ops = model.clients.reduce((n, c) => n + c.nextId - 1, 0);
    expect(ops).toBeGreaterThan(500);
    for (const s of servers) expect(proxy.served.get(s.url)).toBeGreaterThan(400);
    expect(existsSync(dataDir)).toBe(false);
  }, 180_000);

  it('kill -9 of one server in the middle of pushes: its clients retry through the other, every push lands once', async () => {
    const { db, dataDir, servers, proxy, model } = await twoServers(1502);
    for (let round = 0; round < 15; round++) await model.round();
    // Pushes in flight on both servers when the first one dies.
    const inFlight = model.round();
    await new Promise((r) => setTimeout(r, 5));
    servers[0]!.child.kill('SIGKILL');
    await servers[0]!.stop();
    await inFlight;
    for (let round = 0; round < 15; round++) await model.round();
    expect(model.unanswered).toBeGreaterThan(0);
    // The killed server comes back on the same database and takes its turn again.
    const again = await serverOn(db, dataDir);
    proxy.setTargets([again.url, servers[1]!.url]);
    for (let round = 0; round < 15; round++) await model.round();
    await model.heal();
    await model.expectConverged(db.url);
    expect(proxy.served.get(again.url)).toBeGreaterThan(50);
    expect(existsSync(dataDir)).toBe(false);
  }, 180_000);
});

describe('a server process on PostgreSQL', () => {
  it('stops cleanly on SIGTERM, and refuses to start on an unreachable database without printing its password', async () => {
    const db = await createTestDatabase(await sharedClusterUrl());
    cleanups.push(() => db.drop());
    const dataDir = path.join(os.tmpdir(), `taizhang-never-created-${process.pid}-stop`);
    const s = await spawnServer({ dataDir, adminToken: ADMIN, env: { DATABASE_URL: db.url } });
    expect(s.output()).toContain('PostgreSQL');
    const me = await fetch(`${s.url}/api/v1/me`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect((await me.json()).user.role).toBe('admin');
    expect(await s.stop('SIGTERM')).toBe(0);

    const refused = await spawnServerExpectingExit({ dataDir, env: { DATABASE_URL: 'postgres://taizhang:s3cret-pw@127.0.0.1:1/taizhang' } });
    expect(refused.code).toBe(69);
    expect(refused.output).toContain('无法打开 PostgreSQL 数据库');
    expect(refused.output).not.toContain('s3cret-pw');
    expect(existsSync(dataDir)).toBe(false);
  }, 60_000);
});
