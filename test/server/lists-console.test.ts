/** The console over real HTTP with a real data directory: sessions that survive a restart, campaign settings, item edits, the audit log. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { addMember, createCampaign, type Member } from './lists-support';
import { consoleClient as browserConsole } from '../support/console-client';

let t: TestServer;
let campaignId: string;
let li: Member;

/** The console as a signed-out browser would meet it; `signIn()` uses the first admin's token. */
function consoleClient() {
  const client = browserConsole(() => t);
  return { ...client, signIn: () => client.signIn(t.adminToken) };
}

beforeAll(async () => {
  t = await startTestServer();
  campaignId = (await createCampaign(t, { title: '下基层察民情解民忧暖民心', template: 'grassroots' })).id;
  li = await addMember(t, campaignId, '李老师');
});
afterAll(async () => t?.stop());

describe('console sessions', () => {
  it('keeps a signed-in office user signed in across a server restart, and stores only the session hash', async () => {
    const office = consoleClient();
    const home = await office.signIn();
    expect(home.status).toBe(200);
    const sessions = await t.store.find('sessions');
    expect(sessions.length).toBeGreaterThan(0);
    const raw = office.sessionId();
    expect(raw.length).toBeGreaterThan(20);
    expect(sessions.map((s) => s.id)).toContain(createHash('sha256').update(raw).digest('hex'));
    expect(JSON.stringify(sessions)).not.toContain(raw);

    await t.restart();
    const after = await office.get('/console');
    expect(after.status).toBe(200);
    expect(after.text).toContain('下基层察民情解民忧暖民心');
  });

  it('signs out for good: the old cookie no longer opens the console, even after a restart', async () => {
    const office = consoleClient();
    await office.signIn();
    expect((await office.post('/console/logout', {})).status).toBe(303);
    await t.restart();
    const res = await office.get('/console');
    expect(res.status).toBe(303);
    expect(res.location).toContain('/console/login');
  });

  it('refuses an expired session', async () => {
    const office = consoleClient();
    await office.signIn();
    // Expire every stored session as if eight hours had passed.
    await t.store.transact(async (tx) => {
      for (const s of await tx.find('sessions')) {
        const { seq: _seq, ...doc } = s;
        await tx.put('sessions', { ...doc, expiresAt: new Date(Date.now() - 1000).toISOString() });
      }
    });
    expect((await office.get('/console')).status).toBe(303);
  });
});

describe('console campaign settings', () => {
  it('saves stages, quotas and OA sites, and leaves an audit entry', async () => {
    const office = consoleClient();
    await office.signIn();
    const page = await office.get(`/console/campaigns/${campaignId}/settings`);
    expect(page.text).toContain('活动设置');
    const res = await office.post(`/console/campaigns/${campaignId}/settings`, {
      stages: 'mobilize | 动员部署 | 2024-05-01 | 2024-05-31\ncarry-out ｜ 全面开展 ｜ 2024-06-01 ｜ 2024-06-30',
      studyMinutesPerStage: '120',
      reflectionsPerStage: '1',
      reflectionMinChars: '',
      talksPerQuarter: '2',
      oaOrigins: 'https://oa.example.edu.cn/*\nhttps://*.hit.edu.cn/*',
    });
    expect(res.location).toMatch(/\/settings\?notice=[\w-]+$/);
    expect((await office.notice(res)).ok).toBe('设置已保存');
    const campaign = (await t.store.get('campaigns', campaignId))!;
    expect(campaign.stages).toEqual([
      { key: 'mobilize', title: '动员部署', start: '2024-05-01', end: '2024-05-31' },
      { key: 'carry-out', title: '全面开展', start: '2024-06-01', end: '2024-06-30' },
    ]);
    expect(campaign.obligations).toEqual({ studyMinutesPerStage: 120, reflectionsPerStage: 1, talksPerQuarter: 2 });
    expect(campaign.oaOrigins).toEqual(['https://oa.example.edu.cn/*', 'https://*.hit.edu.cn/*']);
    const audit = await t.store.find('audit', { campaignId });
    expect(audit.some((a) => a.action === 'campaign.settings')).toBe(true);
  });

  it.each([
    ['a stage ending before it starts', { stages: 'x | 动员 | 2024-06-01 | 2024-05-01' }, '结束日期早于开始日期'],
    ['a stage line with missing parts', { stages: 'x | 动员 | 2024-06-01' }, '第 1 行环节'],
    ['a quota that is not a whole number', { talksPerQuarter: '两次' }, '每季度谈心谈话次数应为'],
    ['an OA site that is not a match pattern', { oaOrigins: 'javascript:alert(1)' }, 'OA 网址'],
  ])('refuses %s with a message in Chinese and changes nothing', async (_name, fields, message) => {
    const office = consoleClient();
    await office.signIn();
    const before = await t.store.get('campaigns', campaignId);
    const base = {
      stages: 'a | 动员 | 2024-05-01 | 2024-05-31',
      studyMinutesPerStage: '',
      reflectionsPerStage: '',
      reflectionMinChars: '',
      talksPerQuarter: '',
      oaOrigins: '',
    };
    const res = await office.post(`/console/campaigns/${campaignId}/settings`, { ...base, ...fields });
    expect(decodeURIComponent(res.location)).not.toContain(message);
    expect((await office.notice(res)).error).toContain(message);
    expect(await t.store.get('campaigns', campaignId)).toEqual(before);
  });
});

