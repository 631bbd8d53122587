/**
 * A failed durable write leaves the store exactly as it was, and the store goes on serving:
 * proved by fault injection through the store's Disk (a full disk, a write cut short, an fsync that
 * reports EIO, a snapshot that cannot be written).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileStore, type FileStore } from '../../server/store/open';
import { COLLECTIONS } from '../../server/store/memory-state';
import { StoreUnavailableError, type NewDoc } from '../../server/store/store';
import { FaultyDisk } from '../support/faulty-disk';

const dirs: string[] = [];
const open: FileStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close({ compact: false }).catch(() => {});
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function setUp(opts: Parameters<typeof openFileStore>[1] = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-faults-'));
  dirs.push(dir);
  const disk = new FaultyDisk();
  const s = await openFileStore(dir, { disk, ...opts });
  open.push(s);
  for (let i = 0; i < 20; i++) await s.transact((tx) => tx.put('records', record(`r-${i}`, `原有${i}`)));
  return { dir, disk, s };
}

const record = (id: string, content: string): NewDoc<'records'> => ({
  id,
  ownerId: 'u-1',
  campaignId: 'k-1',
  fields: { campaignId: 'k-1', kind: 'opinion', content },
  stamps: { content: '1750000000000-0000-c1' },
  createdAt: '2025-06-01T00:00:00.000Z',
  updatedAt: '2025-06-01T00:00:00.000Z',
});

/** Everything a reader can observe: meta, every document (by id), the counts and bytes, the first page of changes. */
async function observable(s: FileStore): Promise<string> {
  const parts: unknown[] = [await s.meta()];
  for (const c of COLLECTIONS) {
    parts.push((await s.find(c)).slice().sort((a, b) => a.id.localeCompare(b.id)));
    parts.push(await s.tally(c));
  }
  parts.push(await s.tally('records', { ownerId: 'u-1' }));
  parts.push((await s.changedSince(['records'], 0, 1000)).map((ch) => [ch.doc.id, ch.doc.seq]));
  return JSON.stringify(parts);
}

const walBytes = (dir: string) => readFileSync(path.join(dir, 'wal.log'));

