/**
 * 站点读取规则 on the settings page: the rules shared with every member (撤回) and the ones members
 * proposed (共享 / 不采纳). Labels, selectors and examples come from OA pages people clicked: they
 * are hostile text and only ever pass through `html`'s escaping.
 */
import { SITE_RULE_FIELD_NAMES, type SiteRule } from '../../../shared/model/site-rule-shape';
import type { CampaignDoc } from '../../store/store';
import { html, type SafeHtml } from '../html';
import { csrfField } from '../layout';

type Button = { path: 'share' | 'withdraw' | 'reject'; label: string };

function ruleText(r: SiteRule): SafeHtml {
  return r.label !== undefined ? html`标签“${r.label}”` : html`选择器 <code>${r.selector ?? ''}</code>`;
}

function rulesTable(campaignId: string, rules: readonly SiteRule[], csrf: string, nameOf: (id: string) => string, buttons: readonly Button[]): SafeHtml {
  const base = `/console/campaigns/${encodeURIComponent(campaignId)}/site-rules`;
  return html`<div class="table-wrap"><table><thead><tr><th scope="col">站点</th><th scope="col">字段</th><th scope="col">规则</th><th scope="col">示例</th><th scope="col">提交人</th><th scope="col">操作</th></tr></thead><tbody>
${rules.map((r) => {
  const what = `${r.site} 的${SITE_RULE_FIELD_NAMES[r.field]}规则`;
  return html`<tr data-rule="${r.id}"><td>${r.site}</td><td>${SITE_RULE_FIELD_NAMES[r.field]}</td><td>${ruleText(r)}</td><td class="content">${r.example || '—'}</td><td>${r.createdBy ? nameOf(r.createdBy) : '—'}</td>
<td><div class="row-actions">${buttons.map(
    (b) =>
      html`<form class="inline" method="post" action="${base}/${encodeURIComponent(r.id)}/${b.path}">${csrfField(csrf)}<button type="submit" aria-label="${b.label}：${what}">${b.label}</button></form>`,
  )}</div></td></tr>`;
})}
</tbody></table></div>`;
}

export function siteRulesSection(campaign: CampaignDoc, csrf: string, nameOf: (id: string) => string): SafeHtml {
  const shared = campaign.siteRules ?? [];
  const proposals = campaign.siteRuleProposals ?? [];
  return html`<h2 id="site-rules">站点读取规则</h2>
<p class="hint">成员同步后，浏览器扩展按这里共享的规则读取对应 OA 站点页面的标题、文号、发文单位和日期；每个站点的每个字段只共享一条规则，新共享的替换旧的。</p>
<h3>已共享（${shared.length}）</h3>
${
  shared.length
    ? rulesTable(campaign.id, shared, csrf, nameOf, [{ path: 'withdraw', label: '撤回' }])
    : html`<div class="empty"><strong>还没有共享的规则。</strong>成员在扩展中“从页面选取”并提交的规则会列在下方，共享后所有成员都会用上。</div>`
}
<h3>成员提交待审核（${proposals.length}）</h3>
${
  proposals.length
    ? rulesTable(campaign.id, proposals, csrf, nameOf, [
        { path: 'share', label: '共享' },
        { path: 'reject', label: '不采纳' },
      ])
    : html`<div class="empty"><strong>没有待审核的规则。</strong></div>`
}`;
}
