/** The three lists in the console: create problems and tasks, assign, follow progress, confirm 销号. */
import type { OpinionItem } from '../../opinions/opinion-items';
import { dayOf } from '../../../shared/calendar';
import { STATUS_LABELS, isDueSoon, isOverdue } from '../../../shared/model/item-status';
import type { ItemDoc, UserDoc } from '../../store/store';
import { html, type SafeHtml } from '../html';
import { campaignTabs, csrfField } from '../layout';

export interface ListsData {
  campaignId: string;
  items: readonly ItemDoc[];
  opinions: readonly OpinionItem[];
  members: readonly UserDoc[];
  today: string;
  /** The deployment's zone (TZ_NAME), for the 销号 day. */
  timeZone: string;
  csrf: string;
}

export function listsBody(d: ListsData): SafeHtml {
  const base = `/console/campaigns/${encodeURIComponent(d.campaignId)}/items`;
  const problems = d.items.filter((i) => i.list === 'problem');
  const tasks = d.items.filter((i) => i.list === 'task');
  const effects = d.items.filter((i) => i.list === 'effect');
  const title = (id: string) => d.items.find((i) => i.id === id)?.title ?? d.opinions.find((o) => o.id === id)?.content ?? id;
  const name = (id: string | null) => (id ? (d.members.find((m) => m.id === id)?.name ?? '') : '');
  const rowClass = (i: ItemDoc) => (isOverdue(i, d.today) ? 'overdue' : isDueSoon(i, d.today) ? 'due-soon' : '');
  const closeForm = (i: ItemDoc) =>
    i.status === 'done'
      ? html`<form method="post" action="${base}/${encodeURIComponent(i.id)}/close">${csrfField(d.csrf)}<input name="evidence" value="${i.evidence}" placeholder="佐证材料" required aria-label="佐证材料">${i.list === 'task' ? html`<input name="effect" value="${i.effect}" placeholder="整改成效" aria-label="整改成效">` : ''}<button type="submit">确认销号</button></form>`
      : '';
  const progressForm = (i: ItemDoc) =>
    i.status === 'closed'
      ? html`已销号 ${dayOf(i.closedAt, d.timeZone)}`
      : html`<form method="post" action="${base}/${encodeURIComponent(i.id)}/progress">${csrfField(d.csrf)}<input name="progress" value="${i.progress}" placeholder="整改进展" aria-label="整改进展"><select name="status" aria-label="状态">${(['open', 'in_progress', 'done'] as const).map((s) => html`<option value="${s}" ${s === i.status ? 'selected' : ''}>${STATUS_LABELS[s]}</option>`)}</select><input name="evidence" value="${i.evidence}" placeholder="佐证材料" aria-label="佐证材料"><button type="submit">更新</button></form>${closeForm(i)} <a href="${base}/${encodeURIComponent(i.id)}/edit">编辑</a>`;

  return html`${campaignTabs(d.campaignId)}
<h2>问题清单（${problems.length}）</h2>
<table><thead><tr><th>问题</th><th>来源</th><th>类别</th><th>状态</th><th>操作</th></tr></thead><tbody>
${problems.map((p) => html`<tr class="${rowClass(p)}" data-item="${p.id}"><td>${p.title}<br><small>${p.description}</small>${p.target ? html`<br><small>目标：${p.target}</small>` : ''}</td><td>${p.source ?? ''}${p.sourceItemIds.length ? html`：${p.sourceItemIds.map(title).join('；')}` : ''}</td><td>${p.category}</td><td class="status">${STATUS_LABELS[p.status]}</td><td>${progressForm(p)}</td></tr>`)}
</tbody></table>
<fieldset><legend>新增问题</legend><form method="post" action="${base}">${csrfField(d.csrf)}<input type="hidden" name="list" value="problem">
<label>问题 <input name="title" required maxlength="500" size="40"></label><label>类别 <input name="category" maxlength="50"></label>
<label>整改目标 <input name="target" maxlength="2000" size="40"></label>
<label>来自意见 <select name="sourceItemIds"><option value="">（查摆问题，无对应意见）</option>${d.opinions.map((o) => html`<option value="${o.id}">${o.content.slice(0, 40)}（${o.mentions}次）</option>`)}</select></label>
<button type="submit">添加问题</button></form></fieldset>

<h2>任务清单（${tasks.length}）</h2>
<table><thead><tr><th>整改措施</th><th>对应问题</th><th>责任领导 / 部门 / 责任人</th><th>完成时限</th><th>状态</th><th>进展与销号</th></tr></thead><tbody>
${tasks.map((t) => html`<tr class="${rowClass(t)}" data-item="${t.id}"><td>${t.title}${t.target ? html`<br><small>目标：${t.target}</small>` : ''}</td><td>${t.sourceItemIds.map(title).join('；')}</td><td>${t.responsibleLeader} / ${t.responsibleUnit} / ${name(t.assigneeId)}</td><td>${t.deadline ?? ''}${isOverdue(t, d.today) ? html` <strong>已逾期</strong>` : isDueSoon(t, d.today) ? html` <strong>即将到期</strong>` : ''}</td><td class="status">${STATUS_LABELS[t.status]}</td><td>${progressForm(t)}</td></tr>`)}
</tbody></table>
<fieldset><legend>新增整改措施</legend><form method="post" action="${base}">${csrfField(d.csrf)}<input type="hidden" name="list" value="task">
<label>整改措施 <input name="title" required maxlength="500" size="40"></label>
<label>整改目标 <input name="target" maxlength="2000" size="40"></label>
<label>对应问题 <select name="sourceItemIds" required>${problems.filter((p) => p.status !== 'closed').map((p) => html`<option value="${p.id}">${p.title.slice(0, 40)}</option>`)}</select></label>
<label>责任领导 <input name="responsibleLeader" maxlength="100"></label><label>责任部门 <input name="responsibleUnit" maxlength="200"></label>
<label>责任人 <select name="assigneeId"><option value="">（未指定）</option>${d.members.map((m) => html`<option value="${m.id}">${m.name}（${m.unit}）</option>`)}</select></label>
<label>完成时限 <input type="date" name="deadline"></label>
<button type="submit">添加任务</button></form></fieldset>

<h2>效果清单（${effects.length}）</h2>
<table><thead><tr><th>整改措施</th><th>整改成效</th><th>佐证</th><th>销号日期</th></tr></thead><tbody>
${effects.map((e) => html`<tr data-item="${e.id}"><td>${e.title}</td><td>${e.effect || e.description}</td><td>${e.evidence}</td><td>${dayOf(e.closedAt ?? e.createdAt, d.timeZone)}</td></tr>`)}
</tbody></table>`;
}
