/**
 * The sidebar's other promises, in real Chromium: quoted passages highlighted and records listed
 * when the user comes back to a page; drafts that survive closing and reloading; the context-menu
 * entry opening a given form; my task list with overdue items, the badge count and progress updates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, type ExtensionBrowser } from '../support/browser';
import type { TestServer } from '../support/server';
import { fillOpinion, localStorageOf, openFromLauncher, poll, selectText, sidebar, saveExpecting, memberScene, type MemberScene } from './extension-harness';

describe.skipIf(!browserAvailable())('revisits, drafts, context menu and tasks', () => {
  let server: TestServer;
  let ext: ExtensionBrowser;
  let memberId: string;
  let campaignId: string;

  let scene: MemberScene;

  beforeAll(async () => {
    scene = await memberScene({ name: '焦旭阳', unit: '理科党支部' }, { title: '创先争优活动', template: 'excellence' });
    ({ server, ext, memberId, campaignId } = scene);
  });

  afterAll(() => scene?.close());

  const pageOf = (file: string) => scene.pageOf(file);

  it('highlights the quoted passage and lists the records made on a page when the user comes back', async () => {
    const page = await ext.context.newPage();
    await page.goto(pageOf('weaver-public-notice-gbk.html'));
    const quote = '请于10月20日前将意见建议汇总表报送学工部办公室';
    await selectText(page, quote);
    const frame = await openFromLauncher(page);
    await fillOpinion(frame);
    await saveExpecting(frame, '意见建议已保存');

    await page.reload();
    await page.getByTestId('tz-launcher').waitFor();
    const highlighted = () =>
      page.evaluate(() => {
        const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('taizhang-quote');
        return h ? [...h].map((r) => r.toString()) : [];
      });
    await poll(highlighted).toEqual([quote]);
    const again = await openFromLauncher(page);
    await again.getByTestId('tz-tab-records').click();
    const here = again.getByTestId('tz-records-here').getByTestId('tz-record-item');
    await poll(() => here.count()).toBe(1);
    expect(await here.first().textContent()).toContain(quote);
    await page.close();
  });

  it('keeps a draft through closing the sidebar and reloading the page', async () => {
    const page = await ext.context.newPage();
    await page.goto(pageOf('landray-review.html'));
    let frame = await openFromLauncher(page);
    await frame.getByTestId('tz-tab-talk').click();
    await frame.getByTestId('tz-field-counterpart').fill('辅导员李老师');
    await frame.getByTestId('tz-field-topics').fill('职称评审');
    await poll(async () => Object.keys(await localStorageOf(ext)).some((k) => k.startsWith('draft:talk:'))).toBe(true);
    await page.mouse.click(5, 5);
    await page.keyboard.press('Escape');
    await page.reload();
    frame = await openFromLauncher(page);
    await frame.getByTestId('tz-tab-talk').click();
    await poll(() => frame.getByTestId('tz-field-counterpart').inputValue()).toBe('辅导员李老师');
    expect(await frame.getByTestId('tz-field-topics').inputValue()).toBe('职称评审');
    await saveExpecting(frame, '谈心谈话已保存');
    // Saved: the draft is gone.
    await page.reload();
    frame = await openFromLauncher(page);
    await frame.getByTestId('tz-tab-talk').click();
    await poll(() => frame.getByTestId('tz-field-counterpart').inputValue()).toBe('');
    await page.close();
  });

  it('after a save and a reload, a new selection fills the next form (no stale empty draft)', async () => {
    const page = await ext.context.newPage();
    await page.goto(pageOf('tongda-notify.html'));
    await selectText(page, '各支部党员深入学院、宿舍、食堂听取师生意见建议');
    let frame = await openFromLauncher(page);
    await fillOpinion(frame);
    await saveExpecting(frame, '意见建议已保存');
    await page.reload();
    const next = '各支部要将收集到的意见建议逐条登记';
    await selectText(page, next);
    frame = await openFromLauncher(page);
    await poll(() => frame.getByTestId('tz-field-quote').inputValue()).toBe(next);
    expect(await frame.getByTestId('tz-field-content').inputValue()).toBe(next);
    await page.close();
  });

  it('the context-menu entry 记为学习内容 opens the study form with the selection', async () => {
    const page = await ext.context.newPage();
    const url = pageOf('tongda-notify.html');
    await page.goto(url);
    await selectText(page, '为推动下基层察民情解民忧暖民心实践活动走深走实');
    await ext.serviceWorker.evaluate(async (u) => {
      const chrome = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } }).chrome;
      const [tab] = await chrome.tabs.query({ url: u });
      await (globalThis as unknown as { __taizhang: { openKind(id: number, k: string): Promise<unknown> } }).__taizhang.openKind(tab!.id!, 'study');
    }, url);
    const frame = sidebar(page);
    await frame.getByTestId('tz-form-study').waitFor();
    await poll(() => frame.getByTestId('tz-field-quote').inputValue()).toBe('为推动下基层察民情解民忧暖民心实践活动走深走实');
    await page.close();
  });

  it('shows my tasks with overdue ones marked, counts them on the badge, and sends progress to the server', async () => {
    const mk = (title: string, deadline: string) =>
      server.api('POST', `/api/v1/campaigns/${campaignId}/items`, {
        body: { list: 'problem', title, description: '', responsibleUnit: '理科党支部', assigneeId: memberId, deadline },
      });
    const overdue = await mk('教师队伍中不思进取、敷衍塞责问题', '2020-01-31');
    const upcoming = await mk('课堂教学方法改进', '2099-12-31');
    expect([overdue.status, upcoming.status]).toEqual([201, 201]);
    const overdueId = (overdue.body.item ?? overdue.body).id as string;

    const page = await ext.context.newPage();
    await page.goto(pageOf('landray-review.html'));
    const frame = await openFromLauncher(page);
    await frame.getByTestId('tz-sync-state').click();
    await frame.getByTestId('tz-tab-tasks').click();
    const tasks = frame.getByTestId('tz-task');
    await poll(() => tasks.count(), { timeout: 10_000 }).toBe(2);
    const late = frame.locator(`[data-task-id="${overdueId}"]`);
    expect(await late.getAttribute('data-overdue')).toBe('true');
    expect(await late.textContent()).toContain('已逾期');
    await poll(
      () =>
        ext.serviceWorker.evaluate(() =>
          (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({}),
        ),
      { timeout: 10_000 },
    ).toBe('2');

    // One status vocabulary: the sidebar offers the words the console and the exports use.
    expect(await late.getByTestId('tz-task-status').locator('option[value="in_progress"]').textContent()).toBe('整改中');
    expect(await late.getByTestId('tz-task-status').locator('option[value="done"]').textContent()).toBe('已完成待销号');
    // Done needs evidence; the message says so in Chinese, and nothing is sent.
    await late.getByTestId('tz-task-progress').fill('已组织专题研讨两次');
    await late.getByTestId('tz-task-status').selectOption('done');
    await late.getByTestId('tz-task-save').click();
    await poll(() => late.locator('[role=status]').textContent()).toBe('标记完成须填写整改佐证材料');
    await late.getByTestId('tz-task-evidence').fill('研讨记录两份');
    await late.getByTestId('tz-task-save').click();
    await poll(() => late.locator('[role=status]').textContent()).toMatch(/^已保存(，待同步|并同步)$/);
    await frame.getByTestId('tz-sync-state').click();
    await poll(
      async () => {
        const item = await server.api('GET', `/api/v1/campaigns/${campaignId}/items/${overdueId}`);
        const body = item.body.item ?? item.body;
        return [body.status, body.progress, body.evidence];
      },
      { timeout: 10_000 },
    ).toEqual(['done', '已组织专题研讨两次', '研讨记录两份']);
    await page.close();
  });
});
