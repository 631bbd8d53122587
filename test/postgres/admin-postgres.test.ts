/**
 * Moving a deployment onto PostgreSQL with `npm run admin`: migrate-to-postgres copies DATA_DIR into an
 * empty database and checks every collection, clients keep their cursors (same epoch and seqs), the
 * evidence files come along; export-data dumps either store; the ordinary commands act on the database.
 */
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAdmin } from '../../server/admin/cli';
import { createTestDatabase, sharedClusterUrl, type TestDatabase } from '../support/postgres';
import { startTestServer } from '../support/server';
import { createCampaign, addMember, opinion, pushRecord } from '../server/lists-support';
import { pdfBytes, seedEvidenceCampaign, uploadRaw } from '../support/evidence-files';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f().catch(() => {});
});

async function database(): Promise<TestDatabase> {
  const db = await createTestDatabase(await sharedClusterUrl());
  cleanups.push(() => db.drop());
  return db;
}

async function admin(...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runAdmin(argv, (l) => lines.push(l)).catch((err: Error) => {
    lines.push(err.message);
    return 1;
  });
  return { code, out: lines.join('\n') };
}

describe('npm run admin on PostgreSQL', () => {
  it('migrate-to-postgres copies a data directory, checks every collection, and the clients carry on with their cursors', async () => {
    // A deployment on the embedded store: a member's records, a task with an evidence file, a client's cursor.
    const before = await startTestServer({ disk: true, cleanup: false });
    cleanups.push(async () => rmSync(before.dataDir, { recursive: true, force: true }));
    const { id: campaignId } = await createCampaign(before);
    const member = await addMember(before, campaignId, '赵敏');
    for (let i = 0; i < 30; i++) await pushRecord(before, member, opinion(campaignId, `意见 ${i}：食堂排队时间长`));
    const k = await seedEvidenceCampaign(before);
    const pdf = pdfBytes(5000, 'migrate');
    const upload = await uploadRaw(before, k.filesPath(), pdf, '整改报告.pdf', k.assignee.token);
    expect(upload.status).toBe(201);
    const pulled = await before.api('POST', '/api/v1/sync/pull', {
      token: member.token,
      body: { protocolVersion: 1, clientId: member.clientId, cursor: null, limit: 500 },
    });
    expect(pulled.status).toBe(200);
    await before.stop();

    const db = await database();
    const migrated = await admin('migrate-to-postgres', '--data-dir', before.dataDir, '--database-url', db.url);
    expect(migrated.out).toContain('核对完成：全部一致。');
    expect(migrated.out).toMatch(/records\t30 → 30\t[0-9a-f]{16}\t一致/);
    expect(migrated.code).toBe(0);
    expect(migrated.out).not.toContain('不一致');

    const after = await startTestServer({ databaseUrl: db.url });
    cleanups.push(() => after.stop());
    // Same epoch and seqs: the cursor handed out by the embedded store is still good, nothing to re-pull.
    const again = await after.api('POST', '/api/v1/sync/pull', {
      token: member.token,
      body: { protocolVersion: 1, clientId: member.clientId, cursor: pulled.body.cursor, limit: 500 },
    });
    expect(again.body).toMatchObject({ reset: false, entities: [] });
    expect((await after.api('GET', '/api/v1/me', { token: member.token })).status).toBe(200);
    const download = await after.fetch(`${after.url}${k.filesPath()}/${upload.body.file.id}`, { headers: { authorization: `Bearer ${k.assignee.token}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    // New writes continue above the copied seqs.
    await pushRecord(after, member, opinion(campaignId, '迁移后的意见'));
    expect((await after.store.find('records', { campaignId })).length).toBe(31);

    // A second copy into a database that already holds data is refused, changing nothing.
    const twice = await admin('migrate-to-postgres', '--data-dir', before.dataDir, '--database-url', db.url);
    expect(twice.code).not.toBe(0);
    expect(twice.out).toContain('只能复制到新的空数据库');
    expect((await after.store.find('records', { campaignId })).length).toBe(31);
  });

  it('with DATABASE_URL the ordinary commands act on the database, export-data dumps it, and the data-directory commands refuse', async () => {
    const db = await database();
    const added = await admin('add-user', '--name', '张老师', '--unit', '学工部', '--database-url', db.url);
    expect(added.code).toBe(0);
    expect((await admin('list-users', '--database-url', db.url)).out).toContain('张老师\t学工部\tmember');
    expect((await admin('backups', '--database-url', db.url)).out).toContain('pg_dump');

    const out = path.join(os.tmpdir(), `taizhang-export-${process.pid}.jsonl`);
    cleanups.push(async () => rmSync(out, { force: true }));
    expect((await admin('export-data', '--out', out, '--database-url', db.url)).code).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ format: 'taizhang-export', version: 1 });
    expect(lines.filter((l) => l.collection === 'users').map((l) => l.doc.name)).toEqual(['张老师']);
    expect(lines.filter((l) => l.collection === 'tokens')).toHaveLength(1);
  });
});
