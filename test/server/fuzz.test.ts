import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { Rng } from '../support/random';

let t: TestServer;
let member: { user: { id: string }; token: string };
let campaignId: string;

beforeAll(async () => {
  t = await startTestServer();
  member = await t.createUser('成员', '一院');
  campaignId = (await t.api('POST', '/api/v1/campaigns', { body: { title: '活动', template: 'grassroots', memberIds: [member.user.id] } })).body.campaign.id;
});
afterAll(() => t.stop());

/** Everything in the store, to prove a refused request changed nothing. */
async function storeState(): Promise<string> {
  const parts = await Promise.all((['users', 'tokens', 'clients', 'campaigns', 'records', 'items', 'groups', 'audit'] as const).map((c) => t.store.find(c)));
  return JSON.stringify([await t.store.meta(), parts]);
}

/** Nested `depth` levels deep, as an object or an array. */
const nested = (depth: number, array = false): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = array ? [v] : { x: v };
  return v;
};

const GARBAGE: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 60,
  '',
  ' ',
  'x'.repeat(70_000),
  '../../etc/passwd',
  'a/b',
  'a b',
  '<script>',
  '=1+1',
  '\u0000',
  '名字',
  [],
  [null],
  {},
  { __proto__: { admin: true } },
  { constructor: 'x' },
  { toString: 'x', valueOf: 1 },
  JSON.parse('{"__proto__": {"admin": true}}'),
  [[[[[]]]]],
  { a: { b: { c: {} } } },
  // Nesting around every bound: a page's (4), an unknown field's (8), a body's (32), and far past.
  nested(5),
  nested(9),
  nested(31),
  nested(40, true),
  nested(3000),
  // Every class of text the store refuses, alone and inside ordinary text.
  '\uFFFE',
  '意见\uFFFF',
  '\uD800',
  '尾\uDFFF',
  '\u0001',
  '换\u000B行',
  '\u202E反转',
  '\u2066隔离',
  '\uFDD0',
  '\u{1FFFF}',
  '\u{10FFFE}',
  { '键\uFFFE': 1 },
  // Formula-looking text, and lengths at the edges of the bounds.
  '＝1+1',
  '\u3000@x',
  'x'.repeat(5000),
  'x'.repeat(5001),
  'x'.repeat(16_384),
  600,
  601,
  1440,
  { url: 'javascript:alert(1)', title: 't' },
  { url: 'https://oa.example.edu.cn/a', title: 't', extra: nested(6) },
];

