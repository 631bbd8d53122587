/**
 * One clock: every day and time a person reads is in the deployment's zone (TZ_NAME, Asia/Shanghai
 * by default); storage stays UTC (issue 9: a 销号 at 07:30 Beijing time was printed as the day before,
 * and the audit log showed UTC). The server is driven at 2026-12-02T23:30Z = 3 December 07:30 in Beijing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';
import { consoleClient } from '../support/console-client';
import { startTestServer, type TestServer } from '../support/server';
import { addMember, createCampaign, type Member } from './lists-support';

const NOW = Date.parse('2026-12-02T23:30:00Z');

async function problemIn(t: TestServer, campaignId: string): Promise<string> {
  const res = await t.api('POST', `/api/v1/campaigns/${campaignId}/items`, { body: { list: 'problem', title: '浴室高峰期排队时间长', category: '后勤服务' } });
  expect(res.status).toBe(201);
  return res.body.item.id;
}

async function closedTask(t: TestServer): Promise<{ campaignId: string; taskId: string; member: Member }> {
  const { id: campaignId } = await createCampaign(t);
  const member = await addMember(t, campaignId, '赵敏');
  const problemId = await problemIn(t, campaignId);
  const created = await t.api('POST', `/api/v1/campaigns/${campaignId}/items`, {
    body: {
      list: 'task',
      title: '浴室增设淋浴位',
      sourceItemIds: [problemId],
      responsibleLeader: '张副校长',
      responsibleUnit: '后勤处',
      assigneeId: member.id,
      deadline: '2026-12-02',
    },
  });
  expect(created.status).toBe(201);
  const taskId = created.body.item.id as string;
  expect(
    (
      await t.api('POST', `/api/v1/campaigns/${campaignId}/items/${taskId}/progress`, {
        token: member.token,
        body: { status: 'done', evidence: '新增淋浴位 40 个' },
      })
    ).status,
  ).toBe(200);
  expect((await t.api('POST', `/api/v1/campaigns/${campaignId}/items/${taskId}/close`, { body: { effect: '排队时间缩短' } })).status).toBe(200);
  return { campaignId, taskId, member };
}

describe('in the default zone (Asia/Shanghai)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ now: () => NOW });
  });
  afterAll(() => t.stop());

  it('the 销号 day in the task export, the 效果清单 and the console is the day in Beijing, not in UTC', async () => {
    const { campaignId } = await closedTask(t);
    const csv = await t
      .fetch(`${t.url}/api/v1/campaigns/${campaignId}/export/tasks.csv`, { headers: { authorization: `Bearer ${t.adminToken}` } })
      .then((r) => r.text());
    const row = csv.split('\n').find((l) => l.includes('浴室增设淋浴位'))!;
    expect(row).toContain('2026-12-03');
    expect(row).not.toContain('2026-12-02T');
    const effects = await t
      .fetch(`${t.url}/api/v1/campaigns/${campaignId}/export/effects.csv`, { headers: { authorization: `Bearer ${t.adminToken}` } })
      .then((r) => r.text());
    expect(effects).toContain('2026-12-03');
    expect(effects).not.toContain('2026-12-02');

    const office = consoleClient(() => t);
    await office.signIn(t.adminToken);
    const lists = await office.get(`/console/campaigns/${campaignId}/lists`);
    expect(lists.text).toContain('<dt>销号</dt><dd>2026-12-03</dd>');
  });

  it('the audit log shows Beijing time', async () => {
    const { campaignId } = await closedTask(t);
    const office = consoleClient(() => t);
    await office.signIn(t.adminToken);
    const audit = await office.get(`/console/campaigns/${campaignId}/audit`);
    expect(audit.status).toBe(200);
    expect(audit.text).toContain('2026-12-03 07:30:00');
    expect(audit.text).not.toContain('2026-12-02 23:30');
  });

  it('/me/tasks and /me say the same today and zone; a task due 2 December is overdue at 07:30 on the 3rd', async () => {
    const { member, campaignId } = await closedTask(t);
    await t.api('POST', `/api/v1/campaigns/${campaignId}/items`, {
      body: {
        list: 'task',
        title: '食堂延时供餐',
        sourceItemIds: [await problemIn(t, campaignId)],
        responsibleLeader: '李处长',
        responsibleUnit: '后勤处',
        assigneeId: member.id,
        deadline: '2026-12-02',
      },
    });
    const tasks = await t.api('GET', '/api/v1/me/tasks', { token: member.token });
    expect(tasks.body.today).toBe('2026-12-03');
    expect(tasks.body.tasks.find((x: { title: string }) => x.title === '食堂延时供餐')).toMatchObject({ overdue: true });
    const me = await t.api('GET', '/api/v1/me', { token: member.token });
    expect(me.body.timeZone).toBe('Asia/Shanghai');
  });
});

describe('with another zone configured', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ now: () => NOW, app: { timeZone: 'Europe/London' } });
  });
  afterAll(() => t.stop());

  it('reads the same instant as 2 December 23:30', async () => {
    const { campaignId, member } = await closedTask(t);
    expect((await t.api('GET', '/api/v1/me/tasks', { token: member.token })).body.today).toBe('2026-12-02');
    const office = consoleClient(() => t);
    await office.signIn(t.adminToken);
    expect((await office.get(`/console/campaigns/${campaignId}/audit`)).text).toContain('2026-12-02 23:30:00');
  });
});

describe('TZ_NAME', () => {
  it('defaults to Asia/Shanghai and refuses a zone that does not exist, naming the variable', () => {
    expect(readConfig({}).TZ_NAME).toBe('Asia/Shanghai');
    expect(readConfig({ TZ_NAME: 'Asia/Urumqi' }).TZ_NAME).toBe('Asia/Urumqi');
    expect(() => readConfig({ TZ_NAME: 'Asia/Beijing' })).toThrow(/^环境变量 TZ_NAME 无效：应为 IANA 时区名/);
  });
});
