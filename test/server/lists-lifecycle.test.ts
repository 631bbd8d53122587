import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, todayIn } from '../../shared/calendar';
import { startTestServer, type TestServer } from '../support/server';
import { addMember, createCampaign, opinion, pushRecord, type Member } from './lists-support';
import { BORDERLINE_OPINIONS } from '../support/borderline-opinions';

let t: TestServer;
const today = todayIn(DEFAULT_TIME_ZONE);
const shift = (days: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.stop());

const items = (campaignId: string, list: string, view?: string) =>
  t.api('GET', `/api/v1/campaigns/${campaignId}/items?list=${list}${view ? `&view=${view}` : ''}`);
const addItem = (campaignId: string, body: Record<string, unknown>) => t.api('POST', `/api/v1/campaigns/${campaignId}/items`, { body });

/** Each test's own campaign: 李老师 heard the same bath-house complaint from a student and a parent, grouped as one opinion; 赵处长 of 后勤处 is a member too. */
async function campaignWithOpinions(): Promise<{ campaignId: string; li: Member; zhao: Member; bathGroupId: string }> {
  const campaignId = (await createCampaign(t)).id;
  const li = await addMember(t, campaignId, '李老师');
  const zhao = await addMember(t, campaignId, '赵处长', '后勤处');
  const r1 = await pushRecord(t, li, opinion(campaignId, BORDERLINE_OPINIONS.bath1));
  await pushRecord(t, li, opinion(campaignId, BORDERLINE_OPINIONS.bath2, { fromGroup: '家长', channel: '来信来访' }));
  const opinions = (await t.api('GET', `/api/v1/campaigns/${campaignId}/opinions`)).body.items;
  return { campaignId, li, zhao, bathGroupId: opinions.find((o: any) => o.recordIds.includes(r1)).id };
}

/** …where the office made the bath-house problem from that opinion group… */
async function campaignWithProblem() {
  const c = await campaignWithOpinions();
  const problem = await addItem(c.campaignId, { list: 'problem', title: '浴室高峰期排队时间长', category: '后勤服务', sourceItemIds: [c.bathGroupId] });
  return { ...c, problemId: problem.body.item.id as string };
}

/** …and gave 赵处长 the task of fixing it, due in 3 days… */
async function campaignWithTask() {
  const c = await campaignWithProblem();
  const task = await addItem(c.campaignId, {
    list: 'task',
    title: '浴室增设淋浴位并延长开放时间',
    sourceItemIds: [c.problemId],
    responsibleLeader: '张副校长',
    responsibleUnit: '后勤处',
    target: '高峰期排队不超过 10 分钟',
    assigneeId: c.zhao.id,
    deadline: shift(3),
  });
  return { ...c, taskId: task.body.item.id as string };
}

/** …which 赵处长 reported in progress, then done with evidence… */
async function campaignWithDoneTask() {
  const c = await campaignWithTask();
  const progress = `/api/v1/campaigns/${c.campaignId}/items/${c.taskId}/progress`;
  expect((await t.api('POST', progress, { token: c.zhao.token, body: { progress: '已采购淋浴设备', status: 'in_progress' } })).status).toBe(200);
  expect((await t.api('POST', progress, { token: c.zhao.token, body: { status: 'done', evidence: '新增淋浴位 40 个，照片见附件' } })).status).toBe(200);
  return c;
}

/** …and the office closed (销号), with its effect. */
async function campaignWithClosedTask() {
  const c = await campaignWithDoneTask();
  const closed = await t.api('POST', `/api/v1/campaigns/${c.campaignId}/items/${c.taskId}/close`, { body: { effect: '高峰期排队由 30 分钟降到 10 分钟' } });
  expect(closed.status).toBe(200);
  return c;
}

