/**
 * Site rules shared through a campaign (issue 13, "teach this site"), over a real socket: a member
 * proposes what they taught, the office shares it in the console, every member's pull and /me carry
 * it, the office withdraws it; proposals never leave the server except to the office.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeSchema } from '../../shared/model/me';
import type { SiteRule } from '../../shared/model/site-rule-shape';
import { PullResponseSchema } from '../../shared/sync/protocol';
import { consoleClient } from '../support/console-client';
import { startTestServer, type TestServer } from '../support/server';
import { addMember, createCampaign, type Member } from './lists-support';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ http: true });
});
afterAll(() => t?.stop());

let counter = 0;
/** A rule as the extension sends it after 从页面选取: a fresh id each time. */
function rule(overrides: Partial<SiteRule> = {}): SiteRule {
  return {
    id: `rule-${++counter}-${Math.random().toString(36).slice(2, 8)}`,
    site: 'https://oa.example.edu.cn',
    field: 'docNumber',
    label: '发文字号',
    example: '校党发〔2026〕3号',
    createdAt: '2026-03-02T08:00:00.000Z',
    ...overrides,
  };
}

const rulesPath = (campaignId: string) => `/api/v1/campaigns/${campaignId}/site-rules`;
const settingsPage = (campaignId: string) => `/console/campaigns/${campaignId}/settings`;
const post = (campaignId: string, body: unknown, token?: string) => t.api('POST', rulesPath(campaignId), { body, token });

/** The campaign as the member's extension gets it: a pull from `cursor` (checked as the extension checks it), and the cursor after. */
async function pulled(m: Member, campaignId: string, cursor: unknown = null) {
  const res = await t.api('POST', '/api/v1/sync/pull', { token: m.token, body: { protocolVersion: 1, clientId: m.clientId, cursor } });
  expect(res.status).toBe(200);
  const checked = PullResponseSchema.parse(res.body);
  const entity = checked.entities.find((e) => e.entity === 'campaign' && e.id === campaignId);
  return { campaign: entity?.data as Record<string, unknown> | undefined, cursor: checked.cursor };
}

async function me(m: Member, campaignId: string): Promise<Record<string, unknown>> {
  const res = await t.api('GET', '/api/v1/me', { token: m.token });
  expect(res.status).toBe(200);
  return MeSchema.parse(res.body).campaigns.find((k) => k.id === campaignId)!;
}

async function office() {
  const client = consoleClient(() => t);
  await client.signIn(t.adminToken);
  return client;
}

/** The action of the row's button labelled `label` for `ruleId` on the settings page. */
function formAction(page: string, ruleId: string, action: 'share' | 'withdraw' | 'reject'): string {
  const found = new RegExp(`action="(/console/campaigns/[^"]+/site-rules/${ruleId}/${action})"`).exec(page);
  expect(found, `${action} form for ${ruleId}`).not.toBeNull();
  return found![1]!;
}

const auditOf = async (campaignId: string, action?: string) =>
  (await t.store.find('audit', { campaignId })).filter((a) => (action ? a.action === action : a.action.startsWith('site_rule.')));

