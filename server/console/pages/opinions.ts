/** The merge review: every grouped opinion with its sources; merge several, split records out, rename. */
import type { OpinionItem } from '../../opinions/opinion-items';
import { html, type SafeHtml } from '../html';
import { campaignTabs, csrfField } from '../layout';

export function opinionsBody(campaignId: string, items: readonly OpinionItem[], csrf: string): SafeHtml {
  const base = `/console/campaigns/${encodeURIComponent(campaignId)}/opinions`;
  return html`${campaignTabs(campaignId)}
<p>共 ${items.length} 条意见（${items.reduce((n, i) => n + i.mentions, 0)} 条次）。勾选两条以上可合并；在某条意见内勾选记录可拆分。人工的合并、拆分和改名优先于自动合并，新记录到来时保持不变。</p>
<form id="merge-form" method="post" action="${base}/merge">${csrfField(csrf)}
<label>合并后标题（可选） <input name="title" maxlength="500" size="40"></label><button type="submit">合并所选意见</button></form>
<table><thead><tr><th>选择</th><th>意见</th><th>类别</th><th>次数</th><th>反映人群 / 渠道</th><th>来源记录（勾选后拆分）</th><th>改名</th></tr></thead><tbody>
${items.map(
  (item) => html`<tr data-group="${item.id}">
<td><input type="checkbox" name="groupIds" value="${item.id}" form="merge-form" aria-label="选择此意见"></td>
<td class="content">${item.content}${item.manual ? html` <small>（人工）</small>` : ''}</td><td>${item.category}</td><td class="mentions">${item.mentions}</td>
<td>${item.fromGroups.join('、')}<br>${item.channels.join('、')}</td>
<td><form method="post" action="${base}/${encodeURIComponent(item.id)}/split">${csrfField(csrf)}
${item.sources.map((s) => html`<div><label><input type="checkbox" name="recordIds" value="${s.recordId}"> ${s.content}（${s.fromGroup}，${s.channel}，${s.heardOn}${s.page ? html`，<a href="${safeUrl(s.page.url)}" rel="noopener noreferrer" target="_blank">${s.page.title || s.page.url}</a>` : ''}）</label></div>`)}
${item.mentions > 1 ? html`<button type="submit">拆分所选记录</button>` : ''}</form></td>
<td><form method="post" action="${base}/${encodeURIComponent(item.id)}/rename">${csrfField(csrf)}<input name="title" maxlength="500" value="${item.content}" aria-label="新标题"><button type="submit">改名</button></form></td>
</tr>`,
)}
</tbody></table>`;
}

/** Only http(s) links become clickable; anything else (javascript:, data:) is shown inert. */
export function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}
