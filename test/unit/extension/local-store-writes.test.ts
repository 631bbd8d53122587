/**
 * The local store is split by job (sync/store/: records, campaigns and items, the journal), but each
 * change is still one `set`: a record or item lands with the outbox mutation carrying it and the meta
 * numbering it, or none of them does.
 */
import { describe, expect, it } from 'vitest';
import { MemoryKvArea } from '../../../extension/storage/kv-area';
import { LocalStore } from '../../../extension/sync/local-store';

/** A memory area that remembers which keys each `set` wrote together. */
class CountingArea extends MemoryKvArea {
  readonly sets: string[][] = [];
  override async set(items: Record<string, unknown>): Promise<void> {
    await super.set(items);
    this.sets.push(Object.keys(items).sort());
  }
}

async function storeWithMeta() {
  const area = new CountingArea();
  const store = new LocalStore(area);
  await store.meta();
  area.sets.length = 0;
  return { area, store };
}

describe('each change to the local store is one set', () => {
  it('a saved record, its mutation and the meta together', async () => {
    const { area, store } = await storeWithMeta();
    const saved = await store.saveRecord(null, { kind: 'opinion', content: '食堂' });
    expect(area.sets).toEqual([['meta', 'outbox', `rec:${saved.id}`].sort()]);
  });

  it('an item’s progress, its mutation and the meta together — or nothing, when the disk refuses', async () => {
    const { area, store } = await storeWithMeta();
    area.failNextSet = true;
    await expect(store.updateItem('i1', { progress: '推进中' })).rejects.toThrow();
    expect(await store.items()).toEqual([]);
    expect(await store.outbox()).toEqual([]);

    await store.updateItem('i1', { progress: '推进中' });
    expect(area.sets).toEqual([['items', 'meta', 'outbox']]);
    expect((await store.outbox())[0]).toMatchObject({ id: 1, entity: 'item', entityId: 'i1', fields: { progress: '推进中' } });
  });

  it('a pulled page — records, campaigns, items and the cursor — together', async () => {
    const { area, store } = await storeWithMeta();
    await store.applyPull(
      [
        { entity: 'record', id: 'r1', seq: 1, data: { kind: 'opinion', content: '食堂' }, deleted: false },
        { entity: 'campaign', id: 'k1', seq: 2, data: { id: 'k1' }, deleted: false },
        { entity: 'item', id: 'i1', seq: 3, data: { campaignId: 'k1', title: '整改' }, deleted: false },
      ],
      { epoch: 'e1', seq: 3 },
    );
    expect(area.sets).toEqual([['campaigns', 'items', 'meta', 'rec:r1']]);
    expect((await store.meta()).cursor).toEqual({ epoch: 'e1', seq: 3 });
  });

  it('saving a record back to what the server has sends nothing and clears its refusal', async () => {
    const { area, store } = await storeWithMeta();
    await store.applyPull([{ entity: 'record', id: 'r1', seq: 1, data: { kind: 'opinion', content: '食堂' }, deleted: false }], { epoch: 'e1', seq: 1 });
    await store.saveRecord('r1', { kind: 'opinion', content: '宿舍' });
    await store.acknowledge(1, [{ mutationId: 1, code: 'invalid', message: '类别不在本活动中' }]);
    expect(await store.rejections()).toHaveLength(1);
    area.sets.length = 0;

    await store.saveRecord('r1', { kind: 'opinion', content: '食堂' });
    expect(area.sets).toEqual([['rejections']]);
    expect(await store.rejections()).toEqual([]);
    expect(await store.outbox()).toEqual([]);
  });
});
