/** Editing one list item's fields (not its status: that goes through progress and 销号); a closed item only with a reason. */
import { LIST_ITEM_NAMES, LIST_LABELS } from '../../../shared/model/list-item';
import type { CampaignDoc, ItemDoc, UserDoc } from '../../store/store';
import { html, type SafeHtml } from '../html';
import { campaignTabs, csrfField } from '../layout';
import { field } from './lists';

export function itemEditBody(campaign: Pick<CampaignDoc, 'id' | 'categories'>, item: ItemDoc, members: readonly UserDoc[], csrf: string): SafeHtml {
  const action = `/console/campaigns/${encodeURIComponent(campaign.id)}/items/${encodeURIComponent(item.id)}/edit`;
  const isTask = item.list === 'task';
  // The campaign's categories, plus the item's own if it predates them.
  const categories = [...new Set([...campaign.categories, ...(item.category ? [item.category] : [])])];
  const category = categories.length
    ? html`<select name="category"><option value="">（未分类）</option>${categories.map((c) => html`<option value="${c}" ${c === item.category ? 'selected' : ''}>${c}</option>`)}</select>`
    : html`<input name="category" value="${item.category}" maxlength="50">`;
  return html`${campaignTabs(campaign.id, '/lists')}
<p class="muted">${LIST_LABELS[item.list]} · 状态在清单页更新；此处修改${LIST_ITEM_NAMES[item.list]}的内容与责任。</p>
<form class="card" method="post" action="${action}">${csrfField(csrf)}
${item.status === 'closed' ? html`<div class="notice warn" role="note">该${LIST_ITEM_NAMES[item.list]}已销号。修改已销号的事项须写明理由，理由记入操作日志。</div>` : ''}
<div class="fields">
${item.status === 'closed' ? field('修改理由', html`<textarea name="reason" required rows="2" maxlength="500"></textarea>`, { required: true, wide: true }) : ''}
${field(isTask ? '整改措施' : '标题', html`<input name="title" value="${item.title}" required maxlength="500">`, { required: true, wide: true })}
${field('具体表现 / 说明', html`<textarea name="description" rows="3">${item.description}</textarea>`, { wide: true })}
${field('整改目标/标准', html`<textarea name="target" rows="2" maxlength="2000">${item.target}</textarea>`, { wide: true })}
${field('类别', category)}
${field('责任领导', html`<input name="responsibleLeader" value="${item.responsibleLeader}" maxlength="100"${isTask ? ' required' : ''}>`, { required: isTask })}
${field('责任部门', html`<input name="responsibleUnit" value="${item.responsibleUnit}" maxlength="200"${isTask ? ' required' : ''}>`, { required: isTask })}
${field(
  '责任人',
  html`<select name="assigneeId"><option value="">（未指定）</option>${members.map((m) => html`<option value="${m.id}" ${m.id === item.assigneeId ? 'selected' : ''}>${m.name}（${m.unit}）</option>`)}</select>`,
)}
${field('完成时限', html`<input type="date" name="deadline" value="${item.deadline ?? ''}"${isTask ? ' required' : ''}>`, { required: isTask })}
</div>
<div class="actions"><button class="primary" type="submit">保存修改</button><a class="button" href="/console/campaigns/${encodeURIComponent(campaign.id)}/lists">取消</a></div></form>`;
}