describe('console item edits and the audit log', () => {
  it("edits a problem's fields from its edit page, and the audit log shows who changed it", async () => {
    const created = await t.api('POST', `/api/v1/campaigns/${campaignId}/items`, { body: { list: 'problem', title: '浴室排队', category: '后勤服务' } });
    expect(created.status).toBe(201);
    const itemId = created.body.item.id as string;
    const office = consoleClient();
    await office.signIn();
    const lists = await office.get(`/console/campaigns/${campaignId}/lists`);
    expect(lists.text).toContain(`/items/${itemId}/edit`);
    const edit = await office.get(`/console/campaigns/${campaignId}/items/${itemId}/edit`);
    expect(edit.text).toContain('浴室排队');
    const res = await office.post(`/console/campaigns/${campaignId}/items/${itemId}/edit`, {
      title: '浴室高峰排队时间长',
      description: '多名学生反映',
      category: '后勤服务',
      responsibleLeader: '张副校长',
      responsibleUnit: '后勤处',
      target: '高峰期排队不超过 10 分钟',
      assigneeId: li.id,
      deadline: '2024-06-30',
    });
    expect(res.location).toContain('/lists?notice=');
    expect((await office.notice(res)).ok).toBe('已保存修改');
    expect(await t.store.get('items', itemId)).toMatchObject({
      title: '浴室高峰排队时间长',
      description: '多名学生反映',
      responsibleLeader: '张副校长',
      responsibleUnit: '后勤处',
      target: '高峰期排队不超过 10 分钟',
      assigneeId: li.id,
      deadline: '2024-06-30',
    });
    expect((await office.get(`/console/campaigns/${campaignId}/items/${itemId}/edit`)).text).toContain('高峰期排队不超过 10 分钟');
    expect((await office.get(`/console/campaigns/${campaignId}/lists`)).text).toContain('<dt>整改目标</dt><dd>高峰期排队不超过 10 分钟</dd>');

    const log = await office.get(`/console/campaigns/${campaignId}/audit`);
    expect(log.status).toBe(200);
    expect(log.text).toContain('修改问题');
    expect(log.text).toContain('浴室高峰排队时间长');
    expect(log.text).toContain(t.admin.name);
  });

  it('offers every list as xlsx and csv, and problems and tasks by status, from the overview', async () => {
    const office = consoleClient();
    await office.signIn();
    const overview = await office.get(`/console/campaigns/${campaignId}`);
    for (const list of ['opinions', 'problems', 'tasks', 'effects', 'study', 'talks'])
      for (const format of ['xlsx', 'csv']) expect(overview.text, `${list}.${format}`).toContain(`/export/${list}.${format}"`);
    for (const group of ['new', 'ongoing', 'closed']) expect(overview.text).toContain(`/export/tasks.xlsx?status=${group}"`);
    const part = await office.get(`/console/campaigns/${campaignId}/export/problems.xlsx?status=ongoing`);
    expect(part.status).toBe(200);
    expect(decodeURIComponent(part.headers.get('content-disposition') ?? '')).toContain('推进落实中问题清单.xlsx');
  });

  it('the audit log speaks Chinese: actions, objects, and only the changed fields by their Chinese names and status labels', async () => {
    const created = await t.api('POST', `/api/v1/campaigns/${campaignId}/items`, { body: { list: 'problem', title: '食堂油烟', category: '后勤服务' } });
    const itemId = created.body.item.id as string;
    await t.api('POST', `/api/v1/campaigns/${campaignId}/items/${itemId}/progress`, { body: { status: 'in_progress', progress: '已联系厂家' } });
    const office = consoleClient();
    await office.signIn();
    const log = await office.get(`/console/campaigns/${campaignId}/audit`);
    const row = (action: string) => {
      const m = new RegExp(`<tr data-action="${action.replace('.', '\\.')}">(.*?)</tr>`, 's').exec(log.text.slice(log.text.indexOf('<tbody>')));
      expect(m, action).not.toBeNull();
      return m![1]!;
    };
    const progress = row('problem.progress');
    expect(progress).toContain('更新问题进展');
    expect(progress).toContain('清单事项');
    expect(progress).toContain('状态：未开始');
    expect(progress).toContain('状态：整改中');
    expect(progress).toContain('整改进展：已联系厂家');
    // Unchanged fields are left out of a change; English keys and raw JSON never show.
    expect(progress).not.toContain('标题：');
    const create = row('problem.create');
    expect(create).toContain('新增问题');
    expect(create).toContain('标题：食堂油烟');
    const body = log.text.slice(log.text.indexOf('<tbody>'));
    const cells = [...body.matchAll(/<td>(.*?)<\/td>/gs)].map((m) => m[1]!.replace(/<small>.*?<\/small>/gs, ''));
    for (const cell of cells) expect(cell).not.toMatch(/\b(problem|task|effect|opinion|campaign|item)\.[a-z_]+/);
    expect(body).not.toMatch(/&quot;(status|title|progress)&quot;|"status":/);
    expect(body).not.toContain('in_progress');
    expect(body).toContain('创建活动');
  });

  it('refuses a bad edit on the edit page and keeps the item as it was', async () => {
    const created = await t.api('POST', `/api/v1/campaigns/${campaignId}/items`, { body: { list: 'problem', title: '路灯不亮' } });
    const itemId = created.body.item.id as string;
    const office = consoleClient();
    await office.signIn();
    const before = await t.store.get('items', itemId);
    const res = await office.post(`/console/campaigns/${campaignId}/items/${itemId}/edit`, {
      title: '  ',
      description: '',
      category: '',
      responsibleLeader: '',
      responsibleUnit: '',
      assigneeId: '',
      deadline: '2024-02-30',
    });
    expect(res.location).toContain(`/items/${itemId}/edit?notice=`);
    expect((await office.notice(res)).error).toMatch(/[\u4e00-\u9fff]/);
    expect(await t.store.get('items', itemId)).toEqual(before);
  });

  it("does not open another campaign's item through this campaign's edit page", async () => {
    const other = (await createCampaign(t, { title: '另一个活动' })).id;
    const created = await t.api('POST', `/api/v1/campaigns/${other}/items`, { body: { list: 'problem', title: '别处的问题' } });
    const office = consoleClient();
    await office.signIn();
    const res = await office.get(`/console/campaigns/${campaignId}/items/${created.body.item.id}/edit`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('别处的问题');
  });
});

describe('the designed console', () => {
  it('serves its one stylesheet under a content hash, cached, and pages allow styles from it alone', async () => {
    const office = consoleClient();
    await office.signIn();
    const page = await office.get(`/console/campaigns/${campaignId}/lists`);
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(page.text)![1]!;
    expect(href).toMatch(/^\/console\/assets\/console\.[0-9a-f]{12}\.css$/);
    expect(page.headers.get('content-security-policy')).toContain("style-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(page.text).not.toContain('<style');
    const css = await t.fetch(`${t.url}${href}`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(css.headers.get('cache-control')).toContain('immutable');
    expect(await css.text()).toContain('"Microsoft YaHei"');
    // An old address leads to the current file.
    const stale = await t.fetch(`${t.url}/console/assets/console.000000000000.css`, { redirect: 'manual' });
    expect(stale.status).toBe(301);
    expect(stale.headers.get('location')).toBe(href);
  });

  it('lists overdue and due-soon items on the 待办 page by unit and by person, with the digest', async () => {
    const problem = await t.api('POST', `/api/v1/campaigns/${campaignId}/items`, { body: { list: 'problem', title: '实验楼门禁时间过早' } });
    const past = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    const made = await t.api('POST', `/api/v1/campaigns/${campaignId}/items`, {
      body: {
        list: 'task',
        title: '延长实验楼门禁',
        sourceItemIds: [problem.body.item.id],
        responsibleLeader: '王副校长',
        responsibleUnit: '保卫处',
        assigneeId: li.id,
        deadline: past,
      },
    });
    expect(made.status).toBe(201);
    const office = consoleClient();
    await office.signIn();
    const todo = await office.get(`/console/campaigns/${campaignId}/todo`);
    expect(todo.status).toBe(200);
    expect(todo.text).toMatch(/今日待办：逾期 \d+ 项/);
    expect(todo.text).toContain('按责任部门');
    expect(todo.text).toMatch(/<td>保卫处<\/td><td class="num"><span class="flag">1<\/span>/);
    expect(todo.text).toContain('延长实验楼门禁');
    expect(todo.text).toContain(`<a href="/console/campaigns/${campaignId}/todo" aria-current="page">待办</a>`);
  });

  it('shows each unit on the overview: 销号率, overdue, study and talks, with the digest linking to 待办', async () => {
    const problem = await t.api('POST', `/api/v1/campaigns/${campaignId}/items`, { body: { list: 'problem', title: '校园网晚间卡顿' } });
    const past = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const made = await t.api('POST', `/api/v1/campaigns/${campaignId}/items`, {
      body: {
        list: 'task',
        title: '扩容出口带宽',
        sourceItemIds: [problem.body.item.id],
        responsibleLeader: '王副校长',
        responsibleUnit: '网络信息中心',
        deadline: past,
      },
    });
    expect(made.status).toBe(201);
    const office = consoleClient();
    await office.signIn();
    const overview = await office.get(`/console/campaigns/${campaignId}`);
    expect(overview.text).toContain('<h2 id="by-unit">各单位情况</h2>');
    // 网络信息中心 answers for one overdue task, none closed.
    expect(overview.text).toMatch(
      /<tr><td>网络信息中心<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">0%<\/td><td class="num"><span class="flag">1<\/span>/,
    );
    expect(overview.text).toContain('aria-label="各单位销号率（%）"');
    expect(overview.text).toMatch(/<a href="\/console\/campaigns\/[^"]+\/todo">今日待办：/);
  });
});

describe('联系对象 of a counselor-contact campaign', () => {
  it('are set in the console by name, refused for a non-member, and shape the 年度汇总表', async () => {
    const contact = (await createCampaign(t, { title: '领导干部直接联系服务辅导员', template: 'counselor-contact' })).id;
    const leader = await addMember(t, contact, '张副书记');
    const office = consoleClient();
    await office.signIn();
    const page = await office.get(`/console/campaigns/${contact}/settings`);
    expect(page.text).toContain('aria-label="联系对象"');
    const form = (contacts: string) => ({
      stages: '',
      oaOrigins: '',
      studyMinutesPerStage: '',
      reflectionsPerStage: '',
      reflectionMinChars: '',
      talksPerQuarter: '1',
      contacts,
    });
    const bad = await office.post(`/console/campaigns/${contact}/settings`, form('李四：辅导员甲'));
    expect((await office.notice(bad)).error).toBe('第 1 行：“李四”不是本活动的成员');
    const ok = await office.post(`/console/campaigns/${contact}/settings`, form('张副书记：辅导员甲、辅导员乙'));
    expect((await office.notice(ok)).ok).toBe('设置已保存');
    expect((await t.store.get('campaigns', contact))!.contacts).toEqual([{ leaderId: leader.id, counselors: ['辅导员甲', '辅导员乙'] }]);
    const api = await t.api('PATCH', `/api/v1/campaigns/${contact}/settings`, { body: { contacts: [{ leaderId: li.id, counselors: ['辅导员丙'] }] } });
    expect(api.status).toBe(400);
    expect(api.body.error.message).toBe('联系对象中的领导干部须是本活动的成员');
    const ledger = await t.api('GET', `/api/v1/campaigns/${contact}/ledger/talks`);
    expect(ledger.body.counselorContact).toEqual([expect.objectContaining({ name: '张副书记', counselors: ['辅导员甲', '辅导员乙'], counselorsContacted: 0 })]);
    expect((await office.get(`/console/campaigns/${contact}/ledgers`)).text).toContain('年度汇总表');
  });
});
