/**
 * One status vocabulary for the three lists, read the same in the sidebar, the console, the exports
 * and error messages; and one reading of "overdue" and "due soon". Plain constants and pure
 * functions without zod, so the sidebar's first paint can use them. `list-item.ts` re-exports them.
 *
 * Dates are YYYY-MM-DD; `today` must come from shared/calendar.ts in the deployment's time zone.
 */
import { addDays } from '../calendar';

export const ITEM_STATUSES = ['open', 'in_progress', 'done', 'closed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** The words of the 问题清单 / 任务清单 / 效果清单 templates (DOMAIN.md): 整改中, 已完成待销号, 已销号. */
export const STATUS_LABELS: Record<ItemStatus, string> = { open: '未开始', in_progress: '整改中', done: '已完成待销号', closed: '已销号' };

/** The label of a status as stored, or the raw value when it is not one we know (an older or newer server). */
export function statusLabel(status: unknown): string {
  return typeof status === 'string' && Object.hasOwn(STATUS_LABELS, status) ? STATUS_LABELS[status as ItemStatus] : String(status ?? '');
}

/** Work still to do: not yet reported done and not closed. */
export function isOpenStatus(status: unknown): boolean {
  return status === 'open' || status === 'in_progress';
}

export interface Deadlined {
  status?: unknown;
  deadline?: unknown;
}

/** Still open and the deadline is before today. */
export function isOverdue(item: Deadlined, today: string): boolean {
  return isOpenStatus(item.status) && typeof item.deadline === 'string' && item.deadline < today;
}

/** Still open, not overdue, and the deadline falls within `days` of today. */
export function isDueSoon(item: Deadlined, today: string, days = 7): boolean {
  return isOpenStatus(item.status) && typeof item.deadline === 'string' && item.deadline >= today && item.deadline <= addDays(today, days);
}

/** Said wherever "done" is reported without evidence (sidebar and server alike). */
export const DONE_NEEDS_EVIDENCE = '标记完成须填写整改佐证材料';

/** Said wherever an assignee tries a status that is not theirs to set (sidebar and server alike). */
export const ASSIGNEE_STATUS_RULE = `责任人只能把状态改为“${STATUS_LABELS.in_progress}”或“${STATUS_LABELS.done}”，销号由工作专班确认`;
