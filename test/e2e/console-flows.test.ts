/** The office console in real Chromium: sign-in, members, merge review, the three lists to 销号, escaping, CSRF. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchPlain } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';
import { addMember, opinion, pushRecord, type Member } from '../server/lists-support';

const run = browserAvailable();
let t: TestServer;
let browser: Browser;
let p: Page;
let campaignId: string;
let li: Member;
const XSS = '<img src=x onerror="window.__xss=1">食堂饭菜太贵<script>window.__xss=2</script>';

describe.skipIf(!run)('office console', () => {
  beforeAll(async () => {
    t = await startTestServer({ http: true });
    browser = await launchPlain();
    p = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('refuses a wrong token and signs in an admin with an HttpOnly, SameSite=Strict session cookie', async () => {
    await p.goto(`${t.url}/console`);
    expect(p.url()).toContain('/console/login');
    await p.fill('input[name=token]', 'tz_wrong-token-wrong-token');
    await p.click('button[type=submit]');
    await expect(p.locator('.notice.error').textContent()).resolves.toContain('令牌无效');
    await p.fill('input[name=token]', t.adminToken);
    await p.click('button[type=submit]');
    await p.waitForURL(`${t.url}/console`);
    const cookies = await p.context().cookies();
    const session = cookies.find((c) => c.name === 'tz_console')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/console' });
    expect(session.value).not.toContain(t.adminToken);
    expect(await p.evaluate(() => document.cookie)).toBe('');
  });

  it('creates a campaign from a template and adds a member whose token is shown once', async () => {
    await p.fill('input[name=title]', '下基层察民情解民忧暖民心');
    await p.selectOption('select[name=template]', 'grassroots');
    await p.fill('input[name=unit]', '化学学院党委');
    await p.click('fieldset button[type=submit]');
    await p.waitForURL(/\/members/);
    campaignId = /campaigns\/([^/]+)\/members/.exec(p.url())![1]!;
    await p.fill('input[name=name]', '赵处长');
    await p.fill('input[name=unit]', '后勤处');
    await p.click('fieldset button[type=submit]');
    const token = (await p.locator('.token').textContent())!;
    expect(token).toMatch(/^tz_/);
    const me = await t.api('GET', '/api/v1/me', { token });
    expect(me.body.user.name).toBe('赵处长');
    expect((await t.store.get('campaigns', campaignId))!.memberIds).toContain(me.body.user.id);
  });

  it('shows typed text as text: an opinion with markup never runs', async () => {
    li = await addMember(t, campaignId, '李老师');
    await pushRecord(t, li, opinion(campaignId, XSS, { category: '后勤服务' }));
    await pushRecord(t, li, opinion(campaignId, '澡堂人太多，排队洗澡要等半小时'));
    await pushRecord(t, li, opinion(campaignId, '浴室高峰期太拥挤，建议增加淋浴位'));
    await p.goto(`${t.url}/console/campaigns/${campaignId}/opinions`);
    await expect(p.getByText('食堂饭菜太贵').first().textContent()).resolves.toContain('<img src=x');
    expect(await p.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await p.locator('main img').count()).toBe(0);
  });

  it('reviews the merge: splits a wrong pair and merges two groups under a new title', async () => {
    const bathRow = p.locator('tr', { hasText: '澡堂人太多' }).first();
    await expect(bathRow.locator('.mentions').textContent()).resolves.toBe('2');
    await bathRow.locator('label', { hasText: '浴室高峰期' }).locator('input').check();
    await bathRow.getByRole('button', { name: '拆分所选记录' }).click();
    await expect(p.locator('.notice.ok').textContent()).resolves.toContain('已拆分');
    expect(await p.locator('tbody tr').count()).toBe(3);

    await p.locator('tr', { hasText: '澡堂人太多' }).first().locator('input[name=groupIds]').check();
    await p.locator('tr', { hasText: '浴室高峰期' }).first().locator('input[name=groupIds]').check();
    await p.fill('#merge-form input[name=title]', '浴室排队问题');
    await p.click('#merge-form button');
    await expect(p.locator('.notice.ok').textContent()).resolves.toContain('已合并');
    const merged = p.locator('tr', { hasText: '浴室排队问题' }).first();
    await expect(merged.locator('.mentions').textContent()).resolves.toBe('2');
    const api = (await t.api('GET', `/api/v1/campaigns/${campaignId}/opinions`)).body.items;
    expect(api.find((i: any) => i.content === '浴室排队问题').mentions).toBe(2);
  });

  it('takes an opinion through problem → assigned task → done → 销号 → 效果清单', async () => {
    await p.goto(`${t.url}/console/campaigns/${campaignId}/lists`);
    const problemForm = p.locator('fieldset', { hasText: '新增问题' });
    await problemForm.locator('input[name=title]').fill('浴室高峰期排队时间长');
    const groupId = (await problemForm.locator('option', { hasText: '浴室排队问题' }).getAttribute('value'))!;
    await problemForm.locator('select[name=sourceItemIds]').selectOption(groupId);
    await problemForm.getByRole('button').click();
    await expect(p.locator('.notice.ok').textContent()).resolves.toContain('已添加');

    const taskForm = p.locator('fieldset', { hasText: '新增整改措施' });
    await taskForm.locator('input[name=title]').fill('增设淋浴位');
    await taskForm.locator('input[name=responsibleLeader]').fill('张副校长');
    await taskForm.locator('input[name=responsibleUnit]').fill('后勤处');
    await taskForm.locator('select[name=assigneeId]').selectOption({ label: '李老师（化学学院）' });
    await taskForm.locator('input[name=deadline]').fill('2030-06-30');
    await taskForm.getByRole('button').click();
    await expect(p.locator('.notice.ok').textContent()).resolves.toContain('已添加');
    const mine = await t.api('GET', '/api/v1/me/tasks', { token: li.token });
    expect(mine.body.tasks.map((x: any) => x.title)).toEqual(['增设淋浴位']);

    let row = p.locator('tr', { hasText: '增设淋浴位' }).first();
    await row.locator('select[name=status]').selectOption('done');
    await row.locator('input[name=evidence]').first().fill('新增淋浴位 40 个');
    await row.getByRole('button', { name: '更新' }).click();
    row = p.locator('tr', { hasText: '增设淋浴位' }).first();
    await expect(row.locator('.status').textContent()).resolves.toBe('已完成待销号');
    await row.locator('input[name=effect]').fill('排队时间缩短到 10 分钟');
    await row.getByRole('button', { name: '确认销号' }).click();
    await expect(p.locator('.notice.ok').textContent()).resolves.toContain('已销号');
    await expect(p.locator('tr', { hasText: '增设淋浴位' }).first().locator('.status').textContent()).resolves.toBe('已销号');
    await expect(p.locator('tr', { hasText: '排队时间缩短到 10 分钟' }).count()).resolves.toBe(1);
  });

  it('shows the figures with charts and offers the exports', async () => {
    await p.goto(`${t.url}/console/campaigns/${campaignId}`);
    await expect(p.locator('.figures').textContent()).resolves.toContain('共征集意见建议3条');
    expect(await p.locator('svg[aria-label="意见建议按类别"] .bar').count()).toBe(1);
    expect(await p.locator('svg[aria-label="整改任务销号进度（累计）"] circle').count()).toBe(1);
    const [download] = await Promise.all([p.waitForEvent('download'), p.click('a.export[href$="tasks.xlsx"]')]);
    expect(download.suggestedFilename()).toContain('任务清单');
  });

  it('refuses a form post without the CSRF token and changes nothing', async () => {
    const before = (await t.store.find('campaigns')).length;
    // The browser's own session cookie goes along; only the CSRF token is missing.
    const forged = await p.context().request.post(`${t.url}/console/campaigns`, { form: { title: '伪造的活动' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    const wrongOrigin = await p.context().request.post(`${t.url}/console/campaigns`, {
      form: { title: '伪造的活动', _csrf: 'guess' },
      headers: { origin: 'https://evil.example' },
      maxRedirects: 0,
    });
    expect(wrongOrigin.status()).toBe(403);
    expect((await t.store.find('campaigns')).length).toBe(before);
  });

  it('keeps members out of the console', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${t.url}/console/login`);
    await page.fill('input[name=token]', li.token);
    await page.click('button[type=submit]');
    await expect(page.locator('.notice.error').textContent()).resolves.toContain('仅供活动办公室管理员');
    await page.goto(`${t.url}/console/campaigns/${campaignId}/lists`);
    expect(page.url()).toContain('/console/login');
    await ctx.close();
  });
});
