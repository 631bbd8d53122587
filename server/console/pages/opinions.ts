/**
 * The merge review: every grouped opinion with its sources and who heard them; merge several (choosing
 * the category when they differ), split records out, rename, and 转为问题 — one opinion or several
 * ticked together — which carries the opinions, their count and category into the 问题清单.
 */
import type { OpinionItem } from '../../opinions/opinion-items';
import type { ItemDoc } from '../../store/store';
import { html, type SafeHtml } from '../html';
import { campaignTabs, csrfField } from '../layout';
import { field } from './lists';

export interface OpinionsData {
  campaignId: string;
  items: readonly OpinionItem[];
  /** The campaign's problems, to mark opinions already turned into one. */
  problems: readonly ItemDoc[];
  /** User id → name: who heard each record. */
  names: ReadonlyMap<string, string>;
  categories: readonly string[];
  csrf: string;
}

export function opinionsBody(d: OpinionsData): SafeHtml {
  const base = `/console/campaigns/${encodeURIComponent(d.campaignId)}/opinions`;
  const listsPath = `/console/campaigns/${encodeURIComponent(d.campaignId)}/lists`;
  const problemsOf = (groupId: string) => d.problems.filter((p) => p.sourceItemIds.includes(groupId));
  const records = d.items.reduce((n, i) => n + i.mentions, 0);
  const turned = d.items.filter((i) => problemsOf(i.id).length > 0).length;
  if (d.items.length === 0) {
    return html`${campaignTabs(d.campaignId, '/opinions')}<div class="empty"><strong>还没有意见建议。</strong>成员在浏览器扩展中记录的意见会自动汇总到这里，相同的意见自动合并为一条。</div>`;
  }
  return html`${campaignTabs(d.campaignId, '/opinions')}
<p>共 ${d.items.length} 条意见（${records} 条次），已转为问题 ${turned} 条。同一问题多人反映的已自动合并；人工的合并、拆分和改名优先于自动合并，新记录到来时保持不变。</p>
<form class="card" id="merge-form" method="post" action="${base}/merge" aria-labelledby="merge-title">${csrfField(d.csrf)}
<h2 id="merge-title">对勾选的意见</h2>
<div class="fields">
${field('合并后标题（可选）', html`<input name="title" maxlength="500">`)}
${field('合并后类别', html`<select name="category"><option value="">（类别相同时不必选）</option>${d.categories.map((c) => html`<option value="${c}">${c}</option>`)}</select>`)}
</div>
<div class="actions"><button type="submit">合并为一条意见</button><button type="submit" formaction="${base}/to-problem">转为一个问题</button></div></form>
<div class="table-wrap"><table><thead><tr><th scope="col">选择</th><th scope="col">意见</th><th scope="col">类别</th><th scope="col" class="num">次数</th><th scope="col">反映人群 / 渠道</th><th scope="col">来源记录与记录人</th><th scope="col">操作</th></tr></thead><tbody>
${d.items.map((item) => {
  const problems = problemsOf(item.id);
  return html`<tr data-group="${item.id}">
<td><input type="checkbox" name="groupIds" value="${item.id}" form="merge-form" aria-label="选择：${item.content.slice(0, 30)}"></td>
<td class="content">${item.content}${item.manual ? html`<span class="tag">人工</span>` : ''}${problems.map((p) => html`<br><small>已转为问题：<a href="${listsPath}#problems">${p.title}</a></small>`)}</td>
<td>${item.category}</td><td class="mentions num">${item.mentions}</td>
<td>${item.fromGroups.join('、')}<br><small>${item.channels.join('、')}</small></td>
<td><details${item.mentions <= 3 ? ' open' : ''}><summary>${item.mentions} 条记录</summary>
<form method="post" action="${base}/${encodeURIComponent(item.id)}/split">${csrfField(d.csrf)}
${item.sources.map(
  (s) =>
    html`<div><label><input type="checkbox" name="recordIds" value="${s.recordId}"${item.mentions > 1 ? '' : ' disabled'}> ${s.content}</label><br><small>记录人 ${d.names.get(s.ownerId) ?? '（已删除的用户）'} · ${s.fromGroup} · ${s.channel} · ${s.heardOn}${s.page ? html` · <a href="${safeUrl(s.page.url)}" rel="noopener noreferrer" target="_blank">${s.page.title || s.page.url}</a>` : ''}</small></div>`,
)}
${item.mentions > 1 ? html`<div class="actions"><button type="submit">拆分所选记录</button></div>` : ''}</form></details></td>
<td><div class="row-actions">${problems.length === 0 ? html`<form class="inline" method="post" action="${base}/to-problem">${csrfField(d.csrf)}<input type="hidden" name="groupIds" value="${item.id}"><button type="submit">转为问题</button></form>` : ''}
<details><summary>改名</summary><form method="post" action="${base}/${encodeURIComponent(item.id)}/rename">${csrfField(d.csrf)}${field('新标题', html`<input name="title" maxlength="500" value="${item.content}">`)}<div class="actions"><button type="submit">改名</button></div></form></details></div></td>
</tr>`;
})}
</tbody></table></div>`;
}

/** Only http(s) links become clickable; anything else (javascript:, data:) is shown inert. */
export function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}
