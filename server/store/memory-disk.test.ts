import { describe, expect, it } from 'vitest';
import { MemoryDisk } from './memory-disk';
import { openFileStore, StoreLockedError } from './open';

const user = (id: string, name: string) => ({ id, name, unit: '测试单位', role: 'member' as const, createdAt: '2025-01-01T00:00:00.000Z', disabledAt: null });

describe('the store on a MemoryDisk', () => {
  it('keeps what was written across a close and reopen, through the log and through a snapshot', async () => {
    const disk = new MemoryDisk();
    let store = await openFileStore('/data', { disk });
    await store.transact((tx) => tx.put('users', user('u1', '甲')));
    await store.close({ compact: false }); // the log alone carries it
    store = await openFileStore('/data', { disk });
    expect((await store.get('users', 'u1'))?.name).toBe('甲');
    await store.transact((tx) => tx.put('users', user('u2', '乙')));
    await store.close(); // compacted into a snapshot
    expect(disk.exists('/data/snapshots')).toBe(true);
    store = await openFileStore('/data', { disk });
    expect((await store.find('users')).map((u) => u.name).sort()).toEqual(['乙', '甲']);
    await store.close();
  });

  it('lets one store at a time hold a directory, as the lock file does', async () => {
    const disk = new MemoryDisk();
    const store = await openFileStore('/data', { disk });
    await expect(openFileStore('/data', { disk })).rejects.toBeInstanceOf(StoreLockedError);
    await store.close();
    await (await openFileStore('/data', { disk })).close();
  });

  it('answers a missing file as the file system does (ENOENT), so the store treats it the same way', async () => {
    const disk = new MemoryDisk();
    await expect(disk.readFile('/nope')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(disk.open('/no/such/dir/file', 'w')).rejects.toMatchObject({ code: 'ENOENT' });
    await disk.mkdir('/a/b');
    const f = await disk.open('/a/b/f', 'a+');
    await f.write(Buffer.from('hello'));
    await f.truncate(2);
    expect((await disk.readFile('/a/b/f')).toString()).toBe('he');
    expect(await disk.readdir('/a')).toEqual(['b']);
  });
});
