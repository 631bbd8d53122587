/**
 * The sidebar's read API over the background's store (extension/storage/watch.ts), on WXT's fake
 * browser: each watcher answers at once with what is stored, again on every change the background
 * makes, and not after it was stopped.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { SyncRunner } from '../../../extension/background/sync-runner';
import { saveMe } from '../../../extension/settings/settings';
import { chromeLocalArea } from '../../../extension/storage/kv-area';
import { watchCampaigns, watchMe, watchOutbox, watchRecords, watchRejections, watchSyncState } from '../../../extension/storage/watch';
import { LocalStore } from '../../../extension/sync/local-store';
import { opinionFields } from './fixtures';

const opinion = opinionFields;

/** Everything `watch` calls back with, in order. */
function collect<T>(watch: (cb: (value: T) => void) => () => void) {
  const seen: T[] = [];
  const stop = watch((v) => seen.push(v));
  return { seen, stop, last: () => seen.at(-1) };
}

/** Lets storage events and pending reads settle. */
const settle = () => new Promise((r) => setTimeout(r, 0));

let store: LocalStore;
let now = 1_000;
beforeEach(() => {
  fakeBrowser.reset();
  store = new LocalStore(chromeLocalArea, () => now++);
});

describe('watching the store', () => {
  it('records: what is stored at once, newest change first, then each save and delete', async () => {
    const first = await store.saveRecord(null, opinion('食堂'));
    const records = collect(watchRecords);
    await settle();
    expect(records.last()?.map((r) => r.fields.content)).toEqual(['食堂']);

    const second = await store.saveRecord(null, opinion('宿舍'));
    await settle();
    expect(records.last()?.map((r) => r.id)).toEqual([second.id, first.id]);

    await store.deleteRecord(first.id);
    await settle();
    expect(records.last()?.find((r) => r.id === first.id)?.fields.deleted).toBe(true);
  });

  it('outbox and refusals follow a save and the server’s answer', async () => {
    const outbox = collect(watchOutbox);
    const refusals = collect(watchRejections);
    await settle();
    expect(outbox.last()).toEqual([]);
    expect(refusals.last()).toEqual([]);

    const saved = await store.saveRecord(null, opinion('食堂'));
    await settle();
    expect(outbox.last()?.map((m) => m.entityId)).toEqual([saved.id]);

    await store.acknowledge(1, [{ mutationId: 1, code: 'invalid', message: '类别不在本活动中' }]);
    await settle();
    expect(outbox.last()).toEqual([]);
    expect(refusals.last()).toMatchObject([{ entityId: saved.id, message: '类别不在本活动中' }]);
  });

  it('campaigns come as a list, and go when I leave one', async () => {
    const campaigns = collect(watchCampaigns);
    await store.applyPull([{ entity: 'campaign', id: 'k1', seq: 1, data: { id: 'k1', title: '主题教育' }, deleted: false }], { epoch: 'e1', seq: 1 });
    await settle();
    expect(campaigns.last()?.map((c) => c.title)).toEqual(['主题教育']);
    await store.applyPull([{ entity: 'campaign', id: 'k1', seq: 2, data: {}, deleted: true }], { epoch: 'e1', seq: 2 });
    await settle();
    expect(campaigns.last()).toEqual([]);
  });

  it('the sync state and /me: null before the background wrote them, then what it published', async () => {
    const state = collect(watchSyncState);
    const me = collect(watchMe);
    await settle();
    expect(state.seen).toEqual([null]);
    expect(me.seen).toEqual([null]);

    await store.saveRecord(null, opinion('食堂'));
    await new SyncRunner(store).markPending();
    await saveMe({ user: { id: 'u_me', name: '王芳', unit: '学生处', role: 'member' }, campaigns: [], fetchedAt: 1 });
    await settle();
    expect(state.last()).toMatchObject({ status: 'pending', pending: 1 });
    expect(me.last()?.user.name).toBe('王芳');
  });

  it('stops calling back once stopped', async () => {
    const records = collect(watchRecords);
    await settle();
    records.stop();
    const calls = records.seen.length;
    await store.saveRecord(null, opinion('食堂'));
    await settle();
    expect(records.seen).toHaveLength(calls);
  });
});
