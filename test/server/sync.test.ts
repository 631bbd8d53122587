import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { createApp } from '../../server/app';

const MS = 1_750_000_000_000;
const hlc = (ms: number, counter: number, node: string) => `${String(ms).padStart(13, '0')}-${counter.toString(16).padStart(4, '0')}-${node}`;

let t: TestServer;
let clock: number;
let alice: { user: { id: string }; token: string };
let bob: { user: { id: string }; token: string };
let campaignId: string;

// Every test starts from an empty store at MS, with alice and bob in one campaign: client ids,
// their last mutation ids and what a pull returns are all per store, so no test sees another's.
beforeEach(async () => {
  clock = MS;
  t = await startTestServer({ now: () => clock });
  alice = await t.createUser('艾丽', '后勤处');
  bob = await t.createUser('鲍勃', '教务处');
  const k = await t.api('POST', '/api/v1/campaigns', { body: { title: '下基层', template: 'grassroots', memberIds: [alice.user.id, bob.user.id] } });
  campaignId = k.body.campaign.id;
});
afterEach(() => t.stop());

const push = (token: string, clientId: string, mutations: unknown[]) =>
  t.api('POST', '/api/v1/sync/push', { token, body: { protocolVersion: 1, clientId, mutations } });
const pull = (token: string, clientId: string, cursor: unknown = null, limit = 500) =>
  t.api('POST', '/api/v1/sync/pull', { token, body: { protocolVersion: 1, clientId, cursor, limit } });
const opinion = (id: number, entityId: string, ms: number, node: string, fields: Record<string, unknown> = {}) => ({
  id,
  entity: 'record',
  entityId,
  hlc: hlc(ms, 0, node),
  fields: {
    campaignId,
    kind: 'opinion',
    content: '食堂排队太久',
    fromGroup: '学生',
    channel: '座谈会',
    category: '后勤服务',
    heardOn: '2025-06-01',
    ...fields,
  },
});

/** A task put straight into the store as the office made it: 缩短食堂排队, for 后勤处, assigned to no one unless `fields` say so. */
async function putTask(fields: Record<string, unknown> = {}): Promise<void> {
  const at = new Date().toISOString();
  await t.store.transact((tx) =>
    tx.put('items', {
      id: 'i-1',
      campaignId,
      list: 'task',
      title: '缩短食堂排队',
      description: '',
      category: '后勤服务',
      sourceItemIds: [],
      responsibleLeader: '',
      responsibleUnit: '后勤处',
      target: '',
      assigneeId: null,
      deadline: null,
      progress: '',
      status: 'open',
      evidence: '',
      effect: '',
      createdAt: at,
      updatedAt: at,
      ...fields,
    }),
  );
}

