/**
 * The thinnest whole path through the product, with every part real: the server as the process
 * `npm run server` starts, the built extension in Chromium, an OA page served over HTTP. A selected
 * sentence becomes an opinion, reaches the server's consolidated list and the exported xlsx.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startFixtureServer, type FixturePage, type FixtureServer } from '../support/fixture-server';
import { ownOaFixtures, referenceAvailable, referenceOaFixtures } from '../support/paths';
import { spawnServer, spawnServerExpectingExit, type ServerProcess } from '../support/server-process';
import { configure, fillOpinion, openFromLauncher, selectText } from './extension-harness';

/** The reference page has no `select` entry; this sentence is on it. */
const REFERENCE_SENTENCE = '二是图书馆自习座位不足，考研期间占座现象突出';

const fixtureSets = [
  { name: 'own fixtures', dir: ownOaFixtures },
  ...(referenceAvailable(referenceOaFixtures) ? [{ name: 'reference fixtures', dir: referenceOaFixtures }] : []),
];

async function api<T>(server: ServerProcess, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: (type.includes('json') ? await res.json() : await res.arrayBuffer()) as T };
}

describe.skipIf(!browserAvailable())('walking skeleton: one opinion from an OA page to an exported spreadsheet', () => {
  let server: ServerProcess;
  let ext: ExtensionBrowser;
  let campaignId: string;
  const fixtures: FixtureServer[] = [];

  beforeAll(async () => {
    server = await spawnServer();
    const member = await api<{ user: { id: string }; token: string }>(server, 'POST', '/api/v1/users', server.adminToken, {
      name: '李琛',
      unit: '党委办公室',
      role: 'member',
    });
    expect(member.status).toBe(201);
    const campaign = await api<{ campaign: { id: string } }>(server, 'POST', '/api/v1/campaigns', server.adminToken, {
      title: '下基层察民情解民忧暖民心实践活动',
      template: 'grassroots',
      unit: '党委办公室',
      memberIds: [member.body.user.id],
    });
    expect(campaign.status).toBe(201);
    campaignId = campaign.body.campaign.id;
    for (const set of fixtureSets) fixtures.push(await startFixtureServer(set.dir));
    ext = await launchWithExtension();
    // Every fixture server is 127.0.0.1 on some port; one OA site entry covers them (match patterns ignore ports).
    await configure(ext, server.url, member.body.token, fixtures[0]!.origin);
  });

  afterAll(async () => {
    await ext?.close();
    for (const f of fixtures) await f.close();
    await server?.stop();
  });

  it.each(fixtureSets.map((set, i) => [set.name, i] as const))('captures a selected sentence on the 泛微 E9 workflow page (%s)', async (_name, i) => {
    const site = fixtures[i]!;
    const pageInfo = site.pages.find((p) => p.file === 'weaver-e9-workflow.html') as FixturePage & { select?: string };
    const sentence = pageInfo.select ?? REFERENCE_SENTENCE;
    const page = await ext.context.newPage();
    await page.goto(site.urlOf(pageInfo));

    await selectText(page, sentence);
    const frame = await openFromLauncher(page);
    await expect.poll(() => frame.getByTestId('tz-page-title').textContent()).toBe(pageInfo.expect.title);
    expect(await frame.getByTestId('tz-field-quote').inputValue()).toBe(sentence);
    await fillOpinion(frame, `${sentence}（${_name}）`);
    await frame.getByTestId('tz-save').click();
    await expect.poll(() => frame.getByTestId('tz-sync-state').getAttribute('data-status'), { timeout: 20_000 }).toBe('synced');
    await page.close();

    // The office's consolidated list has it, with where it was heard.
    const list = await api<{
      items: Array<{
        content: string;
        mentions: number;
        recordIds: string[];
        sources: Array<{ content: string; page: { url: string; title: string; quote?: string } | null }>;
      }>;
    }>(server, 'GET', `/api/v1/campaigns/${campaignId}/opinions`, server.adminToken);
    expect(list.status).toBe(200);
    const source = list.body.items.flatMap((it) => it.sources).find((s) => s.content === `${sentence}（${_name}）`);
    expect(source, 'the saved opinion is in the consolidated list').toBeDefined();
    expect(source!.page).toMatchObject({ url: site.urlOf(pageInfo), title: pageInfo.expect.title, quote: sentence });

    // …and in the exported 意见建议汇总表, read back with a real xlsx reader.
    const xlsx = await api<ArrayBuffer>(server, 'GET', `/api/v1/campaigns/${campaignId}/export/opinions.xlsx`, server.adminToken);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body);
    const sheet = book.worksheets[0]!;
    const rows: string[][] = [];
    sheet.eachRow((row) =>
      rows.push(
        (row.values as unknown[])
          .slice(1)
          .map((v) => (v == null ? '' : typeof v === 'object' && 'text' in (v as object) ? String((v as { text: unknown }).text) : String(v))),
      ),
    );
    const header = rows.find((r) => r.includes('序号'))!;
    expect(header).toEqual(expect.arrayContaining(['序号', '内容', '类别', '反映人群', '渠道', '日期', '来源页面']));
    const row = rows.find((r) => r[header.indexOf('内容')] === `${sentence}（${_name}）`);
    expect(row, 'the opinion is a row of the export').toBeDefined();
    expect(row![header.indexOf('来源页面')]).toContain(pageInfo.expect.title!);
  });

  it('refuses a second server on the same data directory, naming the holder', async () => {
    const refused = await spawnServerExpectingExit({ dataDir: server.dataDir });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(new RegExp(`${server.child.pid}`));
    // …and the first one is still serving.
    const me = await api<{ user: { role: string } }>(server, 'GET', '/api/v1/me', server.adminToken);
    expect(me.body.user.role).toBe('admin');
  });
});