function mutate(rng: Rng, value: unknown, depth = 0): unknown {
  if (depth > 3 || value === null || typeof value !== 'object' || rng.chance(0.35)) return rng.pick(GARBAGE);
  if (Array.isArray(value)) {
    if (value.length === 0) return [rng.pick(GARBAGE)];
    const copy = [...value];
    const i = rng.int(copy.length);
    copy[i] = mutate(rng, copy[i], depth + 1);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (rng.chance(0.15) || keys.length === 0)
    copy[rng.pick(['extra', 'role', 'id', '__proto__', 'seq', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'])] = rng.pick(GARBAGE);
  // biome-ignore lint/suspicious/noDuplicateElseIf: each call draws a new random number; the two conditions differ.
  else if (rng.chance(0.15)) delete copy[rng.pick(keys)];
  else {
    const k = rng.pick(keys);
    copy[k] = mutate(rng, copy[k], depth + 1);
  }
  return copy;
}

const validBodies = () => ({
  'POST /api/v1/users': { name: '新人', unit: '四院', role: 'member' },
  'POST /api/v1/campaigns': { title: '新活动', template: 'excellence', year: 2025, memberIds: [member.user.id] },
  [`PUT /api/v1/campaigns/${campaignId}/members`]: { userIds: [member.user.id] },
  'POST /api/v1/sync/push': {
    protocolVersion: 1,
    clientId: 'fuzz-client',
    mutations: [
      {
        id: 1,
        entity: 'record',
        entityId: 'r-1',
        hlc: '1750000000000-0000-fuzz-client',
        fields: {
          campaignId,
          kind: 'opinion',
          stage: '',
          content: '意见',
          fromGroup: '学生',
          channel: '座谈会',
          category: '后勤服务',
          heardOn: '2025-06-01',
          page: { url: 'https://oa.example.edu.cn/a', title: '通知' },
          newerClientNote: { a: 1 },
        },
      },
      {
        id: 2,
        entity: 'record',
        entityId: 'r-2',
        hlc: '1750000000001-0000-fuzz-client',
        fields: { campaignId, kind: 'study', topic: '党史', mode: '自学', studiedOn: '2025-06-01', minutes: 90 },
      },
    ],
  },
  'POST /api/v1/sync/pull': { protocolVersion: 1, clientId: 'fuzz-client', cursor: null, limit: 10 },
});

describe('bad input', () => {
  it('generated garbage on every route never causes a 5xx, and every refusal leaves the store unchanged', async () => {
    const rng = new Rng(20250601);
    const counts = { refused: 0, accepted: 0 };
    for (let i = 0; i < 600; i++) {
      const [route, valid] = rng.pick(Object.entries(validBodies()));
      const [method, path] = route.split(' ') as [string, string];
      const body = mutate(rng, valid);
      const before = await storeState();
      const res = await t.api(method, path, { body, token: rng.chance(0.5) ? t.adminToken : member.token });
      expect(res.status, `${route} ${JSON.stringify(body).slice(0, 300)} → ${JSON.stringify(res.body)}`).toBeLessThan(500);
      if (res.status >= 400) {
        counts.refused++;
        expect(res.body.error.code).toMatch(/^[a-z_]+$/);
        expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
        expect(await storeState()).toBe(before);
      } else counts.accepted++;
    }
    expect(counts.refused).toBeGreaterThan(200);
  });

  it.each([
    ['malformed JSON', 'POST', '/api/v1/users', '{"name": "x",', 400, 'bad_request', undefined],
    ['wrong type', 'POST', '/api/v1/users', JSON.stringify({ name: 5, unit: '一院' }), 400, 'invalid', 'name'],
    ['unknown field', 'POST', '/api/v1/users', JSON.stringify({ name: '甲', unit: '一院', isRoot: true }), 400, 'invalid', ''],
    ['string over its length', 'POST', '/api/v1/campaigns', JSON.stringify({ title: '长'.repeat(201) }), 400, 'invalid', 'title'],
    ['id with path characters', 'PUT', '/api/v1/campaigns/..%2F..%2Fetc/members', JSON.stringify({ userIds: [] }), 400, 'invalid', 'id'],
    ['member id with path characters', 'PUT', '/api/v1/campaigns/k-x/members', JSON.stringify({ userIds: ['../u'] }), 400, 'invalid', 'userIds.0'],
    ['protocol version', 'POST', '/api/v1/sync/push', JSON.stringify({ protocolVersion: 2, clientId: 'c', mutations: [] }), 400, 'invalid', 'protocolVersion'],
    [
      'entity id with path characters',
      'POST',
      '/api/v1/sync/push',
      JSON.stringify({ protocolVersion: 1, clientId: 'c', mutations: [{ id: 1, entity: 'record', entityId: 'a/b', hlc: '1750000000000-0000-c', fields: {} }] }),
      400,
      'invalid',
      'mutations.0.entityId',
    ],
    [
      'cursor of the wrong shape',
      'POST',
      '/api/v1/sync/pull',
      JSON.stringify({ protocolVersion: 1, clientId: 'c', cursor: { seq: -1 } }),
      400,
      'invalid',
      'cursor.epoch',
    ],
  ])('%s → 4xx naming the field, nothing changed', async (_name, method, path, raw, status, code, field) => {
    const before = await storeState();
    const res = await t.api(method, path, { rawBody: raw });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    if (field) expect(res.body.error.field).toBe(field);
    expect(await storeState()).toBe(before);
  });

  it('a body over 10 MB is refused with 413', async () => {
    const before = await storeState();
    const huge = JSON.stringify({ name: 'x'.repeat(11 * 1024 * 1024), unit: '一院' });
    const res = await t.api('POST', '/api/v1/users', { rawBody: huge });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too_large');
    expect(await storeState()).toBe(before);
  });

  it('unknown paths answer 404 in the same error shape', async () => {
    const res = await t.api('GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('quota edges', () => {
  it('random pushes of every size from several members and browsers never exceed a quota, never 5xx, and every refusal says why', async () => {
    const quotas = {
      recordBytes: 4096,
      unknownFieldBytes: 1024,
      userRecords: 12,
      userBytes: 24 * 1024,
      userClients: 3,
      campaignRecords: 30,
      campaignBytes: 60 * 1024,
    };
    const s = await startTestServer({ app: { quotas } });
    try {
      const members = await Promise.all(['甲', '乙', '丙', '丁'].map((n) => s.createUser(n, '一院')));
      const k = (await s.api('POST', '/api/v1/campaigns', { body: { title: '配额', memberIds: members.map((m) => m.user.id) } })).body.campaign.id as string;
      const rng = new Rng(20251202);
      const next = new Map<string, number>();
      const codes = new Set<string>();
      for (let i = 0; i < 300; i++) {
        const m = rng.pick(members);
        const clientId = `${m.user.id}-b${rng.int(5)}`;
        const id = next.get(clientId) ?? 1;
        const size = rng.pick([10, 200, 900, 1100, 3000, 5000]);
        const fields: Record<string, unknown> = rng.chance(0.15)
          ? { deleted: true }
          : {
              campaignId: k,
              kind: 'opinion',
              stage: '',
              content: '意'.repeat(Math.min(size, 5000)),
              fromGroup: '学生',
              channel: '座谈会',
              category: '后勤服务',
              heardOn: '2025-06-01',
              ...(rng.chance(0.3) ? { note: 'n'.repeat(size) } : {}),
            };
        const res = await s.api('POST', '/api/v1/sync/push', {
          token: m.token,
          body: {
            protocolVersion: 1,
            clientId,
            mutations: [{ id, entity: 'record', entityId: `r-${m.user.id}-${rng.int(20)}`, hlc: `${Date.now() + i}-0000-${clientId}`, fields }],
          },
        });
        expect(res.status).toBeLessThan(500);
        if (res.status === 200) {
          next.set(clientId, res.body.lastMutationID + 1);
          for (const r of res.body.rejected) {
            codes.add(r.code);
            expect(r.message).toMatch(/[\u4e00-\u9fff]/);
          }
        } else {
          expect(res.status).toBe(429);
          expect(res.body.error.code).toBe('quota_exceeded');
          codes.add('clients');
        }
      }
      // Deleting is always allowed, and a tombstone adds its flag and stamp (nothing is ever erased): that much over is expected.
      const tombstoneSlack = async (where: { ownerId: string } | { campaignId: string }) =>
        (await s.store.find('records', where)).filter((r) => r.fields.deleted === true).length * 80;
      for (const m of members) {
        const mine = await s.store.tally('records', { ownerId: m.user.id });
        expect(mine.count).toBeLessThanOrEqual(quotas.userRecords);
        expect(mine.bytes).toBeLessThanOrEqual(quotas.userBytes + (await tombstoneSlack({ ownerId: m.user.id })));
        expect((await s.store.tally('clients', { userId: m.user.id })).count).toBeLessThanOrEqual(quotas.userClients);
      }
      const campaign = await s.store.tally('records', { campaignId: k });
      expect(campaign.count).toBeLessThanOrEqual(quotas.campaignRecords);
      expect(campaign.bytes).toBeLessThanOrEqual(quotas.campaignBytes + (await tombstoneSlack({ campaignId: k })));
      for (const r of await s.store.find('records')) expect(JSON.stringify(r).length).toBeLessThanOrEqual(quotas.recordBytes);
      // The run reached every kind of limit, so the assertions above were tested at their edges.
      expect([...codes].sort()).toEqual(expect.arrayContaining(['clients', 'quota_exceeded', 'too_large']));
    } finally {
      await s.stop();
    }
  });
});
