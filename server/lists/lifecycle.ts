/**
 * The rules of the three lists: who may move an item to which status. Pure: the routes load the
 * item, ask here, and write the answer with its audit entry in one transaction.
 *
 * open → in_progress → done → closed (销号). Closing needs evidence and an admin; an admin may send
 * a done item back to in_progress when the evidence does not hold; a closed item stays closed.
 */
import { DONE_NEEDS_EVIDENCE, STATUS_LABELS, type ItemStatus } from '../../shared/model/item-status';
import type { ItemDoc } from '../store/store';

export class ListRuleError extends Error {
  constructor(
    readonly status: 400 | 403 | 409,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export { STATUS_LABELS, isDueSoon, isOverdue } from '../../shared/model/item-status';

const ALLOWED: Record<ItemStatus, readonly ItemStatus[]> = {
  open: ['in_progress', 'done'],
  in_progress: ['done'],
  done: ['in_progress', 'closed'],
  closed: [],
};

export type Actor = { id: string; role: 'admin' | 'member' };

/** Checks a status change; throws ListRuleError with a Chinese message when it is not allowed. */
export function checkTransition(item: Pick<ItemDoc, 'status' | 'evidence' | 'assigneeId'>, to: ItemStatus, actor: Actor, evidence: string): void {
  if (item.status === to) return;
  if (item.status === 'closed') throw new ListRuleError(409, '该事项已销号，不能再修改状态', 'status');
  if (!ALLOWED[item.status].includes(to)) {
    throw new ListRuleError(409, `不能从“${STATUS_LABELS[item.status]}”改为“${STATUS_LABELS[to]}”`, 'status');
  }
  if (to === 'closed') {
    if (actor.role !== 'admin') throw new ListRuleError(403, '销号须由活动办公室管理员确认', 'status');
    if (evidence.trim() === '') throw new ListRuleError(400, '销号须提供整改佐证材料', 'evidence');
  }
  if (actor.role !== 'admin') {
    if (item.assigneeId !== actor.id) throw new ListRuleError(403, '只有责任人可以更新该事项', 'status');
    // Sending done back to in_progress is the office's rejection, not the assignee's.
    if (item.status === 'done' && to === 'in_progress') throw new ListRuleError(403, '已提交的事项只能由管理员退回', 'status');
  }
}

/**
 * A progress report as a whole — the status it leaves and the evidence it leaves — from the REST
 * route or a sync push alike: the transition must be allowed, and an assignee's done item must
 * carry evidence (marking done without it, or clearing it afterwards, would send the office an
 * item it cannot 销号).
 */
export function checkProgress(item: Pick<ItemDoc, 'status' | 'evidence' | 'assigneeId'>, next: { status: ItemStatus; evidence: string }, actor: Actor): void {
  checkTransition(item, next.status, actor, next.evidence);
  if (actor.role !== 'admin' && next.status === 'done' && next.evidence.trim() === '') {
    throw new ListRuleError(400, DONE_NEEDS_EVIDENCE, 'evidence');
  }
}

/**
 * Whether this person may update this item at all, on either path (the REST route or a sync push):
 * the office may; otherwise only its assignee, while still a member of the campaign, and never once
 * it is closed (销号).
 */
export function checkItemAccess(campaign: { memberIds: readonly string[] }, item: Pick<ItemDoc, 'status' | 'assigneeId'>, actor: Actor): void {
  if (actor.role !== 'admin') {
    if (!campaign.memberIds.includes(actor.id)) throw new ListRuleError(403, '你已不是该活动的成员，不能再更新其中的事项');
    if (item.assigneeId !== actor.id) throw new ListRuleError(403, '只有责任人可以更新该事项');
  }
  if (item.status === 'closed') throw new ListRuleError(409, '该事项已销号，不能再修改');
}

/** An update as a whole, on either path: access, then the status and evidence it would leave. */
export function checkItemUpdate(
  campaign: { memberIds: readonly string[] },
  item: Pick<ItemDoc, 'status' | 'evidence' | 'assigneeId'>,
  actor: Actor,
  next: { status: ItemStatus; evidence: string },
): void {
  checkItemAccess(campaign, item, actor);
  if (next.status === 'closed') throw new ListRuleError(400, '销号请使用“确认销号”操作', 'status');
  checkProgress(item, next, actor);
}
