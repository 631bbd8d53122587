/**
 * Summary figures as the seeds report them ("征集…35条意见和建议", "共查摆问题31条, 制定整改措施40条"):
 * counted from the records and lists for any campaign and date range, never by hand.
 */
import type { OpinionItem } from '../opinions/opinion-items';
import type { ItemDoc, RecordDoc } from '../store/store';
import { inRange, numberField, reflectionLength, textField, type DateRange } from './record-fields';

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

function countsOf(m: ReadonlyMap<string, number>): Count[] {
  return [...m].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key, 'zh-Hans'));
}

const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '');

const bump = (m: Map<string, number>, v: string) => m.set(v || '未分类', (m.get(v || '未分类') ?? 0) + 1);

/**
 * What the figures count of a campaign's records, gathered one record at a time: the records can then be
 * read a batch at a time (`Store.scan`) and let go, and only counts and the opinions' ids are kept.
 */
export class RecordFigures {
  /** Live opinion records in the range: what the distinct count matches merged opinions against. */
  readonly opinionIds = new Set<string>();
  readonly byCategory = new Map<string, number>();
  readonly byChannel = new Map<string, number>();
  readonly byFromGroup = new Map<string, number>();
  studies = 0;
  minutes = 0;
  reflections = 0;
  reflectionChars = 0;
  readonly studyPeople = new Set<string>();
  talks = 0;

  constructor(readonly range: DateRange) {}

  add(r: RecordDoc): void {
    if (r.fields.deleted === true) return;
    const kind = r.fields.kind;
    if (kind === 'opinion' && inRange(textField(r, 'heardOn'), this.range)) {
      this.opinionIds.add(r.id);
      bump(this.byCategory, textField(r, 'category'));
      bump(this.byChannel, textField(r, 'channel'));
      bump(this.byFromGroup, textField(r, 'fromGroup'));
    } else if (kind === 'study' && inRange(textField(r, 'studiedOn'), this.range)) {
      this.studies++;
      this.minutes += numberField(r, 'minutes');
      const length = reflectionLength(textField(r, 'reflection'));
      if (length > 0) {
        this.reflections++;
        this.reflectionChars += length;
      }
      this.studyPeople.add(r.ownerId);
    } else if (kind === 'talk' && inRange(textField(r, 'talkedOn'), this.range)) this.talks++;
  }
}

export function summaryFigures(
  records: Iterable<RecordDoc>,
  items: readonly ItemDoc[],
  opinionItems: readonly OpinionItem[],
  range: DateRange,
  today: string,
): SummaryFigures {
  const counted = new RecordFigures(range);
  for (const r of records) counted.add(r);
  return figuresOf(counted, items, opinionItems, today);
}

/** The figures from the records' counts (RecordFigures), the campaign's items and its merged opinions. */
export function figuresOf(counted: RecordFigures, items: readonly ItemDoc[], opinionItems: readonly OpinionItem[], today: string): SummaryFigures {
  const { range } = counted;
  // Items count by the day they were created, so a range gives "found / set in this period".
  const inPeriod = items.filter((i) => inRange(day(i.createdAt), range));
  const problems = inPeriod.filter((i) => i.list === 'problem');
  const tasks = inPeriod.filter((i) => i.list === 'task');

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
      records: counted.opinionIds.size,
      distinct: opinionItems.filter((g) => g.recordIds.some((id) => counted.opinionIds.has(id))).length,
      byCategory: countsOf(counted.byCategory),
      byChannel: countsOf(counted.byChannel),
      byFromGroup: countsOf(counted.byFromGroup),
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
      sessions: counted.studies,
      minutes: counted.minutes,
      hours: Math.round((counted.minutes / 60) * 10) / 10,
      reflections: counted.reflections,
      reflectionChars: counted.reflectionChars,
      people: counted.studyPeople.size,
    },
    talks: { total: counted.talks },
    closureOverTime,
  };
}
