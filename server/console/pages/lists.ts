/**
 * The three lists in the console: each problem and task as a row that opens to its detail, progress,
 * 销号 (on its own confirmation page) and 撤销销号; forms to add problems and tasks with the "五个明确".
 */
import type { OpinionItem } from '../../opinions/opinion-items';
import { dayOf } from '../../../shared/calendar';
import { STATUS_LABELS, isDueSoon, isOverdue, type ItemStatus } from '../../../shared/model/item-status';
import type { ItemDoc, UserDoc } from '../../store/store';
import { html, type SafeHtml } from '../html';
import { campaignTabs, csrfField } from '../layout';

export interface ListsData {
  campaignId: string;
  items: readonly ItemDoc[];
  opinions: readonly OpinionItem[];
  members: readonly UserDoc[];
  /** The campaign's categories, for a problem's 类别. */
  categories: readonly string[];
  today: string;
  /** The deployment's zone (TZ_NAME), for the 销号 day. */
  timeZone: string;
  csrf: string;
  /** A problem to preselect in the new-task form (from a problem's 添加整改任务). */
  forProblem?: string;
  /** Item id → its 佐证材料 files (not deleted), oldest first. */
  files?: ReadonlyMap<string, readonly { id: string; name: string }[]>;
}

export const statusPill = (status: ItemStatus) => html`<span class="status s-${status}">${STATUS_LABELS[status]}</span>`;

export function deadlineCell(i: ItemDoc, today: string): SafeHtml {
  if (!i.deadline) return html`<span class="muted">未定</span>`;
  const flag = isOverdue(i, today) ? html` <span class="flag">已逾期</span>` : isDueSoon(i, today) ? html` <span class="flag soon">即将到期</span>` : '';
  return html`${i.deadline}${flag}`;
}

/** One labelled field of a form: the label above, the control below. */
export const field = (label: string, control: SafeHtml, opts: { required?: boolean; wide?: boolean; hint?: string } = {}) =>
  // The hint sits outside the label, so the field's name is its label alone.
  html`<div class="field${opts.wide ? ' wide' : ''}"><label><span${opts.required ? html` class="req"` : ''}>${label}</span>${control}</label>${opts.hint ? html`<small>${opts.hint}</small>` : ''}</div>`;