describe('the three lists from opinion to 销号', () => {
  it('makes a problem from an opinion group and another from self-examination (查摆)', async () => {
    const { campaignId, bathGroupId } = await campaignWithOpinions();
    const fromOpinion = await addItem(campaignId, { list: 'problem', title: '浴室高峰期排队时间长', category: '后勤服务', sourceItemIds: [bathGroupId] });
    expect(fromOpinion.status).toBe(201);
    expect(fromOpinion.body.item).toMatchObject({ list: 'problem', status: 'open', source: '意见建议', sourceItemIds: [bathGroupId] });
    const selfExam = await addItem(campaignId, { list: 'problem', title: '调查研究不够深入', category: '四风问题' });
    expect(selfExam.body.item.source).toBe('查摆');
    expect((await items(campaignId, 'problem')).body.items).toHaveLength(2);
  });

  it('assigns a rectification task to a member, who then sees it in GET /me/tasks', async () => {
    const { campaignId, li, zhao, problemId } = await campaignWithProblem();
    const res = await addItem(campaignId, {
      list: 'task',
      title: '浴室增设淋浴位并延长开放时间',
      sourceItemIds: [problemId],
      responsibleLeader: '张副校长',
      responsibleUnit: '后勤处',
      assigneeId: zhao.id,
      deadline: shift(3),
    });
    expect(res.status).toBe(201);
    const taskId = res.body.item.id;
    const mine = await t.api('GET', '/api/v1/me/tasks', { token: zhao.token });
    expect(mine.status).toBe(200);
    expect(mine.body.tasks).toEqual([
      expect.objectContaining({
        id: taskId,
        title: '浴室增设淋浴位并延长开放时间',
        deadline: shift(3),
        status: 'open',
        dueSoon: true,
        overdue: false,
        target: '',
      }),
    ]);
    expect((await t.api('GET', '/api/v1/me/tasks', { token: li.token })).body.tasks).toEqual([]);
  });

  it("reaches the assignee's sidebar through sync pull", async () => {
    const { zhao, taskId } = await campaignWithTask();
    const pull = await t.api('POST', '/api/v1/sync/pull', {
      token: zhao.token,
      body: { protocolVersion: 1, clientId: zhao.clientId, cursor: null, limit: 500 },
    });
    expect(pull.status).toBe(200);
    expect(pull.body.entities.filter((e: any) => e.entity === 'item').map((e: any) => e.id)).toEqual([taskId]);
    expect(pull.body.entities.find((e: any) => e.entity === 'item').data.target).toBe('高峰期排队不超过 10 分钟');
    expect((await t.api('GET', '/api/v1/me/tasks', { token: zhao.token })).body.tasks[0].target).toBe('高峰期排队不超过 10 分钟');
  });

  it('refuses a task for someone outside the campaign, or without a problem, and changes nothing', async () => {
    const { campaignId, problemId } = await campaignWithTask();
    const outsider = await t.createUser('外单位', '某学院');
    const bad = await addItem(campaignId, {
      list: 'task',
      title: 'x',
      sourceItemIds: [problemId],
      assigneeId: outsider.user.id,
      deadline: shift(3),
      responsibleLeader: '张副校长',
      responsibleUnit: '后勤处',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid', field: 'assigneeId' });
    const orphan = await addItem(campaignId, { list: 'task', title: 'x', deadline: shift(3), responsibleLeader: '张副校长', responsibleUnit: '后勤处' });
    expect(orphan.status).toBe(400);
    expect(orphan.body.error.field).toBe('sourceItemIds');
    const badDate = await addItem(campaignId, { list: 'problem', title: 'x', deadline: '2024-02-30' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.field).toBe('deadline');
    expect((await items(campaignId, 'task')).body.items).toHaveLength(1);
  });

  it('lets the assignee report progress and mark done, but not close it', async () => {
    const { campaignId, li, zhao, taskId } = await campaignWithTask();
    const progress = await t.api('POST', `/api/v1/campaigns/${campaignId}/items/${taskId}/progress`, {
      token: zhao.token,
      body: { progress: '已采购淋浴设备', status: 'in_progress' },
    });
    expect(progress.status).toBe(200);
    expect(progress.body.item).toMatchObject({ status: 'in_progress', progress: '已采购淋浴设备' });
    const done = await t.api('POST', `/api/v1/campaigns/${campaignId}/items/${taskId}/progress`, {
      token: zhao.token,
      body: { status: 'done', evidence: '新增淋浴位 40 个，照片见附件' },
    });
    expect(done.body.item.status).toBe('done');
    expect((await t.api('POST', `/api/v1/campaigns/${campaignId}/items/${taskId}/close`, { token: zhao.token, body: {} })).status).toBe(403);
    expect((await t.api('POST', `/api/v1/campaigns/${campaignId}/items/${taskId}/progress`, { token: li.token, body: { status: 'done' } })).status).toBe(403);
  });

  it('closes (销号) only with evidence and an admin, and adds the effect to the 效果清单', async () => {
    const { campaignId, zhao, taskId } = await campaignWithDoneTask();
    const noEvidence = await addItem(campaignId, { list: 'problem', title: '无佐证的问题' });
    const pid = noEvidence.body.item.id;
    await t.api('POST', `/api/v1/campaigns/${campaignId}/items/${pid}/progress`, { body: { status: 'done' } });
    const refused = await t.api('POST', `/api/v1/campaigns/${campaignId}/items/${pid}/close`, { body: {} });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ field: 'evidence' });
    expect(refused.body.error.message).toContain('佐证');

    const closed = await t.api('POST', `/api/v1/campaigns/${campaignId}/items/${taskId}/close`, { body: { effect: '高峰期排队由 30 分钟降到 10 分钟' } });
    expect(closed.status).toBe(200);
    expect(closed.body.item).toMatchObject({ status: 'closed', closedBy: t.admin.id });
    expect(closed.body.effect).toMatchObject({ list: 'effect', sourceItemIds: [taskId], effect: '高峰期排队由 30 分钟降到 10 分钟' });
    const again = await t.api('POST', `/api/v1/campaigns/${campaignId}/items/${taskId}/progress`, { token: zhao.token, body: { status: 'in_progress' } });
    expect(again.status).toBe(409);
  });

  it('traces an effect back to its task, problem, opinions and the people who raised them', async () => {
    const { campaignId, bathGroupId, problemId, taskId } = await campaignWithClosedTask();
    const effect = (await items(campaignId, 'effect')).body.items[0];
    const trace = await t.api('GET', `/api/v1/campaigns/${campaignId}/items/${effect.id}/trace`);
    expect(trace.body.tasks.map((x: any) => x.id)).toEqual([taskId]);
    expect(trace.body.problems.map((x: any) => x.id)).toEqual([problemId]);
    expect(trace.body.opinions).toEqual([expect.objectContaining({ id: bathGroupId, mentions: 2 })]);
    expect(trace.body.fromGroups.sort()).toEqual(['学生', '家长'].sort());
  });

  it('records every change with who and when, in an audit log that has no way to edit it', async () => {
    const { campaignId, li, zhao, taskId } = await campaignWithClosedTask();
    // Refused attempts change nothing, so they leave nothing in the log.
    expect((await t.api('POST', `/api/v1/campaigns/${campaignId}/items/${taskId}/close`, { token: zhao.token, body: {} })).status).toBe(403);
    expect((await t.api('POST', `/api/v1/campaigns/${campaignId}/items/${taskId}/progress`, { token: li.token, body: { status: 'done' } })).status).toBe(403);
    expect(
      (await t.api('POST', `/api/v1/campaigns/${campaignId}/items/${taskId}/progress`, { token: zhao.token, body: { status: 'in_progress' } })).status,
    ).toBe(409);

    const log = await t.api('GET', `/api/v1/campaigns/${campaignId}/audit?entityId=${taskId}`);
    expect(log.body.entries.map((e: any) => e.action)).toEqual(['task.create', 'task.progress', 'task.progress', 'task.close']);
    expect(log.body.entries.map((e: any) => e.actorId)).toEqual([t.admin.id, zhao.id, zhao.id, t.admin.id]);
    expect(log.body.entries[3].before.status).toBe('done');
    expect(log.body.entries[3].after.status).toBe('closed');
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect((await t.api(method, `/api/v1/campaigns/${campaignId}/audit`, { body: {} })).status).toBe(404);
    }
  });
});

