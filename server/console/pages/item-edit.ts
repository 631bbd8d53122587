/** Editing one list item's fields (not its status: that goes through progress and 销号). */
import type { ItemDoc, UserDoc } from '../../store/store';
import { html, type SafeHtml } from '../html';
import { campaignTabs, csrfField } from '../layout';
import { LIST_LABELS } from '../../../shared/model/list-item';

export function itemEditBody(campaignId: string, item: ItemDoc, members: readonly UserDoc[], csrf: string): SafeHtml {
  const action = `/console/campaigns/${encodeURIComponent(campaignId)}/items/${encodeURIComponent(item.id)}/edit`;
  return html`${campaignTabs(campaignId)}
<p>${LIST_LABELS[item.list]}</p>
<form method="post" action="${action}">${csrfField(csrf)}
<p><label>标题 <input name="title" value="${item.title}" required maxlength="500" size="60"></label></p>
<p><label>描述 <textarea name="description" rows="4" cols="60">${item.description}</textarea></label></p>
<p><label>类别 <input name="category" value="${item.category}" maxlength="50"></label></p>
<p><label>整改目标/标准 <textarea name="target" rows="2" cols="60" maxlength="2000">${item.target}</textarea></label></p>
<p><label>责任领导 <input name="responsibleLeader" value="${item.responsibleLeader}" maxlength="100"></label>
<label>责任部门 <input name="responsibleUnit" value="${item.responsibleUnit}" maxlength="200"></label></p>
<p><label>责任人 <select name="assigneeId"><option value="">（未指定）</option>${members.map((m) => html`<option value="${m.id}" ${m.id === item.assigneeId ? 'selected' : ''}>${m.name}（${m.unit}）</option>`)}</select></label>
<label>完成时限 <input type="date" name="deadline" value="${item.deadline ?? ''}"></label></p>
<button type="submit">保存修改</button></form>`;
}
