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

const GARBAGE: unknown[] = [
  null, true, 0, -1, 1.5, 2 ** 60, '', ' ', 'x'.repeat(70_000), '../../etc/passwd', 'a/b', 'a b', '<script>', '=1+1', '\u0000', '名字',
  [], [null], {}, { __proto__: { admin: true } }, { constructor: 'x' }, { toString: 'x', valueOf: 1 }, JSON.parse('{"__proto__": {"admin": true}}'), [[[[[]]]]], { a: { b: { c: {} } } },
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
  if (rng.chance(0.15) || keys.length === 0) copy[rng.pick(['extra', 'role', 'id', '__proto__', 'seq', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'])] = rng.pick(GARBAGE);
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
    mutations: [{ id: 1, entity: 'record', entityId: 'r-1', hlc: '1750000000000-0000-fuzz-client', fields: { campaignId, kind: 'opinion', content: '意见' } }],
  },
  'POST /api/v1/sync/pull': { protocolVersion: 1, clientId: 'fuzz-client', cursor: null, limit: 10 },
});

describe('bad input', () => {
  it('generated garbage on every route never causes a 5xx, and every refusal leaves the store unchanged', async () => {
    const rng = new Rng(20250601);
    const counts = { refused: 0, accepted: 0 };
    for (let i = 0; i < 400; i++) {
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
    ['entity id with path characters', 'POST', '/api/v1/sync/push', JSON.stringify({ protocolVersion: 1, clientId: 'c', mutations: [{ id: 1, entity: 'record', entityId: 'a/b', hlc: '1750000000000-0000-c', fields: {} }] }), 400, 'invalid', 'mutations.0.entityId'],
    ['cursor of the wrong shape', 'POST', '/api/v1/sync/pull', JSON.stringify({ protocolVersion: 1, clientId: 'c', cursor: { seq: -1 } }), 400, 'invalid', 'cursor.epoch'],
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