describe('a failed durable write', () => {
  it.each([
    ['the disk is full (write throws ENOSPC)', { op: 'write' as const, path: /wal\.log$/ }],
    ['the disk fills up mid-line (part written, then ENOSPC)', { op: 'write' as const, path: /wal\.log$/, partialBytes: 37 }],
    ['fsync reports an I/O error', { op: 'datasync' as const, path: /wal\.log$/, code: 'EIO' as const }],
  ])('when %s: nothing is acknowledged, the state is byte-identical, the log is cut back, the next write succeeds', async (_name, fault) => {
    const { dir, disk, s } = await setUp();
    const before = await observable(s);
    const logBefore = walBytes(dir);

    disk.arm(fault);
    const err = await s
      .transact(async (tx) => {
        await tx.put('records', record('r-new', '新的'));
        await tx.put('records', record('r-3', '改了'));
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect(disk.fired).toHaveLength(1);

    expect(await observable(s)).toBe(before);
    expect(walBytes(dir).equals(logBefore)).toBe(true);

    await s.transact((tx) => tx.put('records', record('r-after', '之后')));
    expect((await s.get('records', 'r-after'))?.fields.content).toBe('之后');
    expect(await s.get('records', 'r-new')).toBeUndefined();
    expect((await s.get('records', 'r-3'))?.fields.content).toBe('原有3');

    // What the disk holds is what memory holds.
    const meta = await s.meta();
    const expected = await observable(s);
    await s.close({ compact: false });
    const again = await openFileStore(dir);
    open.push(again);
    expect(await again.meta()).toEqual(meta);
    expect(await observable(again)).toBe(expected);
  });

  it('undoes every transaction that was waiting in the same group or behind it, newest first, and answers each with the error', async () => {
    const { disk, s } = await setUp();
    const before = await observable(s);
    disk.arm({ op: 'write', path: /wal\.log$/ });
    // A chain of edits to one document across many concurrent transactions: undoing them in the wrong order would leave a middle version.
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => s.transact((tx) => tx.put('records', record('r-5', `第${i}次`)))));
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
    // Whatever was acknowledged is there; whatever failed left no trace.
    const acknowledged = results.map((r, i) => (r.status === 'fulfilled' ? i : -1)).filter((i) => i >= 0);
    if (acknowledged.length === 0) expect(await observable(s)).toBe(before);
    else expect((await s.get('records', 'r-5'))?.fields.content).toBe(`第${Math.max(...acknowledged)}次`);
    await s.transact((tx) => tx.put('records', record('r-5', '恢复后')));
    expect((await s.get('records', 'r-5'))?.fields.content).toBe('恢复后');
  });

  it('a transaction that read the doomed state while the write failed is undone too, and a read-only one does not hang', async () => {
    const { disk, s } = await setUp();
    const before = await observable(s);
    disk.arm({ op: 'datasync', path: /wal\.log$/, code: 'EIO' });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = s.transact((tx) => tx.put('records', record('r-1', '第一')));
    // Reads what `first` wrote, then waits inside its transaction while `first`'s fsync fails.
    const second = s.transact(async (tx) => {
      const seen = await tx.get('records', 'r-1');
      await gate;
      await tx.put('records', record('r-2', `看到：${String(seen?.fields.content)}`));
    });
    // The undo waits for the running transaction (it holds the write lock), then takes it back too.
    await expect.poll(() => disk.fired.length).toBe(1);
    release();
    await expect(first).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(second).rejects.toBeInstanceOf(StoreUnavailableError);
    // A read-only transaction (a pull reads the client's lastMutationID this way) answers at once.
    await expect(s.transact((tx) => tx.get('records', 'r-1'))).resolves.toMatchObject({ fields: { content: '原有1' } });
    expect(await observable(s)).toBe(before);
  });

  it('a snapshot that cannot be written (full disk during compaction) loses nothing and leaves no temporary file', async () => {
    const { dir, disk, s } = await setUp();
    const before = await observable(s);
    disk.arm({ op: 'write', path: /snapshot-.*\.tmp$/, partialBytes: 100 });
    await expect(s.compact()).rejects.toThrow(/ENOSPC/);
    expect(await observable(s)).toBe(before);
    expect(readdirSync(path.join(dir, 'snapshots')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await s.transact((tx) => tx.put('records', record('r-after', '之后')));
    await s.compact();
    const expected = await observable(s);
    await s.close({ compact: false });
    const again = await openFileStore(dir);
    open.push(again);
    expect(await observable(again)).toBe(expected);
  });

  it('only when the log cannot even be cut back does the store stop: onFatal is called and writes are refused, memory still equal to the disk', async () => {
    let fatal: Error | null = null;
    const { disk, s } = await setUp({ onFatal: (e) => (fatal = e) });
    const before = await observable(s);
    disk.arm({ op: 'write', path: /wal\.log$/, partialBytes: 10 }).arm({ op: 'truncate', path: /wal\.log$/, code: 'EIO' });
    await expect(s.transact((tx) => tx.put('records', record('r-new', '新')))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect.poll(() => fatal).not.toBeNull();
    expect(await observable(s)).toBe(before);
    await expect(s.transact((tx) => tx.put('records', record('r-x', 'x')))).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('a document that cannot be serialised (nested far too deep) fails its own transaction before anything changes', async () => {
    const { s } = await setUp();
    const before = await observable(s);
    const deep: Record<string, unknown> = {};
    let cur = deep;
    for (let i = 0; i < 200_000; i++) cur = (cur.x = {}) as Record<string, unknown>;
    const doc = { ...record('r-deep', '深'), fields: { campaignId: 'k-1', kind: 'opinion', page: deep } };
    await expect(s.transact((tx) => tx.put('records', doc))).rejects.toThrow();
    expect(await observable(s)).toBe(before);
    await s.transact((tx) => tx.put('records', record('r-after', '之后')));
    expect(await s.get('records', 'r-after')).toBeDefined();
  });
});