export function listsBody(d: ListsData): SafeHtml {
  const base = `/console/campaigns/${encodeURIComponent(d.campaignId)}/items`;
  const itemPath = (i: ItemDoc, action = '') => `${base}/${encodeURIComponent(i.id)}${action}`;
  const problems = d.items.filter((i) => i.list === 'problem');
  const tasks = d.items.filter((i) => i.list === 'task');
  const effects = d.items.filter((i) => i.list === 'effect' && i.status === 'closed');
  const title = (id: string) => d.items.find((i) => i.id === id)?.title ?? d.opinions.find((o) => o.id === id)?.content ?? id;
  const name = (id: string | null) => (id ? (d.members.find((m) => m.id === id)?.name ?? '') : '');
  const rowClass = (i: ItemDoc) => (isOverdue(i, d.today) ? 'overdue' : isDueSoon(i, d.today) ? 'due-soon' : '');
  const tasksOf = (p: ItemDoc) => tasks.filter((t) => t.sourceItemIds.includes(p.id));

  const closeOrReopen = (i: ItemDoc) =>
    i.status === 'closed'
      ? html`<a class="button danger" href="${itemPath(i, '/reopen')}">撤销销号</a>`
      : i.status === 'done'
        ? html`<a class="button primary" href="${itemPath(i, '/close')}">销号…</a>`
        : '';

  const filesOf = (i: ItemDoc) => d.files?.get(i.id) ?? [];
  const evidenceFiles = (i: ItemDoc) =>
    html`<dt>佐证文件</dt><dd>${filesOf(i).length ? filesOf(i).map((f) => html`<a href="${itemPath(i, `/files/${encodeURIComponent(f.id)}`)}">${f.name}</a>　`) : '—'}</dd>`;
  const uploadForm = (i: ItemDoc) =>
    i.status === 'closed'
      ? ''
      : html`<form class="card" method="post" action="${itemPath(i, '/files')}" enctype="multipart/form-data">${csrfField(d.csrf)}
<div class="fields">${field('上传佐证材料', html`<input type="file" name="file" required accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx">`, { wide: true, hint: 'PDF、JPG、PNG、Word（docx）、Excel（xlsx），每个不超过 20 MB' })}</div>
<div class="actions"><button type="submit">上传</button></div></form>`;

  const progressForm = (i: ItemDoc) =>
    html`<form class="card" method="post" action="${itemPath(i, '/progress')}">${csrfField(d.csrf)}
<div class="fields">
${field('整改进展', html`<textarea name="progress" rows="2">${i.progress}</textarea>`, { wide: true })}
${field('状态', html`<select name="status">${(['open', 'in_progress', 'done'] as const).map((s) => html`<option value="${s}" ${s === i.status ? 'selected' : ''}>${STATUS_LABELS[s]}</option>`)}</select>`)}
${field('佐证材料', html`<textarea name="evidence" rows="2">${i.evidence}</textarea>`, { wide: true, hint: '标记“已完成待销号”时必填' })}
</div><div class="actions"><button type="submit">保存进展</button></div></form>`;

  const problemDetail = (p: ItemDoc) => {
    const own = tasksOf(p);
    return html`<details><summary>详情</summary><dl class="detail">
<dt>具体表现</dt><dd>${p.description || '—'}</dd>
<dt>整改目标</dt><dd>${p.target || '—'}</dd>
<dt>问题来源</dt><dd>${p.source ?? ''}${p.sourceItemIds.length ? html`：${p.sourceItemIds.map(title).join('；')}` : ''}</dd>
<dt>责任领导 / 部门</dt><dd>${p.responsibleLeader || '—'} / ${p.responsibleUnit || '—'}</dd>
<dt>整改措施</dt><dd>${own.length ? own.map((t) => html`${t.title}（${STATUS_LABELS[t.status]}）\n`) : '尚未制定'}</dd>
${p.status === 'closed' ? html`<dt>销号</dt><dd>${dayOf(p.closedAt, d.timeZone)}；佐证：${p.evidence}</dd>` : ''}
${evidenceFiles(p)}
</dl>${p.status !== 'closed' && own.length === 0 ? progressForm(p) : ''}${uploadForm(p)}</details>`;
  };

  const taskDetail = (t: ItemDoc) =>
    html`<details><summary>详情与进展</summary><dl class="detail">
<dt>整改目标</dt><dd>${t.target || '—'}</dd>
<dt>整改进展</dt><dd>${t.progress || '—'}</dd>
<dt>佐证材料</dt><dd>${t.evidence || '—'}</dd>
${t.status === 'closed' ? html`<dt>销号</dt><dd>${dayOf(t.closedAt, d.timeZone)}</dd><dt>整改成效</dt><dd>${t.effect}</dd>` : ''}
${evidenceFiles(t)}
</dl>${t.status !== 'closed' ? progressForm(t) : ''}${uploadForm(t)}</details>`;

  const problemOptions = problems.filter((p) => p.status !== 'closed');
  const categoryOptions = d.categories.length
    ? html`<select name="category"><option value="">（请选择）</option>${d.categories.map((c) => html`<option value="${c}">${c}</option>`)}</select>`
    : html`<input name="category" maxlength="50">`;

  return html`${campaignTabs(d.campaignId, '/lists')}
<h2 id="problems">问题清单（${problems.length}）</h2>
${
  problems.length
    ? html`<div class="table-wrap"><table aria-labelledby="problems"><thead><tr><th scope="col">问题</th><th scope="col">类别</th><th scope="col">来源</th><th scope="col">完成时限</th><th scope="col">状态</th><th scope="col">操作</th></tr></thead><tbody>
${problems.map(
  (
    p,
  ) => html`<tr class="${rowClass(p)}" data-item="${p.id}"><td>${p.title}${problemDetail(p)}</td><td>${p.category}</td><td>${p.source ?? ''}</td><td>${deadlineCell(p, d.today)}</td>
<td class="status-cell">${statusPill(p.status)}${tasksOf(p).length ? html`<br><small>随整改任务</small>` : ''}</td>
<td><div class="row-actions">${p.status !== 'closed' ? html`<a class="button" href="?problem=${encodeURIComponent(p.id)}#new-task">添加整改任务</a>` : ''}<a class="button" href="${itemPath(p, '/edit')}">编辑</a>${closeOrReopen(p)}</div></td></tr>`,
)}
</tbody></table></div>`
    : html`<div class="empty"><strong>还没有问题。</strong>可在“意见合并审核”中把意见转为问题，或在下方新增查摆出的问题。</div>`
}
<form class="card" id="new-problem" method="post" action="${base}" aria-labelledby="new-problem-title">${csrfField(d.csrf)}<input type="hidden" name="list" value="problem">
<h3 id="new-problem-title">新增问题</h3>
<div class="fields">
${field('问题', html`<input name="title" required maxlength="500">`, { required: true, wide: true })}
${field('类别', categoryOptions)}
${field(
  '来自意见',
  html`<select name="sourceItemIds"><option value="">（查摆问题，无对应意见）</option>${d.opinions.map((o) => html`<option value="${o.id}">${o.content.slice(0, 40)}（${o.mentions}次）</option>`)}</select>`,
)}
${field('具体表现', html`<textarea name="description" rows="2" maxlength="10000"></textarea>`, { wide: true })}
${field('整改目标', html`<input name="target" maxlength="2000">`, { wide: true })}
${field('责任领导', html`<input name="responsibleLeader" maxlength="100">`)}
${field('责任部门', html`<input name="responsibleUnit" maxlength="200">`)}
${field('完成时限', html`<input type="date" name="deadline">`)}
</div><div class="actions"><button class="primary" type="submit">添加问题</button></div></form>

<h2 id="tasks">任务清单（${tasks.length}）</h2>
${
  tasks.length
    ? html`<div class="table-wrap"><table aria-labelledby="tasks"><thead><tr><th scope="col">整改措施</th><th scope="col">对应问题</th><th scope="col">责任领导 / 部门 / 责任人</th><th scope="col">完成时限</th><th scope="col">状态</th><th scope="col">操作</th></tr></thead><tbody>
${tasks.map(
  (
    t,
  ) => html`<tr class="${rowClass(t)}" data-item="${t.id}"><td>${t.title}${taskDetail(t)}</td><td>${t.sourceItemIds.map(title).join('；')}</td><td>${t.responsibleLeader} / ${t.responsibleUnit} / ${name(t.assigneeId) || html`<span class="muted">未指定</span>`}</td><td>${deadlineCell(t, d.today)}</td>
<td class="status-cell">${statusPill(t.status)}</td><td><div class="row-actions"><a class="button" href="${itemPath(t, '/edit')}">编辑</a>${closeOrReopen(t)}</div></td></tr>`,
)}
</tbody></table></div>`
    : html`<div class="empty"><strong>还没有整改任务。</strong>${problems.length ? '为问题制定整改措施：在下方填写，或在问题一行点“添加整改任务”。' : '先新增问题，再为它制定整改措施。'}</div>`
}
${
  problemOptions.length
    ? html`<form class="card" id="new-task" method="post" action="${base}" aria-labelledby="new-task-title">${csrfField(d.csrf)}<input type="hidden" name="list" value="task">
<h3 id="new-task-title">新增整改任务</h3>
<div class="fields">
${field('整改措施', html`<input name="title" required maxlength="500">`, { required: true, wide: true })}
${field('对应问题', html`<select name="sourceItemIds" required>${problemOptions.map((p) => html`<option value="${p.id}" ${p.id === d.forProblem ? 'selected' : ''}>${p.title.slice(0, 40)}</option>`)}</select>`, { required: true, wide: true })}
${field('整改目标', html`<input name="target" maxlength="2000">`, { wide: true })}
${field('责任领导', html`<input name="responsibleLeader" required maxlength="100">`, { required: true })}
${field('责任部门', html`<input name="responsibleUnit" required maxlength="200">`, { required: true })}
${field(
  '责任人',
  html`<select name="assigneeId" required><option value="">（请选择）</option>${d.members.map((m) => html`<option value="${m.id}">${m.name}（${m.unit}）</option>`)}</select>`,
  { required: true, hint: '责任人在浏览器扩展中看到并更新这项任务' },
)}
${field('完成时限', html`<input type="date" name="deadline" required>`, { required: true })}
</div><div class="actions"><button class="primary" type="submit">添加整改任务</button></div></form>`
    : ''
}

<h2 id="effects">效果清单（${effects.length}）</h2>
${
  effects.length
    ? html`<div class="table-wrap"><table aria-labelledby="effects"><thead><tr><th scope="col">整改措施</th><th scope="col">整改成效</th><th scope="col">佐证材料</th><th scope="col">销号日期</th></tr></thead><tbody>
${effects.map((e) => html`<tr data-item="${e.id}"><td>${e.title}</td><td>${e.effect || e.description}</td><td>${e.evidence}</td><td>${dayOf(e.closedAt ?? e.createdAt, d.timeZone)}</td></tr>`)}
</tbody></table></div>`
    : html`<div class="empty"><strong>还没有整改成效。</strong>整改任务销号时填写的整改成效会列在这里，并进入效果清单导出。</div>`
}`;
}
