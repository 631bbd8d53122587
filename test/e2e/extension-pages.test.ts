/**
 * On every fixture OA page (ours, and the reference set when present), in real Chromium with the
 * built extension: the sidebar opens, reads the page's context as pages.json expects, captures an
 * opinion, a study record and a talk, and the host page keeps its layout and its own scripts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { readPages, startFixtureServer, type FixtureServer, type FixturePage } from '../support/fixture-server';
import { ownOaFixtures, referenceAvailable, referenceOaFixtures } from '../support/paths';
import { startTestServer, type TestServer } from '../support/server';
import {
  chooseFirst,
  configure,
  localStorageOf,
  openFromLauncher,
  pickPassage,
  selectText,
  sidebar,
  toggleFromBackground,
  poll,
  saveExpecting,
} from './extension-harness';

const SETS = [{ name: 'own fixtures', dir: ownOaFixtures }];
if (referenceAvailable(referenceOaFixtures)) SETS.push({ name: 'reference fixtures', dir: referenceOaFixtures });

/** Where the page's own content ends on the right, and whether it still lays out as before. */
async function layoutOf(page: Page) {
  return page.evaluate(() => ({
    htmlRight: document.documentElement.getBoundingClientRect().right,
    htmlStyle: document.documentElement.getAttribute('style'),
    // clientWidth, not innerWidth: a page may force a scrollbar, and fixed elements stop at it.
    viewport: document.documentElement.clientWidth,
    bodyChildren: Array.from(document.body.children).map((el) => {
      const r = el.getBoundingClientRect();
      return [el.tagName, Math.round(r.width), Math.round(r.height)];
    }),
  }));
}

