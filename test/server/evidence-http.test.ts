/**
 * 佐证材料 uploads over a real socket into a real data directory: the 20 MB bound (exactly 20 MB is
 * taken, one byte more is refused — declared or chunked — and nothing is stored), the server
 * answering others while an upload trickles in, and the files surviving a restart.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_MAX_BYTES } from '../../shared/model/evidence-file';
import { blobPath } from '../../server/store/blobs';
import { type EvidenceCampaign, pdfBytes, seedEvidenceCampaign } from '../support/evidence-files';
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
let k: EvidenceCampaign;

beforeAll(async () => {
  t = await startTestServer({ http: true, disk: true });
  k = await seedEvidenceCampaign(t);
});
afterAll(() => t?.stop());

const MB20 = EVIDENCE_MAX_BYTES;

function blobFiles(): string[] {
  const root = path.join(t.dataDir, 'blobs');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((d) => readdirSync(path.join(root, d)));
}

/** A body that sends `bytes` in 1 MB chunks, waiting `delayMs` between them, without a Content-Length. */
function trickle(bytes: Buffer, delayMs: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    async pull(controller) {
      if (at >= bytes.length) return controller.close();
      if (at > 0 && delayMs) await new Promise((r) => setTimeout(r, delayMs));
      controller.enqueue(new Uint8Array(bytes.subarray(at, at + 1024 * 1024)));
      at += 1024 * 1024;
    },
  });
}

const post = (body: Buffer | ReadableStream<Uint8Array>, name: string, init: { headers?: Record<string, string>; duplex?: boolean } = {}) =>
  fetch(`${t.url}${k.filesPath()}?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${k.assignee.token}`, 'content-type': 'application/octet-stream', ...init.headers },
    body: Buffer.isBuffer(body) ? new Uint8Array(body) : body,
    ...(init.duplex ? { duplex: 'half' } : {}),
  } as RequestInit);

describe('the 20 MB bound over real HTTP', () => {
  it('takes exactly 20 MB (twice the app-wide body limit), durably on disk under blobs/<aa>/<sha256>', async () => {
    const bytes = pdfBytes(MB20, 'exact');
    const res = await post(bytes, '二十兆.pdf');
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.file.size).toBe(MB20);
    const onDisk = blobPath(t.dataDir, body.file.sha256);
    expect(onDisk).toContain(path.join('blobs', body.file.sha256.slice(0, 2), body.file.sha256));
    expect(readFileSync(onDisk).equals(bytes)).toBe(true);
  });

  it('refuses 20 MB + 1 byte with 413 naming the limit and the types, and stores nothing', async () => {
    const filesBefore = (await t.store.find('files')).length;
    const blobsBefore = blobFiles().length;
    const res = await post(pdfBytes(MB20 + 1, 'over'), '超了.pdf');
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(body.error.code).toBe('too_large');
    expect(body.error.message).toMatch(/20 MB/);
    expect(body.error.message).toMatch(/PDF、JPG、PNG/);
    expect((await t.store.find('files')).length).toBe(filesBefore);
    expect(blobFiles().length).toBe(blobsBefore);
  });

  it('refuses a chunked body (no Content-Length) at the first byte past 20 MB, and a multipart file over 20 MB', async () => {
    const filesBefore = (await t.store.find('files')).length;
    const chunked = await post(trickle(pdfBytes(MB20 + 1, 'chunked'), 0), '分块.pdf', { duplex: true });
    expect(chunked.status).toBe(413);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdfBytes(MB20 + 1, 'form'))]), '表单.pdf');
    const multipart = await fetch(`${t.url}${k.filesPath()}`, { method: 'POST', headers: { authorization: `Bearer ${k.assignee.token}` }, body: form });
    expect(multipart.status).toBe(413);
    expect((await multipart.json()).error.code).toBe('too_large');
    expect((await t.store.find('files')).length).toBe(filesBefore);
  });

  it('takes a 20 MB file in a multipart form (the form’s own bytes are allowed for)', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdfBytes(MB20, 'form-ok'))]), '表单二十兆.pdf');
    const res = await fetch(`${t.url}${k.filesPath()}`, { method: 'POST', headers: { authorization: `Bearer ${k.assignee.token}` }, body: form });
    expect(res.status).toBe(201);
    expect((await res.json()).file).toMatchObject({ size: MB20, name: '表单二十兆.pdf' });
  });

  it('other routes keep the 10 MB limit', async () => {
    const res = await fetch(`${t.url}/api/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' },
      body: Buffer.alloc(11 * 1024 * 1024, 0x20),
    });
    expect(res.status).toBe(413);
  });

  it('answers other requests while an oversized upload trickles in, then refuses it', async () => {
    const upload = post(trickle(pdfBytes(MB20 + 1, 'slow'), 40), '慢.pdf', { duplex: true });
    const started = Date.now();
    // The upload takes 21 × 40 ms at least; these answer long before it ends.
    await new Promise((r) => setTimeout(r, 100));
    const [me, list] = await Promise.all([
      fetch(`${t.url}/api/v1/me`, { headers: { authorization: `Bearer ${k.member.token}` } }),
      fetch(`${t.url}${k.filesPath()}`, { headers: { authorization: `Bearer ${t.adminToken}` } }),
    ]);
    const answeredAfter = Date.now() - started;
    expect(me.status).toBe(200);
    expect(list.status).toBe(200);
    const res = await upload;
    const finishedAfter = Date.now() - started;
    expect(res.status).toBe(413);
    expect(answeredAfter).toBeLessThan(finishedAfter);
  });
});

describe('a restart', () => {
  it('keeps the files and their bytes (the data directory, not memory)', async () => {
    const bytes = pdfBytes(300_000, 'restart');
    const up = await post(bytes, '重启前.pdf');
    const { file } = await up.json();
    expect(up.status).toBe(201);
    await t.restart({ compact: false });
    const list = await fetch(`${t.url}${k.filesPath()}`, { headers: { authorization: `Bearer ${k.assignee.token}` } });
    expect((await list.json()).files.map((f: { id: string }) => f.id)).toContain(file.id);
    const dl = await fetch(`${t.url}${k.filesPath()}/${file.id}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(dl.status).toBe(200);
    expect(Buffer.from(await dl.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
