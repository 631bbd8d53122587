/**
 * A problem's status follows its rectification tasks, so the 问题清单 never says 未开始 about a problem
 * whose only task was 销号 last week. Without tasks, the office sets it by hand as before.
 *
 * - every task 未开始 → 未开始;
 * - every task 销号 → 已完成待销号: the problem itself is closed by the office, which judges the
 *   problem as a whole (its own 销号 needs evidence like any other);
 * - anything between → 整改中.
 * A problem already 销号 keeps its status; 撤销销号 brings it back under this rule.
 */
import type { ItemStatus } from '../../shared/model/item-status';
import type { ItemDoc, Transaction } from '../store/store';
import { writeAudit } from '../audit/audit-log';

export function statusFromTasks(tasks: readonly Pick<ItemDoc, 'status'>[]): ItemStatus | null {
  if (tasks.length === 0) return null;
  if (tasks.every((t) => t.status === 'closed')) return 'done';
  if (tasks.every((t) => t.status === 'open')) return 'open';
  return 'in_progress';
}

/** The live tasks made for a problem, read inside the transaction. */
export async function tasksOf(tx: Transaction, problem: Pick<ItemDoc, 'id' | 'campaignId'>): Promise<ItemDoc[]> {
  return (await tx.find('items', { campaignId: problem.campaignId })).filter((i) => i.list === 'task' && i.sourceItemIds.includes(problem.id));
}

/**
 * After a task changed: each of `problemIds` takes the status its tasks give it, audited as the
 * system following the tasks (the change that caused it has its own entry by the person who made it).
 */
export async function followTasks(tx: Transaction, problemIds: Iterable<string>, at: string): Promise<void> {
  for (const id of new Set(problemIds)) {
    const problem = await tx.get('items', id);
    if (problem?.list !== 'problem' || problem.status === 'closed') continue;
    const status = statusFromTasks(await tasksOf(tx, problem));
    if (status === null || status === problem.status) continue;
    const { seq: _seq, ...before } = problem;
    const after = await tx.put('items', { ...before, status, updatedAt: at });
    await writeAudit(
      tx,
      {
        actorId: 'system',
        campaignId: problem.campaignId,
        action: 'problem.follow',
        entityId: id,
        before: { status: problem.status },
        after: { status: after.status },
      },
      at,
    );
  }
}
