/**
 * The server's answers parse with the wire schemas in shared/ that the extension checks them
 * against: every kind of pulled entity (a record with unknown fields, a deleted record, a campaign,
 * an item, a campaign and an item the caller lost), /me and /me/tasks. If the server and the
 * schemas drift apart, this fails here rather than in a cadre's browser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeSchema } from '../../shared/model/me';
import { MyTasksSchema } from '../../shared/model/my-tasks';
import { PullResponseSchema, PushResponseSchema, type PulledEntity } from '../../shared/sync/protocol';
import { startTestServer, type TestServer } from '../support/server';

const MS = 1_750_000_000_000;
const hlc = (ms: number, node: string) => `${String(ms).padStart(13, '0')}-0000-${node}`;

let t: TestServer;
let member: { user: { id: string }; token: string };
let other: { user: { id: string }; token: string };
let campaignId: string;

beforeAll(async () => {
  t = await startTestServer({ now: () => MS });
  member = await t.createUser('韩梅', '学工部');
  other = await t.createUser('李雷', '教务处');
  const k = await t.api('POST', '/api/v1/campaigns', { body: { title: '契约测试', template: 'grassroots', memberIds: [member.user.id, other.user.id] } });
  campaignId = k.body.campaign.id;
});
afterAll(() => t.stop());

const pullAll = async (token: string, clientId: string) => {
  const res = await t.api('POST', '/api/v1/sync/pull', { token, body: { protocolVersion: 1, clientId, cursor: null, limit: 500 } });
  expect(res.status).toBe(200);
  const parsed = PullResponseSchema.safeParse(res.body);
  expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  return res.body.entities as PulledEntity[];
};

describe('wire schemas in shared/ match what the server sends', () => {
  it('every kind of pulled entity, and the push reply', async () => {
    const fields = {
      campaignId,
      kind: 'opinion',
      content: '自习室插座太少',
      fromGroup: '学生',
      channel: '座谈会',
      category: '后勤服务',
      heardOn: '2025-06-01',
      futureField: { nested: [1, 2] },
    };
    const push = await t.api('POST', '/api/v1/sync/push', {
      token: member.token,
      body: {
        protocolVersion: 1,
        clientId: 'c-wire',
        mutations: [
          { id: 1, entity: 'record', entityId: 'r-wire-1', hlc: hlc(MS, 'c-wire'), fields },
          { id: 2, entity: 'record', entityId: 'r-wire-2', hlc: hlc(MS, 'c-wire'), fields: { ...fields, content: '另一条' } },
          { id: 3, entity: 'record', entityId: 'r-wire-2', hlc: hlc(MS + 1, 'c-wire'), fields: { deleted: true } },
          { id: 4, entity: 'nonsense', entityId: 'x-1', hlc: hlc(MS, 'c-wire'), fields: {} },
        ],
      },
    });
    expect(PushResponseSchema.parse(push.body).rejected.map((r) => r.id)).toEqual([4]);

    const item = await t.api('POST', `/api/v1/campaigns/${campaignId}/items`, {
      body: { list: 'problem', title: '插座不足', assigneeId: member.user.id, deadline: '2025-07-01' },
    });
    expect(item.status).toBe(201);

    const before = await pullAll(member.token, 'c-wire');
    const kinds = before.map((e) => `${e.entity}${e.deleted ? '-gone' : ''}`).sort();
    expect(kinds).toEqual(['campaign', 'item', 'record', 'record-gone']);
    expect(before.find((e) => e.id === 'r-wire-1')?.data.futureField).toEqual({ nested: [1, 2] });

    // Reassigned and removed from the campaign: the item and the campaign come back as gone.
    await t.api('PATCH', `/api/v1/campaigns/${campaignId}/items/${item.body.item.id}`, { body: { assigneeId: other.user.id } });
    await t.api('PUT', `/api/v1/campaigns/${campaignId}/members`, { body: { userIds: [other.user.id] } });
    const after = await pullAll(member.token, 'c-wire');
    expect(
      after
        .filter((e) => e.entity !== 'record')
        .map((e) => `${e.entity}:${e.deleted}`)
        .sort(),
    ).toEqual(['campaign:true', 'item:true']);
  });

  it('/me and /me/tasks', async () => {
    const me = await t.api('GET', '/api/v1/me', { token: other.token });
    expect(MeSchema.safeParse(me.body).success).toBe(true);
    const tasks = await t.api('GET', '/api/v1/me/tasks', { token: other.token });
    const parsed = MyTasksSchema.safeParse(tasks.body);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(parsed.data?.tasks.map((x) => x.title)).toEqual(['插座不足']);
  });

  it('the schemas are not vacuous: a pull missing what a client relies on is refused', () => {
    const good = { cursor: { epoch: 'e', seq: 1 }, hasMore: false, reset: false, lastMutationID: 0, entities: [] };
    expect(PullResponseSchema.safeParse(good).success).toBe(true);
    const badItem = { entity: 'item', id: 'i-1', seq: 1, deleted: false, data: { id: 'i-1' } };
    expect(PullResponseSchema.safeParse({ ...good, entities: [badItem] }).success).toBe(false);
    const badKind = { entity: 'user', id: 'u-1', seq: 1, deleted: false, data: { id: 'u-1' } };
    expect(PullResponseSchema.safeParse({ ...good, entities: [badKind] }).success).toBe(false);
  });
});
