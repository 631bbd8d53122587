/**
 * Restoring a backup snapshot: it becomes the newest snapshot, under a new epoch, so every client
 * sees `reset: true` on its next pull and re-pushes its records (which may be newer than the backup).
 */
import { basename } from 'node:path';
import { dropRotatedWal, readWal, rotatedWalPath, walPath } from './wal';
import { acquireLock } from './lock';
import { listSnapshots, readSnapshot, writeSnapshot } from './snapshots';
import { newEpoch } from './file-store';
import { writeFileDurable } from './durable-file';
import { realDisk, type Disk } from './disk';
import { copyBlobs } from './backup';

/** The seq a snapshot's file name carries (readable even when its content is damaged). */
export const seqOfSnapshotFile = (path: string): number => Number(/snapshot-(\d+)\.json$/.exec(basename(path))?.[1] ?? 0);

/** The highest seq anything in the data directory ever handed out, so new seqs can start above it. */
export async function highestSeqOnDisk(disk: Disk, dataDir: string): Promise<number> {
  let highest = 0;
  for (const s of await listSnapshots(disk, dataDir)) highest = Math.max(highest, seqOfSnapshotFile(s));
  for (const log of [rotatedWalPath(dataDir), walPath(dataDir)]) {
    const { entries, damage } = await readWal(disk, log);
    for (const e of entries) highest = Math.max(highest, e.seq);
    for (const d of damage) highest = Math.max(highest, d.seq ?? 0);
  }
  return highest;
}

/**
 * `blobsFrom`: a backup directory (backup.ts) whose 佐证材料 files are copied in too, those not already there;
 * taken on the real file system only.
 */
export async function restoreBackup(
  dataDir: string,
  backupPath: string,
  disk: Disk = realDisk,
  { blobsFrom }: { blobsFrom?: string } = {},
): Promise<{ epoch: string; seq: number }> {
  const lock = acquireLock(dataDir);
  try {
    const backup = await readSnapshot(disk, backupPath);
    // Files before the records that name them, as when they were uploaded.
    if (blobsFrom) await copyBlobs(blobsFrom, dataDir);
    // Seqs keep rising past everything handed out before, so no cursor can mistake old for new.
    const highest = Math.max(backup.seq, await highestSeqOnDisk(disk, dataDir));
    const restored = { ...backup, epoch: newEpoch(), seq: highest + 1, writtenAt: new Date().toISOString() };
    await writeSnapshot(disk, dataDir, restored, 1000);
    await writeFileDurable(disk, walPath(dataDir), '');
    await dropRotatedWal(disk, dataDir);
    return { epoch: restored.epoch, seq: restored.seq };
  } finally {
    lock.release();
  }
}
