/** 问题清单, 任务清单 and 效果清单 as the rectification ledgers lay them out (DOMAIN.md). */
import { dayOf } from '../../../shared/calendar';
import { STATUS_LABELS } from '../../../shared/model/item-status';
import type { ItemRef } from '../../reports/campaign-queries';
import type { ItemDoc } from '../../store/store';
import type { Column, Sheet } from '../sheet';
import { sheetHeading, type ExportHeading } from './heading';
import type { StatusFilter } from './status-split';

/** The items a sheet lists: read once per sheet, as the rows are written (a store scan), or an array. */
export type ItemSource = Iterable<ItemDoc> | AsyncIterable<ItemDoc>;

export interface ItemExportContext {
  heading: ExportHeading;
  /** Every item of the campaign, to name what an item points back to (titles and sources only). */
  byId: ReadonlyMap<string, ItemRef>;
  /** User id → name, for 责任人. */
  names: ReadonlyMap<string, string>;
  /** Opinion group id → its words, for 问题来源. */
  opinions: ReadonlyMap<string, string>;
  /** Item id → the names of its 佐证材料 files (not deleted), in upload order. */
  evidenceFiles?: ReadonlyMap<string, readonly string[]>;
}

/**
 * 佐证材料 as the ledger writes it: the evidence text, then the files by name —
 * “现场照片已上传；附件：整改报告.pdf、现场.jpg”. An effect carries its own and its tasks' files.
 */
export function evidenceCell(ctx: ItemExportContext, item: Pick<ItemDoc, 'id' | 'evidence'>, alsoOf: readonly string[] = []): string {
  const names = [...new Set([item.id, ...alsoOf].flatMap((id) => ctx.evidenceFiles?.get(id) ?? []))];
  return [item.evidence.trim(), names.length ? `附件：${names.join('、')}` : ''].filter(Boolean).join('；');
}

/**
 * A cell with the 佐证材料 as its last paragraph: the 任务清单 carries it under 整改进展, the 效果清单
 * under 整改成效. Not a column of its own: one more column narrows every column of sentences on
 * the printed A4 page (the 任务清单 went from 11 pages to 13 for fifty tasks, and a sixth column
 * would turn the 效果清单 landscape).
 */
export function withEvidence(text: string, evidence: string): string {
  return [text, evidence ? `佐证材料：${evidence}` : ''].filter(Boolean).join('\n');
}

/** A list's sheet whole, or the part a status filter selects (新增问题清单, 推进落实中…). */
function listPart(ctx: ItemExportContext, label: string, items: ItemSource, filter: StatusFilter | undefined) {
  const heading = filter ? sheetHeading(ctx.heading, `${label}-${filter.tab}`, `${filter.title}${label}`) : sheetHeading(ctx.heading, label);
  async function* chosen(): AsyncGenerator<ItemDoc> {
    for await (const i of items) if (!filter || filter.statuses.has(i.status)) yield i;
  }
  return { heading, items: chosen() };
}

/** Each problem's 整改措施: the titles of the tasks made for it, in the order they were added. */
function measuresByProblem(byId: ReadonlyMap<string, ItemRef>): Map<string, string[]> {
  const measures = new Map<string, string[]>();
  const tasks = [...byId.values()].filter((i) => i.list === 'task').sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  for (const t of tasks) for (const problemId of t.sourceItemIds) measures.set(problemId, [...(measures.get(problemId) ?? []), t.title]);
  return measures;
}

const titlesOf = (ids: readonly string[], byId: ReadonlyMap<string, { title: string }>) =>
  ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!.title] : [])).join('；');

