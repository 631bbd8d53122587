/**
 * Restoring a backup snapshot: it becomes the newest snapshot, under a new epoch, so every client
 * sees `reset: true` on its next pull and re-pushes its records (which may be newer than the backup).
 */
import { dropRotatedWal, readWal, rotatedWalPath, walPath } from './wal';
import { acquireLock } from './lock';
import { listSnapshots, readSnapshot, writeSnapshot } from './snapshots';
import { newEpoch } from './file-store';
import { writeFileDurable } from './durable-file';

export async function restoreBackup(dataDir: string, backupPath: string): Promise<{ epoch: string; seq: number }> {
  const lock = acquireLock(dataDir);
  try {
    const backup = await readSnapshot(backupPath);
    const newest = (await listSnapshots(dataDir))[0];
    const logged = [...(await readWal(rotatedWalPath(dataDir))).entries, ...(await readWal(walPath(dataDir))).entries];
    // Seqs keep rising past everything handed out before, so no cursor can mistake old for new.
    const highest = logged.reduce((max, e) => Math.max(max, e.seq), Math.max(backup.seq, newest ? (await readSnapshot(newest)).seq : 0));
    const restored = { ...backup, epoch: newEpoch(), seq: highest + 1, writtenAt: new Date().toISOString() };
    await writeSnapshot(dataDir, restored, 1000);
    await writeFileDurable(walPath(dataDir), '');
    await dropRotatedWal(dataDir);
    return { epoch: restored.epoch, seq: restored.seq };
  } finally {
    lock.release();
  }
}
