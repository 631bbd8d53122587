/** Opens the embedded store in DATA_DIR: lock, newest snapshot, migrations, log replay. */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { FileStore, newEpoch, type FileStoreOptions } from './file-store';
import { acquireLock } from './lock';
import { MemoryState, COLLECTIONS } from './memory-state';
import { CURRENT_SCHEMA_VERSION, migrate, type Dump } from './migrations';
import { listSnapshots, readSnapshot, type Snapshot } from './snapshots';
import { readWal, rotatedWalPath, walPath, WalCorruptError } from './wal';
import type { CollectionName } from './store';

export { StoreLockedError } from './lock';
export type { FileStore } from './file-store';

export async function openFileStore(dataDir: string, opts: FileStoreOptions = {}): Promise<FileStore> {
  await mkdir(dataDir, { recursive: true });
  const lock = acquireLock(dataDir);
  try {
    const snapshots = await listSnapshots(dataDir);
    // The newest snapshot is authoritative (the log was emptied after it); if it cannot be read we stop rather than guess.
    const snapshot: Snapshot | null = snapshots[0] ? await readSnapshot(snapshots[0]) : null;
    const fromVersion = snapshot?.schemaVersion ?? CURRENT_SCHEMA_VERSION;
    const emptyDump = Object.fromEntries(COLLECTIONS.map((c) => [c, []])) as unknown as Dump;
    const { dump, migrated } = migrate({ ...emptyDump, ...(snapshot?.collections ?? {}) }, fromVersion);

    const state = new MemoryState();
    for (const c of COLLECTIONS) for (const doc of dump[c] ?? []) state.set(c, doc);
    if (snapshot && snapshot.seq > state.seq) state.seq = snapshot.seq;

    // A log set aside by a compaction that did not finish comes first; its entries are older than the live log's.
    const rotated = await readWal(rotatedWalPath(dataDir));
    const wal = await readWal(walPath(dataDir));
    if (wal.tornBytes > 0) console.warn(`[store] 丢弃预写日志末尾未完成的 ${wal.tornBytes} 字节（崩溃时未确认的写入）`);
    if (rotated.tornBytes > 0 && wal.entries.length > 0) {
      throw new WalCorruptError(`预写日志 ${rotatedWalPath(dataDir)} 末尾损坏，而其后的日志仍有记录；请从备份恢复`);
    }
    for (const entry of [...rotated.entries, ...wal.entries]) {
      if (entry.seq <= (snapshot?.seq ?? 0)) continue;
      for (const [c, doc] of entry.puts) state.set(c as CollectionName, doc);
      if (entry.seq > state.seq) state.seq = entry.seq;
    }

    const store = new FileStore(dataDir, state, snapshot?.epoch ?? newEpoch(), lock, {
      walMaxBytes: opts.walMaxBytes ?? 64 * 1024 * 1024,
      keepSnapshots: opts.keepSnapshots ?? 5,
      onFatal: opts.onFatal ?? ((err) => console.error('[store] 写入磁盘失败，停止接受写入：', err)),
    });
    await store.attachWal(wal.validBytes);
    // A new store persists its epoch at once; a migrated one is rewritten in the new version; a
    // compaction cut short by a crash is finished before the first request.
    if (!snapshot || migrated || rotated.entries.length > 0 || existsSync(rotatedWalPath(dataDir))) await store.compactBlocking();
    return store;
  } catch (err) {
    lock.release();
    throw err;
  }
}
