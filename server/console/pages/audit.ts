/**
 * A campaign's audit log in the console: who changed what and when, newest first, read-only.
 * The store keeps action codes and raw documents; this page says them in the office's words —
 * Chinese actions and objects, and for a change only the fields it changed, by their Chinese names.
 */
import { dateTimeOf } from '../../../shared/calendar';
import type { AuditDoc, UserDoc } from '../../store/store';
import { STATUS_LABELS } from '../../../shared/model/item-status';
import { LIST_ITEM_NAMES } from '../../../shared/model/list-item';
import { SITE_RULE_FIELD_NAMES } from '../../../shared/model/site-rule-shape';
import { html, type SafeHtml } from '../html';
import { campaignTabs } from '../layout';
import { actionLabel, entityLabel } from '../../audit/audit-log';

/** Keeps the page readable: details past this length are cut (the full entry stays in the store and API). */
const DETAIL_CHARS = 300;

const FIELDS: Record<string, string> = {
  id: '编号',
  title: '标题',
  description: '描述',
  category: '类别',
  list: '清单',
  source: '来源',
  sourceItemIds: '对应事项',
  responsibleLeader: '责任领导',
  responsibleUnit: '责任单位',
  target: '整改目标',
  assigneeId: '责任人',
  deadline: '完成时限',
  progress: '整改进展',
  status: '状态',
  evidence: '佐证材料',
  effect: '整改成效',
  closedAt: '销号时间',
  closedBy: '销号人',
  createdAt: '创建时间',
  campaignId: '活动',
  content: '内容',
  groupId: '意见',
  recordIds: '记录',
  pinnedRecordIds: '归入的记录',
  excludedRecordIds: '移出的记录',
  kept: '保留',
  split: '拆出',
  name: '姓名',
  unit: '单位',
  role: '角色',
  template: '模板',
  year: '年度',
  stages: '环节',
  categories: '类别选项',
  channels: '渠道选项',
  fromGroups: '对象选项',
  oaOrigins: 'OA 站点',
  memberIds: '成员',
  obligations: '学习谈心要求',
  formerAssigneeIds: '曾任责任人',
  formerMemberIds: '原成员',
  studyMinutesPerStage: '每环节学习分钟数',
  reflectionsPerStage: '每环节心得篇数',
  reflectionMinChars: '心得最少字数',
  talksPerQuarter: '每季度谈心次数',
  siteRules: '站点读取规则',
  site: '站点',
  field: '字段',
  label: '标签',
  selector: '选择器',
  example: '示例',
  createdBy: '提交人',
  fromCampaignId: '来源活动',
  fromTitle: '来源活动名称',
  verdicts: '判断次数',
  terms: '调整的词数',
};

/** Bookkeeping every write touches; listing it would bury the change itself. */
const HIDDEN = new Set(['seq', 'stamps', 'updatedAt', 'updatedBy']);
/** Fields whose values are user ids, shown as names. */
const USER_FIELDS = new Set(['assigneeId', 'closedBy', 'memberIds', 'formerAssigneeIds', 'formerMemberIds', 'createdBy']);

const own = (table: Record<string, string>, key: string): string | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

type Names = (id: string) => string;

const isDoc = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStage = (v: unknown): v is { title: string; start: string; end: string } =>
  isDoc(v) && typeof v.title === 'string' && typeof v.start === 'string' && typeof v.end === 'string';

function valueText(field: string, v: unknown, name: Names): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (field === 'status' && typeof v === 'string') return own(STATUS_LABELS, v) ?? v;
  if (field === 'list' && typeof v === 'string') return own(LIST_ITEM_NAMES, v) ?? v;
  if (field === 'field' && typeof v === 'string') return own(SITE_RULE_FIELD_NAMES, v) ?? v;
  if (field === 'role') return v === 'admin' ? '管理员' : '成员';
  if (USER_FIELDS.has(field)) return Array.isArray(v) ? v.map((id) => name(String(id))).join('、') || '（无）' : name(String(v));
  if (Array.isArray(v))
    return (
      v.map((x) => (isStage(x) ? `${x.title}（${x.start} 至 ${x.end}）` : isDoc(x) ? `（${fieldsText(x, Object.keys(x), name)}）` : String(x))).join('、') ||
      '（无）'
    );
  if (typeof v === 'object') return fieldsText(v as Record<string, unknown>, Object.keys(v), name);
  return String(v);
}

function fieldsText(doc: Record<string, unknown>, keys: readonly string[], name: Names): string {
  return keys
    .filter((k) => !HIDDEN.has(k))
    .map((k) => `${own(FIELDS, k) ?? k}：${valueText(k, doc[k], name)}`)
    .join('；');
}