describe('push', () => {
  it('applies mutations in order, skips ones already applied and stops at a gap', async () => {
    const r1 = await push(alice.token, 'a-web', [opinion(1, 'r-1', MS, 'a-web'), opinion(2, 'r-2', MS, 'a-web')]);
    expect(r1.body).toEqual({ lastMutationID: 2, rejected: [] });
    // 1 and 2 again (a retry whose reply was lost), then 4 without 3: only nothing new applies.
    const r2 = await push(alice.token, 'a-web', [opinion(1, 'r-1', MS, 'a-web'), opinion(4, 'r-4', MS, 'a-web')]);
    expect(r2.body).toEqual({ lastMutationID: 2, rejected: [] });
    expect(await t.store.get('records', 'r-4')).toBeUndefined();
    const r3 = await push(alice.token, 'a-web', [opinion(4, 'r-4', MS, 'a-web'), opinion(3, 'r-3', MS, 'a-web')]);
    expect(r3.body.lastMutationID).toBe(4);
    expect((await t.store.get('records', 'r-4'))?.campaignId).toBe(campaignId);
  });

  it('merges last-writer-wins per field, whatever order the writes arrive in', async () => {
    await push(alice.token, 'a-lww0', [opinion(1, 'r-lww', MS, 'a-lww0')]);
    await push(alice.token, 'a-lww1', [
      { id: 1, entity: 'record', entityId: 'r-lww', hlc: hlc(MS + 20, 0, 'a-lww1'), fields: { content: '新内容', category: '教学备考' } },
    ]);
    await push(alice.token, 'a-lww2', [
      { id: 1, entity: 'record', entityId: 'r-lww', hlc: hlc(MS + 10, 0, 'a-lww2'), fields: { content: '旧内容', fromGroup: '家长' } },
    ]);
    const r = await t.store.get('records', 'r-lww');
    expect(r?.fields).toMatchObject({ content: '新内容', category: '教学备考', fromGroup: '家长' });
    expect(r?.stamps.content).toBe(hlc(MS + 20, 0, 'a-lww1'));
  });

  it('clamps stamps more than 60 s ahead, keeping later writes from a fast client in order', async () => {
    const ahead = clock + 3_600_000;
    await push(alice.token, 'a-fast', [
      opinion(1, 'r-fast', ahead, 'a-fast', { content: '第一次' }),
      opinion(2, 'r-fast', ahead + 1, 'a-fast', { content: '第二次' }),
    ]);
    const r = await t.store.get('records', 'r-fast');
    expect(r?.fields.content).toBe('第二次');
    expect(Number(r!.stamps.content!.slice(0, 13))).toBeLessThanOrEqual(clock + 1);
    // A normal write a minute later now wins over the clamped ones.
    clock += 60_000;
    await push(alice.token, 'a-web2', [opinion(1, 'r-fast', clock, 'a-web2', { content: '第三次' })]);
    expect((await t.store.get('records', 'r-fast'))?.fields.content).toBe('第三次');
  });

  it('keeps a fast client’s later write winning when it lands on a second server whose clock is a few ms behind', async () => {
    // Two servers on one store (as on one PostgreSQL database), each with its own clock and clamp.
    const behind = createApp({ store: t.store, now: () => clock - 5 });
    const pushVia = (app: typeof behind, mutations: unknown[]) =>
      app.request('/api/v1/sync/push', {
        method: 'POST',
        headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ protocolVersion: 1, clientId: 'a-fast2', mutations }),
      });
    const ahead = clock + 3_600_000;
    await push(alice.token, 'a-fast2', [opinion(1, 'r-fast2', ahead, 'a-fast2', { content: '第一次' })]);
    clock += 1;
    expect((await pushVia(behind, [opinion(2, 'r-fast2', ahead + 1, 'a-fast2', { content: '第二次' })])).status).toBe(200);
    expect((await t.store.get('records', 'r-fast2'))?.fields.content).toBe('第二次');
  });

  it('answers mutations that can never apply in `rejected` and counts them as processed', async () => {
    await push(bob.token, 'b-web', [opinion(1, 'r-bob', MS, 'b-web')]);
    const res = await push(alice.token, 'a-rej', [
      opinion(1, 'r-bob', MS + 99, 'a-rej', { content: '改别人的' }),
      { id: 2, entity: 'meeting', entityId: 'x-1', hlc: hlc(MS, 0, 'a-rej'), fields: {} },
      opinion(3, 'r-bad', MS, 'a-rej', { heardOn: '2025-02-30' }),
      { id: 4, entity: 'record', entityId: 'r-nokind', hlc: hlc(MS, 0, 'a-rej'), fields: { content: 'x' } },
      opinion(5, 'r-outside', MS, 'a-rej', { campaignId: 'k-other' }),
      opinion(6, 'r-ok', MS, 'a-rej'),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.lastMutationID).toBe(6);
    expect(res.body.rejected.map((r: { id: number; code: string }) => [r.id, r.code])).toEqual([
      [1, 'forbidden'],
      [2, 'unknown_entity'],
      [3, 'invalid'],
      [4, 'invalid'],
      [5, 'forbidden'],
    ]);
    expect(res.body.rejected[2].field).toBe('fields.heardOn');
    expect((await t.store.get('records', 'r-bob'))?.fields.content).toBe('食堂排队太久');
    expect(await t.store.get('records', 'r-ok')).toBeDefined();
  });

  it('lets an optional field be cleared with null but refuses to clear one the kind requires', async () => {
    const res = await push(alice.token, 'a-clear', [
      opinion(1, 'r-clear', MS, 'a-clear', { speaker: '张三' }),
      { id: 2, entity: 'record', entityId: 'r-clear', hlc: hlc(MS + 1, 0, 'a-clear'), fields: { speaker: null } },
      { id: 3, entity: 'record', entityId: 'r-clear', hlc: hlc(MS + 2, 0, 'a-clear'), fields: { content: null } },
      {
        id: 4,
        entity: 'record',
        entityId: 'r-talk-clear',
        hlc: hlc(MS, 0, 'a-clear'),
        fields: { campaignId, kind: 'talk', counterpart: '王老师', talkedOn: '2025-06-02', topics: '职业发展', content: null },
      },
    ]);
    expect(res.body.lastMutationID).toBe(4);
    expect(res.body.rejected).toEqual([expect.objectContaining({ id: 3, code: 'invalid', field: 'fields.content' })]);
    const stored = await t.store.get('records', 'r-clear');
    expect(stored?.fields).toMatchObject({ speaker: null, content: '食堂排队太久' });
    expect((await t.store.get('records', 'r-talk-clear'))?.fields.content).toBeNull();
  });

  it('keeps unknown fields from newer clients, within bounds', async () => {
    const res = await push(alice.token, 'a-new', [
      opinion(1, 'r-unknown', MS, 'a-new', { mood: { level: 3 } }),
      opinion(2, 'r-huge', MS, 'a-new', { blob: 'x'.repeat(20_000) }),
      opinion(3, 'r-badname', MS, 'a-new', { 'bad name': 1 }),
    ]);
    expect(res.body.rejected.map((r: { id: number }) => r.id)).toEqual([2, 3]);
    expect((await t.store.get('records', 'r-unknown'))?.fields.mood).toEqual({ level: 3 });
  });

  it('rejects a field named like a built-in of every object (constructor, toString…) in Chinese, and the next pull answers promptly', async () => {
    const res = await push(alice.token, 'a-proto', [
      opinion(1, 'r-proto-ok', MS, 'a-proto'),
      opinion(2, 'r-proto-1', MS, 'a-proto', { constructor: 'x' }),
      opinion(3, 'r-proto-2', MS, 'a-proto', { toString: 'x' }),
      opinion(4, 'r-proto-3', MS, 'a-proto', { valueOf: 1, hasOwnProperty: 2 }),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.lastMutationID).toBe(4);
    expect(res.body.rejected.map((r: { id: number; code: string }) => [r.id, r.code])).toEqual([
      [2, 'invalid'],
      [3, 'invalid'],
      [4, 'invalid'],
    ]);
    // `__proto__` reaches the rules and is refused by name, instead of vanishing in validation.
    const proto = await push(alice.token, 'a-proto', [
      { id: 5, entity: 'record', entityId: 'r-proto-ok', hlc: hlc(MS + 1, 0, 'a-proto'), fields: JSON.parse('{"__proto__": {"content": "污染"}}') },
    ]);
    expect(proto.body.rejected).toEqual([
      expect.objectContaining({ id: 5, code: 'invalid', field: 'fields.__proto__', message: expect.stringContaining('__proto__ 是保留名称') }),
    ]);
    expect(({} as Record<string, unknown>).content).toBeUndefined();
    expect(res.body.rejected[0]).toMatchObject({ field: 'fields.constructor', message: expect.stringContaining('字段名 constructor') });
    expect(res.body.rejected[0].message).toMatch(/[\u4e00-\u9fff]/);
    expect(await t.store.get('records', 'r-proto-1')).toBeUndefined();
    expect((await t.store.get('records', 'r-proto-ok'))?.fields.content).toBe('食堂排队太久');
    const timedOut = { status: 0, body: 'timed out' };
    const answered = await Promise.race([pull(alice.token, 'a-proto'), new Promise<typeof timedOut>((resolve) => setTimeout(() => resolve(timedOut), 3000))]);
    expect(answered.status).toBe(200);
    expect(answered.body.lastMutationID).toBe(5);
    const again = await Promise.race([push(alice.token, 'a-proto', []), new Promise<typeof timedOut>((resolve) => setTimeout(() => resolve(timedOut), 3000))]);
    expect(again.body).toEqual({ lastMutationID: 5, rejected: [] });
  });

  it('binds a clientId to the first user who used it', async () => {
    await push(alice.token, 'shared-client', []);
    const res = await push(bob.token, 'shared-client', [opinion(1, 'r-steal', MS, 'shared-client')]);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect((await pull(bob.token, 'shared-client')).status).toBe(403);
    expect(await t.store.get('records', 'r-steal')).toBeUndefined();
  });

  it('a delete is a tombstone: the record stays, marked deleted', async () => {
    await push(alice.token, 'a-del', [
      opinion(1, 'r-del', MS, 'a-del'),
      { id: 2, entity: 'record', entityId: 'r-del', hlc: hlc(MS + 1, 0, 'a-del'), fields: { deleted: true } },
    ]);
    const r = await t.store.get('records', 'r-del');
    expect(r?.fields).toMatchObject({ deleted: true, content: '食堂排队太久' });
    const pulled = await pull(alice.token, 'a-del');
    const e = pulled.body.entities.find((x: { id: string }) => x.id === 'r-del');
    expect(e).toMatchObject({ entity: 'record', deleted: true });
  });
});

