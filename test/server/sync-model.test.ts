/**
 * A seeded, replayable model test of sync protocol v1: 6 users × 2 browsers doing thousands of
 * creates, edits and deletes through a network that drops, duplicates, reorders and loses
 * replies, with server restarts from disk in between. Set SYNC_MODEL_SEED to replay a run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareHlc, HlcClock } from '../../shared/hlc';
import type { Mutation, PullResponse, PushResponse } from '../../shared/sync/protocol';
import { startTestServer, type TestServer } from '../support/server';
import { Rng } from '../support/random';

const SEED = Number(process.env.SYNC_MODEL_SEED ?? 424242);
const ROUNDS = 450;
const rng = new Rng(SEED);
const sim = { now: 1_750_000_000_000 };

let t: TestServer;
let campaignId: string;

interface Client {
  clientId: string;
  userId: string;
  token: string;
  clock: HlcClock;
  nextId: number;
  outbox: Mutation[];
  /** Highest mutation id the server confirmed to this client. */
  acked: number;
  cursor: { epoch: string; seq: number } | null;
  /** The server's state as last pulled; what the client shows is this plus its pending outbox. */
  base: Map<string, Record<string, unknown>>;
  created: number;
}

/** The truth: every accepted field write, so the winner of each field can be computed. */
const oracle = new Map<string, { ownerId: string; fields: Map<string, { stamp: string; value: unknown }> }>();
const knownInvalid = new Set<string>();
const delayed: (() => Promise<void>)[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  t = await startTestServer({ now: () => sim.now });
  const users = [];
  for (let u = 0; u < 6; u++) users.push(await t.createUser(`干部${u}`, `单位${u % 3}`));
  campaignId = (await t.api('POST', '/api/v1/campaigns', { body: { title: '模型测试', template: 'grassroots', memberIds: users.map((u) => u.user.id) } })).body
    .campaign.id;
  for (const [u, { user, token }] of users.entries()) {
    for (const browser of ['chrome', 'edge']) {
      const clientId = `c${u}-${browser}`;
      const skew = rng.int(10_000) - 5_000;
      clients.push({
        clientId,
        userId: user.id,
        token,
        clock: new HlcClock(clientId, () => sim.now + skew),
        nextId: 1,
        outbox: [],
        acked: 0,
        cursor: null,
        base: new Map(),
        created: 0,
      });
    }
  }
}, 60_000);
afterAll(() => t.stop());

const CATEGORIES = ['教学备考', '师德师风', '收费助学', '后勤服务', '校园安全'];
const GROUPS = ['学生', '家长', '教师', '职工'];

function write(c: Client, entityId: string, fields: Record<string, unknown>, invalid = false): void {
  const m: Mutation = { id: c.nextId++, entity: 'record', entityId, hlc: c.clock.tick(), fields };
  c.outbox.push(m);
  if (invalid) {
    knownInvalid.add(`${c.clientId}:${m.id}`);
    return;
  }
  let o = oracle.get(entityId);
  if (!o) oracle.set(entityId, (o = { ownerId: c.userId, fields: new Map() }));
  for (const [f, v] of Object.entries(fields)) {
    const cur = o.fields.get(f);
    if (!cur || compareHlc(m.hlc, cur.stamp) > 0) o.fields.set(f, { stamp: m.hlc, value: v });
  }
}

function view(c: Client): Map<string, Record<string, unknown>> {
  const out = new Map(c.base);
  for (const m of c.outbox) out.set(m.entityId, { ...out.get(m.entityId), ...m.fields });
  return out;
}

function localOp(c: Client): void {
  const own = [...view(c).keys()];
  const roll = rng.next();
  if (roll < 0.35 || own.length === 0) {
    const id = `r-${c.clientId}-${c.created++}`;
    write(c, id, {
      campaignId,
      kind: 'opinion',
      content: `意见 ${id}`,
      fromGroup: rng.pick(GROUPS),
      channel: '座谈会',
      category: rng.pick(CATEGORIES),
      heardOn: '2025-06-01',
      deleted: false,
    });
  } else if (roll < 0.85) {
    const fields: Record<string, unknown> = {};
    for (const f of rng.shuffle(['content', 'category', 'fromGroup', 'heardOn', 'xNote']).slice(0, 1 + rng.int(3))) {
      fields[f] =
        f === 'category'
          ? rng.pick(CATEGORIES)
          : f === 'fromGroup'
            ? rng.pick(GROUPS)
            : f === 'heardOn'
              ? `2025-0${1 + rng.int(9)}-1${rng.int(10)}`
              : `${f}-${rng.int(1e6)}`;
    }
    write(c, rng.pick(own), fields);
  } else if (roll < 0.97) {
    write(c, rng.pick(own), { deleted: rng.chance(0.85) });
  } else {
    write(c, rng.pick(own), { heardOn: '2025-13-45' }, true);
  }
}

