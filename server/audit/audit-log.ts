/**
 * The audit log: every change the office or a member makes leaves an entry, written in the same
 * transaction as the change. Actions are a closed vocabulary — each names the entity it is about and
 * how the console says it — so a typo is a type error rather than an entry nobody can read.
 */
import { LIST_ITEM_NAMES, type ListKind } from '../../shared/model/list-item';
import { newId } from '../store/new-id';
import type { Transaction } from '../store/store';

type Entity = 'campaign' | 'group' | 'item' | 'user';
type ListVerb = 'create' | 'update' | 'progress' | 'close' | 'reopen' | 'follow';
/** A list change: `problem.create`, `task.close`, … */
export type ListAction = `${ListKind}.${ListVerb}`;

const FIXED_ACTIONS = {
  'campaign.create': { entity: 'campaign', label: '创建活动' },
  'campaign.members': { entity: 'campaign', label: '调整活动成员' },
  'campaign.settings': { entity: 'campaign', label: '修改活动设置' },
  // Site rules (campaigns/site-rules.ts): the entry is the campaign's, `before` / `after` the rule.
  'site_rule.propose': { entity: 'campaign', label: '提交站点读取规则' },
  'site_rule.share': { entity: 'campaign', label: '共享站点读取规则' },
  'site_rule.withdraw': { entity: 'campaign', label: '撤回站点读取规则' },
  'site_rule.reject': { entity: 'campaign', label: '不采纳站点读取规则' },
  'opinion.merge': { entity: 'group', label: '合并意见' },
  'opinion.split': { entity: 'group', label: '拆分意见' },
  'opinion.rename': { entity: 'group', label: '修改意见标题或类别' },
  // The suggestions "可能是同一问题" (opinions/opinion-review.ts): accepting merges, rejecting keeps them apart.
  'opinion.accept_suggestion': { entity: 'group', label: '采纳合并建议（是同一问题）' },
  'opinion.reject_suggestion': { entity: 'group', label: '不采纳合并建议（不是同一问题）' },
  // Another campaign's learnt grouping weights (opinions/shared-learning.ts): the entry is the receiving campaign's.
  'opinion.share_learning': { entity: 'group', label: '共享其他活动的分组经验' },
  'opinion.withdraw_learning': { entity: 'group', label: '撤回共享的分组经验' },
  'item.assignee_update': { entity: 'item', label: '责任人更新事项' },
  // Evidence files: the entry is the item's (entityId = item id), `after` names the file.
  'evidence.upload': { entity: 'item', label: '上传佐证材料' },
  'evidence.delete': { entity: 'item', label: '删除佐证材料' },
  'user.create': { entity: 'user', label: '新建用户' },
  'user.disable': { entity: 'user', label: '停用用户' },
  'user.enable': { entity: 'user', label: '启用用户' },
  'token.rotate': { entity: 'user', label: '更换令牌' },
  'token.revoke': { entity: 'user', label: '吊销令牌' },
} as const satisfies Record<string, { entity: Entity; label: string }>;

export type AuditAction = keyof typeof FIXED_ACTIONS | ListAction;

/** Each list verb as a phrase around the entry's name ({}): 新增问题, 更新问题进展, 撤销整改任务销号. */
const LIST_VERBS: Record<ListVerb, string> = {
  create: '新增{}',
  update: '修改{}',
  progress: '更新{}进展',
  close: '销号{}',
  reopen: '撤销{}销号',
  follow: '{}状态随整改任务更新',
};

const ENTITY_LABELS: Record<Entity | 'record', string> = { item: '清单事项', group: '意见', campaign: '活动', record: '记录', user: '用户' };

export const entityLabel = (entity: string): string => (Object.hasOwn(ENTITY_LABELS, entity) ? ENTITY_LABELS[entity as Entity] : entity);

const isFixed = (action: string): action is keyof typeof FIXED_ACTIONS => Object.hasOwn(FIXED_ACTIONS, action);

function entityOf(action: AuditAction): Entity {
  return isFixed(action) ? FIXED_ACTIONS[action].entity : 'item';
}

/** The action in the office's words; an unknown code (from an older version) is shown as it is. */
export function actionLabel(action: string): string {
  if (isFixed(action)) return FIXED_ACTIONS[action].label;
  const [list = '', verb = ''] = action.split('.');
  const listName = Object.hasOwn(LIST_ITEM_NAMES, list) ? LIST_ITEM_NAMES[list as ListKind] : undefined;
  const verbName = Object.hasOwn(LIST_VERBS, verb) ? LIST_VERBS[verb as ListVerb] : undefined;
  return listName && verbName ? verbName.replace('{}', listName) : action;
}

/** Who did something and when: every write that is audited takes one. */
export interface ActorOptions {
  /** The user id, or 'system' for the admin CLI and start-up. */
  actorId?: string;
  /** Epoch ms (injectable for tests). */
  now?: number;
}

export interface AuditEntry {
  actorId: string;
  campaignId?: string;
  action: AuditAction;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** Why, when the rules ask for one: 撤销销号, editing a closed item. */
  reason?: string;
}

/** Writes one entry inside `tx`; `at` is the change's own time, so the entry and the change agree. */
export async function writeAudit(tx: Transaction, entry: AuditEntry, at: string): Promise<void> {
  await tx.put('audit', auditDoc(entry, at));
}

/** The stored shape, for callers that must size it before writing (quotas). */
export function auditDoc(entry: AuditEntry, at: string) {
  return { id: newId('a'), at, entity: entityOf(entry.action), ...entry };
}
