/**
 * The local store belongs to one user on one server: another user or server starts from a fresh
 * store (new client id, no records, outbox or cursor), but never while unsynced changes would be
 * lost without the user's word.
 */
import { describe, expect, it } from 'vitest';
import { SyncEngine } from '../../../extension/sync/engine';
import { MemoryKvArea } from '../../../extension/storage/kv-area';
import { LocalStore } from '../../../extension/sync/local-store';
import { decideOwnerChange, hashToken, serverOrigin, type StoreOwner } from '../../../extension/sync/owner';
import { FakeSyncServer } from './fake-sync-server';

const alice: StoreOwner = { server: 'https://tz.example.edu.cn', userId: 'u_alice', tokenHash: 'a' };
const opinion = {
  kind: 'opinion',
  campaignId: 'k1',
  stage: '',
  content: '食堂',
  fromGroup: '学生',
  channel: '座谈会',
  category: '后勤服务',
  heardOn: '2025-06-01',
  speaker: '张三',
  deleted: false,
};

describe('whose store it is', () => {
  it('keeps the store for the same user on the same server, whatever the token', () => {
    expect(decideOwnerChange(alice, { server: alice.server, userId: 'u_alice' }, 5)).toBe('keep');
    expect(decideOwnerChange(null, { server: alice.server, userId: 'u_bob' }, 5)).toBe('keep');
  });

  it('starts over for another user or another server, asking first when changes are unsynced', () => {
    expect(decideOwnerChange(alice, { server: alice.server, userId: 'u_bob' }, 0)).toBe('start-over');
    expect(decideOwnerChange(alice, { server: 'https://other.example.edu.cn', userId: 'u_alice' }, 0)).toBe('start-over');
    expect(decideOwnerChange(alice, { server: alice.server, userId: 'u_bob' }, 1)).toBe('confirm');
  });

  it('compares servers by origin and tokens by hash', async () => {
    expect(serverOrigin('https://tz.example.edu.cn/some/path')).toBe(serverOrigin('https://TZ.example.edu.cn'));
    expect(await hashToken('tok-1')).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashToken('tok-1')).not.toBe(await hashToken('tok-2'));
  });

  it('starting over gives a new client id and empties records, outbox, cursor, items and campaigns', async () => {
    const area = new MemoryKvArea();
    await area.set({ settings: { serverUrl: 'x', token: 'y' }, 'draft:opinion:u': { a: 1 } });
    const store = new LocalStore(area);
    const server = new FakeSyncServer();
    server.announce = [{ entity: 'campaign', id: 'k1', seq: 1, data: { id: 'k1' }, deleted: false }];
    await store.bindOwner(alice);
    await store.saveRecord(null, opinion);
    await new SyncEngine({ store, transport: server }).sync();
    await store.saveRecord(null, { ...opinion, content: '宿舍' });
    await store.updateItem('i1', { progress: '推进中' });
    const before = await store.meta();
    expect(before.cursor).not.toBeNull();

    const bob: StoreOwner = { ...alice, userId: 'u_bob', tokenHash: 'b' };
    await store.startOver(bob);
    const after = await store.meta();
    expect(after.clientId).not.toBe(before.clientId);
    expect(after).toMatchObject({ cursor: null, nextMutationId: 1, lastHlc: null, owner: bob });
    expect(await store.listRecords()).toEqual([]);
    expect(await store.outbox()).toEqual([]);
    expect(await store.items()).toEqual([]);
    expect(await store.campaigns()).toEqual([]);
    // Other parts of the area (settings) are not the store's to clear.
    expect(area.data.has('settings')).toBe(true);

    // Bob's first record is numbered from 1 under his own client id, stamped with it.
    await store.saveRecord(null, { ...opinion, speaker: null });
    const [m] = await store.outbox();
    expect(m).toMatchObject({ id: 1 });
    expect(m!.hlc.endsWith(after.clientId)).toBe(true);
  });

  it('binding the same user with a new token keeps client id, records and outbox', async () => {
    const store = new LocalStore(new MemoryKvArea());
    await store.bindOwner(alice);
    await store.saveRecord(null, opinion);
    const before = await store.meta();
    await store.bindOwner({ ...alice, tokenHash: 'renewed' });
    expect(await store.meta()).toMatchObject({ clientId: before.clientId, owner: { tokenHash: 'renewed' } });
    expect(await store.outbox()).toHaveLength(1);
  });
});
