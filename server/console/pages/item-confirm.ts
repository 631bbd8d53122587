/**
 * The two decisions the console asks to be confirmed on a page of their own: 销号 (整改成效 and 佐证
 * required, and a tick that they were checked) and 撤销销号 (a reason the audit log keeps). A page, not
 * a script dialog: the console runs no scripts, and the decision shows what it is about in full.
 */
import { dayOf } from '../../../shared/calendar';
import { LIST_ITEM_NAMES, STATUS_LABELS } from '../../../shared/model/list-item';
import type { ItemDoc } from '../../store/store';
import { html, type SafeHtml } from '../html';
import { campaignTabs, csrfField } from '../layout';
import { field } from './lists';

const itemBase = (campaignId: string, item: ItemDoc) => `/console/campaigns/${encodeURIComponent(campaignId)}/items/${encodeURIComponent(item.id)}`;
const listsLink = (campaignId: string) => `/console/campaigns/${encodeURIComponent(campaignId)}/lists`;

function summary(item: ItemDoc, names: { assignee: string; problems: string[] }, timeZone: string): SafeHtml {
  return html`<dl class="detail">
<dt>${LIST_ITEM_NAMES[item.list]}</dt><dd>${item.title}</dd>
${names.problems.length ? html`<dt>对应问题</dt><dd>${names.problems.join('；')}</dd>` : ''}
<dt>整改目标</dt><dd>${item.target || '—'}</dd>
<dt>责任领导 / 部门 / 责任人</dt><dd>${item.responsibleLeader || '—'} / ${item.responsibleUnit || '—'} / ${names.assignee || '—'}</dd>
<dt>完成时限</dt><dd>${item.deadline ?? '未定'}</dd>
<dt>整改进展</dt><dd>${item.progress || '—'}</dd>
<dt>状态</dt><dd>${STATUS_LABELS[item.status]}${item.closedAt ? `（${dayOf(item.closedAt, timeZone)} 销号）` : ''}</dd>
</dl>`;
}

export function closeConfirmBody(
  campaignId: string,
  item: ItemDoc,
  names: { assignee: string; problems: string[]; files?: readonly string[] },
  timeZone: string,
  csrf: string,
): SafeHtml {
  const isTask = item.list === 'task';
  const files = names.files ?? [];
  return html`${campaignTabs(campaignId, '/lists')}
<section class="card confirm" aria-labelledby="confirm-title"><h2 id="confirm-title">确认销号</h2>
<p>销号表示该${LIST_ITEM_NAMES[item.list]}已整改到位、经工作专班核实。${isTask ? '整改成效将列入效果清单，并随导出报送。' : ''}销号后如发现问题，可由管理员写明理由撤销。</p>
${summary(item, names, timeZone)}
<form method="post" action="${itemBase(campaignId, item)}/close">${csrfField(csrf)}
<div class="fields">
${isTask ? field('整改成效', html`<textarea name="effect" required rows="3" maxlength="5000">${item.effect}</textarea>`, { required: true, wide: true, hint: '整改取得的实际效果，如“高峰期排队由30分钟降到10分钟”' }) : ''}
${
  files.length
    ? field('佐证材料', html`<textarea name="evidence" rows="3" maxlength="5000">${item.evidence}</textarea>`, {
        wide: true,
        hint: `已上传：${files.join('、')}（不另写说明时以附件为佐证）`,
      })
    : field('佐证材料', html`<textarea name="evidence" required rows="3" maxlength="5000">${item.evidence}</textarea>`, { required: true, wide: true })
}
</div>
<p><label><input type="checkbox" name="checked" value="1" required> 我已核实整改成效和佐证材料，确认销号</label></p>
<div class="actions"><button class="primary" type="submit">确认销号</button><a class="button" href="${listsLink(campaignId)}">取消</a></div>
</form></section>`;
}

export function reopenConfirmBody(
  campaignId: string,
  item: ItemDoc,
  names: { assignee: string; problems: string[] },
  timeZone: string,
  csrf: string,
): SafeHtml {
  return html`${campaignTabs(campaignId, '/lists')}
<section class="card confirm" aria-labelledby="confirm-title"><h2 id="confirm-title">撤销销号</h2>
<p>撤销后该${LIST_ITEM_NAMES[item.list]}回到“已完成待销号”${item.list === 'task' ? '，其整改成效暂时移出效果清单，重新销号后恢复' : ''}。撤销理由记入操作日志。</p>
${summary(item, names, timeZone)}
<form method="post" action="${itemBase(campaignId, item)}/reopen">${csrfField(csrf)}
<div class="fields">${field('撤销理由', html`<textarea name="reason" required minlength="2" rows="3" maxlength="500"></textarea>`, { required: true, wide: true })}</div>
<div class="actions"><button class="danger" type="submit">确认撤销销号</button><a class="button" href="${listsLink(campaignId)}">取消</a></div>
</form></section>`;
}
