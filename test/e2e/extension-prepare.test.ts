/**
 * The sidebar loads while the pointer is on the launcher, or once a passage is selected (issue 14,
 * first open): the frame is there, linked and hidden before the click or the shortcut, which only show
 * it; a form asked for by the context menu before that frame was ready is the one shown. A page left to
 * be read loads it too, hidden and unlinked: no ticket, no grant and nothing drawn until it is shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../support/browser';
import { memberScene, poll, selectText, sidebar, type MemberScene } from './extension-harness';

describe.skipIf(!browserAvailable())('the sidebar loaded ahead of the click', () => {
  let scene: MemberScene;

  beforeAll(async () => {
    scene = await memberScene({ name: '郑晓', unit: '外国语学院' }, { title: '下基层察民情活动', template: 'grassroots' });
  });
  afterAll(() => scene?.close());

  it('the pointer on the launcher loads the sidebar hidden; the click shows the form already drawn', async () => {
    const page = await scene.ext.context.newPage();
    await page.goto(scene.pageOf('weaver-e9-workflow.html'));
    const launcher = page.getByTestId('tz-launcher');
    await launcher.waitFor();
    await launcher.hover();
    const frame = sidebar(page);
    // Linked and rendered (its ticket redeemed, the form built) while the panel is still hidden.
    await frame.getByTestId('tz-field-content').waitFor({ state: 'attached' });
    expect(await page.getByTestId('tz-sidebar-host').isVisible()).toBe(false);
    expect(await page.getByTestId('tz-root').getAttribute('data-open')).toBeNull();
    const loadedAt = await frame.locator('html').evaluate(() => performance.timeOrigin);
    await launcher.click();
    await frame.getByTestId('tz-field-content').waitFor({ state: 'visible' });
    await poll(() => frame.getByTestId('tz-page-title').textContent()).toBe('关于印发下基层察民情解民忧暖民心实践活动实施方案的通知');
    // The same document: not loaded again by the click.
    expect(await frame.locator('html').evaluate(() => performance.timeOrigin)).toBe(loadedAt);
    await page.close();
  });

  it('selecting a passage loads the sidebar hidden; the shortcut then shows that frame with the passage as the quote', async () => {
    const page = await scene.ext.context.newPage();
    const url = scene.pageOf('weaver-e9-workflow.html');
    await page.goto(url);
    await page.getByTestId('tz-launcher').waitFor();
    // A click that selects nothing links nothing (a frame preloaded while the page was idle draws nothing).
    await page.mouse.click(5, 5);
    await page.waitForTimeout(400);
    expect(await sidebar(page).getByTestId('tz-field-content').count()).toBe(0);
    const passage = '各单位要建立问题清单、任务清单、效果清单';
    await selectText(page, passage);
    const frame = sidebar(page);
    await frame.getByTestId('tz-field-content').waitFor({ state: 'attached' });
    expect(await page.getByTestId('tz-sidebar-host').isVisible()).toBe(false);
    const loadedAt = await frame.locator('html').evaluate(() => performance.timeOrigin);
    await scene.ext.serviceWorker.evaluate(async (u) => {
      const chrome = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } }).chrome;
      const [tab] = await chrome.tabs.query({ url: `${u.split('#')[0]}*` });
      (globalThis as unknown as { __taizhang: { toggle(id: number): void } }).__taizhang.toggle(tab!.id!);
    }, url);
    await frame.getByTestId('tz-field-content').waitFor({ state: 'visible' });
    await poll(() => frame.getByTestId('tz-field-quote').inputValue()).toBe(passage);
    expect(await frame.locator('html').evaluate(() => performance.timeOrigin)).toBe(loadedAt);
    await page.close();
  });

  it('a form asked for from the context menu right after the pointer passed is the one shown', async () => {
    const page = await scene.ext.context.newPage();
    const url = scene.pageOf('tongda-notify.html');
    await page.goto(url);
    await page.getByTestId('tz-launcher').hover();
    await scene.ext.serviceWorker.evaluate(async (u) => {
      const chrome = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } }).chrome;
      const [tab] = await chrome.tabs.query({ url: u });
      await (globalThis as unknown as { __taizhang: { openKind(id: number, k: string): Promise<unknown> } }).__taizhang.openKind(tab!.id!, 'study');
    }, url);
    await sidebar(page).getByTestId('tz-form-study').waitFor();
    await page.close();
  });

  it('a page left to be read loads the sidebar hidden and unlinked; the shortcut hands that frame its ticket and shows the form', async () => {
    const page = await scene.ext.context.newPage();
    const url = scene.pageOf('weaver-e9-workflow.html');
    await page.goto(url);
    await page.getByTestId('tz-launcher').waitFor();
    const grants = () =>
      scene.ext.serviceWorker.evaluate(async () => {
        const chrome = (globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
        return JSON.stringify((await chrome.storage.session.get('sidebarGrants')).sidebarGrants ?? null);
      });
    const before = await grants();
    await poll(() => page.getByTestId('tz-sidebar-frame').count()).toBe(1);
    const frame = sidebar(page);
    await frame.locator('#app').waitFor({ state: 'attached' });
    const loadedAt = await frame.locator('html').evaluate(() => performance.timeOrigin);
    // Past the few seconds after which a frame nobody answers refuses: this one was told to wait.
    await page.waitForTimeout(4_500);
    expect(await frame.getByTestId('tz-sidebar-refused').count()).toBe(0);
    expect(await frame.getByTestId('tz-field-content').count()).toBe(0);
    expect(await page.getByTestId('tz-sidebar-host').isVisible()).toBe(false);
    // No ticket was asked for and no frame granted.
    expect(await grants()).toBe(before);
    await scene.ext.serviceWorker.evaluate(async (u) => {
      const chrome = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } }).chrome;
      const [tab] = await chrome.tabs.query({ url: `${u.split('#')[0]}*` });
      (globalThis as unknown as { __taizhang: { toggle(id: number): void } }).__taizhang.toggle(tab!.id!);
    }, url);
    await frame.getByTestId('tz-field-content').waitFor({ state: 'visible' });
    await poll(() => frame.getByTestId('tz-page-title').textContent()).toBe('关于印发下基层察民情解民忧暖民心实践活动实施方案的通知');
    // The same document, now linked: not loaded again by the shortcut.
    expect(await frame.locator('html').evaluate(() => performance.timeOrigin)).toBe(loadedAt);
    expect(await grants()).not.toBe(before);
    await page.close();
  });
});