describe.skipIf(!browserAvailable())('the sidebar on every fixture OA page', () => {
  let server: TestServer;
  let ext: ExtensionBrowser;
  let token: string;
  const fixtureServers: FixtureServer[] = [];

  beforeAll(async () => {
    server = await startTestServer({ http: true });
    const member = await server.createUser('高兴华', '学生工作部');
    token = member.token;
    const res = await server.api('POST', '/api/v1/campaigns', {
      body: { title: '党的群众路线教育实践活动', template: 'mass-line', memberIds: [member.user.id] },
    });
    expect(res.status).toBe(201);
    for (const set of SETS) fixtureServers.push(await startFixtureServer(set.dir));
    ext = await launchWithExtension();
    // All fixture servers are on 127.0.0.1; one site entry covers every port.
    await configure(ext, server.url, token, fixtureServers[0]!.origin);
  });

  afterAll(async () => {
    await ext?.close();
    for (const f of fixtureServers) await f.close();
    await server?.stop();
  });

  SETS.forEach((set, setIndex) => {
    describe(set.name, () => {
      const pages = () => fixtureServers[setIndex]!.pages as (FixturePage & { select?: string })[];
      // Test names are fixed at collection time, from the same pages.json the fixture server serves.
      for (const info of readPages(set.dir)) {
        it(`${info.file}: reads the context, captures each record kind, and leaves the page working`, async () => {
          const fixtures = fixtureServers[setIndex]!;
          const pageInfo = pages().find((p) => p.file === info.file)!;
          const page = await ext.context.newPage();
          const errors: string[] = [];
          page.on('pageerror', (e) => errors.push(e.message));
          await page.goto(fixtures.urlOf(pageInfo));
          await page.getByTestId('tz-launcher').waitFor();
          const before = await layoutOf(page);
          const titleBefore = await page.title();

          const passage = pageInfo.select ?? (await pickPassage(page));
          await selectText(page, passage);
          const frame = await openFromLauncher(page);

          // Context as pages.json expects (null shows as a dash).
          const shown = (v: string | null) => v ?? '—';
          await poll(() => frame.getByTestId('tz-page-title').textContent()).toBe(pageInfo.expect.title);
          expect(await frame.getByTestId('tz-page-docNumber').textContent()).toBe(shown(pageInfo.expect.docNumber));
          expect(await frame.getByTestId('tz-page-issuer').textContent()).toBe(shown(pageInfo.expect.issuer));
          expect(await frame.getByTestId('tz-page-docDate').textContent()).toBe(shown(pageInfo.expect.docDate));
          expect(await frame.getByTestId('tz-page').getAttribute('data-vendor')).toBe(pageInfo.vendor);
          expect(await frame.getByTestId('tz-field-quote').inputValue()).toBe(passage);

          // Docked: the sidebar is visible at the right edge and the page made room for it.
          const panel = await page.getByTestId('tz-sidebar-frame').boundingBox();
          expect(panel).not.toBeNull();
          expect(Math.round(panel!.width)).toBe(400);
          expect(Math.round(panel!.x + panel!.width)).toBe(before.viewport);
          const docked = await layoutOf(page);
          expect(docked.htmlRight).toBeLessThanOrEqual(before.viewport - 400 + 1);

          // Opinion.
          await chooseFirst(frame, 'fromGroup');
          await chooseFirst(frame, 'channel');
          await chooseFirst(frame, 'category');
          await saveExpecting(frame, '意见建议已保存');

          // Study: the topic starts as the document being read.
          await frame.getByTestId('tz-tab-study').click();
          await poll(() => frame.getByTestId('tz-field-topic').inputValue()).toBe(pageInfo.expect.title);
          await frame.getByTestId('tz-save').click();
          expect(await frame.getByTestId('tz-error-minutes').textContent()).toBe('不能为空');
          await frame.getByTestId('tz-field-minutes').fill('45');
          await saveExpecting(frame, '学习记录已保存');

          // Talk.
          await frame.getByTestId('tz-tab-talk').click();
          await frame.getByTestId('tz-field-counterpart').fill('辅导员张老师');
          await frame.getByTestId('tz-field-topics').fill('职业发展');
          await saveExpecting(frame, '谈心谈话已保存');

          // Stored locally, each with this page's context.
          const stored = Object.entries(await localStorageOf(ext))
            .filter(([k]) => k.startsWith('rec:'))
            .map(([, v]) => (v as { fields: { kind: string; page: { url: string; title: string; quote?: string } } }).fields)
            .filter((f) => f.page.url === page.url());
          expect(stored.map((f) => f.kind).sort()).toEqual(['opinion', 'study', 'talk']);
          expect(stored.find((f) => f.kind === 'opinion')!.page.quote).toBe(passage);

          // Esc (focus on the page) closes it and gives the page its layout back.
          await page.mouse.click(5, 5);
          await page.keyboard.press('Escape');
          await poll(() => page.getByTestId('tz-sidebar-host').isVisible()).toBe(false);
          const after = await layoutOf(page);
          expect(after.htmlStyle).toBe(before.htmlStyle);
          expect(after.bodyChildren).toEqual(before.bodyChildren);
          expect(await page.title()).toBe(titleBefore);
          expect(errors).toEqual([]);
          await page.close();
        });
      }
    });
  });

  it('the host page scripts keep working with the sidebar open (own 泛微 and 通达 fixtures)', async () => {
    const fixtures = fixtureServers[0]!;
    const weaver = fixtures.pages.find((p) => p.file === 'weaver-e9-workflow.html')!;
    const page = await ext.context.newPage();
    await page.goto(fixtures.urlOf(weaver));
    await openFromLauncher(page);
    await page.locator('#btnSubmit').click();
    expect(await page.locator('#submitState').textContent()).toBe('已提交');
    expect(await page.evaluate(() => (window as unknown as { __hostScriptsRan: number }).__hostScriptsRan)).toBe(1);
    const tongda = fixtures.pages.find((p) => p.file === 'tongda-notify.html')!;
    await page.goto(fixtures.urlOf(tongda));
    await openFromLauncher(page);
    await page.locator('#closeBtn').click();
    expect(await page.locator('#closeBtn').inputValue()).toBe('已点击');
    await page.close();
  });

  it('leaves no listeners on the page window or document once the sidebar is closed', async () => {
    const fixtures = fixtureServers[0]!;
    const page = await ext.context.newPage();
    await page.goto(fixtures.urlOf(fixtures.pages.find((p) => p.file === 'webplus-news.html')!));
    await page.getByTestId('tz-launcher').waitFor();
    // Listeners added by a content script belong to its isolated world; ask that world, and the page's.
    const cdp = await ext.context.newCDPSession(page);
    const contexts: { id: number; auxData?: { type?: string; frameId?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const worlds = contexts.filter((c) => c.auxData?.frameId === frameTree.frame.id).map((c) => c.id);
    expect(contexts.some((c) => c.auxData?.frameId === frameTree.frame.id && c.auxData?.type === 'isolated')).toBe(true);
    const listeners = async () => {
      const out: string[] = [];
      for (const [contextId, expression] of worlds.flatMap((id) => ['window', 'document', 'document.documentElement'].map((e) => [id, e] as const))) {
        const { result } = await cdp.send('Runtime.evaluate', { expression, contextId });
        const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
        out.push(...listeners.map((l) => `${expression}:${l.type}`));
      }
      return out.sort();
    };
    const before = await listeners();
    await openFromLauncher(page);
    const open = await listeners();
    expect(open).toEqual(expect.arrayContaining(['window:keydown', 'window:hashchange', 'document:selectionchange']));
    await page.mouse.click(5, 5);
    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('tz-sidebar-host').isVisible()).toBe(false);
    expect(await listeners()).toEqual(before);
    await page.close();
  });

  it('follows hash-route and history navigation on 泛微 E9 while open, told by the content script alone', async () => {
    const fixtures = fixtureServers[0]!;
    const weaver = fixtures.pages.find((p) => p.file === 'weaver-e9-workflow.html')!;
    const page = await ext.context.newPage();
    await page.goto(fixtures.urlOf(weaver));
    const frame = await openFromLauncher(page);
    expect(await frame.getByTestId('tz-page-url').textContent()).toContain('requestid=30112');
    // From here on, count what reaches the background: a page change should not.
    await ext.serviceWorker.evaluate(() => {
      const g = globalThis as unknown as { __heard?: string[]; chrome: { runtime: { onMessage: { addListener(f: (m: { type?: string }) => void): void } } } };
      if (!g.__heard) g.chrome.runtime.onMessage.addListener((m) => void g.__heard!.push(String(m?.type)));
      g.__heard = [];
    });
    await page.evaluate(() => (location.hash = '#/main/workflow/req?requestid=30113'));
    await poll(() => frame.getByTestId('tz-page-url').textContent()).toContain('requestid=30113');
    await page.evaluate(() => history.pushState({}, '', '#/main/workflow/req?requestid=30114'));
    await poll(() => frame.getByTestId('tz-page-url').textContent()).toContain('requestid=30114');
    const passage = (weaver as FixturePage & { select: string }).select;
    await selectText(page, passage);
    await poll(() => frame.getByTestId('tz-field-quote').inputValue()).toBe(passage);
    const heard = await ext.serviceWorker.evaluate(() => (globalThis as unknown as { __heard: string[] }).__heard);
    expect(heard).toEqual([]);
    await page.close();
  });

  it('opens from the toolbar/shortcut handler on a page of no registered site, and toggles closed', async () => {
    const fixtures = fixtureServers[0]!;
    const webplus = fixtures.pages.find((p) => p.file === 'webplus-news.html')!;
    // localhost is not a registered OA site: no launcher until the user asks.
    const page = await ext.context.newPage();
    await page.goto(fixtures.urlOf(webplus).replace('127.0.0.1', 'localhost'));
    await page.waitForTimeout(300);
    expect(await page.getByTestId('tz-launcher').count()).toBe(0);
    await toggleFromBackground(ext, page);
    await sidebar(page).getByTestId('tz-page-title').waitFor();
    expect(await sidebar(page).getByTestId('tz-page-title').textContent()).toBe(webplus.expect.title);
    await toggleFromBackground(ext, page);
    await poll(() => page.getByTestId('tz-sidebar-host').isVisible()).toBe(false);
    await page.close();
  });
});
