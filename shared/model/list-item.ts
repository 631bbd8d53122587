/**
 * The three lists (三张清单): 问题清单 problems, 任务清单 tasks (整改措施), 效果清单 effects.
 * Status runs open → in_progress → done → closed (销号); closing needs evidence and an admin.
 */
import { z } from 'zod';
import { DateSchema, IdSchema, text } from './ids';

export const LIST_KINDS = ['problem', 'task', 'effect'] as const;
export type ListKind = (typeof LIST_KINDS)[number];
/** Each list's name, as the office's documents say it. */
export const LIST_LABELS: Record<ListKind, string> = { problem: '问题清单', task: '任务清单', effect: '效果清单' };
/** What one entry of each list is called (操作日志: 新增问题, 销号整改任务…). */
export const LIST_ITEM_NAMES: Record<ListKind, string> = { problem: '问题', task: '整改任务', effect: '整改成效' };

import { ITEM_STATUSES, type ItemStatus } from './item-status';
export * from './item-status';

export const ListItemSchema = z.object({
  id: IdSchema,
  campaignId: IdSchema,
  list: z.enum(LIST_KINDS),
  title: text(500),
  description: text(10_000),
  category: text(50),
  /** For problems: opinion-group ids; for tasks: the problem id(s); for effects: the task id(s). */
  sourceItemIds: z.array(IdSchema).max(1000),
  /** 问题来源, e.g. 意见建议 / 查摆 / 上级反馈. */
  source: text(100).optional(),
  responsibleLeader: text(100),
  responsibleUnit: text(200),
  assigneeId: IdSchema.nullable(),
  /** 整改目标/标准: what "done" means for a problem or task (one of the "五个明确"). */
  target: text(2000),
  deadline: DateSchema.nullable(),
  progress: text(5000),
  status: z.enum(ITEM_STATUSES),
  evidence: text(5000),
  effect: text(5000),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable().optional(),
  closedBy: IdSchema.nullable().optional(),
});
export type ListItem = z.infer<typeof ListItemSchema>;

/** The fields an assignee may change on their own task from the sidebar (via sync push, entity `item`). */
export const ASSIGNEE_EDITABLE_ITEM_FIELDS = ['progress', 'status', 'evidence'] as const;
/** Statuses an assignee may set; `closed` (销号) is the office's alone. */
export const ASSIGNEE_SETTABLE_STATUSES: readonly ItemStatus[] = ['in_progress', 'done'];
