/**
 * The outbox and the sync engine against a fake protocol-v1 server with faults: every record
 * captured reaches the server exactly once, whatever is lost on the way, and two clients of one
 * user converge.
 */
import { describe, expect, it } from 'vitest';
import { backoffDelay, SyncEngine } from '../../../extension/sync/engine';
import { MemoryKvArea } from '../../../extension/storage/kv-area';
import { LocalStore } from '../../../extension/sync/local-store';
import { acknowledge, changedFields, hasGap, overlay, renumber, type OutboxMutation } from '../../../extension/sync/outbox';
import { FakeSyncServer } from './fake-sync-server';

const opinion = (content: string) => ({
  kind: 'opinion',
  campaignId: 'k1',
  stage: 's1',
  content,
  fromGroup: '学生',
  channel: '座谈会',
  category: '后勤服务',
  heardOn: '2022-06-14',
  deleted: false,
});

function client(server: FakeSyncServer, area = new MemoryKvArea()) {
  let now = 1_718_000_000_000;
  const store = new LocalStore(area, () => now++);
  const engine = new SyncEngine({ store, transport: server, baseDelayMs: 1000, maxDelayMs: 60_000, pushBatch: 3 });
  return { store, engine, area };
}

const mutation = (id: number, entityId = 'r1', fields: Record<string, unknown> = { content: 'x' }): OutboxMutation => ({
  id,
  entity: 'record',
  entityId,
  hlc: `17180000000${String(id).padStart(2, '0')}-0000-c1`,
  fields,
});

describe('outbox', () => {
  it('drops what the server processed and keeps the rest in order', () => {
    expect(acknowledge([mutation(1), mutation(2), mutation(3)], 2).map((m) => m.id)).toEqual([3]);
  });

  it('detects a gap the server would stop at, and renumbers to close it', () => {
    const box = [mutation(7), mutation(8)];
    expect(hasGap(box, 5)).toBe(true);
    expect(hasGap(box, 6)).toBe(false);
    expect(renumber(box, 2).map((m) => m.id)).toEqual([3, 4]);
  });

  it('replays pending writes over the server snapshot, later ones winning', () => {
    const box = [mutation(1, 'r1', { content: 'a', category: '教学管理' }), mutation(2, 'r2', { content: 'other' }), mutation(3, 'r1', { content: 'b' })];
    expect(overlay({ content: 'server', fromGroup: '学生' }, box, 'record', 'r1')).toEqual({ content: 'b', category: '教学管理', fromGroup: '学生' });
  });

  it('sends only fields that changed, comparing nested values by content', () => {
    expect(changedFields({ a: 1, page: { url: 'u' } }, { a: 1, page: { url: 'u' }, b: 2 })).toEqual({ b: 2 });
  });
});

