/**
 * Backups of a data directory that a server may be writing at that moment (`npm run admin -- backup <dir>`).
 *
 * The store is crash-consistent: the newest snapshot plus any prefix of the log after it is a state the
 * server could have stopped in. Snapshots are never changed once renamed into place and the log is only
 * appended to, so copying the newest snapshot and then the logs gives such a state, unless a compaction
 * switched them meanwhile; that is seen (the newest snapshot or the rotated log changed) and the copy is
 * taken again. The copy is then opened as a store of its own, which checks every checksum and folds the
 * log into one fresh snapshot: a backup that does not load fails here, tonight, not on the day it is needed.
 * Blobs (佐证材料) are named by their hash and never rewritten; one already in the previous backup is
 * hard-linked from there instead of copied again.
 *
 * The result is itself a data directory: `restore-backup <backup>` restores it, and a server can run on a
 * copy of it.
 */
import { copyFile, link, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { openFileStore } from './open';
import { listSnapshots, snapshotDir } from './snapshots';
import { rotatedWalPath, walPath } from './wal';
import { blobDir } from './blobs';
import { realDisk } from './disk';

export interface BackupReport {
  /** The backup: a data directory of its own. */
  dir: string;
  /** Its one snapshot, which restore-backup takes. */
  snapshot: string;
  documents: number;
  blobsCopied: number;
  blobsLinked: number;
}

const BACKUP_NAME = /^taizhang-\d{8}T\d{6}Z$/;

/** The newest snapshot, read without writing anything (the backup service may see DATA_DIR read-only). */
async function newestSnapshot(dataDir: string): Promise<string | undefined> {
  const names = existsSync(snapshotDir(dataDir)) ? await readdir(snapshotDir(dataDir)) : [];
  const newest = names
    .filter((n) => /^snapshot-\d+\.json$/.test(n))
    .sort()
    .pop();
  return newest && join(snapshotDir(dataDir), newest);
}

/** What a compaction changes: the newest snapshot's name and whether a log is set aside. */
async function logPosition(dataDir: string): Promise<string> {
  return `${(await newestSnapshot(dataDir)) ?? ''}|${existsSync(rotatedWalPath(dataDir))}`;
}

async function copyIfThere(from: string, to: string): Promise<void> {
  try {
    await copyFile(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/**
 * Copies the newest snapshot and the logs after it, again if a compaction moved them during the copy.
 * A busy server compacts now and then, not continuously: waiting a little longer before each new try
 * (about 1–2 s in all) lets a copy fall between two compactions even on a loaded machine.
 */
const COPY_ATTEMPTS = 12;

async function copyStoreFiles(dataDir: string, into: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await rm(into, { recursive: true, force: true });
    await mkdir(snapshotDir(into), { recursive: true });
    const before = await logPosition(dataDir);
    const newest = await newestSnapshot(dataDir);
    try {
      if (newest) await copyFile(newest, join(snapshotDir(into), basename(newest)));
      // The set-aside log first: its entries come before the live log's.
      await copyIfThere(rotatedWalPath(dataDir), rotatedWalPath(into));
      await copyIfThere(walPath(dataDir), walPath(into));
      if ((await logPosition(dataDir)) === before) return;
    } catch (err) {
      // The snapshot went (five newer ones were written meanwhile): look again.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= COPY_ATTEMPTS) throw err;
    }
    if (attempt >= COPY_ATTEMPTS) throw new Error(`数据目录 ${dataDir} 在复制时一再压缩，未能取得一致的副本，请稍后再试`);
    await new Promise((resolve) => setTimeout(resolve, 20 * attempt * (0.5 + Math.random())));
  }
}

/** Copies every blob not yet in `to`, hard-linking it from `previous` when that backup has it. */
export async function copyBlobs(from: string, to: string, previous?: string): Promise<{ copied: number; linked: number }> {
  let copied = 0;
  let linked = 0;
  if (!existsSync(blobDir(from))) return { copied, linked };
  for (const prefix of await readdir(blobDir(from))) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    await mkdir(join(blobDir(to), prefix), { recursive: true });
    for (const name of await readdir(join(blobDir(from), prefix))) {
      if (!/^[0-9a-f]{64}$/.test(name)) continue; // temp files of a write in progress
      const target = join(blobDir(to), prefix, name);
      if (existsSync(target)) continue;
      const earlier = previous && join(blobDir(previous), prefix, name);
      if (earlier && existsSync(earlier)) {
        try {
          await link(earlier, target);
          linked++;
          continue;
        } catch {
          /* another file system: copy */
        }
      }
      await copyFile(join(blobDir(from), prefix, name), target);
      copied++;
    }
  }
  return { copied, linked };
}

/** The snapshot restore-backup takes from `path`: the file itself, or the newest in a backup directory. */
export async function snapshotOfBackup(path: string): Promise<{ snapshot: string; backupDir?: string }> {
  if (!(await stat(path)).isDirectory()) return { snapshot: path };
  const [snapshot] = await listSnapshots(realDisk, path);
  if (!snapshot) throw new Error(`${path} 中没有快照`);
  return { snapshot, backupDir: path };
}

const stampOf = (now: Date) =>
  now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/** The backups in `backupsDir`, newest first. */
export async function listBackups(backupsDir: string): Promise<string[]> {
  if (!existsSync(backupsDir)) return [];
  return (await readdir(backupsDir))
    .filter((n) => BACKUP_NAME.test(n))
    .sort()
    .reverse()
    .map((n) => join(backupsDir, n));
}

/** Takes a backup of `dataDir` into `backupsDir/taizhang-<UTC time>/`; a server may be running on `dataDir`. */
export async function backupDataDir(dataDir: string, backupsDir: string, now = new Date()): Promise<BackupReport> {
  if (!existsSync(dataDir)) throw new Error(`数据目录 ${dataDir} 不存在`);
  await mkdir(backupsDir, { recursive: true });
  const [previous] = await listBackups(backupsDir);
  const dir = join(backupsDir, `taizhang-${stampOf(now)}`);
  if (existsSync(dir)) throw new Error(`备份 ${dir} 已存在`);
  // Built under a name listBackups ignores, renamed when whole: a cut-short backup is never taken for one.
  const partial = `${dir}.partial`;
  await copyStoreFiles(dataDir, partial);
  const store = await openFileStore(partial, { keepSnapshots: 1 });
  const documents = Object.values(store.stats()).reduce((a, b) => a + b, 0);
  await store.close();
  // After the store: a blob is written before the record that names it, so every blob named is there.
  const blobs = await copyBlobs(dataDir, partial, previous);
  const [snapshot] = await listSnapshots(realDisk, partial);
  if (!snapshot || !(await stat(snapshot)).isFile()) throw new Error('备份中没有快照');
  await rename(partial, dir);
  return { dir, snapshot: join(snapshotDir(dir), basename(snapshot)), documents, blobsCopied: blobs.copied, blobsLinked: blobs.linked };
}

/** Removes all but the newest `keep` backups (and any left half-made); returns what it removed. */
export async function pruneBackups(backupsDir: string, keep: number): Promise<string[]> {
  const removed = (await listBackups(backupsDir)).slice(Math.max(1, keep));
  if (existsSync(backupsDir)) for (const n of await readdir(backupsDir)) if (n.endsWith('.partial')) removed.push(join(backupsDir, n));
  for (const dir of removed) await rm(dir, { recursive: true, force: true });
  return removed;
}