describe('pull', () => {
  it('returns only the caller’s records, their campaigns and items assigned to them, paged by seq', async () => {
    await push(alice.token, 'a-web', [opinion(1, 'r-alice', MS, 'a-web')]);
    await push(bob.token, 'b-web', [opinion(1, 'r-bob', MS, 'b-web')]);
    await t.api('POST', `/api/v1/campaigns/${campaignId}/items`, { body: { list: 'problem', title: '食堂窗口少', assigneeId: alice.user.id } });
    const bobs = (await t.api('POST', `/api/v1/campaigns/${campaignId}/items`, { body: { list: 'problem', title: '食堂排队久', assigneeId: bob.user.id } }))
      .body.item.id;
    const all: { entity: string; id: string; seq: number }[] = [];
    let cursor = null;
    let pages = 0;
    for (;;) {
      const res = await pull(bob.token, 'b-web', cursor, 1);
      expect(res.status).toBe(200);
      all.push(...res.body.entities);
      cursor = res.body.cursor;
      pages++;
      if (!res.body.hasMore) break;
    }
    expect(pages).toBeGreaterThan(1);
    expect(all.map((e) => `${e.entity}:${e.id}`).sort()).toEqual([`campaign:${campaignId}`, 'record:r-bob', `item:${bobs}`].sort());
    const seqs = all.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const again = await pull(bob.token, 'b-web', cursor);
    expect(again.body.entities).toEqual([]);
    expect(again.body.lastMutationID).toBe(1);
  });

  it('a list item assigned to someone gets a new seq so their next pull brings it', async () => {
    const first = await pull(bob.token, 'b-web');
    const cursor = first.body.cursor;
    await putTask();
    expect((await pull(bob.token, 'b-web', cursor)).body.entities).toEqual([]);
    const item = (await t.store.get('items', 'i-1'))!;
    const { seq: _s, ...rest } = item;
    await t.store.transact((tx) => tx.put('items', { ...rest, assigneeId: bob.user.id }));
    const next = await pull(bob.token, 'b-web', cursor);
    expect(next.body.entities.map((e: { entity: string; id: string }) => `${e.entity}:${e.id}`)).toEqual(['item:i-1']);
  });

  it('an assignee updates progress and status of their item, but cannot close it or touch other fields', async () => {
    await putTask({ assigneeId: bob.user.id });
    const res = await push(bob.token, 'b-web', [
      { id: 1, entity: 'item', entityId: 'i-1', hlc: hlc(clock, 0, 'b-web'), fields: { progress: '已增加两个窗口', status: 'done', evidence: '新窗口照片' } },
      { id: 2, entity: 'item', entityId: 'i-1', hlc: hlc(clock, 1, 'b-web'), fields: { status: 'closed' } },
      { id: 3, entity: 'item', entityId: 'i-1', hlc: hlc(clock, 2, 'b-web'), fields: { title: '改标题' } },
    ]);
    expect(res.body.rejected.map((r: { id: number; code: string }) => [r.id, r.code])).toEqual([
      [2, 'forbidden'],
      [3, 'forbidden'],
    ]);
    const item = await t.store.get('items', 'i-1');
    expect(item).toMatchObject({ progress: '已增加两个窗口', status: 'done', title: '缩短食堂排队' });
    const audit = (await t.store.find('audit', { campaignId })).filter((a) => a.entityId === 'i-1');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: bob.user.id, after: { progress: '已增加两个窗口', status: 'done', evidence: '新窗口照片' } });
    const other = await push(alice.token, 'a-web', [{ id: 1, entity: 'item', entityId: 'i-1', hlc: hlc(clock, 0, 'a-web'), fields: { progress: 'x' } }]);
    expect(other.body.rejected[0].code).toBe('forbidden');
  });

  it('holds an assignee to the same lifecycle as the REST route: no taking a done item back, no done without evidence', async () => {
    await putTask({ assigneeId: bob.user.id });
    await push(bob.token, 'b-web', [
      { id: 1, entity: 'item', entityId: 'i-1', hlc: hlc(clock, 0, 'b-web'), fields: { progress: '已增加两个窗口', status: 'done', evidence: '新窗口照片' } },
    ]);
    const before = (await t.store.get('items', 'i-1'))!;
    expect(before).toMatchObject({ status: 'done', evidence: '新窗口照片' });
    const res = await push(bob.token, 'b-web', [
      { id: 2, entity: 'item', entityId: 'i-1', hlc: hlc(clock, 10, 'b-web'), fields: { status: 'in_progress', evidence: '' } },
      { id: 3, entity: 'item', entityId: 'i-1', hlc: hlc(clock, 11, 'b-web'), fields: { evidence: '   ' } },
      { id: 4, entity: 'item', entityId: 'i-1', hlc: hlc(clock, 12, 'b-web'), fields: { progress: '补充说明' } },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.lastMutationID).toBe(4);
    expect(res.body.rejected).toEqual([
      { id: 2, code: 'forbidden', message: '已提交的事项只能由管理员退回', field: 'fields.status' },
      { id: 3, code: 'invalid', message: '标记完成须填写整改佐证材料', field: 'fields.evidence' },
    ]);
    expect(await t.store.get('items', 'i-1')).toMatchObject({ status: 'done', evidence: '新窗口照片', progress: '补充说明' });
    // The REST route answers the same.
    const rest = await t.api('POST', `/api/v1/campaigns/${campaignId}/items/i-1/progress`, { token: bob.token, body: { status: 'in_progress' } });
    expect(rest.status).toBe(403);
    expect(rest.body.error.message).toBe('已提交的事项只能由管理员退回');
  });

  it('tells a former assignee and a former member they lost the item or campaign, without its contents', async () => {
    const k = await t.api('POST', '/api/v1/campaigns', { body: { title: '机密活动', template: 'grassroots', memberIds: [alice.user.id, bob.user.id] } });
    const secretId = k.body.campaign.id as string;
    const created = await t.api('POST', `/api/v1/campaigns/${secretId}/items`, { body: { list: 'problem', title: '机密问题', assigneeId: alice.user.id } });
    const itemId = created.body.item.id as string;
    const first = await pull(alice.token, 'a-lost');
    expect(first.body.entities.filter((e: { id: string }) => e.id === itemId || e.id === secretId)).toHaveLength(2);

    // Reassigned to bob: alice's next pull drops the item, bob's brings it whole.
    expect((await t.api('PATCH', `/api/v1/campaigns/${secretId}/items/${itemId}`, { body: { assigneeId: bob.user.id } })).status).toBe(200);
    const afterReassign = await pull(alice.token, 'a-lost', first.body.cursor);
    expect(afterReassign.body.entities).toEqual([
      { entity: 'item', id: itemId, seq: expect.any(Number), data: { id: itemId, campaignId: secretId }, deleted: true },
    ]);
    const bobs = (await pull(bob.token, 'b-lost')).body.entities.find((e: { id: string }) => e.id === itemId);
    expect(bobs).toMatchObject({ deleted: false, data: { title: '机密问题', assigneeId: bob.user.id } });
    expect(bobs.data).not.toHaveProperty('formerAssigneeIds');

    // Taken off the campaign: alice's next pull drops it, and says nothing of its title or members.
    expect((await t.api('PUT', `/api/v1/campaigns/${secretId}/members`, { body: { userIds: [bob.user.id] } })).status).toBe(200);
    const afterRemoval = await pull(alice.token, 'a-lost', afterReassign.body.cursor);
    expect(afterRemoval.body.entities).toEqual([
      { entity: 'campaign', id: secretId, seq: expect.any(Number), data: { id: secretId, campaignId: secretId }, deleted: true },
    ]);
    expect(JSON.stringify(afterRemoval.body)).not.toContain('机密');
    const bobCampaign = (await pull(bob.token, 'b-lost')).body.entities.find((e: { id: string }) => e.id === secretId);
    expect(bobCampaign).toMatchObject({ deleted: false, data: { title: '机密活动', memberIds: [bob.user.id] } });
    expect(bobCampaign.data).not.toHaveProperty('formerMemberIds');
    expect((await t.store.get('campaigns', secretId))?.formerMemberIds).toEqual([alice.user.id]);
    // Nor do bob's other answers say who was taken off; the office's do.
    for (const path of [`/api/v1/campaigns/${secretId}`, '/api/v1/campaigns', '/api/v1/me']) {
      const answer = JSON.stringify((await t.api('GET', path, { token: bob.token })).body);
      expect(answer, path).toContain(secretId);
      expect(answer, path).not.toContain('formerMemberIds');
    }
    expect((await t.api('GET', `/api/v1/campaigns/${secretId}`)).body.campaign.formerMemberIds).toEqual([alice.user.id]);

    // Someone who never had them sees nothing of them; someone given them back sees them whole again.
    const carol = await t.createUser('卡萝', '财务处');
    expect((await pull(carol.token, 'c-lost')).body.entities.filter((e: { id: string }) => e.id === secretId || e.id === itemId)).toEqual([]);
    await t.api('PUT', `/api/v1/campaigns/${secretId}/members`, { body: { userIds: [bob.user.id, alice.user.id] } });
    expect((await t.store.get('campaigns', secretId))?.formerMemberIds).toEqual([]);
    const back = await pull(alice.token, 'a-lost', afterRemoval.body.cursor);
    expect(back.body.entities).toEqual([
      expect.objectContaining({ entity: 'campaign', id: secretId, deleted: false, data: expect.objectContaining({ title: '机密活动' }) }),
    ]);
  });

  it('answers reset with a cursor from another epoch', async () => {
    const res = await pull(alice.token, 'a-web', { epoch: 'restored-elsewhere', seq: 5 });
    expect(res.body.reset).toBe(true);
    expect(res.body.entities.length).toBeGreaterThan(0);
    expect(res.body.cursor.epoch).toBe((await t.store.meta()).epoch);
  });

  it('survives a restart: the same state and cursor come back from disk', async () => {
    const pushed = await push(
      alice.token,
      'a-web',
      [1, 2, 3, 4, 5].map((n) => opinion(n, `r-${n}`, MS + n, 'a-web')),
    );
    expect(pushed.body).toEqual({ lastMutationID: 5, rejected: [] });
    const before = await pull(alice.token, 'a-web');
    await t.restart();
    const after = await pull(alice.token, 'a-web');
    expect(after.body.entities).toEqual(before.body.entities);
    expect(after.body.cursor).toEqual(before.body.cursor);
    expect(after.body.lastMutationID).toBe(5);
  });
});