describe('local store', () => {
  it('writes the record and its outbox mutation in one set, or neither', async () => {
    const area = new MemoryKvArea();
    const store = new LocalStore(area);
    await store.meta(); // the first set creates the meta; make the failure hit the save instead
    area.failNextSet = true;
    await expect(store.saveRecord(null, opinion('热水'))).rejects.toThrow();
    expect(await store.listRecords()).toHaveLength(0);
    expect(await store.outbox()).toHaveLength(0);
    const saved = await store.saveRecord(null, opinion('热水'));
    expect((await store.outbox()).map((m) => m.entityId)).toEqual([saved.id]);
  });

  it('numbers mutations one by one and stamps them with increasing HLCs', async () => {
    const store = new LocalStore(new MemoryKvArea(), () => 1_718_000_000_000);
    const a = await store.saveRecord(null, opinion('一'));
    await store.saveRecord(a.id, { ...opinion('一'), content: '二' });
    await store.deleteRecord(a.id);
    const box = await store.outbox();
    expect(box.map((m) => m.id)).toEqual([1, 2, 3]);
    expect(box[1]!.fields).toEqual({ content: '二' });
    expect(box[2]!.fields).toEqual({ deleted: true });
    expect([...box.map((m) => m.hlc)].sort()).toEqual(box.map((m) => m.hlc));
    expect(new Set(box.map((m) => m.hlc)).size).toBe(3);
  });

  it('serializes concurrent saves so none is lost', async () => {
    const store = new LocalStore(new MemoryKvArea());
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.saveRecord(null, opinion(`意见${i}`))));
    expect(await store.listRecords()).toHaveLength(20);
    expect((await store.outbox()).map((m) => m.id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});

describe('sync engine', () => {
  it('pushes the outbox in batches, empties it and reports 已同步', async () => {
    const server = new FakeSyncServer();
    const { store, engine } = client(server);
    for (let i = 0; i < 7; i++) await store.saveRecord(null, opinion(`意见${i}`));
    const state = await engine.sync();
    expect(state).toMatchObject({ status: 'synced', pending: 0 });
    expect(server.state.records.size).toBe(7);
    expect(server.received.map((r) => r.ids.length)).toEqual([3, 3, 1]);
  });

  it('keeps records while offline, backs off, and delivers each exactly once when back', async () => {
    const server = new FakeSyncServer();
    const { store, engine } = client(server);
    await store.saveRecord(null, opinion('宿舍热水'));
    server.faults = ['offline', 'offline'];
    const first = await engine.sync();
    expect(first).toMatchObject({ status: 'offline', pending: 1, retryInMs: 1000 });
    const second = await engine.sync();
    expect(second).toMatchObject({ status: 'offline', retryInMs: 2000 });
    await store.saveRecord(null, opinion('图书馆座位'));
    expect(await engine.sync()).toMatchObject({ status: 'synced', pending: 0 });
    expect(server.state.records.size).toBe(2);
    expect(server.state.clients.values().next().value).toBe(2);
  });

  it('a reply lost after the server applied the push causes no duplicate', async () => {
    const server = new FakeSyncServer();
    const { store, engine } = client(server);
    const r = await store.saveRecord(null, opinion('食堂价格'));
    await store.saveRecord(r.id, { ...opinion('食堂价格'), content: '食堂晚餐价格偏高' });
    server.faults = ['lose-reply'];
    expect((await engine.sync()).status).toBe('offline');
    expect(await engine.sync()).toMatchObject({ status: 'synced' });
    expect(server.state.records.size).toBe(1);
    expect(server.state.records.get(r.id)!.fields.content).toBe('食堂晚餐价格偏高');
    // The retry carried ids the server had already applied, and it skipped them.
    expect(server.received.map((x) => x.ids)).toEqual([
      [1, 2],
      [1, 2],
    ]);
  });

  it('reports a server or token error with its reason and retries later', async () => {
    const server = new FakeSyncServer();
    const { store, engine } = client(server);
    await store.saveRecord(null, opinion('夜间照明'));
    server.faults = ['http-401'];
    expect(await engine.sync()).toMatchObject({ status: 'error', reason: '令牌无效或已失效', pending: 1 });
    server.faults = ['http-500'];
    expect(await engine.sync()).toMatchObject({ status: 'error', reason: expect.stringContaining('服务器返回错误'), retryInMs: 2000 });
    expect(await engine.sync()).toMatchObject({ status: 'synced', pending: 0 });
  });

  it('counts a refused mutation as processed and keeps the reason for the user', async () => {
    const server = new FakeSyncServer();
    server.rejectIf = (f) => (f.category === '不存在的类别' ? '类别不在本活动中' : null);
    const { store, engine } = client(server);
    await store.saveRecord(null, { ...opinion('甲'), category: '不存在的类别' });
    await store.saveRecord(null, opinion('乙'));
    expect(await engine.sync()).toMatchObject({ status: 'synced', pending: 0 });
    expect((await store.rejections()).map((r) => r.message)).toEqual(['类别不在本活动中']);
    expect(server.state.records.size).toBe(1);
  });

  it('a refused new record, fixed and saved again, goes whole and clears the refusal once accepted', async () => {
    const server = new FakeSyncServer();
    server.rejectIf = (f) => (f.campaignId === 'k-gone' ? '你不是该活动的成员' : null);
    const { store, engine } = client(server);
    const rec = await store.saveRecord(null, { ...opinion('宿舍热水供应时间短'), campaignId: 'k-gone' });
    expect(await engine.sync()).toMatchObject({ status: 'synced', pending: 0 });
    expect(await store.rejections()).toMatchObject([{ entity: 'record', entityId: rec.id, message: '你不是该活动的成员' }]);
    expect(server.state.records.size).toBe(0);

    // The user picks another campaign: the server never had the record, so every field travels again.
    await store.saveRecord(rec.id, { ...rec.fields, campaignId: 'k1' });
    const [resent] = await store.outbox();
    expect(resent!.fields).toMatchObject({ ...opinion('宿舍热水供应时间短'), campaignId: 'k1' });
    expect(await engine.sync()).toMatchObject({ status: 'synced', pending: 0 });
    expect(await store.rejections()).toEqual([]);
    expect(server.state.records.get(rec.id)?.fields).toMatchObject({ content: '宿舍热水供应时间短', campaignId: 'k1' });
  });

  it('keeps one refusal per record, the latest, and a later accepted write of another record leaves it alone', async () => {
    const server = new FakeSyncServer();
    server.rejectIf = (f) => (f.category === '不存在的类别' ? '类别不在本活动中' : f.category === '另一个坏类别' ? '类别仍不在本活动中' : null);
    const { store, engine } = client(server);
    const bad = await store.saveRecord(null, { ...opinion('甲'), category: '不存在的类别' });
    await engine.sync();
    await store.saveRecord(bad.id, { ...bad.fields, category: '另一个坏类别' });
    await store.saveRecord(null, opinion('乙'));
    await engine.sync();
    expect((await store.rejections()).map((r) => [r.entityId, r.message])).toEqual([[bad.id, '类别仍不在本活动中']]);
  });

  it('saving a refused record back to what the server has clears the refusal without sending anything', async () => {
    const server = new FakeSyncServer();
    server.rejectIf = (f) => (f.category === '不存在的类别' ? '类别不在本活动中' : null);
    const { store, engine } = client(server);
    const rec = await store.saveRecord(null, opinion('甲'));
    await engine.sync();
    await store.saveRecord(rec.id, { category: '不存在的类别' });
    await engine.sync();
    expect(await store.rejections()).toHaveLength(1);
    await store.saveRecord(rec.id, { category: '后勤服务' });
    expect(await store.outbox()).toEqual([]);
    expect(await store.rejections()).toEqual([]);
  });

  it('two clients of one user editing the same record converge, field by field', async () => {
    const server = new FakeSyncServer();
    const a = client(server);
    const b = client(server);
    const rec = await a.store.saveRecord(null, opinion('原文'));
    await a.engine.sync();
    await b.engine.sync();
    expect((await b.store.getRecord(rec.id))!.fields.content).toBe('原文');
    // Both edit offline: a changes the content, b the category and (later) the content too.
    await a.store.saveRecord(rec.id, { ...opinion('原文'), content: 'A 改的内容' });
    await b.store.saveRecord(rec.id, { ...opinion('原文'), category: '校园安全' });
    await b.store.saveRecord(rec.id, { ...opinion('原文'), category: '校园安全', content: 'B 后改的内容' });
    await b.engine.sync();
    await a.engine.sync();
    await b.engine.sync();
    const fa = (await a.store.getRecord(rec.id))!.fields;
    const fb = (await b.store.getRecord(rec.id))!.fields;
    expect(fa).toEqual(fb);
    expect(fa).toMatchObject({ category: '校园安全' });
    expect(fa.content).toBe(server.state.records.get(rec.id)!.fields.content);
  });

  it('after a restore from backup (new epoch) re-pushes every record and ends with the server holding all', async () => {
    const server = new FakeSyncServer();
    const { store, engine } = client(server);
    await store.saveRecord(null, opinion('一'));
    await engine.sync();
    server.takeBackup();
    await store.saveRecord(null, opinion('二'));
    await store.saveRecord(null, opinion('三'));
    await engine.sync();
    expect(server.state.records.size).toBe(3);
    server.restoreBackup(); // the server forgot 二 and 三 and our last two mutation ids
    expect(server.state.records.size).toBe(1);
    await store.saveRecord(null, opinion('四'));
    const state = await engine.sync();
    expect(state).toMatchObject({ status: 'synced', pending: 0 });
    expect([...server.state.records.values()].map((r) => r.fields.content).sort()).toEqual(['一', '三', '二', '四'].sort());
    expect((await store.meta()).cursor!.epoch).toBe(server.state.epoch);
  });

  it('backs off exponentially up to a cap', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(n, 1000, 5000))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });
});

