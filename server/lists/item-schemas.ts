/** Request bodies of the list routes, checked at the edge. */
import { z } from 'zod';
import { DateSchema, IdSchema, text } from '../../shared/model/ids';
import { ITEM_STATUSES, LIST_KINDS } from '../../shared/model/list-item';

const editable = {
  title: text(500).trim().min(1, '不能为空'),
  description: text(10_000),
  category: text(50),
  source: text(100),
  responsibleLeader: text(100),
  responsibleUnit: text(200),
  assigneeId: IdSchema.nullable(),
  target: text(2000),
  deadline: DateSchema.nullable(),
};

export const CreateItemSchema = z
  .object({
    list: z.enum(LIST_KINDS, { errorMap: () => ({ message: '清单应为 problem、task 或 effect' }) }),
    sourceItemIds: z.array(IdSchema).max(1000).default([]),
    effect: text(5000).optional(),
    ...editable,
    description: editable.description.default(''),
    category: editable.category.default(''),
    responsibleLeader: editable.responsibleLeader.default(''),
    responsibleUnit: editable.responsibleUnit.default(''),
    assigneeId: editable.assigneeId.default(null),
    target: editable.target.default(''),
    deadline: editable.deadline.default(null),
    source: editable.source.optional(),
  })
  .strict()
  // A task is a commitment: who answers for it and by when (the "五个明确").
  .superRefine((v, ctx) => {
    if (v.list !== 'task') return;
    if (!v.deadline) ctx.addIssue({ code: 'custom', path: ['deadline'], message: '整改任务须填写完成时限' });
    if (!v.responsibleLeader.trim()) ctx.addIssue({ code: 'custom', path: ['responsibleLeader'], message: '整改任务须填写责任领导' });
    if (!v.responsibleUnit.trim()) ctx.addIssue({ code: 'custom', path: ['responsibleUnit'], message: '整改任务须填写责任部门' });
  });

export const UpdateItemSchema = z
  .object({
    ...editable,
    sourceItemIds: z.array(IdSchema).max(1000),
    effect: text(5000),
    /** Required when the item is already 销号: the audit log keeps it. */
    reason: text(500),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).some((k) => k !== 'reason'), '没有要修改的字段');

export const ReopenSchema = z.object({ reason: text(500).trim().min(2, '请写明撤销销号的理由') }).strict();

export const ProgressSchema = z
  .object({
    progress: text(5000).optional(),
    evidence: text(5000).optional(),
    status: z.enum(ITEM_STATUSES, { errorMap: () => ({ message: '状态应为 open、in_progress、done 或 closed' }) }).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, '没有要更新的内容');

export const CloseSchema = z.object({ evidence: text(5000).optional(), effect: text(5000).optional() }).strict();

export const ItemQuerySchema = z.object({
  list: z.enum(LIST_KINDS, { errorMap: () => ({ message: '清单应为 problem、task 或 effect' }) }).optional(),
  view: z.enum(['overdue', 'due-soon'], { errorMap: () => ({ message: '视图应为 overdue 或 due-soon' }) }).optional(),
});
