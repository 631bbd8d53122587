/**
 * A campaign's audit log in the console: who changed what and when, newest first, read-only.
 * The store keeps action codes and raw documents; this page says them in the office's words —
 * Chinese actions and objects, and for a change only the fields it changed, by their Chinese names.
 */
import { dateTimeOf } from '../../../shared/calendar';
import type { AuditDoc, UserDoc } from '../../store/store';
import { STATUS_LABELS } from '../../../shared/model/item-status';
import { LIST_ITEM_NAMES } from '../../../shared/model/list-item';
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
};

/** Bookkeeping every write touches; listing it would bury the change itself. */
const HIDDEN = new Set(['seq', 'stamps', 'updatedAt', 'updatedBy']);
/** Fields whose values are user ids, shown as names. */
const USER_FIELDS = new Set(['assigneeId', 'closedBy', 'memberIds', 'formerAssigneeIds', 'formerMemberIds']);

const own = (table: Record<string, string>, key: string): string | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

type Names = (id: string) => string;

const isDoc = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStage = (v: unknown): v is { title: string; start: string; end: string } =>
  isDoc(v) && typeof v.title === 'string' && typeof v.start === 'string' && typeof v.end === 'string';

function valueText(field: string, v: unknown, name: Names): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (field === 'status' && typeof v === 'string') return own(STATUS_LABELS, v) ?? v;
  if (field === 'list' && typeof v === 'string') return own(LIST_ITEM_NAMES, v) ?? v;
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

/** Times are shown in the deployment's zone (`timeZone`, TZ_NAME); entries store UTC. */
export function auditBody(campaignId: string, entries: readonly AuditDoc[], users: readonly UserDoc[], timeZone: string): SafeHtml {
  const name = (id: string) => users.find((u) => u.id === id)?.name ?? id;
  const sorted = [...entries].sort((a, b) => b.at.localeCompare(a.at) || b.seq - a.seq);
  return html`${campaignTabs(campaignId)}
<p>共 ${sorted.length} 条操作记录（只读，不可修改）。</p>
<table class="audit"><thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>对象</th><th>修改前</th><th>修改后</th></tr></thead><tbody>
${sorted.map((e) => {
  const change = describeChange(e, name);
  return html`<tr data-action="${e.action}"><td>${dateTimeOf(e.at, timeZone)}</td><td>${name(e.actorId)}</td><td>${actionLabel(e.action)}</td><td>${entityLabel(e.entity)} <small>${e.entityId}</small></td><td><small>${change.before}</small></td><td><small>${change.after}</small></td></tr>`;
})}
</tbody></table>`;
}
