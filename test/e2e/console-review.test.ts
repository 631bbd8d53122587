/**
 * The office's review loop in real Chromium (issue 10): why records are together (linking terms marked,
 * a confidence), the suggestions "可能是同一问题" answered from the keyboard with one key press each,
 * sharing a campaign's learning with another (分组经验), and the page staying accessible (axe) and within the window.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, FIRST_GROUPING_PAGE, launchPlain } from '../support/browser';
import { BORDERLINE_OPINIONS } from '../support/borderline-opinions';
import { startTestServer, type TestServer } from '../support/server';
import { addMember, createCampaign, opinion, pushRecord } from '../server/lists-support';

const run = browserAvailable();
let t: TestServer;
let browser: Browser;
let p: Page;
let campaignId: string;
const r: Record<string, string> = {};

/** Two network complaints the model is not sure enough of to merge (true); the library's hours and its seats (false). */
const TEXTS = Object.entries(BORDERLINE_OPINIONS);

const items = async () => (await t.api('GET', `/api/v1/campaigns/${campaignId}/opinions`)).body.items as any[];
const groupOf = (list: any[], recordId: string) => list.find((i) => i.recordIds.includes(recordId));
/** The suggestion card pairing the items that hold these two records. */
async function card(a: string, b: string) {
  const list = await items();
  const ids = [groupOf(list, a).id, groupOf(list, b).id];
  return p.locator(`li.suggestion[data-suggestion="${ids.join(' ')}"], li.suggestion[data-suggestion="${[...ids].reverse().join(' ')}"]`);
}

describe.skipIf(!run)('opinion review loop in the console', () => {
  beforeAll(async () => {
    t = await startTestServer({ http: true });
    campaignId = (await createCampaign(t)).id;
    const li = await addMember(t, campaignId, '李老师');
    let n = 0;
    for (const [key, text] of TEXTS) r[key] = await pushRecord(t, li, opinion(campaignId, text), `r-${String(n++).padStart(2, '0')}-${key}`);
    browser = await launchPlain();
    p = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    p.setDefaultTimeout(8000);
    await p.goto(`${t.url}/console/login`);
    await p.getByLabel('令牌').fill(t.adminToken);
    await p.getByRole('button', { name: '登录' }).click();
    await p.waitForURL(`${t.url}/console`);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('shows why each group is together: a confidence with its meaning, the linking terms, marked in the records', async () => {
    await p.goto(`${t.url}/console/campaigns/${campaignId}/opinions`, FIRST_GROUPING_PAGE);
    const bathRow = p.locator('tr', { hasText: '澡堂人太多' }).first();
    const pill = bathRow.locator('.confidence');
    await expect(pill.textContent()).resolves.toMatch(/^可信度 [高中低]$/);
    await expect(pill.getAttribute('title')).resolves.toMatch(/同一问题的把握.*\d+%.*（本组最没把握的一条：\d+\.\d%）$/);
    await expect(bathRow.locator('td.why').textContent()).resolves.toContain('关联词：');
    const marks = await bathRow.locator('details mark').allTextContents();
    expect(marks.join('')).toContain('洗澡');
    // The legend says what 高 / 中 / 低 mean in words, for keyboard and screen-reader users too (not only a tooltip).
    await expect(p.locator('.legend').textContent()).resolves.toMatch(/最没把握的一条自动归入的记录.*高（不低于 99\.5%）.*中（97%–99\.5%）.*低（低于 97%/);
    await expect(p.locator('tr', { hasText: '快递点离宿舍太远' }).first().locator('td.why').textContent()).resolves.toBe('单条记录');
  });

  it('offers the suggestions with their linking terms, and accepts one from the keyboard', async () => {
    await expect(p.getByRole('heading', { name: /可能是同一问题/ }).isVisible()).resolves.toBe(true);
    const network = await card(r.net1!, r.net2!);
    await expect(network.count()).resolves.toBe(1);
    await expect(network.textContent()).resolves.toContain(BORDERLINE_OPINIONS.net2);
    await expect(network.locator('p mark').textContent()).resolves.toContain('网');
    const accept = network.getByRole('button', { name: '是同一问题，合并' });
    await accept.focus();
    await p.keyboard.press('Enter');
    // Waits for the page the form leads to (its notice), not the one the key was pressed on.
    await p.getByRole('status').filter({ hasText: '已合并' }).waitFor();
    expect(groupOf(await items(), r.net1!).recordIds.sort()).toEqual([r.net1, r.net2].sort());
    await expect((await card(r.net1!, r.net2!)).count()).resolves.toBe(0);
    const row = p.locator('tr', { hasText: '校园网网速太慢' }).first();
    await expect(row.locator('.mentions').textContent()).resolves.toBe('2');
    await expect(row.locator('.tag').textContent()).resolves.toBe('人工');
  });

  it('rejects a false one with one key press: it is gone for good, and the two stay apart', async () => {
    const wrong = await card(r.hours!, r.seats!);
    await expect(wrong.count()).resolves.toBe(1);
    await wrong.getByRole('button', { name: '不是同一问题' }).focus();
    await p.keyboard.press('Space');
    await p.getByRole('status').filter({ hasText: '不是同一问题' }).waitFor();
    await p.reload();
    await expect((await card(r.hours!, r.seats!)).count()).resolves.toBe(0);
    const list = await items();
    expect(groupOf(list, r.hours!).id).not.toBe(groupOf(list, r.seats!).id);
  });

  it('shares this campaign’s learning with another from its 分组经验 section, and takes it back', async () => {
    // The answers above are this campaign's learning; a second campaign takes it as a share.
    const other = (await createCampaign(t, { title: '第二期专项' })).id;
    const wang = await addMember(t, other, '王老师');
    await pushRecord(t, wang, opinion(other, '快递点离宿舍太远，取件不方便'), 'o-00-express');
    await pushRecord(t, wang, opinion(other, '宿舍夏天太热，没有空调'), 'o-01-heat');
    await p.goto(`${t.url}/console/campaigns/${other}/opinions`);
    await p.locator('#learning summary').click();
    await p.getByLabel('共享哪个活动的经验').selectOption(campaignId);
    await p.getByRole('button', { name: '共享到本活动' }).click();
    await p.getByRole('status').filter({ hasText: '已共享' }).waitFor();
    const share = p.locator(`#learning li[data-share="${campaignId}"]`);
    await expect(share.count()).resolves.toBe(1);
    expect(await p.locator('#learning summary').textContent()).toContain('共享自其他活动 1 项');
    await share.getByRole('button', { name: '撤回' }).click();
    await p.getByRole('status').filter({ hasText: '已撤回' }).waitFor();
    await expect(p.locator('#learning li[data-share]').count()).resolves.toBe(0);
    expect((await t.api('GET', `/api/v1/campaigns/${other}/opinions/learning`)).body.shared).toEqual([]);
  });

  it('keeps the page accessible and within a 1366 px window', { timeout: 60_000 }, async () => {
    await p.goto(`${t.url}/console/campaigns/${campaignId}/opinions`);
    await p.locator('#learning summary').click();
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const { violations } = await new AxeBuilder({ page: p }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(
      violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
    ).toEqual([]);
  });
});