/** Before and after, as text: for a change of one document only the fields that changed. */
export function describeChange(entry: Pick<AuditDoc, 'before' | 'after' | 'action'>, name: Names): { before: string; after: string } {
  const { before, after } = entry;
  const cut = (s: string) => (s.length > DETAIL_CHARS ? `${s.slice(0, DETAIL_CHARS)}…` : s);
  if (isDoc(before) && isDoc(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    return { before: cut(fieldsText(before, keys, name)), after: cut(fieldsText(after, keys, name)) };
  }
  const side = (v: unknown, field: string) => (v === undefined ? '' : cut(isDoc(v) ? fieldsText(v, Object.keys(v), name) : valueText(field, v, name)));
  // Bare arrays in the log are member lists (campaign.members) or merged opinion ids (opinion.merge).
  const arrayField = entry.action === 'campaign.members' ? 'memberIds' : 'groupIds';
  return { before: side(before, arrayField), after: side(after, arrayField) };
}

export interface AuditFilter {
  actor?: string;
  /** An object's id: one item, opinion, user or the campaign. */
  entity?: string;
  action?: string;
}

export interface AuditData {
  campaignId: string;
  entries: readonly AuditDoc[];
  users: readonly UserDoc[];
  /** Object id → what the office calls it (an item's title, an opinion's words, a person's name). */
  objects: ReadonlyMap<string, string>;
  /** The deployment's zone (TZ_NAME); entries store UTC. */
  timeZone: string;
  filter: AuditFilter;
}

/** Newest first, filtered by person, object and action; every name in the office's words. */
export function auditBody(d: AuditData): SafeHtml {
  const name = (id: string) => (id === 'system' ? '系统' : (d.users.find((u) => u.id === id)?.name ?? id));
  const objectName = (id: string) => d.objects.get(id) ?? name(id);
  const sorted = [...d.entries].sort((a, b) => b.at.localeCompare(a.at) || b.seq - a.seq);
  const shown = sorted.filter(
    (e) =>
      (!d.filter.actor || e.actorId === d.filter.actor) &&
      (!d.filter.entity || e.entityId === d.filter.entity) &&
      (!d.filter.action || e.action === d.filter.action),
  );
  const actors = [...new Set(sorted.map((e) => e.actorId))];
  const actions = [...new Set(sorted.map((e) => e.action))];
  const base = `/console/campaigns/${encodeURIComponent(d.campaignId)}/audit`;
  const filtered = Boolean(d.filter.actor || d.filter.entity || d.filter.action);
  return html`${campaignTabs(d.campaignId, '/audit')}
<form class="card" method="get" action="${base}" aria-label="筛选操作日志"><div class="fields">
<label class="field"><span>操作人</span><select name="actor"><option value="">（全部）</option>${actors.map((a) => html`<option value="${a}" ${a === d.filter.actor ? 'selected' : ''}>${name(a)}</option>`)}</select></label>
<label class="field"><span>操作</span><select name="action"><option value="">（全部）</option>${actions.map((a) => html`<option value="${a}" ${a === d.filter.action ? 'selected' : ''}>${actionLabel(a)}</option>`)}</select></label>
${d.filter.entity ? html`<label class="field"><span>对象</span><select name="entity"><option value="${d.filter.entity}" selected>${objectName(d.filter.entity)}</option><option value="">（全部）</option></select></label>` : ''}
</div><div class="actions"><button type="submit">筛选</button>${filtered ? html`<a class="button" href="${base}">清除筛选</a>` : ''}</div></form>
<p>${filtered ? `筛选出 ${shown.length} 条，` : ''}共 ${sorted.length} 条操作记录（只读，不可修改）。</p>
${
  shown.length
    ? html`<div class="table-wrap"><table class="audit"><thead><tr><th scope="col">时间</th><th scope="col">操作人</th><th scope="col">操作</th><th scope="col">对象</th><th scope="col">修改前</th><th scope="col">修改后</th><th scope="col">理由</th></tr></thead><tbody>
${shown.map((e) => {
  const change = describeChange(e, name);
  return html`<tr data-action="${e.action}"><td>${dateTimeOf(e.at, d.timeZone)}</td><td>${name(e.actorId)}</td><td>${actionLabel(e.action)}</td><td>${entityLabel(e.entity)}：<a href="${base}?entity=${encodeURIComponent(e.entityId)}">${objectName(e.entityId).slice(0, 40)}</a></td><td><small>${change.before}</small></td><td><small>${change.after}</small></td><td>${e.reason ?? ''}</td></tr>`;
})}
</tbody></table></div>`
    : html`<div class="empty"><strong>${filtered ? '没有符合条件的操作记录。' : '还没有操作记录。'}</strong>活动中的每一次修改都会记在这里。</div>`
}`;
}
