import { appendFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileStore, StoreLockedError, type FileStore } from '../../server/store/open';
import { restoreBackup } from '../../server/store/restore';
import { CURRENT_SCHEMA_VERSION } from '../../server/store/migrations';
import type { NewDoc } from '../../server/store/store';

const dirs: string[] = [];
const open: FileStore[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'taizhang-store-'));
  dirs.push(d);
  return d;
}
async function openStore(dir: string, opts?: Parameters<typeof openFileStore>[1]): Promise<FileStore> {
  const s = await openFileStore(dir, opts);
  open.push(s);
  return s;
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.close({ compact: false }).catch(() => {});
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const record = (id: string, content = '内容', ownerId = 'u-1'): NewDoc<'records'> => ({
  id,
  ownerId,
  campaignId: 'k-1',
  fields: { campaignId: 'k-1', kind: 'opinion', content },
  stamps: { content: '1750000000000-0000-c1' },
  createdAt: '2025-06-01T00:00:00.000Z',
  updatedAt: '2025-06-01T00:00:00.000Z',
});

describe('file store', () => {
  it('a transaction that throws keeps nothing it wrote', async () => {
    const s = await openStore(tempDir());
    await s.transact((tx) => tx.put('records', record('r-1')));
    const seq = (await s.meta()).seq;
    await expect(
      s.transact(async (tx) => {
        await tx.put('records', record('r-1', '改了'));
        await tx.put('records', record('r-2'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await s.get('records', 'r-1'))?.fields.content).toBe('内容');
    expect(await s.get('records', 'r-2')).toBeUndefined();
    expect(await s.find('records', { campaignId: 'k-1' })).toHaveLength(1);
    expect((await s.changedSince(['records'], seq - 1, 10)).map((c) => c.doc.id)).toEqual(['r-1']);
  });

  it('a transaction that throws after writing does not stall the read-only transactions after it', async () => {
    const s = await openStore(tempDir());
    await s.transact((tx) => tx.put('records', record('r-1')));
    await expect(
      s.transact(async (tx) => {
        await tx.put('records', record('r-2'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const timedOut = Symbol('timed out');
    const readOnly = s.transact(async (tx) => (await tx.get('records', 'r-1'))?.id);
    const answer = await Promise.race([readOnly, new Promise((resolve) => setTimeout(() => resolve(timedOut), 2000))]);
    expect(answer).toBe('r-1');
    // Later writes still get fresh seqs and are pulled after what came before.
    const seq = (await s.meta()).seq;
    await s.transact((tx) => tx.put('records', record('r-3')));
    expect((await s.changedSince(['records'], seq, 10)).map((c) => c.doc.id)).toEqual(['r-3']);
    expect(await s.get('records', 'r-2')).toBeUndefined();
  });

  it('finds by indexed fields and keeps indexes current when a document changes', async () => {
    const s = await openStore(tempDir());
    await s.transact(async (tx) => {
      await tx.put('records', record('r-1', 'a', 'u-1'));
      await tx.put('records', record('r-2', 'b', 'u-2'));
    });
    await s.transact((tx) => tx.put('records', { ...record('r-2', 'b', 'u-1') }));
    expect((await s.find('records', { ownerId: 'u-1' })).map((r) => r.id).sort()).toEqual(['r-1', 'r-2']);
    expect(await s.find('records', { ownerId: 'u-2' })).toEqual([]);
  });

  it('replays the write-ahead log after a stop without a snapshot', async () => {
    const dir = tempDir();
    const s = await openStore(dir);
    for (let i = 0; i < 50; i++) await s.transact((tx) => tx.put('records', record(`r-${i}`, `第${i}条`)));
    const meta = await s.meta();
    await s.close({ compact: false });
    expect(readFileSync(path.join(dir, 'wal.log'), 'utf8').trim().split('\n')).toHaveLength(50);
    const again = await openStore(dir);
    expect(await again.meta()).toEqual(meta);
    expect((await again.get('records', 'r-49'))?.fields.content).toBe('第49条');
    expect(await again.find('records')).toHaveLength(50);
  });

  it('drops a torn final log line (never acknowledged) and keeps appending after the good prefix', async () => {
    const dir = tempDir();
    const s = await openStore(dir);
    await s.transact((tx) => tx.put('records', record('r-1')));
    await s.close({ compact: false });
    appendFileSync(path.join(dir, 'wal.log'), '{"seq":99,"puts":[["records",{"id":"r-torn"');
    const s2 = await openStore(dir);
    expect(await s2.get('records', 'r-torn')).toBeUndefined();
    await s2.transact((tx) => tx.put('records', record('r-2')));
    await s2.close({ compact: false });
    const s3 = await openStore(dir);
    expect((await s3.find('records')).map((r) => r.id).sort()).toEqual(['r-1', 'r-2']);
  });

  it('refuses to guess when a line in the middle of the log is damaged', async () => {
    const dir = tempDir();
    const s = await openStore(dir);
    await s.transact((tx) => tx.put('records', record('r-1')));
    await s.transact((tx) => tx.put('records', record('r-2')));
    await s.close({ compact: false });
    const wal = path.join(dir, 'wal.log');
    const lines = readFileSync(wal, 'utf8').split('\n');
    lines[0] = lines[0]!.replace('内容', '篡改');
    writeFileSync(wal, lines.join('\n'));
    await expect(openFileStore(dir)).rejects.toThrow(/损坏/);
  });

  it('one writer per data dir: a second open names the holder; a dead holder’s lock is taken over', async () => {
    const dir = tempDir();
    await openStore(dir);
    const err = await openFileStore(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreLockedError);
    expect((err as Error).message).toContain(`进程 ${process.pid}`);
    expect((err as Error).message).toMatch(/主机 .+，启动于 \d{4}-/);

    const other = tempDir();
    writeFileSync(path.join(other, 'LOCK'), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), startedAt: '2025-01-01T00:00:00.000Z' }));
    const s = await openStore(other);
    expect(JSON.parse(readFileSync(path.join(other, 'LOCK'), 'utf8')).pid).toBe(process.pid);
    await s.close();
    expect(readdirSync(other)).not.toContain('LOCK');
  });

  it('concurrent transactions share fsyncs (group commit)', async () => {
    const s = await openStore(tempDir());
    const before = s.walStats().flushes;
    await Promise.all(Array.from({ length: 200 }, (_, i) => s.transact((tx) => tx.put('records', record(`r-${i}`)))));
    const flushes = s.walStats().flushes - before;
    expect(flushes).toBeGreaterThan(0);
    expect(flushes).toBeLessThan(100);
    expect(await s.find('records')).toHaveLength(200);
  });

  it('the bytes a small write adds do not grow with the size of the store', async () => {
    const s = await openStore(tempDir());
    const sizeOfOneWrite = async (id: string) => {
      const before = s.walStats().bytes;
      await s.transact((tx) => tx.put('records', record(id)));
      return s.walStats().bytes - before;
    };
    const small = await sizeOfOneWrite('r-first');
    for (let b = 0; b < 20; b++)
      await s.transact(async (tx) => {
        for (let i = 0; i < 1000; i++) await tx.put('records', record(`r-${b}-${i}`));
      });
    const large = await sizeOfOneWrite('r-last');
    expect(large).toBeLessThanOrEqual(small + 10);
  });

  it('compacts into rotating snapshots and reloads the same state', async () => {
    const dir = tempDir();
    const s = await openStore(dir, { walMaxBytes: 4_000, keepSnapshots: 3 });
    for (let i = 0; i < 120; i++) await s.transact((tx) => tx.put('records', record(`r-${i % 40}`, `v${i}`)));
    await s.compact();
    const snaps = readdirSync(path.join(dir, 'snapshots'));
    expect(snaps.length).toBe(3);
    const meta = await s.meta();
    await s.close({ compact: false });
    const again = await openStore(dir);
    expect(await again.meta()).toEqual(meta);
    expect((await again.get('records', 'r-39'))?.fields.content).toBe('v119');
  });

  it('compaction holds writes only while the log is switched: a write made during the snapshot is acknowledged first and kept', async () => {
    const dir = tempDir();
    const s = await openStore(dir);
    for (let b = 0; b < 10; b++)
      await s.transact(async (tx) => {
        for (let i = 0; i < 2000; i++) await tx.put('records', record(`r-${b}-${i}`, '压缩前'));
      });
    const order: string[] = [];
    const compaction = s.compact().then(() => order.push('compacted'));
    // Queued behind the log switch, this write then runs while 20k documents are being written out.
    await s.transact((tx) => tx.put('records', record('r-during', '压缩中')));
    order.push('write acknowledged');
    await compaction;
    expect(order).toEqual(['write acknowledged', 'compacted']);

    // The snapshot holds the state as of the switch; the write made during it is in the new log only.
    const snaps = readdirSync(path.join(dir, 'snapshots')).sort();
    const snapshot = JSON.parse(readFileSync(path.join(dir, 'snapshots', snaps.at(-1)!), 'utf8'));
    expect(snapshot.collections.records).toHaveLength(20_000);
    expect(readFileSync(path.join(dir, 'wal.log'), 'utf8')).toContain('r-during');
    expect(readdirSync(dir)).not.toContain('wal.rotated.log');

    const meta = await s.meta();
    await s.close({ compact: false });
    const again = await openStore(dir);
    expect(await again.meta()).toEqual(meta);
    expect(await again.find('records')).toHaveLength(20_001);
    expect((await again.get('records', 'r-during'))?.fields.content).toBe('压缩中');
  });

  it('a crash between setting the log aside and the snapshot loses nothing: both logs are replayed, then compacted', async () => {
    const dir = tempDir();
    const s = await openStore(dir);
    for (let i = 0; i < 30; i++) await s.transact((tx) => tx.put('records', record(`r-${i}`, `v${i}`)));
    const meta = await s.meta();
    await s.close({ compact: false });
    // What a crash right after the switch leaves: the older entries set aside, the newer ones in the live log.
    const lines = readFileSync(path.join(dir, 'wal.log'), 'utf8').split('\n').filter(Boolean);
    writeFileSync(
      path.join(dir, 'wal.rotated.log'),
      lines
        .slice(0, 20)
        .map((l) => `${l}\n`)
        .join(''),
    );
    writeFileSync(
      path.join(dir, 'wal.log'),
      lines
        .slice(20)
        .map((l) => `${l}\n`)
        .join(''),
    );
    const again = await openStore(dir);
    expect(await again.meta()).toEqual(meta);
    expect(await again.find('records')).toHaveLength(30);
    expect((await again.get('records', 'r-29'))?.fields.content).toBe('v29');
    // Opening finished the compaction: one snapshot holds it all and the set-aside log is gone.
    expect(readdirSync(dir)).not.toContain('wal.rotated.log');
    expect(readFileSync(path.join(dir, 'wal.log'), 'utf8')).toBe('');
  });

  it('a set-aside log left after its snapshot was written is skipped, not applied twice', async () => {
    const dir = tempDir();
    const s = await openStore(dir);
    for (let i = 0; i < 10; i++) await s.transact((tx) => tx.put('records', record('r-1', `旧${i}`)));
    const oldLog = readFileSync(path.join(dir, 'wal.log'), 'utf8');
    await s.compact();
    await s.transact((tx) => tx.put('records', record('r-1', '新')));
    const meta = await s.meta();
    await s.close({ compact: false });
    // A crash after the snapshot's rename but before the old log was removed.
    writeFileSync(path.join(dir, 'wal.rotated.log'), oldLog);
    const again = await openStore(dir);
    expect(await again.meta()).toEqual(meta);
    expect((await again.get('records', 'r-1'))?.fields.content).toBe('新');
  });

  it('migrates an older snapshot at open and stores it in the current version', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'snapshots'), { recursive: true });
    const old = {
      schemaVersion: 0,
      epoch: 'e-old',
      seq: 3,
      writtenAt: '',
      collections: { users: [{ id: 'u-1', seq: 3, name: '甲', unit: '一院', role: 'member', createdAt: '' }] },
    };
    writeFileSync(path.join(dir, 'snapshots', 'snapshot-0000000000000003.json'), JSON.stringify(old));
    const s = await openStore(dir);
    expect((await s.meta()).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect((await s.get('users', 'u-1'))?.name).toBe('甲');
    expect(await s.find('clients')).toEqual([]);
    const newest = readdirSync(path.join(dir, 'snapshots')).sort().pop()!;
    expect(JSON.parse(readFileSync(path.join(dir, 'snapshots', newest), 'utf8')).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('migrates the log written after an older snapshot too, not only the snapshot (items gain 整改目标 in version 2)', async () => {
    const dir = tempDir();
    const item = (id: string) => ({ id, campaignId: 'k-1', list: 'task', title: id, status: 'open', createdAt: '', updatedAt: '' });
    const s = await openStore(dir);
    // A version-1 server wrote this after its snapshot: an item without `target`, in the log only.
    await s.transact((tx) => tx.put('items', item('i-log') as never));
    await s.close({ compact: false });
    open.splice(open.indexOf(s), 1);
    const [snapshotFile] = readdirSync(path.join(dir, 'snapshots'));
    const head = JSON.parse(
      readFileSync(path.join(dir, 'snapshots', snapshotFile!), 'utf8')
        .split('\n')[0]!
        .replace(/,"collections":\{$/, '}'),
    );
    writeFileSync(
      path.join(dir, 'snapshots', snapshotFile!),
      JSON.stringify({ ...head, schemaVersion: 1, collections: { items: [{ ...item('i-snap'), seq: head.seq }] } }),
    );
    const again = await openStore(dir);
    expect((await again.get('items', 'i-snap'))?.target).toBe('');
    expect((await again.get('items', 'i-log'))?.target).toBe('');
    expect((await again.meta()).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('restoring a backup brings its state back under a new epoch with seqs still rising', async () => {
    const dir = tempDir();
    const s = await openStore(dir, { keepSnapshots: 10 });
    await s.transact((tx) => tx.put('records', record('r-1', '备份时')));
    await s.compact();
    const backup = path.join(dir, 'snapshots', readdirSync(path.join(dir, 'snapshots')).sort().pop()!);
    await s.transact((tx) => tx.put('records', record('r-1', '备份后')));
    const before = await s.meta();
    await s.close();
    open.splice(open.indexOf(s), 1);
    await restoreBackup(dir, backup);
    const r = await openStore(dir);
    const meta = await r.meta();
    expect(meta.epoch).not.toBe(before.epoch);
    expect(meta.seq).toBeGreaterThan(before.seq);
    expect((await r.get('records', 'r-1'))?.fields.content).toBe('备份时');
  });
});
