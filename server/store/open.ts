/** Opens the embedded store in DATA_DIR: lock, leftovers of crashes, newest snapshot, migrations, log replay. */
import { FileStore, newEpoch, type FileStoreOptions } from './file-store';
import { MemoryState, COLLECTIONS, deepFreeze } from './memory-state';
import { CURRENT_SCHEMA_VERSION, migrate, migrateDocs, type Dump } from './migrations';
import { SnapshotDamagedError, listSnapshots, readSnapshot, snapshotDir, type Snapshot } from './snapshots';
import { readWal, rotatedWalPath, walPath, type WalDamage } from './wal';
import { realDisk, type Disk } from './disk';
import { removeLeftoverTemps } from './durable-file';
import type { CollectionName } from './store';

export { StoreLockedError } from './lock';
export type { FileStore } from './file-store';

/**
 * The data directory is damaged in a way the store will not guess about. The message says where,
 * in plain words, and what to do: `npm run admin -- recover` keeps every intact entry.
 */
export class StoreDamagedError extends Error {
  constructor(readonly details: string[]) {
    super(
      `数据目录已损坏，服务器没有启动，以免在损坏的数据上继续写入：\n${details.map((d) => `  - ${d}`).join('\n')}\n` +
        '处理办法：先完整备份数据目录，然后运行 npm run admin -- recover。它会保留所有完整的记录，退回到上一个完好的快照，并逐条报告无法恢复的内容。',
    );
    this.name = 'StoreDamagedError';
  }
}

export function describeWalDamage(d: WalDamage): string {
  const what =
    d.seq !== undefined ? `（序号 ${d.seq}${d.docs?.length ? `，涉及 ${d.docs.slice(0, 5).join('、')}${d.docs.length > 5 ? ' 等' : ''}` : ''}）` : '';
  return `预写日志 ${d.path} 第 ${d.line} 行（第 ${d.offset} 字节起，${d.length} 字节）校验失败${what}`;
}

const sizeOf = (doc: unknown) => Buffer.byteLength(JSON.stringify(doc), 'utf8');

export async function openFileStore(dataDir: string, opts: FileStoreOptions = {}): Promise<FileStore> {
  const disk: Disk = opts.disk ?? realDisk;
  await disk.mkdir(dataDir);
  const lock = disk.lock(dataDir);
  try {
    // Half-written snapshots and logs of a crash: never read, only in the way (and on the disk).
    await removeLeftoverTemps(disk, dataDir);
    await removeLeftoverTemps(disk, snapshotDir(dataDir));

    const snapshots = await listSnapshots(disk, dataDir);
    // The newest snapshot is authoritative (the log was emptied after it); if it is damaged we stop rather than guess.
    let snapshot: Snapshot | null = null;
    if (snapshots[0]) {
      try {
        snapshot = await readSnapshot(disk, snapshots[0]);
      } catch (err) {
        if (err instanceof SnapshotDamagedError) {
          const shown = err.problems.slice(0, 5).map((p) => `快照 ${err.path} 第 ${p.line} 行：${p.reason}${p.id ? `（${p.collection}/${p.id}）` : ''}`);
          if (err.problems.length > 5) shown.push(`……共 ${err.problems.length} 处`);
          throw new StoreDamagedError(shown);
        }
        throw err;
      }
    }
    const fromVersion = snapshot?.schemaVersion ?? CURRENT_SCHEMA_VERSION;
    const emptyDump = Object.fromEntries(COLLECTIONS.map((c) => [c, []])) as unknown as Dump;
    const { dump, migrated } = migrate({ ...emptyDump, ...(snapshot?.collections ?? {}) }, fromVersion);

    const state = new MemoryState();
    // Sizes as read from the snapshot's lines, unless a migration rewrote the documents.
    const sizes = migrated ? undefined : snapshot?.sizes;
    for (const c of COLLECTIONS) (dump[c] ?? []).forEach((doc, i) => state.set(c, deepFreeze(doc), sizes?.[c]?.[i] ?? sizeOf(doc)));
    if (snapshot && snapshot.seq > state.seq) state.seq = snapshot.seq;

    // A log set aside by a compaction that did not finish comes first; its entries are older than the live log's.
    const rotated = await readWal(disk, rotatedWalPath(dataDir));
    const wal = await readWal(disk, walPath(dataDir));
    const damage = [...rotated.damage, ...wal.damage].map(describeWalDamage);
    if (rotated.tornBytes > 0 && wal.entries.length > 0) damage.push(`预写日志 ${rotatedWalPath(dataDir)} 末尾不完整，而其后的日志仍有记录`);
    if (damage.length > 0) throw new StoreDamagedError(damage);
    if (wal.tornBytes > 0) console.warn(`[store] 丢弃预写日志末尾未写完的 ${wal.tornBytes} 字节（崩溃时尚未确认的写入）`);
    for (const entry of [...rotated.entries, ...wal.entries]) {
      if (entry.seq <= (snapshot?.seq ?? 0)) continue;
      // The log was written by the same version as its snapshot: its documents take the same migrations.
      for (const [c, doc] of migrateDocs(entry.puts, fromVersion)) state.set(c as CollectionName, deepFreeze(doc), sizeOf(doc));
      if (entry.seq > state.seq) state.seq = entry.seq;
    }

    const store = new FileStore(dataDir, state, snapshot?.epoch ?? newEpoch(), lock, {
      walMaxBytes: opts.walMaxBytes ?? 64 * 1024 * 1024,
      keepSnapshots: opts.keepSnapshots ?? 5,
      onFatal: opts.onFatal ?? ((err) => console.error('[store] 预写日志无法恢复一致，停止接受写入：', err)),
      disk,
      compactionRetryMs: opts.compactionRetryMs ?? 60_000,
    });
    await store.attachWal(wal.validBytes);
    await store.removeBlobLeftovers();
    // A new store persists its epoch at once; a migrated one is rewritten in the new version; a
    // compaction cut short by a crash is finished before the first request.
    if (!snapshot || migrated || rotated.entries.length > 0 || disk.exists(rotatedWalPath(dataDir))) await store.compactBlocking();
    return store;
  } catch (err) {
    lock.release();
    throw err;
  }
}