describe('task progress and the server taking things away', () => {
  const task = (id: string, assigneeId: string, extra: Record<string, unknown> = {}) => ({
    entity: 'item' as const,
    id,
    seq: 1,
    data: { id, campaignId: 'k1', list: 'task', title: '整改食堂卫生', status: 'open', assigneeId, ...extra },
    deleted: false,
  });

  it('a new epoch re-pushes the records and keeps pending task progress, numbered after them', async () => {
    const server = new FakeSyncServer();
    const { store, engine } = client(server);
    await store.saveRecord(null, opinion('一'));
    await engine.sync();
    server.takeBackup();
    await store.saveRecord(null, opinion('二'));
    await engine.sync();
    server.restoreBackup();
    // The assignee reports progress while the pull that discovers the restore is on its way.
    server.duringPull = async () => {
      server.duringPull = null;
      await store.updateItem('i1', { progress: '已完成一半', status: 'in_progress' });
    };
    const state = await engine.sync();
    expect(state).toMatchObject({ status: 'synced', pending: 0 });
    expect(server.state.items.get('i1')?.fields).toEqual({ progress: '已完成一半', status: 'in_progress' });
    expect([...server.state.records.values()].map((r) => r.fields.content).sort()).toEqual(['一', '二'].sort());
  });

  it('after the reset the outbox holds the record re-pushes first, then the item writes, without gaps', async () => {
    const { store } = client(new FakeSyncServer());
    await store.saveRecord(null, opinion('一'));
    await store.updateItem('i1', { progress: '推进中' });
    await store.saveRecord(null, opinion('二'));
    await store.updateItem('i2', { status: 'done', evidence: '整改报告' });
    await store.resetForNewEpoch(7);
    const outbox = await store.outbox();
    expect(outbox.map((m) => [m.id, m.entity])).toEqual([
      [8, 'record'],
      [9, 'record'],
      [10, 'item'],
      [11, 'item'],
    ]);
    expect(outbox.slice(2).map((m) => m.fields)).toEqual([{ progress: '推进中' }, { status: 'done', evidence: '整改报告' }]);
    expect((await store.meta()).nextMutationId).toBe(12);
  });

  it('an item reassigned away or a campaign I left arrives deleted and disappears locally', async () => {
    const server = new FakeSyncServer();
    const { store, engine } = client(server);
    server.announce = [
      { entity: 'campaign', id: 'k1', seq: 1, data: { id: 'k1', title: '主题教育' }, deleted: false },
      { entity: 'campaign', id: 'k2', seq: 1, data: { id: 'k2', title: '巡察整改' }, deleted: false },
      task('i1', 'u1'),
      task('i2', 'u1'),
      task('i3', 'u1', { campaignId: 'k2' }),
    ];
    await engine.sync();
    expect((await store.items()).map((i) => i.id).sort()).toEqual(['i1', 'i2', 'i3']);
    server.announce = [
      { entity: 'item', id: 'i1', seq: 2, data: { id: 'i1' }, deleted: true },
      { entity: 'campaign', id: 'k2', seq: 2, data: { id: 'k2' }, deleted: true },
    ];
    await engine.sync();
    expect((await store.items()).map((i) => i.id)).toEqual(['i2']);
    expect((await store.campaigns()).map((c) => c.id)).toEqual(['k1']);
  });

  it('GET /me lists every campaign I am in: one missing from it goes, with its tasks', async () => {
    const server = new FakeSyncServer();
    const { store, engine } = client(server);
    server.announce = [task('i1', 'u1'), task('i3', 'u1', { campaignId: 'k2' })];
    await engine.sync();
    await store.putCampaigns([{ id: 'k1', title: '主题教育' } as never]);
    expect((await store.items()).map((i) => i.id)).toEqual(['i1']);
    expect((await store.campaigns()).map((c) => c.id)).toEqual(['k1']);
  });
});
