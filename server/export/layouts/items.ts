/** 问题清单, 任务清单 and 效果清单 as the rectification ledgers lay them out (DOMAIN.md). */
import { dayOf } from '../../../shared/calendar';
import { STATUS_LABELS } from '../../../shared/model/item-status';
import type { ItemDoc } from '../../store/store';
import type { Column, Sheet } from '../sheet';
import { sheetHeading, type ExportHeading } from './heading';

export interface ItemExportContext {
  heading: ExportHeading;
  /** Every item of the campaign, to name what an item points back to. */
  byId: ReadonlyMap<string, ItemDoc>;
  /** User id → name, for 责任人. */
  names: ReadonlyMap<string, string>;
  /** Opinion group id → its words, for 问题来源. */
  opinions: ReadonlyMap<string, string>;
}

const titlesOf = (ids: readonly string[], byId: ReadonlyMap<string, { title: string }>) =>
  ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!.title] : [])).join('；');

export function problemsSheet(ctx: ItemExportContext, items: Iterable<ItemDoc>): Sheet {
  return {
    ...sheetHeading(ctx.heading, '问题清单'),
    columns: [
      { header: '问题描述', width: 40, kind: 'text' },
      { header: '具体表现', width: 40, kind: 'text' },
      { header: '类别', width: 12, kind: 'text' },
      { header: '问题来源', width: 30, kind: 'text' },
      { header: '责任领导', width: 12, kind: 'text' },
      { header: '责任部门', width: 16, kind: 'text' },
      { header: '完成时限', width: 12, kind: 'date' },
      { header: '完成情况', width: 12, kind: 'text' },
      { header: '是否销号', width: 10, kind: 'text' },
    ],
    rows: (function* () {
      for (const p of items) {
        const fromOpinions = p.sourceItemIds.flatMap((id) => (ctx.opinions.has(id) ? [ctx.opinions.get(id)!] : [])).join('；');
        yield [
          p.title,
          p.description,
          p.category,
          [p.source ?? '', fromOpinions].filter(Boolean).join('：'),
          p.responsibleLeader,
          p.responsibleUnit,
          p.deadline,
          STATUS_LABELS[p.status],
          p.status === 'closed' ? '是' : '否',
        ];
      }
    })(),
  };
}

/** 任务清单's columns, as the ledger template has them. */
export const TASK_COLUMNS: Column[] = [
  { header: '问题描述', width: 36, kind: 'text' },
  { header: '整改措施', width: 40, kind: 'text' },
  { header: '责任领导', width: 12, kind: 'text' },
  { header: '责任部门', width: 16, kind: 'text' },
  { header: '责任人', width: 10, kind: 'text' },
  { header: '完成时限', width: 12, kind: 'date' },
  { header: '整改进展', width: 36, kind: 'text' },
  { header: '完成情况', width: 12, kind: 'text' },
  { header: '是否销号', width: 10, kind: 'text' },
  { header: '销号日期', width: 12, kind: 'date' },
];

export function tasksSheet(ctx: ItemExportContext, items: Iterable<ItemDoc>): Sheet {
  return {
    ...sheetHeading(ctx.heading, '任务清单'),
    columns: TASK_COLUMNS,
    rows: (function* () {
      for (const t of items) {
        yield [
          titlesOf(t.sourceItemIds, ctx.byId),
          t.title,
          t.responsibleLeader,
          t.responsibleUnit,
          t.assigneeId ? (ctx.names.get(t.assigneeId) ?? '') : '',
          t.deadline,
          t.progress,
          STATUS_LABELS[t.status],
          t.status === 'closed' ? '是' : '否',
          dayOf(t.closedAt, ctx.heading.timeZone),
        ];
      }
    })(),
  };
}

export function effectsSheet(ctx: ItemExportContext, items: Iterable<ItemDoc>): Sheet {
  return {
    ...sheetHeading(ctx.heading, '效果清单'),
    columns: [
      { header: '整改措施', width: 36, kind: 'text' },
      { header: '整改成效', width: 44, kind: 'text' },
      { header: '对应问题', width: 36, kind: 'text' },
      { header: '责任部门', width: 16, kind: 'text' },
      { header: '销号日期', width: 12, kind: 'date' },
    ],
    rows: (function* () {
      for (const e of items) {
        const tasks = e.sourceItemIds.flatMap((id) => (ctx.byId.has(id) ? [ctx.byId.get(id)!] : []));
        const problems = [...new Set(tasks.flatMap((t) => t.sourceItemIds))];
        yield [
          titlesOf(e.sourceItemIds, ctx.byId) || e.title,
          e.effect || e.description,
          titlesOf(problems, ctx.byId),
          e.responsibleUnit,
          dayOf(e.closedAt ?? e.createdAt, ctx.heading.timeZone),
        ];
      }
    })(),
  };
}
