/**
 * What a task card shows: the server's `/me/tasks` line with the local store's copy of the item on
 * top — my saved progress the moment I save it (pending until the server has it), and what the
 * office set since (销号 date, 整改成效) as soon as a pull brings it. Pure.
 */
import { dayOf } from '../../shared/calendar';
import { ITEM_STATUSES, isDueSoon, isOverdue } from '../../shared/model/item-status';
import { EVIDENCE_MAX_BYTES, EVIDENCE_RULE, formatBytes } from '../../shared/model/evidence-rules';
import type { MyTask } from '../../shared/model/my-tasks';
import type { LocalItem, OutboxMutation } from '../storage/stored-shapes';

export interface ShownTask extends MyTask {
  /** Changes to this item not yet acknowledged by the server. */
  pending: boolean;
  /** The day the office closed it (销号), in the server's zone. */
  closedOn: string | null;
  /** 整改成效, as the office wrote it. */
  effect: string;
}

const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);

export function taskAsShown(task: MyTask, item: LocalItem | undefined, outbox: readonly OutboxMutation[], today: string, timeZone: string): ShownTask {
  const f = item?.fields ?? {};
  const status = (ITEM_STATUSES as readonly unknown[]).includes(f.status) ? (f.status as MyTask['status']) : task.status;
  // The office may restate the 整改目标 after assigning; a pull brings the new one before /me/tasks does.
  const shown = { ...task, status, progress: text(f.progress, task.progress), evidence: text(f.evidence, task.evidence), target: text(f.target, task.target) };
  return {
    ...shown,
    overdue: isOverdue(shown, today),
    dueSoon: isDueSoon(shown, today),
    pending: outbox.some((m) => m.entity === 'item' && m.entityId === task.id),
    closedOn: status === 'closed' && typeof f.closedAt === 'string' ? dayOf(f.closedAt, timeZone) || null : null,
    effect: text(f.effect, ''),
  };
}

/** Why a chosen 佐证材料 file cannot go (empty, over 20 MB) before it is read and sent; the server judges the type. */
export function evidenceFileProblem(file: { size: number }): string | null {
  if (file.size === 0) return `所选文件是空的。${EVIDENCE_RULE}`;
  if (file.size > EVIDENCE_MAX_BYTES) return `文件过大（${formatBytes(file.size)}）：${EVIDENCE_RULE}`;
  return null;
}

/** Base64 of bytes, in slices (a 20 MB file as one spread would overflow the call stack). */
export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
