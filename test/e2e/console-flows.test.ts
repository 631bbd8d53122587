/** The office console in real Chromium, by role and label: sign-in, members, merge review, 转为问题, the lists to 销号 and back, escaping, CSRF, axe. */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, FIRST_GROUPING_PAGE, launchPlain } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';
import { addMember, opinion, pushRecord, type Member } from '../server/lists-support';
import { BORDERLINE_OPINIONS } from '../support/borderline-opinions';

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
    // A step that cannot happen fails in seconds, naming its locator, not at the test's timeout.
    p.setDefaultTimeout(8000);
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
    await pushRecord(t, li, opinion(campaignId, BORDERLINE_OPINIONS.bath1));
    await pushRecord(t, li, opinion(campaignId, BORDERLINE_OPINIONS.bath2));
    await p.goto(`${t.url}/console/campaigns/${campaignId}/opinions`, FIRST_GROUPING_PAGE);
    await expect(p.getByText('食堂饭菜太贵').first().textContent()).resolves.toContain('<img src=x');
    expect(await p.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await p.locator('main img').count()).toBe(0);
  });

  it('reviews the merge: splits a wrong pair, shows who heard each record, and merges two groups under a new title', async () => {
    const bathRow = p.locator('tr', { hasText: '澡堂人太多' }).first();
    await expect(bathRow.locator('.mentions').textContent()).resolves.toBe('2');
    await expect(bathRow.getByText('记录人 李老师').count()).resolves.toBe(2);
    await bathRow.getByLabel(BORDERLINE_OPINIONS.bath2).check();
    await bathRow.getByRole('button', { name: '拆分所选记录' }).click();
    await expect(p.getByRole('status').textContent()).resolves.toContain('已拆分');
    expect(await p.locator('tbody tr').count()).toBe(3);

    await p.getByLabel('选择：澡堂人太多').check();
    await p.getByLabel(`选择：${BORDERLINE_OPINIONS.bath2.slice(0, 5)}`).check();
    await p.getByLabel('合并后标题（可选）').fill('浴室排队问题');
    await p.getByRole('button', { name: '合并为一条意见' }).click();
    await expect(p.getByRole('status').textContent()).resolves.toContain('已合并');
    const merged = p.locator('tr', { hasText: '浴室排队问题' }).first();
    await expect(merged.locator('.mentions').textContent()).resolves.toBe('2');
    const api = (await t.api('GET', `/api/v1/campaigns/${campaignId}/opinions`)).body.items;
    expect(api.find((i: any) => i.content === '浴室排队问题').mentions).toBe(2);
  });

  it('asks for the category when merging opinions of different categories, and keeps them apart until given', async () => {
    const other = (await t.store.get('campaigns', campaignId))!.categories.find((c) => c !== '后勤服务')!;
    await pushRecord(t, li, opinion(campaignId, '图书馆自习座位不够，期末一座难求', { category: other }));
    await p.reload();
    await p.getByLabel('选择：浴室排队问题').check();
    await p.getByLabel('选择：图书馆自习座位不够').check();
    await p.getByRole('button', { name: '合并为一条意见' }).click();
    await expect(p.getByRole('alert').textContent()).resolves.toContain('所选意见的类别不同');
    expect(await p.locator('tbody tr').count()).toBe(3);
  });

  it('turns the merged opinion into a problem carrying its count, groups and category, and marks it in the review', async () => {
    await p.locator('tr', { hasText: '浴室排队问题' }).first().getByRole('button', { name: '转为问题' }).click();
    await expect(p.getByRole('status').textContent()).resolves.toContain('已转为问题');
    expect(p.url()).toContain('/lists');
    const problem = (await t.api('GET', `/api/v1/campaigns/${campaignId}/items?list=problem`)).body.items[0];
    expect(problem).toMatchObject({ title: '浴室排队问题', category: '后勤服务', source: '意见建议' });
    expect(problem.description).toContain('意见建议反映 2 次');
    expect(problem.description).toContain('反映人群：学生');
    await p.goto(`${t.url}/console/campaigns/${campaignId}/opinions`);
    const row = p.locator('tr', { hasText: '浴室排队问题' }).first();
    await expect(row.getByText('已转为问题：').count()).resolves.toBe(1);
    expect(await row.getByRole('button', { name: '转为问题' }).count()).toBe(0);
  });

  const listRow = (list: '问题清单' | '任务清单' | '效果清单', text: string) =>
    p
      .getByRole('table', { name: new RegExp(list) })
      .locator('tr', { hasText: text })
      .first();

  it('gives the problem a task with its 完成时限 and 责任主体, follows it to 销号 on a confirmation page, and takes the 销号 back with a reason', async () => {
    await p.goto(`${t.url}/console/campaigns/${campaignId}/lists`);
    await p.getByRole('link', { name: '添加整改任务' }).click();
    const taskForm = p.getByRole('form', { name: '新增整改任务' });
    await taskForm.getByLabel('整改措施').fill('增设淋浴位');
    await taskForm.getByLabel('整改目标').fill('高峰期排队不超过 10 分钟');
    await taskForm.getByLabel('责任领导').fill('张副校长');
    await taskForm.getByLabel('责任部门').fill('后勤处');
    // Without a 完成时限 the browser itself stops the form: the field is required.
    await taskForm.getByLabel('责任人').selectOption({ label: '李老师（化学学院）' });
    await taskForm.getByRole('button', { name: '添加整改任务' }).click();
    expect(await taskForm.getByLabel('完成时限').evaluate((e) => (e as HTMLInputElement).validity.valueMissing)).toBe(true);
    await taskForm.getByLabel('完成时限').fill('2030-06-30');
    await taskForm.getByRole('button', { name: '添加整改任务' }).click();
    await expect(p.getByRole('status').textContent()).resolves.toContain('已添加整改任务');
    const mine = await t.api('GET', '/api/v1/me/tasks', { token: li.token });
    expect(mine.body.tasks.map((x: any) => [x.title, x.target])).toEqual([['增设淋浴位', '高峰期排队不超过 10 分钟']]);

    // Progress from the task's detail; the problem follows its task.
    let row = listRow('任务清单', '增设淋浴位');
    await row.getByText('详情与进展').click();
    await row.getByLabel('整改进展').fill('已完成设备安装');
    await row.getByLabel('状态').selectOption('done');
    await row.getByLabel('佐证材料', { exact: true }).fill('新增淋浴位 40 个，照片存档');
    await row.getByRole('button', { name: '保存进展' }).click();
    row = listRow('任务清单', '增设淋浴位');
    await expect(row.locator('.status').textContent()).resolves.toBe('已完成待销号');
    await expect(listRow('问题清单', '浴室排队问题').locator('.status').textContent()).resolves.toBe('整改中');

    // 销号 asks for 整改成效 and 佐证 and a tick, on its own page.
    await row.getByRole('link', { name: '销号…' }).click();
    const confirm = p.getByRole('region', { name: '确认销号' });
    await confirm.getByLabel('整改成效', { exact: true }).fill('排队时间缩短到 10 分钟');
    await confirm.getByRole('button', { name: '确认销号' }).click();
    expect(await confirm.getByLabel('我已核实整改成效和佐证材料，确认销号').evaluate((e) => (e as HTMLInputElement).validity.valueMissing)).toBe(true);
    await confirm.getByLabel('我已核实整改成效和佐证材料，确认销号').check();
    await confirm.getByRole('button', { name: '确认销号' }).click();
    await expect(p.getByRole('status').textContent()).resolves.toContain('已销号');
    await expect(listRow('任务清单', '增设淋浴位').locator('.status').textContent()).resolves.toBe('已销号');
    await expect(listRow('问题清单', '浴室排队问题').locator('.status').textContent()).resolves.toBe('已完成待销号');
    await expect(
      p
        .getByRole('table', { name: /效果清单/ })
        .locator('tr', { hasText: '排队时间缩短到 10 分钟' })
        .count(),
    ).resolves.toBe(1);

    // 撤销销号 needs a reason; the effect leaves the 效果清单 and the log keeps the reason.
    await listRow('任务清单', '增设淋浴位').getByRole('link', { name: '撤销销号' }).click();
    const undo = p.getByRole('region', { name: '撤销销号' });
    await undo.getByLabel('撤销理由').fill('现场核查仍有淋浴位未安装');
    await undo.getByRole('button', { name: '确认撤销销号' }).click();
    await expect(p.getByRole('status').textContent()).resolves.toContain('已撤销销号');
    await expect(listRow('任务清单', '增设淋浴位').locator('.status').textContent()).resolves.toBe('已完成待销号');
    await expect(
      p
        .getByRole('table', { name: /效果清单/ })
        .locator('tr', { hasText: '排队时间缩短到 10 分钟' })
        .count(),
    ).resolves.toBe(0);
    await p.goto(`${t.url}/console/campaigns/${campaignId}/audit?action=task.reopen`);
    await expect(p.locator('tbody tr').first().textContent()).resolves.toContain('现场核查仍有淋浴位未安装');
    await expect(p.locator('tbody tr').first().textContent()).resolves.toContain('撤销整改任务销号');
  });

  it('closes by keyboard alone with a visible focus ring, then edits the closed item only with a reason', async () => {
    await p.goto(`${t.url}/console/campaigns/${campaignId}/lists`);
    const row = listRow('任务清单', '增设淋浴位');
    await row.getByRole('link', { name: '销号…' }).focus();
    await p.keyboard.press('Enter');
    await p.waitForURL(/\/close$/);
    const confirm = p.getByRole('region', { name: '确认销号' });
    await confirm.locator('textarea[name=evidence]').focus();
    await p.keyboard.press('Tab');
    const focused = () =>
      p.evaluate(() => {
        const e = document.activeElement as HTMLElement;
        const style = getComputedStyle(e);
        return { name: e.getAttribute('name') ?? e.textContent?.trim(), ring: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2 };
      });
    expect(await focused()).toEqual({ name: 'checked', ring: true });
    await p.keyboard.press('Space');
    await p.keyboard.press('Tab');
    expect(await focused()).toEqual({ name: '确认销号', ring: true });
    await p.keyboard.press('Enter');
    await p.waitForURL(/\/lists\?notice=/);
    await expect(p.getByRole('status').textContent()).resolves.toContain('已销号');
    await listRow('任务清单', '增设淋浴位').getByRole('link', { name: '编辑' }).click();
    await expect(p.getByRole('note').textContent()).resolves.toContain('已销号');
    await p.getByLabel('责任部门').fill('后勤管理处');
    await p.getByLabel('修改理由').fill('部门名称更正');
    await p.getByRole('button', { name: '保存修改' }).click();
    await expect(p.getByRole('status').textContent()).resolves.toContain('已保存修改');
    const task = (await t.api('GET', `/api/v1/campaigns/${campaignId}/items?list=task`)).body.items[0];
    expect(task).toMatchObject({ status: 'closed', responsibleUnit: '后勤管理处' });
  });

  it('attaches a 佐证 file on the problem’s detail, lists it by name, and the 待办 tab and the units on the overview read by role', async () => {
    await p.goto(`${t.url}/console/campaigns/${campaignId}/lists`);
    const row = listRow('问题清单', '浴室排队问题');
    await row.getByText('详情', { exact: true }).click();
    await row.getByLabel('上传佐证材料').setInputFiles({
      name: '验收报告.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1'),
    });
    await row.getByRole('button', { name: '上传', exact: true }).click();
    await expect(p.getByRole('status').textContent()).resolves.toBe('佐证材料已上传');
    const again = listRow('问题清单', '浴室排队问题');
    await again.getByText('详情', { exact: true }).click();
    const [download] = await Promise.all([p.waitForEvent('download'), again.getByRole('link', { name: '验收报告.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('验收报告.pdf');

    await p.getByRole('navigation', { name: '活动页面' }).getByRole('link', { name: '待办' }).click();
    await expect(p.getByRole('note').textContent()).resolves.toMatch(/^今日待办：/);
    await p.getByRole('navigation', { name: '活动页面' }).getByRole('link', { name: '概况与图表' }).click();
    const units = p.getByRole('table', { name: '各单位情况' });
    await expect(units.locator('tr', { hasText: '后勤管理处' }).textContent()).resolves.toContain('100%');
  });

  it('shows the figures with charts and offers the exports', async () => {
    await p.goto(`${t.url}/console/campaigns/${campaignId}`);
    await expect(p.locator('.figures').textContent()).resolves.toContain('共征集意见建议4条');
    // Every list's xlsx and csv, and the status parts, one click away.
    for (const list of ['opinions', 'problems', 'tasks', 'effects', 'study', 'talks'])
      expect(await p.locator(`a.export[href$="${list}.csv"]`).count(), list).toBe(1);
    expect(await p.locator('svg[aria-label="意见建议按类别"] .bar').count()).toBe(2);
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

  it('axe finds nothing serious or critical on any console page', { timeout: 120_000 }, async () => {
    const item = (await t.api('GET', `/api/v1/campaigns/${campaignId}/items?list=task`)).body.items[0];
    const pages = ['', '/todo', '/opinions', '/lists', '/ledgers', '/members', '/settings', '/audit', `/items/${item.id}/edit`, `/items/${item.id}/reopen`];
    const found: string[] = [];
    // axe needs a page of a context made by newContext(): sign in there.
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${t.url}/console/login`);
    await page.getByLabel('令牌').fill(t.adminToken);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${t.url}/console`);
    for (const path of ['/console/login', '/console', ...pages.map((x) => `/console/campaigns/${campaignId}${x}`)]) {
      await page.goto(`${t.url}${path}`);
      // Readable at the office's usual screens: nothing runs off to the side at 1366×768 or 1920×1080.
      for (const [width, height] of [
        [1366, 768],
        [1920, 1080],
      ] as const) {
        await page.setViewportSize({ width, height });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) found.push(`${path} ${width}×${height}: ${overflow} px wider than the window`);
      }
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      found.push(
        ...violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .flatMap((v) => v.nodes.map((n) => `${path} ${v.id}: ${JSON.stringify(n.target)}`)),
      );
    }
    expect(found).toEqual([]);
    // Body text 15 px in a CJK font.
    const body = await page.evaluate(() => ({ size: getComputedStyle(document.body).fontSize, family: getComputedStyle(document.body).fontFamily }));
    expect(body.size).toBe('15px');
    expect(body.family).toMatch(/^"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC"/);
    await ctx.close();
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
