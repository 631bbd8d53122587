/** How a task item reads to its assignee: open or not, overdue or not. Pure; the rules are shared/model/item-status.ts. */
import { isOpenStatus, isOverdue } from '../../shared/model/item-status';

export interface TaskLike {
  assigneeId?: unknown;
  status?: unknown;
  deadline?: unknown;
  list?: unknown;
}

/** `today` is YYYY-MM-DD in the server's zone (shared/calendar.ts). */
export function countMyTasks(items: TaskLike[], userId: string | null, today: string): { open: number; overdue: number } {
  const mine = items.filter((i) => userId !== null && i.assigneeId === userId && isOpenStatus(i.status));
  return { open: mine.length, overdue: mine.filter((i) => isOverdue(i, today)).length };
}
