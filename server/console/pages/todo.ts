/** 待办: the campaign's overdue and due-soon problems and tasks, by 责任部门 and by person (server/reminders/). */
import type { RemindersView, ReminderGroup } from '../../reminders/reminders-view';
import { html, type SafeHtml } from '../html';
import { campaignTabs } from '../layout';

function groupTable(id: string, caption: string, groups: readonly ReminderGroup[]): SafeHtml {
  return html`<h2 id="${id}">${caption}</h2>
<div class="table-wrap"><table aria-labelledby="${id}"><thead><tr><th scope="col">${id === 'by-unit' ? '责任部门' : '责任人'}</th><th scope="col" class="num">逾期</th><th scope="col" class="num">即将到期</th><th scope="col">事项</th></tr></thead><tbody>
${groups.map(
  (g) => html`<tr><td>${g.label}</td><td class="num">${g.overdue ? html`<span class="flag">${g.overdue}</span>` : '0'}</td><td class="num">${g.dueSoon}</td>
<td>${g.items.map((i) => html`<div>${i.title} <small>${i.list === 'task' ? '整改任务' : '问题'} · 时限 ${i.deadline} · ${i.overdue ? html`<span class="flag">逾期 ${i.days} 天</span>` : i.days === 0 ? html`<span class="flag soon">今日到期</span>` : html`<span class="flag soon">${i.days} 天后到期</span>`}${id === 'by-unit' ? ` · ${i.assigneeName}` : ` · ${i.unit}`}</small></div>`)}</td></tr>`,
)}
</tbody></table></div>`;
}

export function todoBody(campaignId: string, view: RemindersView, digest: string): SafeHtml {
  const lists = `/console/campaigns/${encodeURIComponent(campaignId)}/lists`;
  const nothing = view.byUnit.length === 0;
  return html`${campaignTabs(campaignId, '/todo')}
<p class="notice ${view.counts.overdue ? 'warn' : 'ok'}" role="note">${digest}</p>
${
  nothing
    ? html`<div class="empty"><strong>没有逾期或 ${view.dueSoonDays} 日内到期的事项。</strong>${view.counts.awaitingClose ? html`另有 ${view.counts.awaitingClose} 项已完成待销号，请在<a href="${lists}#tasks">三张清单</a>中核实销号。` : ''}</div>`
    : html`${groupTable('by-unit', '按责任部门', view.byUnit)}${groupTable('by-person', '按责任人', view.byPerson)}`
}`;
}