/** 问题清单's columns: the "五个明确" (问题内容, 责任主体, 整改目标, 整改措施, 完成时限) and where it stands. */
export const PROBLEM_COLUMNS: Column[] = [
  { header: '问题描述', width: 36, kind: 'text' },
  { header: '具体表现', width: 36, kind: 'text' },
  { header: '类别', width: 12, kind: 'text' },
  { header: '问题来源', width: 30, kind: 'text' },
  { header: '整改目标', width: 30, kind: 'text' },
  { header: '整改措施', width: 36, kind: 'text' },
  { header: '责任领导', width: 12, kind: 'text' },
  { header: '责任部门', width: 16, kind: 'text' },
  { header: '完成时限', width: 12, kind: 'date' },
  { header: '完成情况', width: 12, kind: 'text' },
  { header: '是否销号', width: 10, kind: 'text' },
];

export function problemsSheet(ctx: ItemExportContext, all: ItemSource, filter?: StatusFilter): Sheet {
  const { heading, items } = listPart(ctx, '问题清单', all, filter);
  const measures = measuresByProblem(ctx.byId);
  return {
    ...heading,
    columns: PROBLEM_COLUMNS,
    rows: (async function* () {
      for await (const p of items) {
        const fromOpinions = p.sourceItemIds.flatMap((id) => (ctx.opinions.has(id) ? [ctx.opinions.get(id)!] : [])).join('；');
        const steps = measures.get(p.id) ?? [];
        yield [
          p.title,
          p.description,
          p.category,
          [p.source ?? '', fromOpinions].filter(Boolean).join('：'),
          p.target,
          steps.length > 1 ? steps.map((step, i) => `${i + 1}. ${step}`).join('\n') : (steps[0] ?? ''),
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
  { header: '整改目标', width: 30, kind: 'text' },
  { header: '责任领导', width: 12, kind: 'text' },
  { header: '责任部门', width: 16, kind: 'text' },
  { header: '责任人', width: 10, kind: 'text' },
  { header: '完成时限', width: 12, kind: 'date' },
  { header: '整改进展', width: 36, kind: 'text' },
  { header: '完成情况', width: 12, kind: 'text' },
  { header: '是否销号', width: 10, kind: 'text' },
  { header: '销号日期', width: 12, kind: 'date' },
];

export function tasksSheet(ctx: ItemExportContext, all: ItemSource, filter?: StatusFilter): Sheet {
  const { heading, items } = listPart(ctx, '任务清单', all, filter);
  return {
    ...heading,
    columns: TASK_COLUMNS,
    rows: (async function* () {
      for await (const t of items) {
        yield [
          titlesOf(t.sourceItemIds, ctx.byId),
          t.title,
          t.target,
          t.responsibleLeader,
          t.responsibleUnit,
          t.assigneeId ? (ctx.names.get(t.assigneeId) ?? '') : '',
          t.deadline,
          withEvidence(t.progress, evidenceCell(ctx, t)),
          STATUS_LABELS[t.status],
          t.status === 'closed' ? '是' : '否',
          dayOf(t.closedAt, ctx.heading.timeZone),
        ];
      }
    })(),
  };
}

export function effectsSheet(ctx: ItemExportContext, all: ItemSource, filter?: StatusFilter): Sheet {
  const { heading, items } = listPart(ctx, '效果清单', all, filter);
  return {
    ...heading,
    columns: [
      { header: '整改措施', width: 36, kind: 'text' },
      { header: '整改成效', width: 44, kind: 'text' },
      { header: '对应问题', width: 36, kind: 'text' },
      { header: '责任部门', width: 16, kind: 'text' },
      { header: '销号日期', width: 12, kind: 'date' },
    ],
    rows: (async function* () {
      for await (const e of items) {
        const tasks = e.sourceItemIds.flatMap((id) => (ctx.byId.has(id) ? [ctx.byId.get(id)!] : []));
        const problems = [...new Set(tasks.flatMap((t) => t.sourceItemIds))];
        yield [
          titlesOf(e.sourceItemIds, ctx.byId) || e.title,
          withEvidence(e.effect || e.description, evidenceCell(ctx, e, e.sourceItemIds)),
          titlesOf(problems, ctx.byId),
          e.responsibleUnit,
          dayOf(e.closedAt ?? e.createdAt, ctx.heading.timeZone),
        ];
      }
    })(),
  };
}