describe('overdue and due-soon views', () => {
  it('shows open work past its deadline as overdue and work due within 7 days as due soon', async () => {
    const campaignId = (await createCampaign(t)).id;
    const problem = (await addItem(campaignId, { list: 'problem', title: '期限测试' })).body.item.id;
    const mk = async (title: string, deadline: string) =>
      (await addItem(campaignId, { list: 'task', title, sourceItemIds: [problem], deadline, responsibleLeader: '张副校长', responsibleUnit: '后勤处' })).body
        .item.id;
    const late = await mk('逾期任务', shift(-2));
    const soon = await mk('临期任务', shift(5));
    const later = await mk('远期任务', shift(30));
    const overdue = (await items(campaignId, 'task', 'overdue')).body.items.map((i: any) => i.id);
    const dueSoon = (await items(campaignId, 'task', 'due-soon')).body.items.map((i: any) => i.id);
    expect(overdue).toContain(late);
    expect(overdue).not.toContain(soon);
    expect(dueSoon).toContain(soon);
    expect(dueSoon).not.toContain(later);
    expect(dueSoon).not.toContain(late);
    expect((await items(campaignId, 'task', 'someday')).status).toBe(400);
  });
});

describe('exports of the three lists', () => {
  const download = async (campaignId: string, file: string) => {
    const res = await t.fetch(`${t.url}/api/v1/campaigns/${campaignId}/export/${file}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  it('lays out the 任务清单 with the ledger columns, the responsible person by name and 销号', async () => {
    const { campaignId } = await campaignWithClosedTask();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(campaignId, 'tasks.xlsx')) as never);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('任务清单');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([
      '序号',
      '问题描述',
      '整改措施',
      '整改目标',
      '责任领导',
      '责任部门',
      '责任人',
      '完成时限',
      '整改进展',
      '完成情况',
      '是否销号',
      '销号日期',
    ]);
    const row = ws.getRow(4);
    expect(row.getCell(2).value).toBe('浴室高峰期排队时间长');
    expect(row.getCell(4).value).toBe('高峰期排队不超过 10 分钟');
    expect(row.getCell(7).value).toBe('赵处长');
    expect(row.getCell(8).value).toBeInstanceOf(Date);
    expect(row.getCell(11).value).toBe('是');
  });

  it('carries 整改目标 (and the problem\'s 整改措施) in the 问题清单: the "五个明确" in one row', async () => {
    const { campaignId, problemId } = await campaignWithClosedTask();
    expect((await t.api('PATCH', `/api/v1/campaigns/${campaignId}/items/${problemId}`, { body: { target: '浴室排队明显缩短' } })).status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(campaignId, 'problems.xlsx')) as never);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(3).values as unknown[]).slice(1);
    expect(headers).toEqual([
      '序号',
      '问题描述',
      '具体表现',
      '类别',
      '问题来源',
      '整改目标',
      '整改措施',
      '责任领导',
      '责任部门',
      '完成时限',
      '完成情况',
      '是否销号',
    ]);
    const row = (ws.getRow(4).values as unknown[]).slice(1);
    expect(row[headers.indexOf('整改目标')]).toBe('浴室排队明显缩短');
    expect(row[headers.indexOf('整改措施')]).toBe('浴室增设淋浴位并延长开放时间');
  });

  it('exports one status part with ?status=, names it in the title and the file, and refuses what it does not know', async () => {
    const { campaignId } = await campaignWithClosedTask();
    await addItem(campaignId, {
      list: 'task',
      title: '调查问卷改为线上',
      sourceItemIds: [(await items(campaignId, 'problem')).body.items[0].id],
      deadline: shift(30),
      responsibleLeader: '张副校长',
      responsibleUnit: '后勤处',
    });
    const closed = new ExcelJS.Workbook();
    await closed.xlsx.load((await download(campaignId, 'tasks.xlsx?status=closed')) as never);
    expect(closed.worksheets.map((w) => w.name)).toEqual(['任务清单-已销号']);
    expect(String(closed.worksheets[0]!.getCell(1, 1).value)).toMatch(/ 已办结销号任务清单$/);
    expect(closed.worksheets[0]!.getRow(4).getCell(3).value).toBe('浴室增设淋浴位并延长开放时间');
    const res = await t.fetch(`${t.url}/api/v1/campaigns/${campaignId}/export/tasks.csv?status=new`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('新增任务清单.csv');
    const csv = (await res.text()).replace(/^\uFEFF/, '');
    expect(csv).toContain('调查问卷改为线上');
    expect(csv).not.toContain('浴室增设淋浴位并延长开放时间');
    for (const [file, field] of [
      ['tasks.xlsx?status=finished', 'status'],
      ['opinions.xlsx?status=new', 'status'],
      ['summary.docx?status=closed', 'status'],
    ]) {
      const bad = await t.api('GET', `/api/v1/campaigns/${campaignId}/export/${file}`);
      expect(bad.status, file).toBe(400);
      expect(bad.body.error.field, file).toBe(field);
      expect(bad.body.error.message, file).toMatch(/状态/);
    }
  });

  it('puts every list in one workbook, one sheet each', async () => {
    const { campaignId } = await campaignWithClosedTask();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(campaignId, 'workbook.xlsx')) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '意见建议汇总表',
      '问题清单',
      '问题清单-新增',
      '问题清单-推进中',
      '问题清单-已销号',
      '任务清单',
      '任务清单-新增',
      '任务清单-推进中',
      '任务清单-已销号',
      '效果清单',
      '学习台账',
      '学习台账（按单位）',
      '集体学习记录',
      '谈心谈话台账',
    ]);
    for (const ws of wb.worksheets) expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    // Every title row names the list after the campaign; yearly ledgers carry their year.
    const titles = wb.worksheets.map((w) => String(w.getCell(1, 1).value));
    for (const title of titles) expect(title).not.toContain('${');
    expect(titles[13]).toMatch(/\d{4}年谈心谈话台账$/);
  });

  it('writes summary.docx with the figures sentence and the lists', async () => {
    const { campaignId } = await campaignWithClosedTask();
    // Besides the closed bath-house task: three problems found by self-examination, each with an open task.
    for (const title of ['调查研究不够深入', '会议文件偏多', '联系师生不够紧密']) {
      const problemId = (await addItem(campaignId, { list: 'problem', title, category: '四风问题' })).body.item.id;
      await addItem(campaignId, {
        list: 'task',
        title: `整改${title}`,
        sourceItemIds: [problemId],
        deadline: shift(30),
        responsibleLeader: '张副校长',
        responsibleUnit: '后勤处',
      });
    }
    const zip = await JSZip.loadAsync(await download(campaignId, 'summary.docx'));
    const xml = await zip.file('word/document.xml')!.async('string');
    const plain = xml.replace(/<[^>]+>/g, '');
    expect(plain).toContain('共征集意见建议2条（合并同类后1条），查摆问题4条，制定整改措施4条，已销号1条');
    expect(plain).toContain('浴室增设淋浴位并延长开放时间');
    expect(plain).toContain('高峰期排队由 30 分钟降到 10 分钟');
  });
});
