/**
 * Summary figures as the seeds report them ("征集…35条意见和建议", "共查摆问题31条, 制定整改措施40条"):
 * counted from the records and lists for any campaign and date range, never by hand.
 */
import type { OpinionItem } from '../opinions/opinion-items';
import type { ItemDoc, RecordDoc } from '../store/store';
import { inRange, liveOfKind, numberField, reflectionLength, textField, type DateRange } from './record-fields';

export interface Count {
  key: string;
  count: number;
}

export interface SummaryFigures {
  range: DateRange;
  opinions: {
    /** Opinion records captured (every mention). */
    records: number;
    /** Distinct opinions after merging near-duplicates. */
    distinct: number;
    byCategory: Count[];
    byChannel: Count[];
    byFromGroup: Count[];
  };
  problems: { total: number; fromOpinions: number; fromSelfExamination: number; closed: number };
  tasks: { total: number; closed: number; done: number; inProgress: number; open: number; overdue: number };
  effects: { total: number };
  study: { sessions: number; minutes: number; hours: number; reflections: number; reflectionChars: number; people: number };
  talks: { total: number };
  /** Tasks closed (销号) per day, cumulative: the closure-over-time chart. */
  closureOverTime: Array<{ date: string; closed: number; cumulative: number }>;
}

function countBy(values: Iterable<string>): Count[] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v || '未分类', (m.get(v || '未分类') ?? 0) + 1);
  return [...m].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key, 'zh-Hans'));
}

const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '');

export function summaryFigures(
  records: readonly RecordDoc[],
  items: readonly ItemDoc[],
  opinionItems: readonly OpinionItem[],
  range: DateRange,
  today: string,
): SummaryFigures {
  const opinions = liveOfKind(records, 'opinion').filter((r) => inRange(textField(r, 'heardOn'), range));
  const opinionIds = new Set(opinions.map((r) => r.id));
  const studies = liveOfKind(records, 'study').filter((r) => inRange(textField(r, 'studiedOn'), range));
  const talks = liveOfKind(records, 'talk').filter((r) => inRange(textField(r, 'talkedOn'), range));
  // Items count by the day they were created, so a range gives "found / set in this period".
  const inPeriod = items.filter((i) => inRange(day(i.createdAt), range));
  const problems = inPeriod.filter((i) => i.list === 'problem');
  const tasks = inPeriod.filter((i) => i.list === 'task');
  const minutes = studies.reduce((n, r) => n + numberField(r, 'minutes'), 0);
  const reflections = studies.map((r) => reflectionLength(textField(r, 'reflection'))).filter((n) => n > 0);

  const closedDays = items
    .filter((i) => i.list === 'task' && i.status === 'closed' && inRange(day(i.closedAt), range))
    .map((i) => day(i.closedAt))
    .sort();
  const closureOverTime: SummaryFigures['closureOverTime'] = [];
  for (const d of closedDays) {
    const last = closureOverTime[closureOverTime.length - 1];
    if (last && last.date === d) {
      last.closed++;
      last.cumulative++;
    } else closureOverTime.push({ date: d, closed: 1, cumulative: (last?.cumulative ?? 0) + 1 });
  }

  return {
    range,
    opinions: {
      records: opinions.length,
      distinct: opinionItems.filter((g) => g.recordIds.some((id) => opinionIds.has(id))).length,
      byCategory: countBy(opinions.map((r) => textField(r, 'category'))),
      byChannel: countBy(opinions.map((r) => textField(r, 'channel'))),
      byFromGroup: countBy(opinions.map((r) => textField(r, 'fromGroup'))),
    },
    problems: {
      total: problems.length,
      fromOpinions: problems.filter((p) => p.sourceItemIds.length > 0).length,
      fromSelfExamination: problems.filter((p) => p.sourceItemIds.length === 0).length,
      closed: problems.filter((p) => p.status === 'closed').length,
    },
    tasks: {
      total: tasks.length,
      closed: tasks.filter((t) => t.status === 'closed').length,
      done: tasks.filter((t) => t.status === 'done').length,
      inProgress: tasks.filter((t) => t.status === 'in_progress').length,
      open: tasks.filter((t) => t.status === 'open').length,
      overdue: tasks.filter((t) => t.status !== 'closed' && t.deadline !== null && t.deadline < today).length,
    },
    // An effect withdrawn by 撤销销号 waits for its task to be closed again.
    effects: { total: inPeriod.filter((i) => i.list === 'effect' && i.status === 'closed').length },
    study: {
      sessions: studies.length,
      minutes,
      hours: Math.round((minutes / 60) * 10) / 10,
      reflections: reflections.length,
      reflectionChars: reflections.reduce((a, b) => a + b, 0),
      people: new Set(studies.map((r) => r.ownerId)).size,
    },
    talks: { total: talks.length },
    closureOverTime,
  };
}
