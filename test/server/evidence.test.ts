/**
 * 佐证材料 files on list items, through the app in process (MemoryDisk): types judged by content,
 * who may upload, list, download and delete (everyone else gets the one 404), dedup by content,
 * closed items, quotas, the audit trail and the exports that name the files. The real-socket and
 * real-disk cases (the 20 MB boundary, a restart) are in evidence-http.test.ts.
 */
import { posix } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS } from '../../server/quotas/quotas';
import { blobDir } from '../../server/store/blobs';
import { docxBytes, exeBytes, jpgBytes, otherZipBytes, pdfBytes, pngBytes, seedEvidenceCampaign, uploadRaw, xlsxBytes } from '../support/evidence-files';
import { startTestServer, type TestServer, type TestServerOptions } from '../support/server';

const servers: TestServer[] = [];
async function server(opts: TestServerOptions = {}) {
  const t = await startTestServer(opts);
  servers.push(t);
  return { t, k: await seedEvidenceCampaign(t) };
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((t) => t.stop()));
});

/** Every blob the store holds, by hash: files under DATA_DIR/blobs, or rows of the blobs table on PostgreSQL. */
async function blobs(t: TestServer): Promise<string[]> {
  if (t.storeKind === 'pg') {
    const db = new pg.Client({ connectionString: t.databaseUrl! });
    await db.connect();
    try {
      return (await db.query<{ sha256: string }>('SELECT sha256 FROM taizhang.blobs ORDER BY sha256')).rows.map((r) => r.sha256);
    } finally {
      await db.end();
    }
  }
  const disk = t.embedded().disk;
  const root = blobDir(t.dataDir);
  if (!disk.exists(root)) return [];
  const out: string[] = [];
  for (const d of await disk.readdir(root)) for (const f of await disk.readdir(posix.join(root, d))) out.push(f);
  return out.sort();
}

const fileDocs = async (t: TestServer) => t.store.find('files');

