/**
 * 佐证材料 files from the office console over a real socket: uploaded from an item's detail as a browser
 * form does, up to 20 MB with the CSRF token checked after the bounded read, listed and downloaded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleClient } from '../support/console-client';
import { exeBytes, pdfBytes } from '../support/evidence-files';
import { startTestServer, type TestServer } from '../support/server';
import { createCampaign } from './lists-support';

let t: TestServer;
let campaignId: string;
let itemId: string;

beforeAll(async () => {
  t = await startTestServer({ http: true });
  campaignId = (await createCampaign(t)).id;
  itemId = (await t.api('POST', `/api/v1/campaigns/${campaignId}/items`, { body: { list: 'problem', title: '浴室排队时间长' } })).body.item.id;
});
afterAll(() => t?.stop());

const MB = 1024 * 1024;

describe('evidence files in the console', () => {
  it('uploads a PDF from the item’s detail, lists it by name and serves it back as an attachment', async () => {
    const office = consoleClient(() => t);
    await office.signIn(t.adminToken);
    const lists = await office.get(`/console/campaigns/${campaignId}/lists`);
    expect(lists.text).toContain(`action="/console/campaigns/${campaignId}/items/${itemId}/files" enctype="multipart/form-data"`);
    const bytes = pdfBytes(1000, '整改报告');
    const res = await office.upload(`/console/campaigns/${campaignId}/items/${itemId}/files`, { name: '整改报告.pdf', bytes });
    expect(res.status).toBe(303);
    expect((await office.notice(res)).ok).toBe('佐证材料已上传');
    const page = (await office.get(`/console/campaigns/${campaignId}/lists`)).text;
    const link = new RegExp(`href="(/console/campaigns/${campaignId}/items/${itemId}/files/[^"]+)">整改报告\\.pdf</a>`).exec(page);
    expect(link).not.toBeNull();
    const download = await t.fetch(`${t.url}${link![1]}`, { headers: { cookie: `tz_console=${encodeURIComponent(office.sessionId())}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('refuses a wrong CSRF token or another origin, and a file that is not what its name says, storing nothing', async () => {
    const office = consoleClient(() => t);
    await office.signIn(t.adminToken);
    const before = (await t.store.find('files', { campaignId })).length;
    const path = `/console/campaigns/${campaignId}/items/${itemId}/files`;
    const forged = await office.upload(path, { name: 'a.pdf', bytes: pdfBytes(100) }, { csrf: 'guess' });
    expect((await office.notice(forged)).error).toContain('CSRF');
    expect((await office.upload(path, { name: 'a.pdf', bytes: pdfBytes(100) }, { origin: 'https://evil.example' })).status).toBe(403);
    const exe = await office.upload(path, { name: '通知.pdf', bytes: exeBytes() });
    expect((await office.notice(exe)).error).toMatch(/PDF/);
    expect((await t.store.find('files', { campaignId })).length).toBe(before);
  });

  it('takes 20 MB and refuses more, without touching the 10 MB limit of every other console form', async () => {
    const office = consoleClient(() => t);
    await office.signIn(t.adminToken);
    const path = `/console/campaigns/${campaignId}/items/${itemId}/files`;
    const ok = await office.upload(path, { name: '现场照片汇编.pdf', bytes: pdfBytes(20 * MB - 400, 'big') });
    expect((await office.notice(ok)).ok).toBe('佐证材料已上传');
    const big = await office.upload(path, { name: '过大.pdf', bytes: pdfBytes(20 * MB + 200, 'bigger') });
    expect(big.status).toBe(303);
    expect((await office.notice(big)).error).toContain('20 MB');
    expect((await t.store.find('files', { campaignId })).some((f) => f.name.startsWith('过大'))).toBe(false);
    const form = await t.fetch(`${t.url}/console/campaigns/${campaignId}/items/${itemId}/edit`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: t.url },
      body: `title=${'x'.repeat(11 * MB)}`,
    });
    expect(form.status).toBe(413);
  });
});
