/**
 * `npm run admin -- recover`: brings a damaged data directory back into a state the server opens,
 * keeping every entry that is intact and saying exactly what could not be kept.
 *
 * - Snapshots, newest first: the newest that reads without a problem is the base; documents of
 *   damaged newer snapshots that still match their checksums are laid over it (by seq).
 * - Both logs: every line whose checksum holds is replayed (by seq, per document); damaged lines
 *   are reported with the documents they name, and those documents keep their previous version.
 * - The result is written as a fresh snapshot under a **new epoch**: every client's next pull
 *   answers `reset`, and each re-pushes the records it holds, so what the server lost comes back
 *   from the browsers that wrote it.
 * - The damaged files are moved, not deleted, into `damaged-<time>/` beside the data.
 */
import { basename, join } from 'node:path';
import { realDisk, type Disk } from './disk';
import { writeFileDurable, fsyncDir } from './durable-file';
import { newEpoch } from './file-store';
import { COLLECTIONS } from './memory-state';
import { CURRENT_SCHEMA_VERSION, migrate, migrateDocs, type Dump } from './migrations';
import { describeWalDamage } from './open';
import { highestSeqOnDisk } from './restore';
import { SnapshotFile, listSnapshots, writeSnapshot, type SnapshotProblem } from './snapshots';
import { readWal, rotatedWalPath, walPath, type StoredDoc } from './wal';
import type { CollectionName } from './store';

export interface RecoveryReport {
  /** The snapshot used as the base, or null when none was intact. */
  base: string | null;
  /** Documents taken from damaged snapshots because they still matched their checksums. */
  salvaged: number;
  logEntriesReplayed: number;
  /** One plain sentence per thing that could not be kept as it was. */
  notRecovered: string[];
  /** Where the damaged originals were moved. */
  movedTo: string | null;
  epoch: string;
  seq: number;
  documents: number;
}

export async function recoverStore(dataDir: string, disk: Disk = realDisk, now = new Date()): Promise<RecoveryReport> {
  const lock = disk.lock(dataDir);
  try {
    const docs = new Map<CollectionName, Map<string, StoredDoc>>(COLLECTIONS.map((c) => [c, new Map()]));
    const take = (c: string, doc: StoredDoc): boolean => {
      const byId = docs.get(c as CollectionName);
      if (!byId) return false;
      const had = byId.get(doc.id);
      if (had && had.seq >= doc.seq) return false;
      byId.set(doc.id, doc);
      return true;
    };
    const notRecovered: string[] = [];
    const damagedFiles: string[] = [];

    // Snapshots, newest first, until one is intact.
    const snapshots = await listSnapshots(disk, dataDir);
    const salvages: { path: string; collections: Dump; problems: SnapshotProblem[]; schemaVersion: number }[] = [];
    let base: string | null = null;
    for (const path of snapshots) {
      const s = await new SnapshotFile(path, disk).salvage();
      salvages.push({ path, collections: s.collections, problems: s.problems, schemaVersion: s.head?.schemaVersion ?? CURRENT_SCHEMA_VERSION });
      if (s.problems.length === 0 && s.head) {
        base = path;
        break;
      }
      damagedFiles.push(path);
    }
    // Oldest first, so newer versions of a document win.
    let salvaged = 0;
    for (const s of [...salvages].reverse()) {
      const { dump } = migrate(
        { ...(Object.fromEntries(COLLECTIONS.map((c) => [c, []])) as unknown as Dump), ...s.collections },
        Math.min(s.schemaVersion, CURRENT_SCHEMA_VERSION),
      );
      for (const c of COLLECTIONS) for (const doc of dump[c] ?? []) if (take(c, doc) && s.path !== base) salvaged++;
    }

    // Every intact log line, per document by seq; the log was written in the newest snapshot's version.
    const logVersion = Math.min(salvages[0]?.schemaVersion ?? CURRENT_SCHEMA_VERSION, CURRENT_SCHEMA_VERSION);
    let logEntriesReplayed = 0;
    const logDamage: string[] = [];
    for (const log of [rotatedWalPath(dataDir), walPath(dataDir)]) {
      const read = await readWal(disk, log);
      for (const entry of read.entries) {
        logEntriesReplayed++;
        for (const [c, doc] of migrateDocs(entry.puts, logVersion)) take(c, doc);
      }
      if (read.damage.length > 0 || read.tornBytes > 0) damagedFiles.push(log);
      for (const d of read.damage)
        logDamage.push(`${describeWalDamage(d)}：这一次写入的内容未恢复${d.docs?.length ? '，涉及的文档保留其之前的版本（如有）' : ''}`);
      if (read.tornBytes > 0) logDamage.push(`预写日志 ${log} 末尾有 ${read.tornBytes} 字节未写完（崩溃时尚未确认的写入，客户端会重新提交）`);
    }

    // What the damaged snapshots lost, document by document where the file still says which.
    for (const s of salvages) {
      if (s.path === base) continue;
      for (const p of s.problems) {
        const where = `快照 ${basename(s.path)} 第 ${p.line} 行`;
        if (p.id && p.collection) {
          const kept = docs.get(p.collection as CollectionName)?.get(p.id);
          const older = kept && p.seq !== undefined && kept.seq < p.seq ? `（比损坏的那份旧：序号 ${kept.seq}，损坏的是 ${p.seq}）` : '';
          notRecovered.push(
            kept
              ? `${where}（${p.collection}/${p.id}）${p.reason}：已改用序号 ${kept.seq} 的版本${older}`
              : `${where}（${p.collection}/${p.id}）${p.reason}：这份文档无法恢复`,
          );
        } else notRecovered.push(`${where}：${p.reason}${p.collection ? `（${p.collection} 中的一份文档；如较早快照中有它的版本，已使用那个版本）` : ''}`);
      }
    }
    notRecovered.push(...logDamage);
    if (!base && snapshots.length > 0) notRecovered.push('没有一个完好的快照：只能从损坏的快照中取出校验通过的文档');

    // A fresh snapshot, above every seq ever handed out, under a new epoch; then an empty log.
    const seq = (await highestSeqOnDisk(disk, dataDir)) + 1;
    const epoch = newEpoch();
    const collections = Object.fromEntries(COLLECTIONS.map((c) => [c, [...docs.get(c)!.values()].sort((a, b) => a.seq - b.seq)])) as unknown as Dump;
    let movedTo: string | null = null;
    if (damagedFiles.length > 0) {
      movedTo = join(dataDir, `damaged-${now.toISOString().replace(/[:.]/g, '-')}`);
      await disk.mkdir(movedTo);
      for (const f of damagedFiles) await disk.rename(f, join(movedTo, basename(f)));
      await fsyncDir(disk, dataDir);
    }
    await writeSnapshot(disk, dataDir, { schemaVersion: CURRENT_SCHEMA_VERSION, epoch, seq, writtenAt: now.toISOString(), collections }, 1000);
    await writeFileDurable(disk, walPath(dataDir), '');
    await disk.unlink(rotatedWalPath(dataDir)).catch(() => {});
    return {
      base,
      salvaged,
      logEntriesReplayed,
      notRecovered,
      movedTo,
      epoch,
      seq,
      documents: COLLECTIONS.reduce((n, c) => n + docs.get(c)!.size, 0),
    };
  } finally {
    lock.release();
  }
}
