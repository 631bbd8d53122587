/**
 * What the server refuses is shown, fixable and cleared (issue 4: "出错 with the reason"); a
 * sidebar the extension did not open itself shows nothing (clickjacking); and a page cannot post a
 * context into the extension's own sidebar. Real Chromium, the
 * built test extension, the real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { ownOaFixtures } from '../support/paths';
import { startTestServer, type TestServer } from '../support/server';
import { configure, fillOpinion, localStorageOf, openFromLauncher, poll, saveExpecting, selectText, syncStatus } from './extension-harness';

describe.skipIf(!browserAvailable())('refused records and sidebars the extension did not open', () => {
  let server: TestServer;
  let fixtures: FixtureServer;
  let ext: ExtensionBrowser;
  let token: string;
  let memberId: string;
  const campaignIds: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ http: true });
    const member = await server.createUser('李敏', '化学化工学院');
    token = member.token;
    memberId = member.user.id;
    for (const title of ['主题教育（已退出）', '下基层察民情解民忧暖民心实践活动']) {
      const res = await server.api('POST', '/api/v1/campaigns', { body: { title, template: 'grassroots', memberIds: [memberId] } });
      expect(res.status).toBe(201);
      campaignIds.push(res.body.campaign.id);
    }
    fixtures = await startFixtureServer(ownOaFixtures);
    ext = await launchWithExtension();
    await configure(ext, server.url, token, fixtures.origin);
  });

  afterAll(async () => {
    await ext?.close();
    await fixtures?.close();
    await server?.stop();
  });

  it('shows a record the server refused with its reason, lets the user fix and re-save it, and clears the refusal', async () => {
    const [leftId, stayId] = campaignIds as [string, string];
    const page = await ext.context.newPage();
    await page.goto(fixtures.urlOf(fixtures.pages.find((p) => p.file === 'tongda-notify.html')!));
    await selectText(page, '纳入问题清单统筹推进');
    const frame = await openFromLauncher(page);
    await poll(() => frame.getByTestId('tz-field-campaignId').locator(`option[value="${leftId}"]`).count()).toBe(1);
    await frame.getByTestId('tz-field-campaignId').selectOption(leftId);
    await fillOpinion(frame);

    // Removed from the campaign while the form was open: the server refuses the record.
    expect((await server.api('PUT', `/api/v1/campaigns/${leftId}/members`, { body: { userIds: [] } })).status).toBe(200);
    await saveExpecting(frame, '意见建议已保存');
    await poll(() => syncStatus(frame), { timeout: 15_000 }).toBe('error');
    const badge = frame.getByTestId('tz-sync-state');
    expect(await badge.textContent()).toContain('你不是该活动的成员');
    expect(await badge.getAttribute('data-refused')).toBe('1');
    expect(await server.store.find('records')).toHaveLength(0);

    await frame.getByTestId('tz-tab-records').click();
    const item = frame.getByTestId('tz-record-item').first();
    expect(await item.getAttribute('data-refused')).toBe('true');
    expect(await item.getByTestId('tz-record-refused').textContent()).toContain('活动：你不是该活动的成员');

    // The fix: another campaign, saved again — a new mutation, which the server accepts.
    await item.getByTestId('tz-record-edit').click();
    await frame.getByTestId('tz-field-campaignId').selectOption(stayId);
    await saveExpecting(frame, '已保存修改');
    await poll(async () => (await server.store.find('records')).map((r) => r.campaignId), { timeout: 15_000 }).toEqual([stayId]);
    await poll(() => syncStatus(frame), { timeout: 15_000 }).toBe('synced');
    expect(await frame.getByTestId('tz-sync-state').getAttribute('data-refused')).toBe('0');
    await frame.getByTestId('tz-tab-records').click();
    await frame.getByTestId('tz-record-item').first().waitFor();
    expect(await frame.getByTestId('tz-record-refused').count()).toBe(0);
    expect((await localStorageOf(ext)).rejections).toEqual([]);
    const [stored] = await server.store.find('records');
    expect(stored!.fields).toMatchObject({ content: '纳入问题清单统筹推进', campaignId: stayId, kind: 'opinion' });
    await page.close();
  }, 60_000);

  it('a page that frames or opens sidebar.html itself gets a refusing, empty sidebar', async () => {
    const page = await ext.context.newPage();
    await page.goto(fixtures.urlOf(fixtures.pages.find((p) => p.file === 'landray-review.html')!));
    const own = await openFromLauncher(page);
    await own.getByTestId('tz-sidebar').waitFor();

    // Test builds leave the shadow root open (production closes it, see extension-builds.test.ts), so
    // this page can see even more than a real one: the frame URL, which carries no ticket.
    const ownSrc = await page.evaluate(() => document.querySelector('taizhang-root')!.shadowRoot!.querySelector('iframe')!.src);
    expect(ownSrc).not.toContain('ticket');
    const bare = ownSrc.replace(/#.*$/, '#kind=opinion');
    await page.evaluate(
      ([same, without]) => {
        for (const [id, src] of [
          ['evil-replay', same],
          ['evil-bare', without],
        ] as const) {
          const f = document.createElement('iframe');
          f.id = id;
          f.src = src!;
          // The page posts guessed tickets the way the launcher posts the real one.
          f.addEventListener('load', () => f.contentWindow!.postMessage({ type: 'taizhang:ticket', ticket: crypto.randomUUID() }, '*'));
          document.body.append(f);
        }
      },
      [ownSrc, bare],
    );
    for (const id of ['evil-replay', 'evil-bare']) {
      const evil = page.frameLocator(`#${id}`);
      await evil.getByTestId('tz-sidebar-refused').waitFor({ timeout: 10_000 });
      expect(await evil.getByTestId('tz-sidebar').count()).toBe(0);
      expect(await evil.locator('input, select, textarea, button').count()).toBe(0);
    }

    // Opened by the page as a window of its own: refused as well.
    const [top] = await Promise.all([page.waitForEvent('popup'), page.evaluate((url) => void window.open(url), bare)]);
    await top.getByTestId('tz-sidebar-refused').waitFor({ timeout: 10_000 });
    expect(await top.getByTestId('tz-sidebar').count()).toBe(0);

    // The extension's own sidebar is untouched and still served.
    await own.getByTestId('tz-tab-records').click();
    await own.getByTestId('tz-records').waitFor();
    await top.close();
    await page.close();
  }, 60_000);

  it('a frame told its ticket is coming waits past the usual few seconds, and says so when none could be had', async () => {
    const page = await ext.context.newPage();
    await page.goto(fixtures.urlOf(fixtures.pages.find((p) => p.file === 'landray-review.html')!));
    const own = await openFromLauncher(page);
    const ownSrc = await page.evaluate(() => document.querySelector('taizhang-root')!.shadowRoot!.querySelector('iframe')!.src);
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.id = 'held';
      f.src = src.replace(/#.*$/, '');
      // What the launcher posts while the background is slow to answer.
      f.addEventListener('load', () => f.contentWindow!.postMessage({ type: 'taizhang:hold' }, '*'));
      document.body.append(f);
    }, ownSrc);
    const held = page.frameLocator('#held');
    await page.waitForTimeout(4_500);
    expect(await held.getByTestId('tz-sidebar-refused').count()).toBe(0);
    // …and what it posts after its last try failed.
    await page.evaluate(() => (document.getElementById('held') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'taizhang:no-ticket' }, '*'));
    await expect.poll(() => held.getByTestId('tz-sidebar-refused').textContent()).toContain('暂时连接不上台账扩展');
    expect(await held.getByTestId('tz-sidebar').count()).toBe(0);
    await own.getByTestId('tz-tab-records').click();
    await own.getByTestId('tz-records').waitFor();
    await page.close();
  }, 60_000);

  it('ignores a page script that posts a fake context into the sidebar frame, and keeps following the real page', async () => {
    const info = fixtures.pages.find((p) => p.file === 'tongda-notify.html')!;
    const page = await ext.context.newPage();
    await page.goto(fixtures.urlOf(info));
    const frame = await openFromLauncher(page);
    await poll(() => frame.getByTestId('tz-page-title').textContent()).toBe(info.expect.title);

    // Test builds leave the shadow root open, so this page holds the very frame element a real page
    // could not reach. It tries every way in: its own port with a guessed ticket (then a fake context on
    // it), the port-message shapes posted straight to the frame, and a reply to a request it never saw.
    await page.evaluate(() => {
      const fake = { url: location.href, title: '伪造的通知', docNumber: '伪〔2024〕1号', issuer: '伪造单位', quote: '伪造的摘录' };
      const target = document.querySelector('taizhang-root')!.shadowRoot!.querySelector('iframe')!.contentWindow!;
      const channel = new MessageChannel();
      target.postMessage({ type: 'taizhang:ticket', ticket: crypto.randomUUID() }, '*', [channel.port2]);
      channel.port1.postMessage({ event: { type: 'context:changed', context: fake } });
      channel.port1.postMessage({ id: 1, reply: { ok: true, value: fake } });
      target.postMessage({ event: { type: 'context:changed', context: fake } }, '*');
      target.postMessage({ event: { type: 'show', kind: 'talk', context: fake } }, '*');
      target.postMessage({ type: 'context:changed', context: fake }, '*');
      target.postMessage({ id: 1, reply: { ok: true, value: fake } }, '*');
    });
    await page.waitForTimeout(1_000);
    expect(await frame.getByTestId('tz-page-title').textContent()).toBe(info.expect.title);
    expect(await frame.getByTestId('tz-page-issuer').textContent()).toBe(info.expect.issuer ?? '—');
    expect(await frame.getByTestId('tz-form-opinion').count()).toBe(1);
    expect(await frame.getByTestId('tz-sidebar-refused').count()).toBe(0);
    expect(await frame.getByTestId('tz-field-quote').inputValue()).not.toBe('伪造的摘录');

    // The real page still reaches it: a new selection becomes the form's quote.
    const info2 = info as typeof info & { select: string };
    await selectText(page, info2.select);
    await poll(() => frame.getByTestId('tz-field-quote').inputValue()).toBe(info2.select);
    expect(await frame.getByTestId('tz-page-title').textContent()).toBe(info.expect.title);
    await page.close();
  }, 60_000);
});