async function post<T>(path: string, c: Client, body: unknown): Promise<T> {
  const res = await t.api<T>('POST', path, { token: c.token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

function takePushReply(c: Client, reply: PushResponse): void {
  expect(reply.lastMutationID).toBeLessThan(c.nextId);
  for (const r of reply.rejected) expect(knownInvalid.has(`${c.clientId}:${r.id}`), `unexpected rejection ${JSON.stringify(r)}`).toBe(true);
  c.acked = Math.max(c.acked, reply.lastMutationID);
  c.outbox = c.outbox.filter((m) => m.id > c.acked);
}

async function syncPush(c: Client, perfect = false): Promise<void> {
  if (c.outbox.length === 0) return;
  const batch = c.outbox.slice(0, perfect ? 1000 : 1 + rng.int(30));
  const mutations = !perfect && rng.chance(0.25) ? rng.shuffle([...batch]) : batch;
  const body = { protocolVersion: 1, clientId: c.clientId, mutations };
  if (!perfect && rng.chance(0.1)) return; // request dropped
  if (!perfect && rng.chance(0.1)) {
    delayed.push(async () => {
      const r = await post<PushResponse>('/api/v1/sync/push', c, body);
      if (rng.chance(0.5)) takePushReply(c, r);
    });
    return;
  }
  const reply = await post<PushResponse>('/api/v1/sync/push', c, body);
  if (!perfect && rng.chance(0.1)) takePushReply(c, await post<PushResponse>('/api/v1/sync/push', c, body)); // duplicated
  if (!perfect && rng.chance(0.15)) return; // reply lost
  takePushReply(c, reply);
}

/** Replicache-style: the server's state becomes the base and pending mutations are replayed on top. */
function takePullReply(c: Client, reply: PullResponse): void {
  if (reply.reset) c.base.clear();
  c.acked = Math.max(c.acked, reply.lastMutationID);
  c.outbox = c.outbox.filter((m) => m.id > c.acked);
  for (const e of reply.entities) {
    if (e.entity !== 'record') continue;
    const { updatedAt: _u, ...fields } = e.data;
    c.base.set(e.id, fields);
  }
  c.cursor = reply.cursor;
}

async function syncPull(c: Client, perfect = false): Promise<boolean> {
  const body = { protocolVersion: 1, clientId: c.clientId, cursor: c.cursor, limit: perfect ? 500 : 1 + rng.int(60) };
  if (!perfect && rng.chance(0.1)) return true;
  const reply = await post<PullResponse>('/api/v1/sync/pull', c, body);
  if (!perfect && rng.chance(0.15)) return true; // reply lost
  takePullReply(c, reply);
  return reply.hasMore;
}

describe(`sync model (seed ${SEED})`, () => {
  it('after healing, every client equals the server, nothing is lost or duplicated, and each field holds the newest write', async () => {
    let restarts = 0;
    for (let round = 0; round < ROUNDS; round++) {
      sim.now += rng.int(40);
      const active = rng.shuffle([...clients]).slice(0, 1 + rng.int(6));
      await Promise.all(
        active.map(async (c) => {
          for (let k = rng.int(4); k >= 0; k--) localOp(c);
          if (rng.chance(0.6)) await syncPush(c);
          if (rng.chance(0.4)) await syncPull(c);
        }),
      );
      if (delayed.length > 0 && rng.chance(0.3)) await rng.shuffle(delayed.splice(0)).reduce((p, f) => p.then(f), Promise.resolve());
      if (round % 75 === 74) {
        await t.restart({ compact: rng.chance(0.5) });
        restarts++;
      }
    }
    // Healing: late packets arrive, then a perfect network until every outbox is empty.
    for (const f of delayed.splice(0)) await f();
    for (const c of clients) while (c.outbox.length > 0) await syncPush(c, true);
    for (const c of clients) while (await syncPull(c, true));

    const ops = clients.reduce((n, c) => n + c.nextId - 1, 0);
    expect(ops).toBeGreaterThan(2000);
    expect(restarts).toBeGreaterThanOrEqual(5);

    const stored = await t.store.find('records', { campaignId });
    expect(stored.map((r) => r.id).sort()).toEqual([...oracle.keys()].sort());
    for (const r of stored) {
      const truth = oracle.get(r.id)!;
      expect(r.ownerId).toBe(truth.ownerId);
      const expected = Object.fromEntries([...truth.fields].map(([f, w]) => [f, w.value]));
      expect(r.fields, r.id).toEqual(expected);
      expect(r.stamps).toEqual(Object.fromEntries([...truth.fields].map(([f, w]) => [f, w.stamp])));
    }
    for (const c of clients) {
      const serverView = Object.fromEntries(stored.filter((r) => r.ownerId === c.userId).map((r) => [r.id, r.fields]));
      expect(c.outbox).toEqual([]);
      expect(Object.fromEntries(view(c)), c.clientId).toEqual(serverView);
      expect((await t.store.get('clients', c.clientId))?.lastMutationID).toBe(c.nextId - 1);
    }
  }, 240_000);
});