describe('upload, list, download', () => {
  it('an assignee uploads raw bytes named by ?name=; the office lists and downloads them as an attachment, byte for byte', async () => {
    const { t, k } = await server();
    const pdf = pdfBytes(5000, 'one');
    const up = await uploadRaw(t, k.filesPath(), pdf, '整改报告（第一版）.pdf', k.assignee.token);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.file).toMatchObject({
      name: '整改报告（第一版）.pdf',
      type: 'pdf',
      size: 5000,
      uploadedBy: k.assignee.id,
      itemId: k.taskId,
      campaignId: k.campaignId,
    });
    expect(up.body.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(up.body.file).not.toHaveProperty('seq');

    const list = await t.api('GET', k.filesPath());
    expect(list.status).toBe(200);
    expect(list.body.files).toEqual([up.body.file]);

    const res = await t.fetch(`${t.url}${k.filesPath()}/${up.body.file.id}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBe('5000');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(res.headers.get('cache-control')).toContain('no-store');
    const disposition = res.headers.get('content-disposition')!;
    // Never inline: a PDF or an image is saved, not shown in the server's origin.
    expect(disposition).toMatch(/^attachment; /);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('整改报告').replace(/[()]/g, '')}`);
    expect(disposition).toContain('%EF%BC%88'); // （
    // The ASCII fallback holds no quote, backslash or non-ASCII character.
    expect(/filename="([^"]*)"/.exec(disposition)![1]).toMatch(/^[\x20-\x7e]+$/);
  });

  it('takes a multipart/form-data upload (field `file`), as a browser form sends it', async () => {
    const { t, k } = await server();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await docxBytes())]), '会议纪要.docx');
    const res = await t.fetch(`${t.url}${k.filesPath()}`, { method: 'POST', headers: { authorization: `Bearer ${k.assignee.token}` }, body: form });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.file).toMatchObject({ name: '会议纪要.docx', type: 'docx' });

    const empty = new FormData();
    empty.append('note', '没有文件');
    const refused = await t.fetch(`${t.url}${k.filesPath()}`, { method: 'POST', headers: { authorization: `Bearer ${k.assignee.token}` }, body: empty });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toMatch(/file/);
  });

  it('accepts each allowed type by its content and serves it with its real type', async () => {
    const { t, k } = await server();
    const cases = [
      { bytes: pngBytes(), name: 'a.png', type: 'png', mime: 'image/png' },
      { bytes: jpgBytes(), name: 'b.jpg', type: 'jpg', mime: 'image/jpeg' },
      { bytes: await docxBytes(), name: 'c.docx', type: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      { bytes: await xlsxBytes(), name: 'd.xlsx', type: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    ];
    for (const c of cases) {
      const up = await uploadRaw(t, k.filesPath(), c.bytes, c.name);
      expect(up.status, c.name).toBe(201);
      expect(up.body.file.type).toBe(c.type);
      const res = await t.fetch(`${t.url}${k.filesPath()}/${up.body.file.id}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      expect(res.headers.get('content-type')).toBe(c.mime);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; /);
    }
  });
});

describe('the type is judged by content, never by name or content-type', () => {
  it('a PNG named .pdf and sent as application/pdf is stored as a PNG, its name given the real extension', async () => {
    const { t, k } = await server();
    const res = await t.api('POST', `${k.filesPath()}?name=${encodeURIComponent('扫描件.pdf')}`, {
      token: k.assignee.token,
      rawBody: pngBytes(),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(res.status).toBe(201);
    expect(res.body.file).toMatchObject({ type: 'png', name: '扫描件.pdf.png' });
    const dl = await t.fetch(`${t.url}${k.filesPath()}/${res.body.file.id}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(dl.headers.get('content-type')).toBe('image/png');
  });

  it('refuses a renamed executable, a zip that is no docx, and HTML, with a 400 naming the allowed types; nothing is stored', async () => {
    const { t, k } = await server();
    const refusals = [
      { bytes: exeBytes(), name: '整改报告.pdf', type: 'application/pdf' },
      { bytes: await otherZipBytes(), name: '整改报告.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      { bytes: Buffer.from('<html><script>alert(1)</script></html>'), name: '照片.jpg', type: 'image/jpeg' },
    ];
    for (const r of refusals) {
      const res = await t.api('POST', `${k.filesPath()}?name=${encodeURIComponent(r.name)}`, {
        token: k.assignee.token,
        rawBody: r.bytes,
        headers: { 'content-type': r.type },
      });
      expect(res.status, r.name).toBe(400);
      expect(res.body.error.code).toBe('unsupported_type');
      expect(res.body.error.message).toMatch(/PDF、JPG、PNG、Word（\.docx）或 Excel（\.xlsx）.*20 MB/);
    }
    expect(await fileDocs(t)).toEqual([]);
    expect(await blobs(t)).toEqual([]);
    expect(
      (await t.api('GET', `/api/v1/campaigns/${k.campaignId}/audit?entityId=${k.taskId}`)).body.entries.some((e: { action: string }) =>
        e.action.startsWith('evidence.'),
      ),
    ).toBe(false);
  });

  it('refuses a body sent as JSON (which the JSON guard reads whole, so it keeps the 10 MB limit)', async () => {
    const { t, k } = await server();
    const res = await t.api('POST', k.filesPath(), { token: k.assignee.token, body: { file: 'JVBERi0xLjQ=' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/不要用 JSON/);
    expect(await fileDocs(t)).toEqual([]);
  });

  it('receiveEvidence (for the console) hands the form’s other fields to `check` before anything is stored', async () => {
    const { t, k } = await server();
    const { receiveEvidence } = await import('../../server/evidence/evidence');
    const form = new FormData();
    form.append('_csrf', 'wrong');
    form.append('file', new Blob([new Uint8Array(pdfBytes(100, 'csrf'))]), '表单.pdf');
    const request = new Request('http://console.test/upload', { method: 'POST', body: form });
    const ctx = { store: t.store, quotas: DEFAULT_QUOTAS, actor: t.admin, now: new Date() };
    const seen: Record<string, string>[] = [];
    await expect(
      receiveEvidence(ctx, k.campaignId, k.taskId, request, {
        check: (fields) => {
          seen.push(fields);
          throw new Error('CSRF');
        },
      }),
    ).rejects.toThrow('CSRF');
    expect(seen).toEqual([{ _csrf: 'wrong' }]);
    expect(await fileDocs(t)).toEqual([]);
    expect(await blobs(t)).toEqual([]);
  });

  it('refuses an empty body', async () => {
    const { t, k } = await server();
    const res = await uploadRaw(t, k.filesPath(), new Uint8Array(0), 'a.pdf', k.assignee.token);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/没有收到文件内容/);
  });
});

describe('access: the office and the item’s assignee only; everyone else the same 404', () => {
  it('upload, list, download and delete as admin, assignee, another member, another campaign’s assignee and no token', async () => {
    const { t, k } = await server();
    const file = (await uploadRaw(t, k.filesPath(), pdfBytes(100, 'acc'), 'a.pdf', k.assignee.token)).body.file;
    const deletable = async () => (await uploadRaw(t, k.filesPath(), pdfBytes(100, `d${Math.random()}`), 'd.pdf', k.assignee.token)).body.file.id as string;
    const callers = {
      admin: t.adminToken,
      assignee: k.assignee.token,
      member: k.member.token,
      outsider: k.outsider.token,
      none: null,
    } as const;
    const expected = {
      upload: { admin: 201, assignee: 201, member: 404, outsider: 404, none: 401 },
      list: { admin: 200, assignee: 200, member: 404, outsider: 404, none: 401 },
      download: { admin: 200, assignee: 200, member: 404, outsider: 404, none: 401 },
      delete: { admin: 200, assignee: 200, member: 404, outsider: 404, none: 401 },
    };
    const notFoundBodies = new Set<string>();
    for (const [who, token] of Object.entries(callers) as [keyof typeof callers, string | null][]) {
      const up = await uploadRaw(t, k.filesPath(), pdfBytes(100, who), `${who}.pdf`, token);
      const list = await t.api('GET', k.filesPath(), { token });
      const dl = await t.api('GET', `${k.filesPath()}/${file.id}`, { token });
      const del = await t.api('DELETE', `${k.filesPath()}/${await deletable()}`, { token });
      expect([up.status, list.status, dl.status, del.status], who).toEqual([
        expected.upload[who],
        expected.list[who],
        expected.download[who],
        expected.delete[who],
      ]);
      for (const r of [up, list, dl, del]) if (r.status === 404) notFoundBodies.add(JSON.stringify(r.body));
    }
    // The outsider's own campaign in the path does not reach this campaign's item either.
    const crossed = await t.api('GET', `/api/v1/campaigns/${k.outsider.campaignId}/items/${k.taskId}/files`, { token: k.outsider.token });
    expect(crossed.status).toBe(404);
    notFoundBodies.add(JSON.stringify(crossed.body));
    // An item that does not exist answers exactly as one the caller may not reach.
    const missing = await t.api('GET', `/api/v1/campaigns/${k.campaignId}/items/i-does-not-exist/files`, { token: k.member.token });
    notFoundBodies.add(JSON.stringify(missing.body));
    const missingCampaign = await t.api('GET', `/api/v1/campaigns/k-nope/items/${k.taskId}/files`, { token: k.member.token });
    notFoundBodies.add(JSON.stringify(missingCampaign.body));
    expect([...notFoundBodies]).toHaveLength(1);
    expect(JSON.parse([...notFoundBodies][0]!).error.code).toBe('not_found');
    // The refused uploads stored nothing: the admin's and the assignee's, plus the one made first and the deletables.
    expect((await fileDocs(t)).filter((f) => /^(member|outsider|none)\.pdf$/.test(f.name))).toEqual([]);
  });

  it('an assignee loses access when the item is reassigned or they leave the campaign', async () => {
    const { t, k } = await server();
    const file = (await uploadRaw(t, k.filesPath(), pdfBytes(100, 're'), 'a.pdf', k.assignee.token)).body.file;
    await t.api('PATCH', `/api/v1/campaigns/${k.campaignId}/items/${k.taskId}`, { body: { assigneeId: k.member.id } });
    expect((await t.api('GET', `${k.filesPath()}/${file.id}`, { token: k.assignee.token })).status).toBe(404);
    expect((await t.api('GET', `${k.filesPath()}/${file.id}`, { token: k.member.token })).status).toBe(200);
    await t.api('PUT', `/api/v1/campaigns/${k.campaignId}/members`, { body: { userIds: [k.assignee.id] } });
    expect((await t.api('GET', k.filesPath(), { token: k.member.token })).status).toBe(404);
  });

  it('an assignee deletes only what they uploaded; the office deletes any; a deleted file is gone from the list and the download', async () => {
    const { t, k } = await server();
    const mine = (await uploadRaw(t, k.filesPath(), pdfBytes(100, 'mine'), '我的.pdf', k.assignee.token)).body.file;
    const office = (await uploadRaw(t, k.filesPath(), pdfBytes(100, 'office'), '专班的.pdf')).body.file;
    const refused = await t.api('DELETE', `${k.filesPath()}/${office.id}`, { token: k.assignee.token });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('只能删除自己上传的佐证材料');
    expect((await t.api('DELETE', `${k.filesPath()}/${mine.id}`, { token: k.assignee.token })).status).toBe(200);
    expect((await t.api('DELETE', `${k.filesPath()}/${office.id}`)).status).toBe(200);
    expect((await t.api('GET', k.filesPath())).body.files).toEqual([]);
    expect((await t.api('GET', `${k.filesPath()}/${mine.id}`)).status).toBe(404);
    expect((await t.api('DELETE', `${k.filesPath()}/${mine.id}`)).status).toBe(404);
    // Soft: the documents and the bytes stay.
    const docs = await fileDocs(t);
    expect(docs.map((d) => [d.deletedBy, Boolean(d.deletedAt)])).toEqual(
      expect.arrayContaining([
        [k.assignee.id, true],
        [t.admin.id, true],
      ]),
    );
    expect(await blobs(t)).toHaveLength(2);
  });
});

describe('storage', () => {
  it('keeps the same bytes once: two uploads of one content are two files and one blob', async () => {
    const { t, k } = await server();
    const bytes = await xlsxBytes();
    const a = await uploadRaw(t, k.filesPath(), bytes, '台账.xlsx', k.assignee.token);
    const b = await uploadRaw(t, k.filesPath(k.problemId), bytes, '台账副本.xlsx');
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.file.sha256).toBe(b.body.file.sha256);
    expect(a.body.file.id).not.toBe(b.body.file.id);
    expect(await blobs(t)).toEqual([a.body.file.sha256]);
    expect((await fileDocs(t)).length).toBe(2);
  });

  it('refuses a member past their file quota with 413 and stores nothing; bytes they already hold cost nothing again', async () => {
    const { t, k } = await server({ app: { quotas: { ...DEFAULT_QUOTAS, userFileBytes: 2500 } } });
    const first = pdfBytes(2000, 'q1');
    expect((await uploadRaw(t, k.filesPath(), first, 'a.pdf', k.assignee.token)).status).toBe(201);
    const over = await uploadRaw(t, k.filesPath(), pdfBytes(1000, 'q2'), 'b.pdf', k.assignee.token);
    expect(over.status).toBe(413);
    expect(over.body.error.code).toBe('quota_exceeded');
    expect(over.body.error.message).toMatch(/你上传的佐证材料已达到存储上限/);
    expect(await blobs(t)).toHaveLength(1);
    expect(await fileDocs(t)).toHaveLength(1);
    // The same content again is no new bytes.
    expect((await uploadRaw(t, k.filesPath(), first, 'a-again.pdf', k.assignee.token)).status).toBe(201);
    // The office's own uploads are not the member's.
    expect((await uploadRaw(t, k.filesPath(), pdfBytes(1000, 'q3'), 'c.pdf')).status).toBe(201);
  });

  it('refuses past the campaign’s file quota, even for the office', async () => {
    const { t, k } = await server({ app: { quotas: { ...DEFAULT_QUOTAS, campaignFileBytes: 3000 } } });
    expect((await uploadRaw(t, k.filesPath(), pdfBytes(2000, 'c1'), 'a.pdf', k.assignee.token)).status).toBe(201);
    const over = await uploadRaw(t, k.filesPath(), pdfBytes(2000, 'c2'), 'b.pdf');
    expect(over.status).toBe(413);
    expect(over.body.error.message).toMatch(/该活动的佐证材料已达到存储上限/);
    // Another campaign has its own.
    expect((await uploadRaw(t, `/api/v1/campaigns/${k.outsider.campaignId}/items/${k.outsider.taskId}/files`, pdfBytes(2000, 'c2'), 'b.pdf')).status).toBe(201);
  });
});

describe('closed items, the audit trail and the exports', () => {
  async function closeTask(t: TestServer, k: Awaited<ReturnType<typeof seedEvidenceCampaign>>) {
    const done = await t.api('POST', `/api/v1/campaigns/${k.campaignId}/items/${k.taskId}/progress`, {
      token: k.assignee.token,
      body: { status: 'done', evidence: '整改情况说明已报送' },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const closed = await t.api('POST', `/api/v1/campaigns/${k.campaignId}/items/${k.taskId}/close`, { body: { effect: '台账齐全' } });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  }

  it('a closed (销号) item takes no new file and loses none (409); its files are still listed and downloaded', async () => {
    const { t, k } = await server();
    const file = (await uploadRaw(t, k.filesPath(), pdfBytes(100, 'closed'), 'a.pdf', k.assignee.token)).body.file;
    await closeTask(t, k);
    const up = await uploadRaw(t, k.filesPath(), pdfBytes(100, 'late'), 'late.pdf');
    expect(up.status).toBe(409);
    expect(up.body.error.message).toMatch(/已销号/);
    expect((await t.api('DELETE', `${k.filesPath()}/${file.id}`)).status).toBe(409);
    expect((await t.api('GET', k.filesPath(), { token: k.assignee.token })).body.files).toHaveLength(1);
    expect((await t.api('GET', `${k.filesPath()}/${file.id}`, { token: k.assignee.token })).status).toBe(200);
  });

  it('audits every upload and delete on the item, with who and which file', async () => {
    const { t, k } = await server();
    const file = (await uploadRaw(t, k.filesPath(), pdfBytes(100, 'audit'), '审计.pdf', k.assignee.token)).body.file;
    await t.api('DELETE', `${k.filesPath()}/${file.id}`);
    const entries = (await t.api('GET', `/api/v1/campaigns/${k.campaignId}/audit?entityId=${k.taskId}`)).body.entries as {
      action: string;
      actorId: string;
      after?: { id: string; name: string };
      before?: { id: string; name: string };
    }[];
    const upload = entries.find((e) => e.action === 'evidence.upload')!;
    const remove = entries.find((e) => e.action === 'evidence.delete')!;
    expect(upload).toMatchObject({ actorId: k.assignee.id, after: { id: file.id, name: '审计.pdf' } });
    expect(remove).toMatchObject({ actorId: t.admin.id, before: { id: file.id, name: '审计.pdf' } });
    const { actionLabel } = await import('../../server/audit/audit-log');
    expect([actionLabel('evidence.upload'), actionLabel('evidence.delete')]).toEqual(['上传佐证材料', '删除佐证材料']);
  });

  it('the 任务清单 and 效果清单 list the evidence text and the files by name (csv and xlsx); deleted files are left out', async () => {
    const { t, k } = await server();
    await uploadRaw(t, k.filesPath(), pdfBytes(100, 'e1'), '整改报告.pdf', k.assignee.token);
    await uploadRaw(t, k.filesPath(), pngBytes(), '现场照片.png', k.assignee.token);
    const gone = (await uploadRaw(t, k.filesPath(), jpgBytes(), '传错了.jpg', k.assignee.token)).body.file;
    await t.api('DELETE', `${k.filesPath()}/${gone.id}`, { token: k.assignee.token });
    await t.api('POST', `/api/v1/campaigns/${k.campaignId}/items/${k.taskId}/progress`, { token: k.assignee.token, body: { progress: '已建立台账' } });
    await closeTask(t, k);
    const csv = async (file: string) => (await t.api('GET', `/api/v1/campaigns/${k.campaignId}/export/${file}`)).body as string;
    // Under 整改进展 resp. 整改成效, as their last paragraph: no new column, so the printed pages keep their layout.
    const evidence = '佐证材料：整改情况说明已报送；附件：整改报告.pdf、现场照片.png';
    const tasks = await csv('tasks.csv');
    expect(tasks).toContain(`已建立台账\n${evidence}`);
    expect(tasks).not.toContain('传错了.jpg');
    const effects = await csv('effects.csv');
    expect(effects).toContain(`台账齐全\n${evidence}`);

    const ExcelJS = (await import('exceljs')).default;
    for (const [file, header, text] of [
      ['tasks.xlsx', '整改进展', '已建立台账'],
      ['effects.xlsx', '整改成效', '台账齐全'],
    ] as const) {
      const res = await t.fetch(`${t.url}/api/v1/campaigns/${k.campaignId}/export/${file}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await res.arrayBuffer()) as never);
      const ws = wb.worksheets[0]!;
      const col = (ws.getRow(3).values as unknown[]).indexOf(header);
      expect(col, file).toBeGreaterThan(0);
      expect(String(ws.getRow(4).getCell(col).value), file).toBe(`${text}\n${evidence}`);
    }
  });
});
