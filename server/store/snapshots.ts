/** Snapshots of the whole store, written through lowdb with a durable adapter; the last few are kept as backups. */
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DurableJsonFile } from './durable-file';
import type { Dump } from './migrations';

export interface Snapshot {
  schemaVersion: number;
  epoch: string;
  seq: number;
  writtenAt: string;
  collections: Dump;
}

const NAME = /^snapshot-(\d{16})\.json$/;
export const snapshotDir = (dataDir: string) => join(dataDir, 'snapshots');
export const snapshotName = (seq: number) => `snapshot-${String(seq).padStart(16, '0')}.json`;

/** Snapshot files, newest first. */
export async function listSnapshots(dataDir: string): Promise<string[]> {
  await mkdir(snapshotDir(dataDir), { recursive: true });
  const names = (await readdir(snapshotDir(dataDir))).filter((n) => NAME.test(n)).sort().reverse();
  return names.map((n) => join(snapshotDir(dataDir), n));
}

export async function readSnapshot(path: string): Promise<Snapshot> {
  const db = new Low<Snapshot | null>(new DurableJsonFile<Snapshot | null>(path), null);
  await db.read();
  if (!db.data || typeof db.data.seq !== 'number' || typeof db.data.epoch !== 'string') throw new Error(`快照文件 ${path} 无法读取`);
  return db.data;
}

export async function writeSnapshot(dataDir: string, snapshot: Snapshot, keep: number): Promise<string> {
  await mkdir(snapshotDir(dataDir), { recursive: true });
  const path = join(snapshotDir(dataDir), snapshotName(snapshot.seq));
  const db = new Low<Snapshot>(new DurableJsonFile<Snapshot>(path), snapshot);
  await db.write();
  const all = await listSnapshots(dataDir);
  for (const old of all.slice(Math.max(1, keep))) await unlink(old).catch(() => {});
  return path;
}
