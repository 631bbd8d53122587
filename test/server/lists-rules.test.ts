/**
 * The rectification cycle's rules over the API (issue 12): a task needs its 完成时限 and 责任主体, 销号
 * needs 整改成效, a problem's status follows its tasks, 撤销销号 and edits of closed items need a reason
 * and are audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { pdfBytes, uploadRaw } from '../support/evidence-files';
import { addMember, createCampaign, type Member } from './lists-support';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.stop());

const RESPONSIBLE = { responsibleLeader: '张副校长', responsibleUnit: '后勤处', deadline: '2030-06-30' };
const api = (method: string, campaignId: string, path: string, body?: unknown, token?: string) =>
  t.api(method, `/api/v1/campaigns/${campaignId}${path}`, { body, token });

interface Scene {
  campaignId: string;
  problemId: string;
  member: Member;
  task: (title: string) => Promise<string>;
  status: (id: string) => Promise<string>;
  finish: (taskId: string) => Promise<void>;
}

async function scene(): Promise<Scene> {
  const campaignId = (await createCampaign(t)).id;
  const member = await addMember(t, campaignId, '赵处长', '后勤处');
  const problemId = (await api('POST', campaignId, '/items', { list: 'problem', title: '浴室排队时间长' })).body.item.id;
  return {
    campaignId,
    problemId,
    member,
    async task(title) {
      const res = await api('POST', campaignId, '/items', { list: 'task', title, sourceItemIds: [problemId], assigneeId: member.id, ...RESPONSIBLE });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.item.id;
    },
    async status(id) {
      return (await api('GET', campaignId, `/items/${id}`)).body.item.status;
    },
    async finish(taskId) {
      const res = await api('POST', campaignId, `/items/${taskId}/progress`, { status: 'done', evidence: '照片' }, member.token);
      expect(res.status).toBe(200);
    },
  };
}

const auditOf = async (campaignId: string) => (await t.api('GET', `/api/v1/campaigns/${campaignId}/audit`)).body.entries as Array<Record<string, any>>;

describe('a task is a commitment', () => {
  it('refuses a task without 完成时限, 责任领导 or 责任部门, saying which, and stores nothing', async () => {
    const s = await scene();
    for (const [missing, message] of [
      ['deadline', '整改任务须填写完成时限'],
      ['responsibleLeader', '整改任务须填写责任领导'],
      ['responsibleUnit', '整改任务须填写责任部门'],
    ] as const) {
      const body: Record<string, unknown> = { list: 'task', title: '增设淋浴位', sourceItemIds: [s.problemId], ...RESPONSIBLE };
      delete body[missing];
      const res = await api('POST', s.campaignId, '/items', body);
      expect(res.status, missing).toBe(400);
      expect(res.body.error, missing).toMatchObject({ field: missing, message });
    }
    expect((await api('GET', s.campaignId, '/items?list=task')).body.items).toEqual([]);
  });
});

describe("a problem's status follows its tasks", () => {
  it('未开始 while every task is, 整改中 once one moves, 已完成待销号 when all are 销号; then the office closes it', async () => {
    const s = await scene();
    const first = await s.task('增设淋浴位');
    const second = await s.task('延长开放时间');
    expect(await s.status(s.problemId)).toBe('open');

    // The assignee reports from the sidebar (sync push), not the REST route: the problem follows all the same.
    const push = await t.api('POST', '/api/v1/sync/push', {
      token: s.member.token,
      body: {
        protocolVersion: 1,
        clientId: s.member.clientId,
        mutations: [
          { id: 1, entity: 'item', entityId: first, hlc: `${Date.now()}-0000-${s.member.clientId}`, fields: { status: 'in_progress', progress: '已采购' } },
        ],
      },
    });
    expect(push.body.rejected).toEqual([]);
    expect(await s.status(s.problemId)).toBe('in_progress');

    // The office cannot set it by hand while it has tasks, nor close it with a task still open.
    const manual = await api('POST', s.campaignId, `/items/${s.problemId}/progress`, { status: 'done', evidence: '总结' });
    expect(manual.status).toBe(409);
    expect(manual.body.error.message).toContain('由其整改任务决定');

    for (const id of [first, second]) {
      await s.finish(id);
      expect((await api('POST', s.campaignId, `/items/${id}/close`, { effect: '排队缩短到 10 分钟' })).status).toBe(200);
      if (id === first) {
        expect(await s.status(s.problemId)).toBe('in_progress');
        const early = await api('POST', s.campaignId, `/items/${s.problemId}/close`, { evidence: '验收报告' });
        expect(early.status).toBe(409);
        expect(early.body.error.message).toBe('该问题还有 1 项整改任务未销号');
      }
    }
    expect(await s.status(s.problemId)).toBe('done');
    expect((await api('POST', s.campaignId, `/items/${s.problemId}/close`, { evidence: '验收报告' })).status).toBe(200);
    // The follower is the system, named as such in the audit log.
    expect((await auditOf(s.campaignId)).filter((e) => e.action === 'problem.follow').map((e) => e.after.status)).toEqual(['in_progress', 'done']);
  });

  it('a problem without tasks is still set by hand', async () => {
    const s = await scene();
    expect((await api('POST', s.campaignId, `/items/${s.problemId}/progress`, { status: 'in_progress' })).status).toBe(200);
    expect(await s.status(s.problemId)).toBe('in_progress');
  });
});

describe('销号 and taking it back', () => {
  it('refuses 销号 of a task without 整改成效, and changes nothing', async () => {
    const s = await scene();
    const task = await s.task('增设淋浴位');
    await s.finish(task);
    const res = await api('POST', s.campaignId, `/items/${task}/close`, { evidence: '照片', effect: '  ' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ field: 'effect', message: '销号须填写整改成效：它将列入效果清单' });
    expect(await s.status(task)).toBe('done');
    expect((await api('GET', s.campaignId, '/items?list=effect')).body.items).toEqual([]);
  });

  it('撤销销号 needs a reason, is audited with it, takes the effect out of the 效果清单 and re-closing updates that one effect', async () => {
    const s = await scene();
    const task = await s.task('增设淋浴位');
    await s.finish(task);
    expect((await api('POST', s.campaignId, `/items/${task}/close`, { effect: '新增淋浴位 40 个' })).status).toBe(200);
    expect(await s.status(s.problemId)).toBe('done');

    const noReason = await api('POST', s.campaignId, `/items/${task}/reopen`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.field).toBe('reason');
    expect(await s.status(task)).toBe('closed');

    const reopened = await api('POST', s.campaignId, `/items/${task}/reopen`, { reason: '现场核查发现仍有 10 个淋浴位未安装' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.item).toMatchObject({ status: 'done', closedAt: null, evidence: '照片' });
    expect(await s.status(s.problemId)).toBe('in_progress');
    const effects = async () => (await api('GET', s.campaignId, '/items?list=effect')).body.items as Array<{ id: string; status: string; effect: string }>;
    expect((await effects()).map((e) => e.status)).toEqual(['open']);
    const csv = await t.fetch(`${t.url}/api/v1/campaigns/${s.campaignId}/export/effects.csv`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(await csv.text()).not.toContain('新增淋浴位 40 个');
    const entry = (await auditOf(s.campaignId)).find((e) => e.action === 'task.reopen');
    expect(entry).toMatchObject({ reason: '现场核查发现仍有 10 个淋浴位未安装', actorId: t.admin.id });

    expect((await api('POST', s.campaignId, `/items/${task}/close`, { effect: '新增淋浴位 50 个，全部投入使用' })).status).toBe(200);
    expect((await effects()).map((e) => [e.status, e.effect])).toEqual([['closed', '新增淋浴位 50 个，全部投入使用']]);
  });

  it('a closed item is edited only with a reason, which the audit log keeps', async () => {
    const s = await scene();
    const task = await s.task('增设淋浴位');
    await s.finish(task);
    await api('POST', s.campaignId, `/items/${task}/close`, { effect: '新增淋浴位 40 个' });
    const bare = await api('PATCH', s.campaignId, `/items/${task}`, { responsibleUnit: '后勤管理处' });
    expect(bare.status).toBe(409);
    expect(bare.body.error).toMatchObject({ field: 'reason', message: '该事项已销号；修改已销号的事项须填写修改理由' });
    const onlyReason = await api('PATCH', s.campaignId, `/items/${task}`, { reason: '更正' });
    expect(onlyReason.status).toBe(400);
    const fixed = await api('PATCH', s.campaignId, `/items/${task}`, { responsibleUnit: '后勤管理处', reason: '部门名称更正' });
    expect(fixed.status).toBe(200);
    expect(fixed.body.item).toMatchObject({ status: 'closed', responsibleUnit: '后勤管理处' });
    expect(fixed.body.item.reason).toBeUndefined();
    expect((await auditOf(s.campaignId)).find((e) => e.action === 'task.update')).toMatchObject({ reason: '部门名称更正' });
  });

  it('takes uploaded files as the 佐证 when none is written, naming them', async () => {
    const s = await scene();
    expect((await api('POST', s.campaignId, `/items/${s.problemId}/progress`, { status: 'done' })).status).toBe(200);
    // Without text and without files the rule stands…
    const bare = await api('POST', s.campaignId, `/items/${s.problemId}/close`, { evidence: '' });
    expect(bare.status).toBe(400);
    expect(bare.body.error.field).toBe('evidence');
    // …with a file the office may close.
    const upload = await uploadRaw(t, `/api/v1/campaigns/${s.campaignId}/items/${s.problemId}/files`, pdfBytes(200), '验收报告.pdf');
    expect(upload.status).toBe(201);
    const res = await api('POST', s.campaignId, `/items/${s.problemId}/close`, { evidence: '' });
    expect(res.status).toBe(200);
    expect(res.body.item.evidence).toBe('见附件：验收报告.pdf');
  });

  it('refuses a new task for a closed problem, pointing to 撤销销号', async () => {
    const s = await scene();
    const task = await s.task('增设淋浴位');
    await s.finish(task);
    await api('POST', s.campaignId, `/items/${task}/close`, { effect: '新增淋浴位 40 个' });
    await api('POST', s.campaignId, `/items/${s.problemId}/close`, { evidence: '验收报告' });
    const res = await api('POST', s.campaignId, '/items', { list: 'task', title: '再增设', sourceItemIds: [s.problemId], ...RESPONSIBLE });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('请先撤销销号');
  });
});
