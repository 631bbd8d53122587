/**
 * One specification of the Store interface, run against every implementation: the embedded store in a
 * real DATA_DIR, the embedded store on a MemoryDisk (the http tests' store), and PostgreSQL. Whatever a
 * route can observe of a store is here; an implementation that differs fails the same sentence.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileStore } from '../../server/store/open';
import { MemoryDisk } from '../../server/store/memory-disk';
import { openPostgresStore } from '../../server/store/postgres/open';
import { CURRENT_SCHEMA_VERSION } from '../../server/store/migrations';
import type { NewDoc, Store } from '../../server/store/store';
import { createTestDatabase, sharedClusterUrl } from '../support/postgres';
import { startTestServer } from '../support/server';

/** A place a store lives that outlasts one open: reopening it gives the same store back. */
interface StoreHome {
  open(): Promise<Store>;
  destroy(): Promise<void>;
}

const HOMES: { name: string; make: () => Promise<StoreHome> }[] = [
  {
    name: 'embedded store in a DATA_DIR',
    make: async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-conformance-'));
      return { open: () => openFileStore(dir), destroy: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'embedded store on a MemoryDisk',
    make: async () => {
      const disk = new MemoryDisk();
      return { open: () => openFileStore('/store', { disk }), destroy: async () => {} };
    },
  },
  ...(['pipelined', 'serial'] as const).map((commitMode) => ({
    name: `PostgreSQL (${commitMode} commits)`,
    make: async (): Promise<StoreHome> => {
      const db = await createTestDatabase(await sharedClusterUrl());
      return { open: () => openPostgresStore(db.url, { poolSize: 4, commitMode }), destroy: () => db.drop() };
    },
  })),
];

const record = (id: string, over: Partial<NewDoc<'records'>> = {}): NewDoc<'records'> => ({
  id,
  ownerId: 'u-1',
  campaignId: 'k-1',
  fields: { campaignId: 'k-1', kind: 'opinion', content: '食堂排队时间长' },
  stamps: { content: '1750000000000-0000-c1' },
  createdAt: '2025-06-01T00:00:00.000Z',
  updatedAt: '2025-06-01T00:00:00.000Z',
  ...over,
});

const utf8 = (doc: unknown) => Buffer.byteLength(JSON.stringify(doc), 'utf8');

function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

describe.each(HOMES)('Store conformance: $name', ({ make }) => {
  let home: StoreHome;
  const opened: Store[] = [];
  const open = async () => {
    home ??= await make();
    const s = await home.open();
    opened.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close().catch(() => {});
    await home?.destroy();
    home = undefined as unknown as StoreHome;
  });

  it('put assigns rising seqs, one per document, and meta().seq is the highest', async () => {
    const s = await open();
    const before = (await s.meta()).seq;
    const [a, b] = await s.transact(async (tx) => [
      await tx.put('records', record('r-1')),
      await tx.put('users', { id: 'u-1', name: '甲', unit: '一院', role: 'member', createdAt: 'x' }),
    ]);
    const c = await s.transact((tx) => tx.put('records', record('r-1', { ownerId: 'u-2' })));
    expect([a!.seq, b!.seq, c.seq]).toEqual([before + 1, before + 2, before + 3]);
    expect((await s.meta()).seq).toBe(before + 3);
    expect((await s.get('records', 'r-1'))?.ownerId).toBe('u-2');
  });

  it('finds and tallies by indexed fields, null meaning absent, and keeps both current when a document changes', async () => {
    const s = await open();
    await s.transact(async (tx) => {
      await tx.put('records', record('r-1', { ownerId: 'u-1', fields: { content: '长文本：宿舍热水供应不稳定' } as never }));
      await tx.put('records', record('r-2', { ownerId: 'u-2' }));
      await tx.put('records', record('r-3', { ownerId: 'u-1', campaignId: 'k-2' }));
      await tx.put('items', { id: 'i-1', campaignId: 'k-1', list: 'task', title: '无人负责' } as never);
      await tx.put('items', { id: 'i-2', campaignId: 'k-1', list: 'task', title: '有人', assigneeId: 'u-1' } as never);
      await tx.put('items', { id: 'i-3', campaignId: 'k-1', list: 'task', title: '字面 null', assigneeId: 'null' } as never);
    });
    const ids = (docs: { id: string }[]) => docs.map((d) => d.id).sort();
    expect(ids(await s.find('records', { ownerId: 'u-1' }))).toEqual(['r-1', 'r-3']);
    expect(ids(await s.find('records', { ownerId: 'u-1', campaignId: 'k-1' }))).toEqual(['r-1']);
    expect(ids(await s.find('items', { assigneeId: null }))).toEqual(['i-1']);
    expect(ids(await s.find('items', { assigneeId: 'null' }))).toEqual(['i-3']);
    expect(ids(await s.find('records'))).toEqual(['r-1', 'r-2', 'r-3']);

    const stored = await s.find('records', { ownerId: 'u-1' });
    expect(await s.tally('records', { ownerId: 'u-1' })).toEqual({ count: 2, bytes: stored.reduce((n, d) => n + utf8(d), 0) });
    expect((await s.tally('records')).count).toBe(3);

    // r-1 moves to another owner: it leaves the old value's index and tally and joins the new one's.
    await s.transact(async (tx) => tx.put('records', { ...(await tx.get('records', 'r-1'))!, ownerId: 'u-2' }));
    expect(ids(await s.find('records', { ownerId: 'u-1' }))).toEqual(['r-3']);
    expect(ids(await s.find('records', { ownerId: 'u-2' }))).toEqual(['r-1', 'r-2']);
    const moved = await s.find('records', { ownerId: 'u-2' });
    expect(await s.tally('records', { ownerId: 'u-2' })).toEqual({ count: 2, bytes: moved.reduce((n, d) => n + utf8(d), 0) });
    expect(await s.tally('records', { ownerId: 'nobody' })).toEqual({ count: 0, bytes: 0 });
    await expect(s.find('records', { content: 'x' } as never)).rejects.toThrow(/not indexed/);
  });

  it('find answers in the order documents were first written, whatever was updated since', async () => {
    const s = await open();
    for (const id of ['r-c', 'r-a', 'r-b']) await s.transact((tx) => tx.put('records', record(id)));
    await s.transact((tx) => tx.put('records', record('r-c', { updatedAt: '2025-07-01T00:00:00.000Z' })));
    expect((await s.find('records')).map((r) => r.id)).toEqual(['r-c', 'r-a', 'r-b']);
  });

  it('find by an indexed field answers in first-write order too, an updated document keeping its place', async () => {
    const s = await open();
    for (const id of ['r-c', 'r-a', 'r-b']) await s.transact((tx) => tx.put('records', record(id)));
    await s.transact((tx) => tx.put('records', record('r-c', { updatedAt: '2025-07-01T00:00:00.000Z' })));
    await s.transact((tx) => tx.put('records', record('r-a', { ownerId: 'u-9' })));
    expect((await s.find('records', { campaignId: 'k-1' })).map((r) => r.id)).toEqual(['r-c', 'r-a', 'r-b']);
    expect(await s.tally('records', { campaignId: 'k-1' })).toEqual({
      count: 3,
      bytes: (await s.find('records', { campaignId: 'k-1' })).reduce((n, d) => n + utf8(d), 0),
    });
  });

  it('scan answers what find answers, in the same order, in batches of at most batchSize', async () => {
    const s = await open();
    await s.transact(async (tx) => {
      for (let i = 0; i < 23; i++) await tx.put('records', record(`r-${String(i).padStart(2, '0')}`, { campaignId: i % 3 === 0 ? 'k-2' : 'k-1' }));
      await tx.put('items', { id: 'i-1', campaignId: 'k-1', list: 'task', title: '无人负责' } as never);
    });
    // An update keeps a document's place: first-write order, as find.
    await s.transact(async (tx) => tx.put('records', { ...(await tx.get('records', 'r-01'))!, updatedAt: '2025-08-01T00:00:00.000Z' }));
    const batches: string[][] = [];
    for await (const batch of s.scan('records', { campaignId: 'k-1' }, { batchSize: 4 })) batches.push(batch.map((d) => d.id));
    expect(batches.every((b) => b.length >= 1 && b.length <= 4)).toBe(true);
    expect(batches.flat()).toEqual((await s.find('records', { campaignId: 'k-1' })).map((d) => d.id));
    expect(batches.flat()).toHaveLength(15);

    const all = async <C extends 'records' | 'items'>(c: C, where: Parameters<Store['scan']>[1], batchSize?: number) => {
      const out: unknown[] = [];
      for await (const batch of s.scan(c, where as never, { batchSize })) out.push(...batch);
      return out;
    };
    expect(await all('records', { campaignId: 'k-1', ownerId: 'u-1' })).toEqual(await s.find('records', { campaignId: 'k-1', ownerId: 'u-1' }));
    expect(await all('items', { assigneeId: null })).toEqual(await s.find('items', { assigneeId: null }));
    expect(await all('records', { campaignId: 'nowhere' })).toEqual([]);
    // A batch the size of the whole match, and one more: no empty batch at the end.
    expect(await all('records', { campaignId: 'k-2' }, 8)).toHaveLength(8);
    await expect(all('records', {})).rejects.toThrow(/at least one indexed field/);
    await expect(all('records', { content: 'x' } as never)).rejects.toThrow(/not indexed/);
  });

  it('a scan that writes go on during still answers every document that matched once, in a version at least as new', async () => {
    const s = await open();
    await s.transact(async (tx) => {
      for (let i = 0; i < 10; i++) await tx.put('records', record(`r-${i}`));
    });
    const seen: { id: string; seq: number }[] = [];
    const atStart = new Map((await s.find('records', { campaignId: 'k-1' })).map((d) => [d.id, d.seq]));
    for await (const batch of s.scan('records', { campaignId: 'k-1' }, { batchSize: 3 })) {
      seen.push(...batch.map((d) => ({ id: d.id, seq: d.seq })));
      // Between batches: every document is updated (later ones not read yet) and a new one is written.
      await s.transact(async (tx) => {
        for (let i = 0; i < 10; i++) await tx.put('records', { ...(await tx.get('records', `r-${i}`))!, updatedAt: `u${seen.length}` });
        await tx.put('records', record(`r-new-${seen.length}`));
      });
    }
    const ids = seen.map((d) => d.id).filter((id) => !id.startsWith('r-new-'));
    expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => `r-${i}`));
    expect(new Set(seen.map((d) => d.id)).size).toBe(seen.length);
    expect(seen.every((d) => d.seq >= (atStart.get(d.id) ?? 0))).toBe(true);
  });

  it('keeps ids and values exactly, even those PostgreSQL text cannot hold as they are', async () => {
    const s = await open();
    const odd = ['r-\u0000nul', 'r-\ud800lone', '\u0001r-escaped', 'r-名字-😀'];
    await s.transact(async (tx) => {
      for (const id of odd) await tx.put('records', record(id, { ownerId: id, fields: { content: `内容${id}`, extra: { '\u0000k': '\udfff' } } as never }));
    });
    for (const id of odd) {
      const doc = await s.get('records', id);
      expect(doc?.id).toBe(id);
      expect((doc!.fields as Record<string, unknown>).extra).toEqual({ '\u0000k': '\udfff' });
      expect((await s.find('records', { ownerId: id })).map((r) => r.id)).toEqual([id]);
    }
    expect(await s.get('records', 'r-\ufffdlone')).toBeUndefined();
  });

  it('changedSince answers changes in seq order across collections, each document at its latest change only', async () => {
    const s = await open();
    const start = (await s.meta()).seq;
    await s.transact((tx) => tx.put('records', record('r-1')));
    await s.transact((tx) => tx.put('campaigns', { id: 'k-1', title: '活动' } as never));
    await s.transact((tx) => tx.put('records', record('r-2')));
    await s.transact((tx) => tx.put('records', record('r-1', { ownerId: 'u-9' })));
    await s.transact((tx) => tx.put('users', { id: 'u-9', name: '乙', unit: '二院', role: 'member', createdAt: 'x' }));
    const changes = await s.changedSince(['records', 'campaigns'], start, 100);
    expect(changes.map((c) => `${c.collection}/${c.doc.id}`)).toEqual(['campaigns/k-1', 'records/r-2', 'records/r-1']);
    expect(changes.map((c) => c.doc.seq)).toEqual([start + 2, start + 3, start + 4]);
    expect((await s.changedSince(['records', 'campaigns'], start, 2)).map((c) => c.doc.id)).toEqual(['k-1', 'r-2']);
    expect((await s.changedSince(['records', 'campaigns'], start + 3, 100)).map((c) => c.doc.id)).toEqual(['r-1']);
    expect(await s.changedSince(['records'], start + 5, 100)).toEqual([]);
  });

  it('changedSince with a filter reads on past non-matching changes until it has `limit` matches or reaches the end', async () => {
    const s = await open();
    const start = (await s.meta()).seq;
    // 1,300 changes of which every 300th matches: a store that filtered one page only would stop early.
    for (let b = 0; b < 13; b++)
      await s.transact(async (tx) => {
        for (let i = 0; i < 100; i++) await tx.put('records', record(`r-${b * 100 + i}`, { ownerId: (b * 100 + i) % 300 === 299 ? 'wanted' : 'other' }));
      });
    const wanted = (c: { doc: { ownerId: string } }) => c.doc.ownerId === 'wanted';
    expect((await s.changedSince(['records'], start, 3, wanted)).map((c) => c.doc.id)).toEqual(['r-299', 'r-599', 'r-899']);
    expect((await s.changedSince(['records'], start, 10, wanted)).map((c) => c.doc.id)).toEqual(['r-299', 'r-599', 'r-899', 'r-1199']);
    expect(await s.changedSince(['records'], start, 0, wanted)).toEqual([]);
  });

  it('a transaction that throws keeps nothing it wrote, and its seqs are handed out again', async () => {
    const s = await open();
    await s.transact((tx) => tx.put('records', record('r-1')));
    const before = await s.meta();
    await expect(
      s.transact(async (tx) => {
        await tx.put('records', record('r-1', { ownerId: 'u-changed' }));
        await tx.put('records', record('r-2'));
        expect((await tx.get('records', 'r-1'))?.ownerId).toBe('u-changed');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await s.meta()).toEqual(before);
    expect((await s.get('records', 'r-1'))?.ownerId).toBe('u-1');
    expect(await s.get('records', 'r-2')).toBeUndefined();
    expect((await s.find('records', { ownerId: 'u-changed' })).length).toBe(0);
    expect(await s.changedSince(['records'], before.seq, 10)).toEqual([]);
    const next = await s.transact((tx) => tx.put('records', record('r-3')));
    expect(next.seq).toBe(before.seq + 1);
  });

  it('puts of one transaction made side by side get distinct seqs and are all kept', async () => {
    const s = await open();
    const start = (await s.meta()).seq;
    const stored = await s.transact((tx) => Promise.all(Array.from({ length: 20 }, (_, i) => tx.put('records', record(`r-${i}`)))));
    expect(new Set(stored.map((d) => d.seq)).size).toBe(20);
    expect((await s.changedSince(['records'], start, 100)).map((c) => c.doc.seq)).toEqual(Array.from({ length: 20 }, (_, i) => start + i + 1));
    expect(await s.tally('records')).toEqual({ count: 20, bytes: stored.reduce((n, d) => n + utf8(d), 0) });
  });

  it('a transaction reads its own writes: get, find and tally', async () => {
    const s = await open();
    await s.transact(async (tx) => {
      await tx.put('records', record('r-1', { ownerId: 'u-7' }));
      expect((await tx.get('records', 'r-1'))?.ownerId).toBe('u-7');
      expect((await tx.find('records', { ownerId: 'u-7' })).map((r) => r.id)).toEqual(['r-1']);
      expect((await tx.tally('records', { ownerId: 'u-7' })).count).toBe(1);
    });
  });

  it('transactions run one at a time: concurrent read-modify-writes lose no update', async () => {
    const s = await open();
    await s.transact((tx) => tx.put('campaigns', { id: 'k-1', title: '0' } as never));
    await Promise.all(
      Array.from({ length: 25 }, () =>
        s.transact(async (tx) => {
          const doc = (await tx.get('campaigns', 'k-1'))!;
          await new Promise((r) => setTimeout(r, 1));
          await tx.put('campaigns', { ...doc, title: String(Number(doc.title) + 1) });
        }),
      ),
    );
    expect((await s.get('campaigns', 'k-1'))?.title).toBe('25');
  });

  it('documents come back deeply frozen, and a caller changing what it put changes nothing stored', async () => {
    const s = await open();
    const mine = record('r-1');
    const put = await s.transact((tx) => tx.put('records', mine));
    (mine.fields as Record<string, unknown>).content = '改了';
    expect(isDeepFrozen(put)).toBe(true);
    const got = (await s.get('records', 'r-1'))!;
    expect(isDeepFrozen(got)).toBe(true);
    expect(got.fields.content).toBe('食堂排队时间长');
    expect(isDeepFrozen((await s.find('records'))[0])).toBe(true);
    expect(isDeepFrozen((await s.changedSince(['records'], 0, 10))[0]!.doc)).toBe(true);
    expect(() => {
      (got as { ownerId: string }).ownerId = 'x';
    }).toThrow();
  });

  it('blobs are content-addressed, stored once and read back byte for byte', async () => {
    const s = await open();
    const big = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 8)) & 0xff;
    const first = await s.putBlob(big);
    expect(first).toMatchObject({ size: big.length, existed: false });
    expect(await s.putBlob(new Uint8Array(big))).toEqual({ ...first, existed: true });
    const chunks: Buffer[] = [];
    for await (const chunk of (await s.getBlob(first.sha256))!) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(big)).toBe(true);
    expect(await s.getBlob('0'.repeat(64))).toBeNull();
    expect(await s.getBlob('../etc/passwd')).toBeNull();
  });

  it('meta: a random epoch and the schema version, both kept with every document across a reopen', async () => {
    const s = await open();
    const meta = await s.meta();
    expect(meta.epoch).toMatch(/^[0-9a-f]{16}$/);
    expect(meta.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    await s.transact((tx) => tx.put('records', record('r-1')));
    const after = await s.meta();
    await s.close();
    const again = await open();
    expect(await again.meta()).toEqual(after);
    expect((await again.get('records', 'r-1'))?.fields.content).toBe('食堂排队时间长');
    const other = await make();
    try {
      const s2 = await other.open();
      expect((await s2.meta()).epoch).not.toBe(meta.epoch);
      await s2.close();
    } finally {
      await other.destroy();
    }
  });
});

describe('the postgres test project', () => {
  it('serves startTestServer from PostgreSQL, so the shared sync, fuzz and access files really run on it', async () => {
    const t = await startTestServer();
    try {
      expect(t.storeKind).toBe('pg');
      expect(t.databaseUrl).toMatch(/^postgres:\/\//);
      expect(() => t.embedded()).toThrow(/PostgreSQL/);
    } finally {
      await t.stop();
    }
  });
});
