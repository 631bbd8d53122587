/** How a task item reads to its assignee: open or not, overdue or not. Pure. */
export interface TaskLike {
  assigneeId?: unknown;
  status?: unknown;
  deadline?: unknown;
  list?: unknown;
}

export function isOpenStatus(status: unknown): boolean {
  return status === 'open' || status === 'in_progress';
}

/** Overdue: still open and the deadline (YYYY-MM-DD) is before today. */
export function isOverdue(item: TaskLike, today: string): boolean {
  return isOpenStatus(item.status) && typeof item.deadline === 'string' && item.deadline < today;
}

export function countMyTasks(items: TaskLike[], userId: string | null, today: string): { open: number; overdue: number } {
  const mine = items.filter((i) => userId !== null && i.assigneeId === userId && isOpenStatus(i.status));
  return { open: mine.length, overdue: mine.filter((i) => isOverdue(i, today)).length };
}
