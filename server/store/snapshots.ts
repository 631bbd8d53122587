/**
 * Snapshots of the whole store, read through lowdb with a durable adapter and written in chunks;
 * the last few are kept as backups.
 */
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DurableJsonFile, writeAll, writeDurably } from './durable-file';
import type { Dump } from './migrations';

/** Documents serialised per write: big enough that writes stay few, small enough that no chunk holds the event loop for long. */
const DOCS_PER_CHUNK = 500;

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

/**
 * Writes the snapshot durably (temp file, fsync, rename, fsync of the directory) as a stream of
 * chunks, each awaited, so a 100k-record snapshot never blocks the event loop for the whole
 * JSON.stringify: requests keep being served between chunks. The file is the same JSON lowdb reads.
 * `snapshot.collections` must not change while this runs (the store hands over the documents as of
 * one seq; stored documents are replaced, never changed in place).
 */
export async function writeSnapshot(dataDir: string, snapshot: Snapshot, keep: number): Promise<string> {
  await mkdir(snapshotDir(dataDir), { recursive: true });
  const path = join(snapshotDir(dataDir), snapshotName(snapshot.seq));
  await writeDurably(path, async (handle) => {
    const { collections, ...head } = snapshot;
    await writeAll(handle, `${JSON.stringify(head).slice(0, -1)},"collections":{`);
    let firstCollection = true;
    for (const [name, docs] of Object.entries(collections) as [string, unknown[]][]) {
      await writeAll(handle, `${firstCollection ? '' : ','}${JSON.stringify(name)}:[`);
      firstCollection = false;
      for (let i = 0; i < docs.length; i += DOCS_PER_CHUNK) {
        const chunk = JSON.stringify(docs.slice(i, i + DOCS_PER_CHUNK)).slice(1, -1);
        await writeAll(handle, i === 0 ? chunk : `,${chunk}`);
      }
      await writeAll(handle, ']');
    }
    await writeAll(handle, '}}');
  });
  const all = await listSnapshots(dataDir);
  for (const old of all.slice(Math.max(1, keep))) await unlink(old).catch(() => {});
  return path;
}