describe('site rules shared through a campaign', () => {
  it('a member proposes a rule, the office shares it from the console, and every member’s pull and /me carry it', async () => {
    const { id } = await createCampaign(t);
    const li = await addMember(t, id, '李老师');
    const wang = await addMember(t, id, '王老师');
    const taught = rule();

    const proposed = await post(id, taught, li.token);
    expect(proposed.status).toBe(201);
    expect(proposed.body).toEqual({ state: 'proposed', rule: { ...taught, createdBy: li.id } });
    expect((await pulled(wang, id)).campaign?.siteRules ?? []).toEqual([]);

    const desk = await office();
    const page = await desk.get(settingsPage(id));
    expect(page.text).toContain('站点读取规则');
    expect(page.text).toContain('成员提交待审核（1）');
    const row = /<tr data-rule="[^"]+">[\s\S]*?<\/tr>/.exec(page.text)![0];
    for (const cell of ['https://oa.example.edu.cn', '文号', '标签“发文字号”', '校党发〔2026〕3号', '李老师', '共享', '不采纳']) expect(row).toContain(cell);

    const shared = await desk.post(formAction(page.text, taught.id, 'share'), {});
    expect(shared.status).toBe(303);
    expect((await desk.notice(shared)).ok).toBe('规则已共享，成员同步后即可使用');
    const after = await desk.get(settingsPage(id));
    expect(after.text).toContain('已共享（1）');
    expect(after.text).toContain('成员提交待审核（0）');
    formAction(after.text, taught.id, 'withdraw');

    const expected = [{ ...taught, createdBy: li.id }];
    for (const m of [li, wang]) {
      expect((await pulled(m, id)).campaign?.siteRules).toEqual(expected);
      expect((await me(m, id)).siteRules).toEqual(expected);
    }
    expect((await auditOf(id)).map((a) => a.action).sort()).toEqual(['site_rule.propose', 'site_rule.share']);
  });

  it('the office withdraws a shared rule from the console: the next pull no longer has it', async () => {
    const { id } = await createCampaign(t);
    const li = await addMember(t, id, '李老师');
    const keep = rule({ field: 'issuer', label: '发文机关', example: '党委办公室' });
    const dropped = rule();
    expect((await post(id, keep)).body.state).toBe('shared');
    expect((await post(id, dropped)).status).toBe(201);
    const first = await pulled(li, id);
    expect(first.campaign?.siteRules).toHaveLength(2);

    const desk = await office();
    const res = await desk.post(formAction((await desk.get(settingsPage(id))).text, dropped.id, 'withdraw'), {});
    expect((await desk.notice(res)).ok).toBe('规则已撤回，成员同步后不再使用');

    const next = await pulled(li, id, first.cursor);
    expect(next.campaign?.siteRules).toEqual([{ ...keep, createdBy: t.admin.id }]);
    expect((await auditOf(id, 'site_rule.withdraw')).map((a) => a.before)).toEqual([{ ...dropped, createdBy: t.admin.id }]);
  });

  it('the office rejects a proposal (不采纳): it is gone, nothing is shared', async () => {
    const { id } = await createCampaign(t);
    const li = await addMember(t, id, '李老师');
    const taught = rule({ field: 'title', label: undefined, selector: '#docTitle', example: '关于开展主题教育的通知' });
    await post(id, taught, li.token);
    const desk = await office();
    const page = await desk.get(settingsPage(id));
    expect(page.text).toContain('选择器 <code>#docTitle</code>');
    const res = await desk.post(formAction(page.text, taught.id, 'reject'), {});
    expect((await desk.notice(res)).ok).toBe('已不采纳这条规则');
    const campaign = (await t.api('GET', `/api/v1/campaigns/${id}`)).body.campaign;
    expect(campaign.siteRuleProposals).toEqual([]);
    expect(campaign.siteRules).toBeUndefined();
  });

  it('PATCH settings sets the whole list: a rule left out is withdrawn, a proposal put in is shared and leaves the proposals, and who taught it is the server’s to say', async () => {
    const { id } = await createCampaign(t);
    const li = await addMember(t, id, '李老师');
    const old = rule({ field: 'docDate', label: '成文日期', example: '2026年3月2日' });
    const taught = rule();
    await post(id, old);
    await post(id, taught, li.token);

    const res = await t.api('PATCH', `/api/v1/campaigns/${id}/settings`, { body: { siteRules: [{ ...taught, createdBy: t.admin.id }] } });
    expect(res.status).toBe(200);
    expect(res.body.campaign.siteRules).toEqual([{ ...taught, createdBy: li.id }]);
    expect(res.body.campaign.siteRuleProposals).toEqual([]);
    expect((await pulled(li, id)).campaign?.siteRules).toEqual([{ ...taught, createdBy: li.id }]);

    // A new rule straight into the list is the office's, whatever the body claims.
    const own = rule({ field: 'issuer', label: '发文单位' });
    const next = await t.api('PATCH', `/api/v1/campaigns/${id}/settings`, { body: { siteRules: [{ ...own, createdBy: li.id }] } });
    expect(next.body.campaign.siteRules).toEqual([{ ...own, createdBy: t.admin.id }]);
  });

  it('PATCH settings refuses two rules for one site and field, in Chinese, changing nothing', async () => {
    const { id } = await createCampaign(t);
    await post(id, rule());
    const before = (await t.api('GET', `/api/v1/campaigns/${id}`)).body.campaign;
    const res = await t.api('PATCH', `/api/v1/campaigns/${id}/settings`, { body: { siteRules: [rule(), rule({ label: '文号' })] } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('https://oa.example.edu.cn 的“文号”有两条规则：每个站点的每个字段只能共享一条');
    expect((await t.api('GET', `/api/v1/campaigns/${id}`)).body.campaign).toEqual(before);
  });

  it('shares one rule per site and field: a newer one replaces the older, other fields and sites stay', async () => {
    const { id } = await createCampaign(t);
    const older = rule();
    const issuer = rule({ field: 'issuer', label: '发文机关' });
    const elsewhere = rule({ site: 'http://oa.other.edu.cn:8080' });
    const newer = rule({ label: '文号', example: '校办发〔2026〕9号' });
    for (const r of [older, issuer, elsewhere, newer]) expect((await post(id, r)).status).toBe(201);
    const { siteRules } = (await t.api('GET', `/api/v1/campaigns/${id}`)).body.campaign;
    expect(siteRules.map((r: SiteRule) => r.id)).toEqual([issuer.id, elsewhere.id, newer.id]);
    expect((await auditOf(id, 'site_rule.share')).at(-1)?.before).toEqual({ ...older, createdBy: t.admin.id });
  });

  it('the same rule again changes nothing: 200 with the stored rule, no second audit entry', async () => {
    const { id } = await createCampaign(t);
    const li = await addMember(t, id, '李老师');
    const shared = rule();
    const proposed = rule({ field: 'issuer', label: '发文机关' });
    expect((await post(id, shared)).status).toBe(201);
    expect((await post(id, proposed, li.token)).status).toBe(201);
    const before = await t.store.get('campaigns', id);

    const again = await post(id, { ...shared, example: '改过的示例' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ state: 'shared', rule: { ...shared, createdBy: t.admin.id } });
    const proposedAgain = await post(id, proposed, li.token);
    expect(proposedAgain.status).toBe(200);
    expect(proposedAgain.body).toEqual({ state: 'proposed', rule: { ...proposed, createdBy: li.id } });
    // A member sending a rule the office already shares is told so.
    expect((await post(id, shared, li.token)).body.state).toBe('shared');

    expect((await t.store.get('campaigns', id))?.seq).toBe(before?.seq);
    expect(await auditOf(id)).toHaveLength(2);
    // Sharing a rule already shared is no change either.
    const share = await t.api('POST', `${rulesPath(id)}/${shared.id}/share`);
    expect(share.status).toBe(200);
    expect(await auditOf(id)).toHaveLength(2);
  });

  it('refuses anyone outside the campaign, and an unknown campaign, changing nothing', async () => {
    const { id } = await createCampaign(t);
    const stranger = await t.createUser('赵老师', '物理学院');
    const before = await t.store.get('campaigns', id);
    const res = await post(id, rule(), stranger.token);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('你不是该活动的成员');
    // Even a malformed body: who may ask is checked before what was sent.
    expect((await post(id, { id: 'x' }, stranger.token)).status).toBe(403);
    expect((await post('k_nope', rule())).status).toBe(404);
    expect(await t.store.get('campaigns', id)).toEqual(before);
    expect(await auditOf(id)).toEqual([]);
  });

  it.each([
    ['both a label and a selector', { selector: '#docNo' }, '规则应有标签或选择器之一（且只有一个）'],
    ['neither a label nor a selector', { label: undefined }, '规则应有标签或选择器之一（且只有一个）'],
    ['a site with a path', { site: 'https://oa.example.edu.cn/seeyon/' }, 'site：站点应为 http(s)://主机名[:端口]，不含路径'],
    ['a javascript: site', { site: 'javascript:alert(1)' }, 'site：站点应为 http(s)://主机名[:端口]，不含路径'],
    ['an unknown field', { field: 'body' }, 'field：字段应为 title、docNumber、issuer 或 docDate'],
    ['an empty label', { label: '  ' }, 'label：标签不能为空'],
    ['an unknown key', { script: 'x' }, '不认识的字段：script'],
  ])('refuses a rule with %s: 400 in Chinese, nothing changed', async (_name, change, message) => {
    const { id } = await createCampaign(t);
    const li = await addMember(t, id, '李老师');
    const before = await t.store.get('campaigns', id);
    for (const token of [li.token, t.adminToken]) {
      const res = await post(id, { ...rule(), ...change }, token);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
    expect(await t.store.get('campaigns', id)).toEqual(before);
    expect(await auditOf(id)).toEqual([]);
  });

  it('answers 404 in Chinese for a rule the campaign does not have, and members may not share or withdraw', async () => {
    const { id } = await createCampaign(t);
    const li = await addMember(t, id, '李老师');
    const shared = rule();
    await post(id, shared);
    const share = await t.api('POST', `${rulesPath(id)}/rule-none/share`);
    expect(share.status).toBe(404);
    expect(share.body.error.message).toBe('没有这条待审核的站点规则（可能已被处理）');
    const withdraw = await t.api('DELETE', `${rulesPath(id)}/rule-none`);
    expect(withdraw.status).toBe(404);
    expect(withdraw.body.error.message).toBe('没有这条站点规则（可能已被撤回）');
    expect((await t.api('DELETE', `${rulesPath(id)}/${shared.id}`, { token: li.token })).status).toBe(403);

    const gone = await t.api('DELETE', `${rulesPath(id)}/${shared.id}`);
    expect(gone.body).toEqual({ state: 'withdrawn', rule: { ...shared, createdBy: t.admin.id } });
    expect((await t.api('DELETE', `${rulesPath(id)}/${shared.id}`)).status).toBe(404);
    // The console's button on a rule someone else already withdrew: the notice says so.
    const desk = await office();
    await desk.get(settingsPage(id));
    const stale = await desk.post(`/console/campaigns/${id}/site-rules/${shared.id}/withdraw`, {});
    expect((await desk.notice(stale)).error).toBe('没有这条站点规则（可能已被撤回）');
  });

  it('never lets proposals leave the server except to the office: not in any member’s pull, /me or campaign answers', async () => {
    const { id } = await createCampaign(t);
    const li = await addMember(t, id, '李老师');
    const wang = await addMember(t, id, '王老师');
    const taught = rule({ example: '只给办公室看的示例' });
    await post(id, taught, li.token);
    await post(id, rule({ field: 'issuer', label: '发文机关' }));

    for (const m of [li, wang]) {
      const { campaign } = await pulled(m, id);
      expect(campaign?.siteRules).toHaveLength(1);
      const answers = [
        JSON.stringify(campaign),
        JSON.stringify(await me(m, id)),
        JSON.stringify((await t.api('GET', '/api/v1/campaigns', { token: m.token })).body),
        JSON.stringify((await t.api('GET', `/api/v1/campaigns/${id}`, { token: m.token })).body),
      ];
      for (const answer of answers) {
        expect(answer).not.toContain('siteRuleProposals');
        expect(answer).not.toContain('只给办公室看的示例');
      }
    }
    // The office sees them, and its own extension's pull does not carry them either.
    const office = (await t.api('GET', `/api/v1/campaigns/${id}`)).body.campaign;
    expect(office.siteRuleProposals).toEqual([{ ...taught, createdBy: li.id }]);
    const adminPull = await t.api('POST', '/api/v1/sync/pull', { body: { protocolVersion: 1, clientId: `admin-${id}`, cursor: null } });
    expect(JSON.stringify(adminPull.body)).not.toContain('siteRuleProposals');
  });

  it('a member’s newer rule for the same site and field replaces their own earlier proposal, not someone else’s', async () => {
    const { id } = await createCampaign(t);
    const li = await addMember(t, id, '李老师');
    const wang = await addMember(t, id, '王老师');
    const liFirst = rule();
    const wangsOwn = rule({ label: '文号' });
    const liSecond = rule({ label: '字号' });
    for (const [r, m] of [
      [liFirst, li],
      [wangsOwn, wang],
      [liSecond, li],
    ] as const)
      expect((await post(id, r, m.token)).status).toBe(201);
    const { siteRuleProposals } = (await t.api('GET', `/api/v1/campaigns/${id}`)).body.campaign;
    expect(siteRuleProposals.map((r: SiteRule) => r.id)).toEqual([wangsOwn.id, liSecond.id]);
  });

  it('bounds what one member may leave waiting: the 41st proposal is refused in Chinese and changes nothing', async () => {
    const { id } = await createCampaign(t);
    const li = await addMember(t, id, '李老师');
    for (let i = 0; i < 40; i++) expect((await post(id, rule({ site: `https://oa${i}.example.edu.cn` }), li.token)).status).toBe(201);
    const before = await t.store.get('campaigns', id);
    const res = await post(id, rule({ site: 'https://oa40.example.edu.cn' }), li.token);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('你提交的待审核规则已有 40 条，请等活动办公室处理后再提交');
    expect(await t.store.get('campaigns', id)).toEqual(before);
    // A newer rule for a site and field they already proposed still replaces the older one.
    expect((await post(id, rule({ site: 'https://oa0.example.edu.cn', label: '字号' }), li.token)).status).toBe(201);
  });

  it('shows hostile text from an OA page escaped in the console: label, selector and example never become markup', async () => {
    const { id } = await createCampaign(t);
    const li = await addMember(t, id, '李老师');
    const hostile = [
      rule({ label: '<img src=x onerror=alert(1)>', example: '</td><script>alert("示例")</script>' }),
      rule({ field: 'title', label: undefined, selector: 'a[title="</code><b>x</b>"]', example: '" onmouseover="alert(1)' }),
    ];
    for (const r of hostile) expect((await post(id, r, li.token)).status).toBe(201);
    const page = (await (await office()).get(settingsPage(id))).text;
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<b>x</b>');
    expect(page).not.toContain('" onmouseover="');
    expect(page).toContain('标签“&lt;img src=x onerror=alert(1)&gt;”');
    expect(page).toContain('&lt;/td&gt;&lt;script&gt;alert(&quot;示例&quot;)&lt;/script&gt;');
    expect(page).toContain('选择器 <code>a[title=&quot;&lt;/code&gt;&lt;b&gt;x&lt;/b&gt;&quot;]</code>');
  });
});
