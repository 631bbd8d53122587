import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/export/csv-reader';
import { startTestServer, type TestServer } from '../support/server';
import { addMember, createCampaign, opinion, pushRecord, type Member } from './lists-support';

let t: TestServer;
let campaignId: string;
let li: Member;
let wang: Member;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestServer();
  campaignId = (await createCampaign(t)).id;
  li = await addMember(t, campaignId, '李老师');
  wang = await addMember(t, campaignId, '王书记');
  ids.bath1 = await pushRecord(
    t,
    li,
    opinion(campaignId, '澡堂人太多，排队洗澡要等半小时', {
      page: { url: 'https://oa.example.edu.cn/notice/12', title: '关于开展下基层活动的通知' },
      speaker: '张三',
    }),
  );
  ids.bath2 = await pushRecord(
    t,
    wang,
    opinion(campaignId, '学生反映浴室淋浴头不够用，洗澡排队时间长', { fromGroup: '辅导员', channel: '谈心谈话', heardOn: '2024-06-01' }),
  );
  ids.ac = await pushRecord(t, li, opinion(campaignId, '宿舍夏天太热，希望安装空调'));
  ids.formula = await pushRecord(t, wang, opinion(campaignId, '=HYPERLINK("http://evil.example","点我")', { category: '四风问题' }));
  ids.deleted = await pushRecord(t, wang, opinion(campaignId, '这条已经删除了', { deleted: true }));
});
afterAll(() => t?.stop());

const itemOf = (items: any[], recordId: string) => items.find((i) => i.recordIds.includes(recordId));

describe('GET /campaigns/:id/opinions', () => {
  it('groups near-duplicates from different cadres into one item that counts its mentions', async () => {
    const res = await t.api('GET', `/api/v1/campaigns/${campaignId}/opinions`);
    expect(res.status).toBe(200);
    const bath = itemOf(res.body.items, ids.bath1!);
    expect(bath.recordIds.sort()).toEqual([ids.bath1, ids.bath2].sort());
    expect(bath.mentions).toBe(2);
    expect(bath.content).toBe('澡堂人太多，排队洗澡要等半小时');
    expect(bath.category).toBe('后勤服务');
    expect(bath.fromGroups.sort()).toEqual(['学生', '辅导员'].sort());
    expect(itemOf(res.body.items, ids.ac!).mentions).toBe(1);
    expect(res.body.items).toHaveLength(3);
  });

  it('leaves deleted records out and never shows the private speaker', async () => {
    const res = await t.api('GET', `/api/v1/campaigns/${campaignId}/opinions`);
    expect(itemOf(res.body.items, ids.deleted!)).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain('张三');
  });

  it('is for the campaign office only', async () => {
    expect((await t.api('GET', `/api/v1/campaigns/${campaignId}/opinions`, { token: li.token })).status).toBe(403);
    expect((await t.api('GET', `/api/v1/campaigns/${campaignId}/opinions`, { token: null })).status).toBe(401);
    const missing = await t.api('GET', '/api/v1/campaigns/nope/opinions');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });
});

describe('GET /campaigns/:id/export/opinions.xlsx', () => {
  it('writes the consolidated list with a title row, 填报单位/日期, a frozen header and dates as dates', async () => {
    const res = await t.fetch(`${t.url}/api/v1/campaigns/${campaignId}/export/opinions.xlsx`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toContain('下基层察民情解民忧暖民心');
    expect(String(ws.getCell('A2').value)).toMatch(/填报单位：化学学院党委\s+填报日期：\d{4}-\d{2}-\d{2}/);
    expect((ws.getRow(3).values as unknown[]).slice(1, 8)).toEqual(['序号', '内容', '类别', '反映人群', '渠道', '日期', '来源页面']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const rows = [4, 5, 6].map((n) => ws.getRow(n));
    const bath = rows.find((r) => r.getCell(2).value === '澡堂人太多，排队洗澡要等半小时')!;
    expect(bath.getCell(1).value).toBeTypeOf('number');
    expect(bath.getCell(6).value).toBeInstanceOf(Date);
    expect((bath.getCell(6).value as Date).toISOString().slice(0, 10)).toBe('2024-06-01');
    expect(String(bath.getCell(7).value)).toContain('https://oa.example.edu.cn/notice/12');
    expect(String(bath.getCell(7).value)).toContain('关于开展下基层活动的通知');
    expect(bath.getCell(8).value).toBe(2);
    expect(ws.getColumn(2).width).toBeGreaterThan(30);
  });

  it('never lets a typed value become a formula', async () => {
    const res = await t.fetch(`${t.url}/api/v1/campaigns/${campaignId}/export/opinions.xlsx`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.worksheets[0]!;
    const cells: ExcelJS.Cell[] = [];
    ws.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
    expect(cells.map((c) => c.value)).toContain(`'=HYPERLINK("http://evil.example","点我")`);
  });

  it('writes the same list as UTF-8 csv with a BOM', async () => {
    const res = await t.fetch(`${t.url}/api/v1/campaigns/${campaignId}/export/opinions.csv`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[2]!.slice(0, 7)).toEqual(['序号', '内容', '类别', '反映人群', '渠道', '日期', '来源页面']);
    expect(rows.slice(3).map((r) => r[1])).toContain(`'=HYPERLINK("http://evil.example","点我")`);
    expect(rows.slice(3)).toHaveLength(3);
  });

  it('answers an unknown export with a clear 404', async () => {
    const res = await t.api('GET', `/api/v1/campaigns/${campaignId}/export/secrets.xlsx`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('没有这个导出文件');
    expect((await t.api('GET', `/api/v1/campaigns/${campaignId}/export/opinions.xlsx`, { token: wang.token })).status).toBe(403);
  });
});
