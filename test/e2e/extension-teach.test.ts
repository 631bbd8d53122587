/**
 * Teaching a site (issue 13), in real Chromium against a real server: on a page whose issuer and date
 * the readers miss, 从页面选取 and a click on the page teach a rule; the next page of the same system
 * reads right; the page never sees the click that chose; the rule offered to the campaign and shared
 * by the office reaches a second profile through sync.
 */
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { projectRoot } from '../support/paths';
import { startTestServer, type TestServer } from '../support/server';
import { configure, openFromLauncher, poll, syncNow } from './extension-harness';

const teachPages = path.join(projectRoot, 'test/fixtures/oa-teach');

describe.skipIf(!browserAvailable())('teaching a site to read its pages', () => {
  let server: TestServer;
  let fixtures: FixtureServer;
  let teacher: ExtensionBrowser;
  let colleague: ExtensionBrowser;
  let campaignId: string;

  beforeAll(async () => {
    server = await startTestServer({ http: true });
    const a = await server.createUser('周明', '教务处');
    const b = await server.createUser('吴芳', '学生工作部');
    const made = await server.api('POST', '/api/v1/campaigns', {
      body: { title: '作风建设专项活动', template: 'mass-line', memberIds: [a.user.id, b.user.id] },
    });
    expect(made.status).toBe(201);
    campaignId = made.body.campaign.id;
    fixtures = await startFixtureServer(teachPages);
    teacher = await launchWithExtension();
    colleague = await launchWithExtension();
    await configure(teacher, server.url, a.token, fixtures.origin);
    await configure(colleague, server.url, b.token, fixtures.origin);
  });

  afterAll(async () => {
    await teacher?.close();
    await colleague?.close();
    await fixtures?.close();
    await server?.stop();
  });

  const urlOf = (file: string) => fixtures.urlOf(fixtures.pages.find((p) => p.file === file)!);
  const expected = (file: string) => fixtures.pages.find((p) => p.file === file)!.expect;

  async function open(ext: ExtensionBrowser, file: string): Promise<{ page: Page; frame: FrameLocator }> {
    const page = await ext.context.newPage();
    await page.goto(urlOf(file));
    const frame = await openFromLauncher(page);
    await poll(() => frame.getByTestId('tz-page-title').textContent()).toBe(expected(file).title);
    return { page, frame };
  }

  /** 从页面选取 for `field` in the sidebar, then a click on `selector` in the page. */
  async function teach(page: Page, frame: FrameLocator, fieldName: string, selector: string): Promise<void> {
    await frame.getByRole('button', { name: `从页面选取${fieldName}` }).click();
    await frame.getByText(`请在左侧页面上点击${fieldName}`).waitFor();
    await page.locator(selector).click();
    await frame.getByText(`已记住：本站页面的${fieldName}今后读取`).waitFor();
  }

  it('a rule taught on one page reads the next page of the same system, and the page never sees the choosing click', async () => {
    const { page, frame } = await open(teacher, 'doc-1.html');
    // Untaught, the readers find neither: an unlabelled span and a label no reader knows.
    expect(await frame.getByTestId('tz-page-issuer').textContent()).toBe('—');
    expect(await frame.getByTestId('tz-page-docDate').textContent()).toBe('—');
    // (The launcher's own click reached the page as a click on our element; forget it.)
    await page.evaluate(() => document.body.removeAttribute('data-page-saw-click'));

    await teach(page, frame, '发文单位', 'span.doc-dept');
    await poll(() => frame.getByTestId('tz-page-issuer').textContent()).toBe(expected('doc-1.html').issuer);
    await teach(page, frame, '日期', 'td.val >> nth=0');
    await poll(() => frame.getByTestId('tz-page-docDate').textContent()).toBe(expected('doc-1.html').docDate);
    expect(await frame.getByTestId('tz-teach-note').textContent()).toContain('标签“拟稿日期”');
    expect(await page.locator('body').getAttribute('data-page-saw-click')).toBeNull();

    const next = await open(teacher, 'doc-2.html');
    await poll(() => next.frame.getByTestId('tz-page-issuer').textContent()).toBe(expected('doc-2.html').issuer);
    await poll(() => next.frame.getByTestId('tz-page-docDate').textContent()).toBe(expected('doc-2.html').docDate);
    await page.close();
    await next.page.close();
  });

  it('Esc in the sidebar ends 从页面选取 without closing it, and the page gets its clicks back', async () => {
    const { page, frame } = await open(teacher, 'doc-1.html');
    await frame.getByRole('button', { name: '从页面选取标题' }).click();
    await frame.getByText('请在左侧页面上点击标题').waitFor();
    await frame.getByRole('button', { name: '从页面选取标题' }).press('Escape');
    await frame.getByTestId('tz-teach-note').waitFor({ state: 'detached' });
    expect(await page.getByTestId('tz-root').getAttribute('data-open')).toBe('true');
    await page.locator('span.doc-views').click();
    expect(await page.locator('body').getAttribute('data-page-saw-click')).toBe('doc-views');
    await page.close();
  });

  it('offered to the campaign and shared by the office, the rule reaches a second profile after sync', async () => {
    const { page, frame } = await open(teacher, 'doc-2.html');
    await teach(page, frame, '发文单位', 'span.doc-dept');
    await frame.getByRole('button', { name: '提交专班共享' }).click();
    await poll(() => frame.getByTestId('tz-rule-shared').textContent()).toContain('已提交专班');

    // The office sees the proposal and shares it.
    const campaign = await server.api('GET', `/api/v1/campaigns/${campaignId}`);
    const proposals = (campaign.body.campaign.siteRuleProposals ?? []) as { id: string; field: string; site: string }[];
    const proposal = proposals.find((r) => r.field === 'issuer' && r.site === fixtures.origin);
    expect(proposal).toBeDefined();
    const shared = await server.api('POST', `/api/v1/campaigns/${campaignId}/site-rules/${proposal!.id}/share`);
    expect(shared.status).toBe(200);

    // The colleague never taught anything: after a sync the campaign's rule reads the issuer.
    const other = await open(colleague, 'doc-1.html');
    await syncNow(other.frame);
    await other.page.reload();
    const frame2 = await openFromLauncher(other.page);
    await poll(() => frame2.getByTestId('tz-page-issuer').textContent()).toBe(expected('doc-1.html').issuer);
    expect(await frame2.getByTestId('tz-page').textContent()).toContain('本站规则');
    // Only the rule that was shared: the date stays unread for the colleague.
    expect(await frame2.getByTestId('tz-page-docDate').textContent()).toBe('—');

    // Withdrawn by the office, it is gone from the colleague's pages after the next sync.
    const withdrawn = await server.api('DELETE', `/api/v1/campaigns/${campaignId}/site-rules/${proposal!.id}`);
    expect(withdrawn.status).toBe(200);
    await syncNow(frame2);
    await other.page.reload();
    const frame3 = await openFromLauncher(other.page);
    await poll(() => frame3.getByTestId('tz-page-title').textContent()).toBe(expected('doc-1.html').title);
    expect(await frame3.getByTestId('tz-page-issuer').textContent()).toBe('—');
    await page.close();
    await other.page.close();
  });
});
